"""The demo's outcomes (issue 11, "Demo": one 建议案 adopted by the standing committee,
outcomes with instructions and feedback, one re-consultation, the year's evaluation), each
step taken by the services, and each role's next work in it on their home page."""

from django.utils import timezone

from zhengxie.consultations.models import (
    Evaluation,
    Indicator,
    Outcome,
    OutcomeRating,
    OutcomeSending,
    OutcomeTask,
    Reconsultation,
    Suggestion,
)
from zhengxie.consultations.workflow.outcomes import vote_passed
from zhengxie.core.home import home_panels
from zhengxie.core.models import Committee, User


def _committee() -> Committee:
    return Committee.objects.get(name="云溪县政协")


def test_one_recommendation_is_adopted_by_a_standing_committee_vote_then_sent(demo):
    adopted = Outcome.objects.get(committee=_committee(), kind="recommendation")
    assert adopted.adopted_at is not None and vote_passed(adopted)
    assert adopted.vote.meeting.kind == "standing" and adopted.topic.form == "standing_thematic"
    assert adopted.vote.meeting.starts_at < adopted.adopted_at
    assert set(adopted.sendings.values_list("to", flat=True)) == {"party", "government"}


def test_outcomes_go_to_the_party_committee_the_government_departments_and_up(demo):
    committee = _committee()
    sendings = OutcomeSending.objects.filter(outcome__committee=committee)
    assert set(sendings.values_list("to", flat=True)) == {
        "party",
        "government",
        "department",
        "parent",
    }
    assert not sendings.filter(to="department", unit=None).exists()
    up = sendings.get(to="parent")
    # The hosted 云州市政协 gets a copy with the suggestions, never the county's record.
    assert up.copy.committee == committee.parent and up.copy.origin == up.outcome
    assert up.copy.suggestions.count() == up.outcome.suggestions.count()
    assert not up.copy.members.exists()
    kinds = set(Outcome.objects.filter(committee=committee).values_list("kind", flat=True))
    assert kinds >= {"research_report", "inspection_report", "brief", "recommendation"}
    assert Outcome.objects.filter(committee=committee, state="drafted").exists()


def test_instructions_are_tasks_for_units_fed_back_one_checked_one_overdue(demo):
    tasks = OutcomeTask.objects.filter(outcome__committee=_committee())
    done = tasks.filter(state="done")
    assert done.count() >= 4 and not done.filter(feedback="").exists()
    assert all(t.feedback_by.unit_account.unit_id == t.unit_id for t in done)
    assert tasks.exclude(checked_on=None).count() == 1
    today = timezone.localdate()
    overdue = [t for t in tasks if t.is_overdue(today)]
    assert [t.unit.name for t in overdue] == ["县住房和城乡建设局"]
    assert tasks.filter(state="open", unit__name="县教育局").exists()
    # Every instructed outcome confirmed implemented had all its tasks fed back first.
    implemented = Outcome.objects.filter(
        committee=_committee(), state__in=["implemented", "informed"]
    )
    assert implemented.exists()
    assert not tasks.filter(outcome__in=implemented, state="open").exists()


def test_members_who_took_part_are_told_the_result_and_rate_the_units(demo):
    committee = _committee()
    informed = Outcome.objects.filter(committee=committee, state="informed")
    assert informed.count() >= 2 and not informed.filter(result="").exists()
    ratings = OutcomeRating.objects.filter(outcome__committee=committee)
    assert set(ratings.values_list("level", flat=True)) >= {"satisfied", "basic"}
    for rating in ratings.select_related("outcome"):
        assert rating.outcome.members.filter(member=rating.member).exists()
        assert rating.outcome.tasks.filter(unit=rating.unit).exists()


def test_suggestions_are_adopted_implemented_or_not_adopted_with_a_reason(demo):
    suggestions = Suggestion.objects.filter(outcome__committee=_committee())
    states = set(suggestions.values_list("state", flat=True))
    assert states >= {"made", "adopted", "implementing", "implemented", "not_adopted"}
    assert not suggestions.filter(state="not_adopted", reason="").exists()
    settled = suggestions.filter(state__in=["adopted", "implementing", "implemented"])
    assert not settled.filter(evidence="").exists()


def test_new_problems_of_an_outcome_are_consulted_on_again(demo):
    again = Reconsultation.objects.select_related("outcome", "consultation").get(
        outcome__committee=_committee()
    )
    assert again.consultation.topic == again.outcome.topic and again.reason
    assert again.outcome.state == "informed" and again.consultation.state == "planned"


def test_the_year_is_evaluated_against_the_committees_indicators(demo):
    committee = _committee()
    indicators = set(Indicator.objects.filter(committee=committee, is_active=True))
    evaluations = Evaluation.objects.filter(committee=committee, year=2026)
    assert len(indicators) >= 4 and evaluations.count() >= 3
    for evaluation in evaluations.prefetch_related("scores__indicator"):
        assert {s.indicator for s in evaluation.scores.all()} == indicators
    assert len(set(evaluations.values_list("grade", flat=True))) >= 2


def test_each_role_home_shows_its_next_work_on_the_outcomes(demo):
    def rows(username):
        user = User.objects.get(username=username)
        return {r.label: r.value for panel in home_panels(user) for r in panel.rows}

    staff = rows("staff")
    assert staff["成果批示落实超期"] == 1
    assert staff["协商成果待报送"] >= 1 and staff["落实反馈待转告委员"] >= 1
    assert rows("chair")["已报送待批示"] >= 1
    assert rows("unit")["待反馈落实情况"] >= 1
    member = rows("member")
    assert member["待我评价的成果"] >= 1 and member["已有最终结果"] > member["待我评价的成果"]
