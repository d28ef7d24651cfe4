"""The statistics benchmark's city-sized year (200 plan topics, 1,000 activities, 1,000
outcomes with 5,000 suggestions) put in the year's plan, with a research per topic: the pages
the office reads the year by, the plan with its execution table and the consultation
statistics, on the same year.

Rows are written with bulk_create; their fields are those the services would set."""

from datetime import date

from django.test import Client

from bench.consultation_stats import fill as fill_year
from zhengxie.consultations.models import ConsultationPlan, PlanItem, Topic
from zhengxie.fieldwork.models import Fieldwork

YEAR = 2026


def _plan(p, topics: list[Topic]) -> ConsultationPlan:
    plan = ConsultationPlan.objects.create(
        committee=p.committee,
        year=YEAR,
        title=f"{p.committee.name}{YEAR}年度协商工作计划",
        state=ConsultationPlan.State.DECIDED,
        created_by=p.staff,
    )
    PlanItem.objects.bulk_create(
        PlanItem(
            plan=plan,
            topic=topic,
            form=topic.form,
            planned_on=date(YEAR, 1 + n % 12, 1),
            lead="提案委员会",
            position=n,
        )
        for n, topic in enumerate(topics)
    )
    return plan


def _research(p, topics: list[Topic]) -> None:
    Fieldwork.objects.bulk_create(
        Fieldwork(
            committee=p.committee,
            kind=Fieldwork.Kind.RESEARCH,
            state=Fieldwork.State.REPORTED if n % 2 else Fieldwork.State.UNDER_WAY,
            title=f"压测调研{n}",
            topic=topic,
            created_by=p.staff,
        )
        for n, topic in enumerate(topics)
    )


def _fill():
    p = fill_year()
    topics = list(Topic.objects.filter(committee=p.committee).order_by("pk"))
    plan = _plan(p, topics)
    _research(p, topics)
    return p, plan


def run(timed) -> None:
    filled = []
    timed("fill the year, its plan and research", lambda: filled.append(_fill()))
    p, plan = filled[0]
    staff = Client()
    staff.force_login(p.staff)
    pages = [
        (
            f"GET /consultations/plans/<id>/ ({plan.items.count()} topics)",
            f"/consultations/plans/{plan.pk}/",
            {},
        ),
        (
            "GET /consultations/stats/ (the year)",
            "/consultations/stats/",
            {"from": f"{YEAR}-01-01", "to": f"{YEAR}-12-31"},
        ),
    ]
    for label, url, query in pages:
        # A figure for an error page would be no figure at all.
        assert staff.get(url, query).status_code == 200, url
        timed(label, lambda url=url, query=query: staff.get(url, query), repeat=10)
