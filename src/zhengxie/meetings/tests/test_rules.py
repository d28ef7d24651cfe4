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


def test_one_definition_of_when_a_meeting_is_coming_under_way_and_over(p, meeting):
    from datetime import timedelta

    from zhengxie.meetings import queries, workflow

    second = timedelta(seconds=1)
    end = meeting.ends_at
    rows = Meeting.objects.filter(pk=meeting.pk)
    assert list(queries.coming_meetings(p.staff, START - second)) == [meeting]
    leave = services.leave_request(
        actor=p.standing.member.user,
        meeting=meeting,
        reason="出差",
        now=START - second,
    )
    assert list(queries.leave_to_decide(p.staff, START - second)) == [leave]
    assert not queries.attendance(meeting, START - second).started
    assert queries.live_counts(meeting, START - second)["absent"] == 0

    assert not queries.coming_meetings(p.staff, START).exists()
    assert not queries.leave_to_decide(p.staff, START).exists()
    assert queries.attendance(meeting, START).started
    assert queries.live_counts(meeting, START)["absent"] == 2
    with pytest.raises(ServiceError) as exc:
        services.leave_request(actor=p.chair.member.user, meeting=meeting, reason="x", now=START)
    assert exc.value.code == "leave_too_late"

    assert rows.filter(workflow.not_over(end - second)).exists()
    assert not rows.filter(workflow.held(end - second)).exists()
    with pytest.raises(ServiceError) as exc:
        services.meeting_close(actor=p.staff, meeting=meeting, now=end - second)
    assert exc.value.code == "not_ended"
    assert rows.filter(workflow.held(end)).exists() and not rows.filter(workflow.not_over(end))
    assert services.meeting_close(actor=p.staff, meeting=meeting, now=end).closed_at == end
