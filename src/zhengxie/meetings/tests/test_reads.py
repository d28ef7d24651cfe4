"""The page and the API read a meeting, its votes and its leave requests through one getter
each (meetings.queries): what one refuses the other refuses."""

from datetime import timedelta

from django.utils import timezone

from zhengxie.meetings import services, voting
from zhengxie.proposals.tests.test_api import login_api


def _vote_of(meeting, p):
    return voting.vote_create(
        actor=p.staff, meeting=meeting, kind="motion", title="表决事项", options=[]
    )


def _coming(p, title="常委会议"):
    return services.meeting_create(
        actor=p.staff,
        kind="standing",
        title=title,
        starts_at=timezone.now() + timedelta(days=1),
        place="会议室",
        invite_rule="standing",
    )


def test_a_vote_of_a_meeting_not_read_is_not_found_on_page_and_api(meeting, p, login, client):
    vote = _vote_of(meeting, p)
    page = login(p.plain.member.user).post(f"/meetings/{meeting.pk}/votes/{vote.pk}/ballot/")
    api = login_api(client, p.plain.member.user)(
        "post", f"/api/v1/votes/{vote.pk}/ballot", {"choices": {}}
    )
    assert (page.status_code, api.status_code) == (404, 404)


def test_a_vote_is_found_only_under_its_own_meeting(meeting, p, login):
    vote = _vote_of(meeting, p)
    elsewhere = _coming(p, "另一次常委会议")
    page = login(p.staff).post(f"/meetings/{elsewhere.pk}/votes/{vote.pk}/open/")
    assert page.status_code == 404


def test_a_leave_request_is_found_only_under_its_own_meeting(p, login, client):
    meeting = _coming(p)
    leave = services.leave_request(actor=p.standing.member.user, meeting=meeting, reason="出差")
    elsewhere = _coming(p, "另一次常委会议")
    path = f"/meetings/{elsewhere.pk}/leaves/{leave.pk}/approve/"
    api_path = f"/api/v1/meetings/{elsewhere.pk}/leaves/{leave.pk}/actions/approve"
    page = login(p.staff).post(path)
    api = login_api(client, p.staff)("post", api_path, {})
    assert (page.status_code, api.status_code) == (404, 404)
