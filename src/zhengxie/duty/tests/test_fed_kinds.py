"""The duty kinds the apps feed where the fact happens: 附议 (proposals), an opinion printed in
a session's briefing (meetings), training attended with its study hours (meetings), 列席
(meetings)."""

from datetime import date, timedelta
from decimal import Decimal

from zhengxie.duty import services as duty
from zhengxie.duty.forms import LineForm
from zhengxie.duty.models import DutyRecord, DutyScore, ScoringPoints
from zhengxie.duty.sources import sources_of
from zhengxie.meetings import services as meetings
from zhengxie.meetings import speeches
from zhengxie.meetings.tests.conftest import START, arrive, chairs_meeting
from zhengxie.proposals import services as proposals
from zhengxie.proposals.models import CollectionCall
from zhengxie.proposals.tests.conftest import Cycle, at


def test_endorsing_a_proposal_is_recorded_for_the_endorser(p):
    CollectionCall.objects.filter(session=p.sessions[-1]).update(
        opens_on=date(2026, 2, 1), closes_on=date(2026, 3, 31)
    )
    proposal = Cycle(p).submitted()
    proposals.proposal_endorse(actor=p.another.member.user, proposal=proposal, now=at(2026, 3, 3))
    record = DutyRecord.objects.get(kind="proposal_endorsed")
    assert (record.member, record.date, record.source) == (
        p.another.member,
        date(2026, 3, 3),
        proposal,
    )
    assert sources_of([record], p.another.member.user)[record.pk].title == proposal.title


def test_an_opinion_printed_in_a_briefing_is_recorded_for_who_raised_it(p):
    issue = speeches.briefing_issue(
        actor=p.staff,
        session=p.sessions[-1],
        title="分组讨论情况",
        items=[
            {"member": p.plain.member, "opinion": "建议加大乡村教师补贴"},
            {"member": p.another.member, "opinion": "建议改善农村道路"},
        ],
        issued_on=date(2026, 1, 12),
    )
    records = DutyRecord.objects.filter(kind="briefing_opinion").order_by("member__name")
    assert {(r.member.name, r.date) for r in records} == {
        ("李委员", date(2026, 1, 12)),
        ("丁委员", date(2026, 1, 12)),
    }
    read = sources_of(records, p.staff)
    assert all(read[r.pk].url == f"/meetings/briefings/{issue.pk}.docx" for r in records)


def test_training_attended_carries_its_study_hours_into_the_record(p, login):
    training = meetings.meeting_create(
        actor=p.staff,
        kind="training",
        title="新任委员履职培训班",
        starts_at=START,
        ends_at=START + timedelta(hours=3),
        place="县委党校",
        invite_rule="all",
        study_hours=Decimal("6"),
    )
    arrive(p.plain.member.user, training, START)
    meetings.meeting_close(actor=p.staff, meeting=training, now=START + timedelta(hours=4))
    record = DutyRecord.objects.get(kind="training", member=p.plain.member)
    assert record.hours == 6 and record.qualifier == "training"
    page = login(p.plain.member.user).get("/duty/record/", {"term": p.term.pk})
    assert page.context["view"].term_hours == 6


def test_study_hours_belong_to_a_meeting_that_counts_as_training(p):
    standing = meetings.meeting_create(
        actor=p.staff,
        kind="standing",
        title="常委会议",
        starts_at=START,
        place="x",
        invite_rule="standing",
        study_hours=Decimal("2"),
    )
    assert standing.study_hours is None


def test_hostile_study_hours_are_refused_not_500(api, p):
    payload = {
        "kind": "training",
        "title": "培训",
        "start": "2026-05-01T09:00:00",
        "place": "x",
        "invite": "all",
    }
    for hours in ("-1", "abc", "10000"):
        response = api.login(p.staff).post("/api/v1/meetings", {**payload, "study_hours": hours})
        assert response.status_code in (400, 422)


def test_an_observer_who_checked_in_is_recorded_as_observing_when_the_meeting_closes(p):
    meeting = chairs_meeting(
        p, ends_at=START + timedelta(hours=2), observer_ids=[p.plain.member.pk, p.another.member.pk]
    )
    arrive(p.plain.member.user, meeting, START)
    meetings.meeting_close(actor=p.staff, meeting=meeting, now=START + timedelta(hours=3))
    observed = DutyRecord.objects.filter(kind="meeting_observed")
    assert [(r.member, r.qualifier, r.source) for r in observed] == [
        (p.plain.member, "chairs", meeting)
    ]
    # An observer is never counted for attendance, present or absent.
    mine = DutyRecord.objects.filter(member__in=[p.plain.member, p.another.member])
    assert set(mine.values_list("kind", flat=True)) == {"meeting_observed"}


def test_the_rule_editor_offers_observing_and_weighs_it_by_the_kind_of_meeting(p):
    form = LineForm()
    assert ("meeting_observed", "列席会议") in form.fields["kind"].choices
    meeting = chairs_meeting(p, observer_ids=[p.plain.member.pk])
    duty.duty_record(
        member=p.plain.member,
        kind="meeting_observed",
        date=START.date(),
        source=meeting,
        qualifier="chairs",
    )
    rule = duty.scoring_rule_create(actor=p.staff, term=p.term, year=2026)
    line = ScoringPoints(kind="meeting_observed", qualifier="chairs", points=4)
    duty.scoring_line_add(actor=p.staff, rule=rule, line=line)
    assert DutyScore.objects.get(rule=rule, member=p.plain.member).total == 4
