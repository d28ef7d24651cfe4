from concurrent.futures import ThreadPoolExecutor

import pytest
from django.apps import apps
from django.db import connection

from zhengxie.core.errors import ServiceError
from zhengxie.meetings import services, voting
from zhengxie.meetings.models import Vote, VoteOption, VoteParticipation
from zhengxie.proposals.tests.test_api import login_api

from .conftest import START, arrive


def codes(fn, **kwargs):
    with pytest.raises(ServiceError) as exc:
        fn(**kwargs)
    return exc.value.status, exc.value.code


@pytest.fixture
def plenary(p):
    meeting = services.meeting_create(
        actor=p.staff,
        kind="plenary",
        title="全体会议",
        starts_at=START,
        place="礼堂",
        invite_rule="all",
        notify_invitees=False,
    )
    for persona in (p.chair, p.standing, p.plain):
        arrive(persona.member.user, meeting, START)
    return meeting


def open_vote(p, meeting, options=(), **kw):
    fields = {"kind": "motion", "title": "关于政协常委会工作报告的决议"} | kw
    vote = voting.vote_create(actor=p.staff, meeting=meeting, options=list(options), **fields)
    return voting.vote_open(actor=p.staff, vote=vote)


def ballot(vote, choice):
    return {str(o.pk): choice for o in vote.options.all()}


def test_no_table_holds_a_voter_and_a_choice_of_a_secret_ballot(p, plenary):
    vote = open_vote(p, plenary)
    voting.ballot_cast(actor=p.plain.member.user, vote=vote, choices=ballot(vote, "against"))
    for model in apps.get_app_config("meetings").get_models():
        fields = {f.name for f in model._meta.get_fields()}
        holds_member = "member" in fields
        holds_choice = fields & {"votes_for", "votes_against", "abstentions", "choice", "option"}
        assert not (holds_member and holds_choice), model
    assert VoteParticipation.objects.get().open_choices is None
    assert VoteOption.objects.get().votes_against == 1


def test_an_open_vote_records_who_voted_how(p, plenary):
    vote = open_vote(p, plenary, secret=False)
    voting.ballot_cast(actor=p.plain.member.user, vote=vote, choices=ballot(vote, "for"))
    assert list(VoteParticipation.objects.get().open_choices.values()) == ["for"]


def test_each_member_votes_once(p, plenary):
    vote = open_vote(p, plenary)
    voting.ballot_cast(actor=p.plain.member.user, vote=vote, choices=ballot(vote, "for"))
    assert codes(
        voting.ballot_cast, actor=p.plain.member.user, vote=vote, choices=ballot(vote, "against")
    ) == (409, "already_voted")
    assert Vote.objects.get().ballots_cast == 1


def test_only_members_present_vote_and_nobody_votes_for_another(p, plenary):
    vote = open_vote(p, plenary)
    assert codes(
        voting.ballot_cast, actor=p.another.member.user, vote=vote, choices=ballot(vote, "for")
    ) == (403, "not_eligible")  # not checked in
    assert codes(voting.ballot_cast, actor=p.staff, vote=vote, choices=ballot(vote, "for")) == (
        403,
        "not_eligible",
    )  # no proxy


def test_a_ballot_must_answer_every_line(p, plenary):
    vote = open_vote(p, plenary, kind="election", title="增补常委选举", options=["马晓东", "周丽"])
    first = vote.options.first()
    assert codes(
        voting.ballot_cast, actor=p.plain.member.user, vote=vote, choices={str(first.pk): "for"}
    ) == (400, "bad_ballot")
    assert codes(
        voting.ballot_cast, actor=p.plain.member.user, vote=vote, choices=ballot(vote, "maybe")
    ) == (400, "bad_ballot")


def test_the_tally_is_final_only_when_the_ballot_closes_and_adds_up(p, plenary):
    vote = open_vote(p, plenary, kind="election", title="增补常委选举", options=["马晓东", "周丽"])
    voting.ballot_cast(actor=p.plain.member.user, vote=vote, choices=ballot(vote, "for"))
    voting.ballot_cast(actor=p.chair.member.user, vote=vote, choices=ballot(vote, "abstain"))
    assert codes(voting.vote_result, vote=vote) == (409, "not_final")
    voting.vote_close(actor=p.staff, vote=vote)
    assert codes(
        voting.ballot_cast, actor=p.standing.member.user, vote=vote, choices=ballot(vote, "for")
    ) == (409, "vote_state")
    result = voting.vote_result(vote)
    assert result["ballots_cast"] == result["voters"] == 2
    assert all(o["adds_up"] for o in result["options"])
    assert [o["for"] for o in result["options"]] == [1, 1]
    assert not result["options"][0]["passed"]  # 1 of 4 members is not a majority


@pytest.mark.django_db(transaction=True)
def test_simultaneous_ballots_are_all_counted(transactional_db):
    from zhengxie.testing import build_committee

    p = build_committee()
    meeting = services.meeting_create(
        actor=p.staff,
        kind="plenary",
        title="全体会议",
        starts_at=START,
        place="礼堂",
        invite_rule="all",
        notify_invitees=False,
    )
    voters = [p.chair, p.standing, p.plain, p.another]
    for persona in voters:
        arrive(persona.member.user, meeting, START)
    vote = open_vote(p, meeting)

    def cast(persona):
        try:
            voting.ballot_cast(actor=persona.member.user, vote=vote, choices=ballot(vote, "for"))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(cast, voters))
    voting.vote_close(actor=p.staff, vote=vote)
    result = voting.vote_result(vote)
    assert result["ballots_cast"] == 4 and result["options"][0]["for"] == 4
    assert result["options"][0]["passed"]


def test_votes_through_the_api(p, plenary, client):
    staff = login_api(client, p.staff)
    created = staff(
        "post",
        f"/api/v1/meetings/{plenary.pk}/votes",
        {"kind": "motion", "title": "关于十届五次会议提案审查情况报告的决议"},
    ).json()
    staff("post", f"/api/v1/votes/{created['id']}/actions/open")
    member = login_api(client, p.plain.member.user)
    choice = {str(created["options"][0]["id"]): "for"}
    assert (
        member("post", f"/api/v1/votes/{created['id']}/ballot", {"choices": choice}).status_code
        == 200
    )
    again = member("post", f"/api/v1/votes/{created['id']}/ballot", {"choices": choice})
    assert again.status_code == 409
    assert member("get", f"/api/v1/votes/{created['id']}/result").status_code == 409
    staff("post", f"/api/v1/votes/{created['id']}/actions/close")
    result = member("get", f"/api/v1/votes/{created['id']}/result").json()
    assert result["ballots_cast"] == 1 and result["options"][0]["adds_up"]


def test_a_vote_from_the_meeting_page(p, plenary, login):
    from django.test import Client

    staff = Client()
    staff.force_login(p.staff)
    staff.post(
        f"/meetings/{plenary.pk}/votes/new/",
        {"kind": "election", "title": "增补常委选举", "options": "马晓东\n周丽", "secret": "on"},
    )
    vote = Vote.objects.get()
    staff.post(f"/meetings/{plenary.pk}/votes/{vote.pk}/open/")
    member = login(p.plain.member.user)
    choices = {f"option_{o.pk}": "for" for o in vote.options.all()}
    member.post(f"/meetings/{plenary.pk}/votes/{vote.pk}/ballot/", choices)
    assert "您已投票" in member.get(f"/meetings/{plenary.pk}/").content.decode()
    staff.post(f"/meetings/{plenary.pk}/votes/{vote.pk}/close/")
    page = member.get(f"/meetings/{plenary.pk}/").content.decode()
    assert "合计等于投票数" in page and "马晓东" in page
