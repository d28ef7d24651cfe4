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


def plenary_of(p, kind="plenary", title="全体会议"):
    """A meeting of the whole committee at START, invitees not notified."""
    return services.meeting_create(
        actor=p.staff,
        kind=kind,
        title=title,
        starts_at=START,
        place="礼堂",
        invite_rule="all",
        notify_invitees=False,
    )


@pytest.fixture
def plenary(p):
    meeting = plenary_of(p)
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
    meeting = plenary_of(p)
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


def cast(vote, *voters):
    """Each (persona, choice) casts a ballot on every option."""
    for persona, choice in voters:
        voting.ballot_cast(actor=persona.member.user, vote=vote, choices=ballot(vote, choice))


def test_vote_needs_quorum(p):
    meeting = plenary_of(p)
    for persona in (p.chair, p.standing):
        arrive(persona.member.user, meeting)
    vote = voting.vote_create(
        actor=p.staff, meeting=meeting, kind="motion", title="决议", options=[]
    )
    with pytest.raises(ServiceError) as refused:
        voting.vote_open(actor=p.staff, vote=vote)
    assert (refused.value.status, refused.value.code) == (409, "no_quorum")
    assert "应到4人,实到2人" in refused.value.detail  # 2 of 4 is not more than half
    assert Vote.objects.get().state == "draft"
    arrive(p.plain.member.user, meeting)
    assert voting.vote_open(actor=p.staff, vote=vote).state == "open"


def test_vote_passes_with_majority_of_all_members(p, plenary):
    vote = open_vote(p, plenary)
    cast(vote, (p.chair, "for"), (p.standing, "for"), (p.plain, "against"))
    voting.vote_close(actor=p.staff, vote=vote)
    # 2 of the 3 who voted, but not more than half of the body's 4 members.
    assert not voting.vote_result(vote)["options"][0]["passed"]
    second = open_vote(p, plenary, title="关于提案工作情况报告的决议")
    cast(second, (p.chair, "for"), (p.standing, "for"), (p.plain, "for"))
    voting.vote_close(actor=p.staff, vote=second)
    assert voting.vote_result(second)["options"][0]["passed"]


def test_vote_rules_are_configurable_per_vote(p, plenary):
    assert codes(
        voting.vote_create,
        actor=p.staff,
        meeting=plenary,
        kind="motion",
        title="x",
        options=[],
        quorum="most",
    ) == (400, "bad_vote_rule")
    of_voters = open_vote(p, plenary, pass_base="voted")
    cast(of_voters, (p.chair, "for"), (p.standing, "for"), (p.plain, "against"))
    voting.vote_close(actor=p.staff, vote=of_voters)
    assert voting.vote_result(of_voters)["options"][0]["passed"]  # 2 of 3 ballots
    two_thirds = open_vote(p, plenary, title="章程修正案", pass_share="two_thirds")
    cast(two_thirds, (p.chair, "for"), (p.standing, "for"), (p.plain, "for"))
    voting.vote_close(actor=p.staff, vote=two_thirds)
    result = voting.vote_result(two_thirds)
    assert result["votes_needed"] == 3 and result["options"][0]["passed"]  # 3 of 4 ≥ 2/3


def test_a_vote_without_quorum_rule_opens_with_few_present(p):
    meeting = plenary_of(p, kind="symposium", title="座谈会")
    arrive(p.chair.member.user, meeting)
    assert codes(
        voting.vote_open,
        actor=p.staff,
        vote=voting.vote_create(
            actor=p.staff, meeting=meeting, kind="motion", title="建议", options=[]
        ),
    ) == (409, "no_quorum")
    vote = open_vote(p, meeting, title="建议", quorum="none", pass_base="present")
    cast(vote, (p.chair, "for"))
    voting.vote_close(actor=p.staff, vote=vote)
    assert voting.vote_result(vote)["options"][0]["passed"]


def test_vote_result_states_expected_present_voted_and_rule(p, plenary):
    vote = open_vote(p, plenary)
    cast(vote, (p.chair, "for"), (p.plain, "abstain"))
    voting.vote_close(actor=p.staff, vote=vote)
    arrive(p.another.member.user, plenary)  # late: not part of this vote's 实到
    result = voting.vote_result(vote)
    assert (result["expected"], result["present"], result["ballots_cast"]) == (4, 3, 2)
    assert result["rule"] == "全体委员过半数赞成" and result["quorum"] == "过半数到会"
    assert result["summary"] == "应到4人,实到3人,投票2人;以全体委员过半数赞成为通过(至少3票)。"


def test_a_standing_committee_vote_counts_all_standing_members(p, meeting):
    for persona in (p.chair, p.standing):
        arrive(persona.member.user, meeting)
    vote = open_vote(p, meeting)
    cast(vote, (p.chair, "for"), (p.standing, "for"))
    voting.vote_close(actor=p.staff, vote=vote)
    result = voting.vote_result(vote)
    assert result["rule"] == "全体常务委员过半数赞成" and result["options"][0]["passed"]


def test_vote_rules_from_the_page_and_the_api(p, plenary, login, client):
    staff = login_api(client, p.staff)
    created = staff(
        "post",
        f"/api/v1/meetings/{plenary.pk}/votes",
        {"title": "决议", "quorum": "two_thirds", "pass_base": "present"},
    ).json()
    assert (created["quorum"], created["rule"]) == ("三分之二以上到会", "到会委员过半数赞成")
    bad = staff("post", f"/api/v1/meetings/{plenary.pk}/votes", {"title": "x", "pass_share": "1"})
    assert bad.status_code == 400 and bad.json()["code"] == "bad_vote_rule"
    page = login(p.staff)
    page.post(
        f"/meetings/{plenary.pk}/votes/new/",
        {"kind": "motion", "title": "名单", "quorum": "none", "pass_share": "two_thirds"},
    )
    vote = Vote.objects.get(title="名单")
    assert (vote.quorum, vote.pass_base, vote.pass_share) == ("none", "members", "two_thirds")
    page.post(f"/meetings/{plenary.pk}/votes/{vote.pk}/open/")
    page.post(f"/meetings/{plenary.pk}/votes/{vote.pk}/close/")
    shown = page.get(f"/meetings/{plenary.pk}/").content.decode()
    assert "应到4人,实到3人,投票0人;以全体委员三分之二以上赞成为通过(至少3票)。" in shown


def test_a_ballot_is_counted_only_with_its_audit_row(p, plenary):
    from unittest import mock

    from zhengxie.core.models import AuditEvent

    vote = open_vote(p, plenary)
    with (
        mock.patch("zhengxie.meetings.voting.audit_log", side_effect=RuntimeError("audit down")),
        pytest.raises(RuntimeError),
    ):
        voting.ballot_cast(actor=p.plain.member.user, vote=vote, choices=ballot(vote, "for"))
    vote.refresh_from_db()
    assert vote.ballots_cast == 0 and not VoteParticipation.objects.exists()
    voting.ballot_cast(actor=p.plain.member.user, vote=vote, choices=ballot(vote, "for"))
    [event] = AuditEvent.objects.filter(action="vote.ballot")
    assert event.after == {"vote": vote.title} and event.actor == p.plain.member.user
