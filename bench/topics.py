"""A city-sized consultation year against its plan: 200 planned topics with 1,000 activities
and 200 outcomes carrying 5,000 suggestions; the plan page (plan vs actual), its endpoint and
its DOCX, and the topic list.

Rows are written with bulk_create; their fields are those the services would set."""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.test import Client

from zhengxie.consultations.models import (
    Consultation,
    ConsultationPlan,
    Form,
    Outcome,
    PlanItem,
    PlanType,
    Suggestion,
    Topic,
)
from zhengxie.core.services import api_token_issue
from zhengxie.testing import build_committee

TZ = ZoneInfo("Asia/Shanghai")
TOPICS, ACTIVITIES_EACH, SUGGESTIONS_EACH = 200, 5, 25
FORMS = [Form.COUNTERPART, Form.SECTOR, Form.BIMONTHLY, Form.THEMATIC, Form.WRITTEN]


def _topics(p, rng) -> list[Topic]:
    start = datetime(2026, 1, 5, 9, tzinfo=TZ)
    return Topic.objects.bulk_create(
        Topic(
            committee=p.committee,
            year=2026,
            state=Topic.State.PLANNED,
            title=f"压测议题{i}",
            source=rng.choice(Topic.Source.values[:9]),
            form=rng.choice(FORMS),
            supervisory=i % 10 == 0,
            submitted_by=p.staff,
            submitted_at=start + timedelta(hours=i),
            planned_on=date(2026, 1 + i % 12, 1),
            lead_special_committee=p.special,
        )
        for i in range(TOPICS)
    )


def _fill():
    p = build_committee("协商压测政协", prefix="cbench_")
    rng = random.Random(11)
    topics = _topics(p, rng)
    plan = ConsultationPlan.objects.create(
        committee=p.committee,
        year=2026,
        title="协商压测政协2026年度协商工作计划",
        state=ConsultationPlan.State.DECIDED,
        decided_by="中共压测市委常委会",
        decided_on=date(2026, 2, 20),
        created_by=p.staff,
    )
    PlanItem.objects.bulk_create(
        PlanItem(
            plan=plan,
            topic=t,
            plan_type=rng.choice(PlanType.values),
            form=t.form,
            planned_on=t.planned_on,
            lead=p.special.name,
            participants="全体常委、有关部门负责人",
            position=n,
        )
        for n, t in enumerate(topics)
    )
    states = [Consultation.State.HELD, Consultation.State.PLANNED, Consultation.State.CANCELLED]
    Consultation.objects.bulk_create(
        Consultation(
            committee=p.committee,
            topic=t,
            form=t.form,
            title=f"{t.title}协商活动{k}",
            date=date(2026, 1 + (n + k) % 12, 10),
            state=rng.choice(states),
            created_by=p.staff,
        )
        for n, t in enumerate(topics)
        for k in range(ACTIVITIES_EACH)
    )
    outcomes = Outcome.objects.bulk_create(
        Outcome(
            committee=p.committee,
            kind=Outcome.Kind.RESEARCH_REPORT,
            title=f"{t.title}调研报告",
            text="报告正文。",
            topic=t,
            written_on=date(2026, 6, 1),
            created_by=p.staff,
            state=rng.choice(Outcome.State.values),
        )
        for t in topics
    )
    Suggestion.objects.bulk_create(
        Suggestion(outcome=o, number=k, text=f"建议{k}")
        for o in outcomes
        for k in range(1, SUGGESTIONS_EACH + 1)
    )
    return p, plan


def run(timed) -> None:
    p, plan = _fill()
    client = Client()
    client.force_login(p.staff)
    url = f"/consultations/plans/{plan.pk}/"
    timed(f"GET {url} ({TOPICS} topics, plan vs actual)", lambda: client.get(url), repeat=20)
    timed("GET the plan as DOCX", lambda: client.get(f"/consultations/plans/{plan.pk}.docx"), 10)
    timed("GET /consultations/topics/", lambda: client.get("/consultations/topics/"), repeat=20)
    member = Client()
    member.force_login(p.plain.member.user)
    timed("GET the plan page as a member", lambda: member.get(url), repeat=20)
    auth = {"Authorization": f"Bearer {api_token_issue(user=p.staff)}"}
    timed(
        "GET /api/v1/consultation-plans/{id}",
        lambda: client.get(f"/api/v1/consultation-plans/{plan.pk}", headers=auth),
        repeat=20,
    )
