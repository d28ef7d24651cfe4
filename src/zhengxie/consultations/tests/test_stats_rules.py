"""What each consultation statistic counts, through the services: activities held by form
and level, plan topics done, outcomes sent by kind, instructions, suggestions adopted and
implemented (采纳率, 落实率, 计划执行率), participation, departments; the period's both end
days; one committee."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengxie.consultations.models import Form, Level, Outcome, Topic, WrittenRequest
from zhengxie.consultations.services import activities as services
from zhengxie.consultations.services import outcomes as services_out
from zhengxie.consultations.stats import ADOPTION_RATE, IMPLEMENTATION_RATE
from zhengxie.consultations.tests.activities_fixtures import (
    DAY,
    consultation_of,
    researched,
)
from zhengxie.consultations.tests.outcomes_setup import WRITTEN, instructed, outcome, sent
from zhengxie.consultations.tests.stats_fixtures import (
    checked_in,
    close_and_hold,
    convened,
    figures,
    held,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def test_activities_are_counted_when_held_by_form_and_level(p):
    held(p)
    held(p)
    held(p, form=Form.THEMATIC, level=Level.STANDING)
    consultation_of(p, form=Form.COUNTERPART)  # planned, not yet held
    cancelled = consultation_of(p, form=Form.COUNTERPART)
    services.consultation_cancel(actor=p.staff, consultation=cancelled, reason="议题调整")
    counted = figures(p)
    assert counted["activities"] == 3
    assert counted["by_form"]["counterpart"] == 2 and counted["by_form"]["thematic"] == 1
    assert counted["by_level"] == {"standing": 1, "special_committee": 2, "member_group": 0}


def test_a_period_counts_its_first_and_last_day_and_nothing_outside(p):
    for on in (date(2026, 3, 31), date(2026, 4, 1), date(2026, 4, 30), date(2026, 5, 1)):
        held(p, on=on)
    assert figures(p, date(2026, 4, 1), date(2026, 4, 30))["activities"] == 2
    assert figures(p, start=date(2026, 4, 1))["activities"] == 3
    assert figures(p, end=date(2026, 4, 1))["activities"] == 2


def test_plan_rate(p):
    done, waiting = researched(p), researched(p)
    held(p, topic=researched(p, year=2025))
    held(p, topic=researched(p, state=Topic.State.ACCEPTED))
    held(p, topic=done)
    consultation_of(p, waiting)
    year = figures(p, date(2026, 1, 1), date(2026, 12, 31))
    assert (year["topics_planned"], year["topics_done"], year["plan_rate"]) == (2, 1, 0.5)
    rate = next(r for r in year["rates"] if r["key"] == "plan_rate")
    assert rate["label"] == "计划执行率" and "÷ 列入年度协商计划的议题个数" in rate["definition"]


def test_a_member_counts_once_per_activity_whether_checked_in_or_writing(p):
    meeting = convened(p, invitees=[p.plain.member, p.standing.member])
    checked_in(p, meeting, p.plain.member)
    services.consultation_opine(actor=p.plain.member.user, consultation=meeting, text="意见。")
    services.consultation_opine(actor=p.standing.member.user, consultation=meeting, text="意见。")
    close_and_hold(p, meeting)
    assert figures(p)["participation"] == 2


def test_departments_involved_are_counted_once(p):
    first, second = held(p), held(p)
    for activity in (first, second):
        services.consultation_record_attendance(
            actor=p.staff, consultation=activity, unit=p.unit, attendees="张局长"
        )
    planned = consultation_of(p, first.topic)
    owed = services.consultation_request_material(
        actor=p.staff,
        consultation=planned,
        unit=p.other_unit,
        title="情况汇报",
        due_on=DAY - timedelta(days=1),
    )
    services.material_submit(
        actor=p.other_unit_user, request=owed, upload=SimpleUploadedFile("汇报.pdf", PDF)
    )
    assert figures(p)["departments"] == 1  # the material's consultation is not held yet
    services.consultation_hold(actor=p.staff, consultation=planned)
    assert figures(p)["departments"] == 2


def test_grassroots_participants_are_counted_by_name(p):
    grassroots = held(p, form=Form.GRASSROOTS)
    for name in ("赵村民", "钱居民"):
        services.consultation_add_participant(
            actor=p.staff, consultation=grassroots, name=name, affiliation="城关镇东街社区"
        )
    assert figures(p)["local_participation"] == 2


def test_written_requests_count_when_answered(p):
    request = services.written_request_create(
        actor=p.staff,
        requester_kind=WrittenRequest.Requester.GOVERNMENT,
        requester="县人民政府办公室",
        document="县十五五规划纲要(征求意见稿)",
        received_on=date(2026, 4, 1),
        due_on=date(2026, 4, 20),
    )
    services.written_request_assign(actor=p.staff, request=request, special_committee=p.special)
    assert figures(p)["written_answered"] == 0
    services.written_request_answer(
        actor=p.staff, request=request, title="书面意见", text="意见。", answered_on=DAY
    )
    assert figures(p)["written_answered"] == 1
    assert figures(p, end=date(2026, 5, 5))["written_answered"] == 0


def test_another_committees_activities_are_not_counted(p, other):
    held(other)
    assert figures(p)["activities"] == 0 and figures(other)["activities"] == 1


def _adopted(p, suggestion, *then):
    services_out.suggestion_adopt(actor=p.staff, suggestion=suggestion, evidence="县委采纳")
    for step in then:
        step(actor=p.staff, suggestion=suggestion, evidence="已出台实施方案")


def test_adoption_rate_and_implementation_rate_follow_their_definitions(p):
    """采纳率 = adopted (with those being and those implemented) ÷ made; 落实率 = implemented ÷
    adopted; both over the suggestions of the outcomes sent in the period only."""
    four = sent(p, suggestions=["一", "二", "三", "四"])
    first, second, third, fourth = four.suggestions.order_by("number")
    _adopted(p, first)
    _adopted(p, second, services_out.suggestion_start)
    _adopted(p, third, services_out.suggestion_complete)
    services_out.suggestion_decline(actor=p.staff, suggestion=fourth, reason="条件不具备")
    two = sent(p, title="关于养老服务的协商专报", suggestions=["五", "六"])
    _adopted(p, two.suggestions.get(number=1), services_out.suggestion_complete)
    outcome(p, title="尚未报送的成果", suggestions=["七", "八", "九"])  # drafted: not counted
    counted = figures(p, date(2026, 1, 1), date(2026, 12, 31))
    keys = ("suggestions_made", "suggestions_adopted", "suggestions_implemented")
    assert tuple(counted[k] for k in keys) == (6, 4, 2)
    assert (counted["adoption_rate"], counted["implementation_rate"]) == (0.6667, 0.5)
    rates = {r["key"]: r["definition"] for r in counted["rates"]}
    assert rates["adoption_rate"] == ADOPTION_RATE.definition
    assert rates["implementation_rate"] == IMPLEMENTATION_RATE.definition


def test_outcomes_are_counted_by_kind_once_sent_on_the_day_they_were_written(p):
    sent(p)
    sent(p, title="协商专报一", kind=Outcome.Kind.BRIEF)
    sent(p, title="协商专报二", kind=Outcome.Kind.BRIEF)
    outcome(p, title="待报送的调研报告")
    counted = figures(p)
    assert counted["outcomes"] == 3
    assert counted["outcomes_by_kind"]["research_report"] == 1
    assert counted["outcomes_by_kind"]["brief"] == 2
    assert counted["outcomes_by_kind"]["recommendation"] == 0
    assert figures(p, WRITTEN, WRITTEN)["outcomes"] == 3
    assert figures(p, end=WRITTEN - timedelta(days=1))["outcomes"] == 0


def test_instructions_count_in_the_period_they_were_given(p):
    """An outcome written in March and instructed in April: the outcome is March's, its
    instructions April's, the main leader's among them counted apart."""
    o, _ = instructed(p, due_on=date(2026, 5, 1))  # given on 11 April
    services_out.outcome_instruct(
        actor=p.staff,
        outcome=o,
        leader="县长",
        text="请抓紧落实。",
        unit=p.unit,
        due_on=date(2026, 6, 30),
        main_leader=True,
        given_on=date(2026, 4, 30),
    )
    april = figures(p, date(2026, 4, 1), date(2026, 4, 30))
    assert (april["instructions"], april["instructions_main"], april["outcomes"]) == (2, 1, 0)
    march = figures(p, date(2026, 3, 1), date(2026, 3, 31))
    assert (march["instructions"], march["outcomes"]) == (0, 1)
    assert figures(p, start=date(2026, 4, 12))["instructions"] == 1
    assert figures(p, end=date(2026, 4, 11))["instructions"] == 1


def test_another_committees_instructions_are_not_counted(p, other):
    instructed(other)
    assert figures(p)["instructions"] == 0 and figures(other)["instructions"] == 1
