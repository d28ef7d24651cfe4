"""Every write to a bulletin issue leaves its audit row, in the same transaction."""

from unittest import mock

import pytest

from zhengxie.core.auditlabels import action_label
from zhengxie.core.models import AuditEvent
from zhengxie.opinions import services
from zhengxie.opinions.models import Bulletin


def _issue(p, flow, **kw):
    bulletin = Bulletin.objects.get(committee=p.committee, name="各界反映")
    return services.bulletin_issue_create(actor=flow.staff, bulletin=bulletin, title="本期", **kw)


def _events(issue, action):
    return AuditEvent.objects.filter(action=action, object_id=str(issue.pk))


def test_adding_an_item_to_a_bulletin_issue_is_audited(p, flow):
    issue, item = _issue(p, flow), flow.approved()
    services.bulletin_issue_add(actor=flow.staff, issue=issue, opinion=item)
    [event] = _events(issue, "bulletin.add")
    assert (event.actor, event.after, event.committee) == (
        flow.staff,
        {"opinion": item.pk},
        p.committee,
    )
    assert action_label("bulletin.add") == "编入本期"


def test_removing_an_item_from_a_bulletin_issue_is_audited(p, flow):
    item = flow.approved()
    issue = _issue(p, flow, opinions=[item])
    assert _events(issue, "bulletin.draft").get().after["items"] == [item.pk]
    services.bulletin_issue_remove(actor=flow.staff, issue=issue, opinion=item)
    services.bulletin_issue_remove(actor=flow.staff, issue=issue, opinion=item)
    [event] = _events(issue, "bulletin.remove")
    assert event.after == {"opinion": item.pk} and not issue.items.exists()
    assert action_label("bulletin.remove") == "移出本期"


def test_retitling_a_bulletin_issue_is_audited(p, flow):
    issue = _issue(p, flow)
    services.bulletin_issue_update(actor=flow.staff, issue=issue, title="新标题", recipients="县委")
    [event] = _events(issue, "bulletin.update")
    assert event.before["title"] == "本期"
    assert event.after == {"title": "新标题", "recipients": "县委"}
    assert action_label("bulletin.update") == "修改本期标题和报送范围"


def test_a_bulletin_issue_write_and_its_audit_row_commit_together(p, flow):
    issue, item = _issue(p, flow), flow.approved()
    with mock.patch(
        "zhengxie.opinions.services.bulletins.audit_log", side_effect=RuntimeError("audit down")
    ):
        with pytest.raises(RuntimeError):
            services.bulletin_issue_add(actor=flow.staff, issue=issue, opinion=item)
        with pytest.raises(RuntimeError):
            services.bulletin_issue_update(
                actor=flow.staff, issue=issue, title="新标题", recipients="县委"
            )
    issue.refresh_from_db()
    assert not issue.items.exists() and issue.title == "本期"
