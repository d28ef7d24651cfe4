"""Rules of meetings held by the services themselves, whatever entry point calls them."""

import pytest

from zhengxie.core import roles
from zhengxie.core.errors import ServiceError
from zhengxie.meetings import services
from zhengxie.meetings.models import KIND_TRAITS, LeaveApprover, Meeting

from .conftest import START


def _create(actor, kind="symposium"):
    return services.meeting_create(
        actor=actor,
        kind=kind,
        title="座谈会",
        starts_at=START,
        place="x",
        invite_rule="all",
        notify_invitees=False,
    )


def test_every_meeting_kind_declares_its_traits():
    assert set(KIND_TRAITS) == set(Meeting.Kind.values)
    assert {t.leave_approver for t in KIND_TRAITS.values()} <= set(LeaveApprover.Approver.values)


def test_a_meeting_takes_its_kinds_traits(p):
    training, standing = _create(p.staff, "training"), _create(p.staff, "standing")
    assert (training.counts_as_training, training.traits.takes_speeches) == (True, False)
    assert (standing.counts_as_training, standing.traits.takes_speeches) == (False, True)


def test_only_staff_create_meetings(p):
    for user in (p.chair.member.user, p.plain.member.user, p.unit_user, p.sysadmin):
        with pytest.raises(ServiceError) as exc:
            _create(user)
        assert exc.value.code == "forbidden"
    assert not Meeting.objects.exists()
    assert _create(p.staff).committee == p.committee


def test_a_meeting_has_a_known_kind(p):
    with pytest.raises(ServiceError) as exc:
        _create(p.staff, "banquet")
    assert exc.value.code == "bad_kind"


@pytest.mark.parametrize(
    "kind, approver", [("standing", roles.MEMBER), ("standing", roles.AUDITOR), ("dinner", "staff")]
)
def test_the_leave_approver_is_staff_or_leaders(p, kind, approver):
    with pytest.raises(ServiceError) as exc:
        services.leave_rule_set(actor=p.staff, kind=kind, approver=approver)
    assert exc.value.code == "bad_leave_rule"
    assert not LeaveApprover.objects.exists()


def test_only_staff_set_who_approves_leave(p):
    with pytest.raises(ServiceError) as exc:
        services.leave_rule_set(actor=p.chair.member.user, kind="standing", approver="leader")
    assert exc.value.code == "forbidden"
    rule = services.leave_rule_set(actor=p.staff, kind="standing", approver="leader")
    assert (rule.committee, rule.approver) == (p.committee, "leader")
