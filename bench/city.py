"""The city-sized consultation year every consultation benchmark reads (issue 11): 200 topics
in the year's decided plan, each with a research; 1,000 activities (900 held, 50 planned, 50
cancelled: a topic's five share their state, so some topics are late and some have nothing
left); 1,000 outcomes with 5,000 suggestions, an author each and 600 leaders' instructions as
tasks (a third open, some overdue); 10,000 members' opinions and 2,000 department attendances.

Filled once per run (`year`), so that `python -m bench consultation topics outcomes` reads the
same year through every page. Rows are written with bulk_create; their fields are those the
services would set."""

import random
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from zhengxie.consultations.models import (
    Consultation,
    ConsultationPlan,
    Form,
    Level,
    MemberOpinion,
    Outcome,
    OutcomeMember,
    OutcomeTask,
    PlanItem,
    PlanType,
    Suggestion,
    Topic,
    UnitAttendance,
)
from zhengxie.fieldwork.models import Fieldwork
from zhengxie.members.models import Membership
from zhengxie.testing import build_committee

TZ = ZoneInfo("Asia/Shanghai")
YEAR = 2026
TOPICS, ACTIVITIES, OUTCOMES, SUGGESTIONS, TASKS = 200, 1_000, 1_000, 5_000, 600
# By the activity's number modulo 20; a topic's activities are 200 apart, so they agree.
ACTIVITY_STATES = ["planned", "cancelled"] + ["held"] * 18
OUTCOME_STATES = ["drafted", "sent", "instructed", "instructed", "implemented", "informed"]
SUGGESTION_STATES = ["made", "adopted", "implementing", "implemented", "not_adopted"]


def _topics(p, rng) -> list[Topic]:
    start = datetime(YEAR, 1, 5, 9, tzinfo=TZ)
    reported = datetime(YEAR, 3, 1, 10, tzinfo=TZ)
    Topic.objects.bulk_create(
        Topic(
            committee=p.committee,
            year=YEAR,
            state=Topic.State.PLANNED,
            title=f"压测议题{i}",
            source=rng.choice(Topic.Source.values[:9]),
            form=rng.choice(Form.values),
            supervisory=i % 10 == 0,
            submitted_by=p.staff,
            submitted_at=start + timedelta(hours=i),
            planned_on=date(YEAR, 1 + i % 12, 1),
            lead_special_committee=p.special,
            # Every other topic's research has its final report (the fieldwork below).
            research_reported_at=reported if i % 2 else None,
        )
        for i in range(TOPICS)
    )
    return list(Topic.objects.filter(committee=p.committee).order_by("pk"))


def _plan(p, rng, topics: list[Topic]) -> ConsultationPlan:
    plan = ConsultationPlan.objects.create(
        committee=p.committee,
        year=YEAR,
        title=f"{p.committee.name}{YEAR}年度协商工作计划",
        state=ConsultationPlan.State.DECIDED,
        decided_by="中共压测市委常委会",
        decided_on=date(YEAR, 2, 20),
        created_by=p.staff,
    )
    PlanItem.objects.bulk_create(
        PlanItem(
            plan=plan,
            topic=topic,
            plan_type=rng.choice(PlanType.values + [""]),
            form=topic.form,
            planned_on=topic.planned_on,
            planned_day=n % 7 == 0,
            lead=p.special.name,
            participants="全体常委、有关部门负责人",
            position=n,
        )
        for n, topic in enumerate(topics)
    )
    Fieldwork.objects.bulk_create(
        Fieldwork(
            committee=p.committee,
            kind=Fieldwork.Kind.RESEARCH,
            state=Fieldwork.State.REPORTED if n % 2 else Fieldwork.State.UNDER_WAY,
            title=f"压测调研{n}",
            topic=topic,
            starts_on=date(YEAR, 1 + n % 12, 1),
            created_by=p.staff,
        )
        for n, topic in enumerate(topics)
    )
    return plan


def _activities(p, rng, topics: list[Topic]) -> list[int]:
    Consultation.objects.bulk_create(
        (
            Consultation(
                committee=p.committee,
                topic=topics[i % TOPICS],
                form=rng.choice(Form.values),
                level=rng.choice(Level.values),
                state=ACTIVITY_STATES[i % len(ACTIVITY_STATES)],
                title=f"压测协商{i}",
                date=date(YEAR, 1, 10) + timedelta(days=i % 340),
                created_by=p.staff,
            )
            for i in range(ACTIVITIES)
        ),
        batch_size=2000,
    )
    return list(Consultation.objects.filter(committee=p.committee).values_list("pk", flat=True))


def _outcomes(p, rng, topics: list[Topic], members: list[int]) -> None:
    Outcome.objects.bulk_create(
        (
            Outcome(
                committee=p.committee,
                kind=rng.choice(Outcome.Kind.values),
                state=rng.choice(OUTCOME_STATES),
                title=f"压测成果{i}",
                text="调研发现……",
                topic=topics[i % TOPICS],
                written_on=date(YEAR, 1, 1) + timedelta(days=i % 360),
                created_by=p.staff,
            )
            for i in range(OUTCOMES)
        ),
        batch_size=2000,
    )
    outcomes = list(Outcome.objects.filter(committee=p.committee).values_list("pk", "state"))
    Suggestion.objects.bulk_create(
        (
            Suggestion(
                outcome_id=outcomes[i % OUTCOMES][0],
                number=i // OUTCOMES + 1,
                text="建议",
                state=rng.choice(SUGGESTION_STATES),
            )
            for i in range(SUGGESTIONS)
        ),
        batch_size=5000,
    )
    OutcomeMember.objects.bulk_create(
        (
            OutcomeMember(outcome_id=pk, member_id=rng.choice(members), role="author")
            for pk, _ in outcomes
        ),
        batch_size=5000,
    )
    instructed = [
        pk for pk, state in outcomes if state in ("instructed", "implemented", "informed")
    ]
    OutcomeTask.objects.bulk_create(
        (
            OutcomeTask(
                outcome_id=pk,
                state="open" if n % 3 else "done",
                leader="市长",
                given_on=date(YEAR, 2, 1),
                text="请研究落实",
                unit=p.unit,
                due_on=date(YEAR, 3, 1) + timedelta(days=n % 400),
                recorded_by=p.staff,
            )
            for n, pk in enumerate(instructed[:TASKS])
        ),
        batch_size=5000,
    )


def _participation(p, rng, activities: list[int], members: list[int]) -> None:
    at = datetime(YEAR, 3, 1, 10, tzinfo=TZ)
    MemberOpinion.objects.bulk_create(
        (
            MemberOpinion(
                consultation_id=activities[i % ACTIVITIES],
                member_id=rng.choice(members),
                text="意见",
                submitted_at=at,
            )
            for i in range(10 * ACTIVITIES)
        ),
        batch_size=5000,
    )
    UnitAttendance.objects.bulk_create(
        UnitAttendance(consultation_id=pk, unit=unit, attendees="局长")
        for pk in activities
        for unit in (p.unit, p.other_unit)
    )


def _fill() -> SimpleNamespace:
    p = build_committee("协商压测市政协", prefix="city_")
    rng = random.Random(17)
    members = [m.member_id for m in Membership.objects.filter(term=p.term)]
    topics = _topics(p, rng)
    p.plan = _plan(p, rng, topics)
    activities = _activities(p, rng, topics)
    _outcomes(p, rng, topics, members)
    _participation(p, rng, activities, members)
    return p


_filled: list[SimpleNamespace] = []


def year(timed) -> SimpleNamespace:
    """The committee of the city year (`build_committee`'s personas, `.plan` its plan),
    filled and timed on the first call of the run."""
    if not _filled:
        timed(
            f"fill the city year ({TOPICS} topics, {ACTIVITIES} activities, "
            f"{SUGGESTIONS} suggestions)",
            lambda: _filled.append(_fill()),
        )
    return _filled[0]
