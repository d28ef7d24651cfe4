"""A member who has left (退出) is offered nowhere members are chosen: members.queries.
current_members is the one list behind the meeting invitation, the briefing, the pickers,
cosigners, coauthors and leaders."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from zhengxie.core.errors import ServiceError
from zhengxie.meetings import services as meetings
from zhengxie.meetings.models import BriefingIssue
from zhengxie.members import queries, services
from zhengxie.opinions import services as opinions
from zhengxie.proposals.forms import ProposalForm


@pytest.fixture
def left(p):
    """丁委员 leaves the committee; 李委员 stays."""
    services.member_exit(
        actor=p.staff, membership=p.another, left_on=date(2026, 1, 5), reason="调离"
    )
    return p.another.member


def test_current_members_leave_out_those_who_left(p, left):
    current = set(queries.current_members(p.committee))
    assert p.plain.member in current and left not in current


def test_a_member_who_left_is_not_offered_in_the_meeting_invitation_form(p, left, login):
    page = login(p.staff).get("/meetings/new/").content.decode()
    assert p.plain.member.name in page
    assert left.name not in page


def test_a_member_who_left_is_not_accepted_in_the_briefing_form(p, left, login):
    client = login(p.staff)
    session = p.sessions[-1]
    path = f"/meetings/briefings/?session={session.pk}"
    client.post(path, {"title": "简报", "items": f"{left.name}:建议加强监督"})
    assert not BriefingIssue.objects.exists()
    client.post(path, {"title": "简报", "items": f"{p.plain.member.name}:建议加强监督"})
    assert BriefingIssue.objects.get().items.get().member == p.plain.member


def test_a_member_who_left_is_not_offered_in_the_picker(p, left, login):
    offered = login(p.staff).get("/members/pick/", {"q": "委员"}).content.decode()
    assert p.plain.member.name in offered
    assert left.name not in offered


def test_a_member_who_left_is_not_offered_as_cosigner(p, left):
    offered = set(ProposalForm(p.plain.member.user).fields["cosigners"].queryset)
    assert left not in offered and p.standing.member in offered


def test_a_member_who_left_is_not_invited_by_id(p, left):
    meeting = meetings.meeting_create(
        actor=p.staff,
        kind="standing",
        title="常委会议",
        starts_at=timezone.now() + timedelta(days=1),
        place="会议室",
        invite_rule="standing",
        invitee_ids=[left.pk, p.plain.member.pk],
        observer_ids=[left.pk],
    )
    invited = set(meeting.invitations.values_list("member_id", flat=True))
    assert p.plain.member.pk in invited and left.pk not in invited


def test_a_member_who_left_is_refused_as_coauthor(p, left):
    with pytest.raises(ServiceError) as refused:
        opinions.opinion_submit(
            actor=p.plain.member.user, title="甲", text="乙", channel="survey", author_ids=[left.pk]
        )
    assert refused.value.code == "bad_author"
    item = opinions.opinion_submit(
        actor=p.plain.member.user,
        title="甲",
        text="乙",
        channel="survey",
        author_ids=[p.standing.member.pk],
    )
    assert [a.member for a in item.authors.all()] == [p.plain.member, p.standing.member]
