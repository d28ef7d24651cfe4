"""Every list page and list endpoint of topics and plans, the plan page with its execution
table and its DOCX load in the same number of queries with a few rows and with many: an N+1
fails here (STYLE.md 17)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zhengxie.consultations import services
from zhengxie.consultations.models import ConsultationPlan
from zhengxie.testing import ROW, ListPin, assert_list_queries_pinned, counter

from .topics_helpers import YEAR, accepted, decided, plan_of, suggested


def topics(p, numbers):
    for n in numbers:
        suggested(p, title=f"{ROW}{n}")


def joint(p, numbers):
    """Joint topics of 李委员 inviting 丁委员."""
    for n in numbers:
        suggested(
            p,
            p.plain.member.user,
            title=f"{ROW}{n}",
            source="members",
            cosigners=[p.another.member],
        )


def plan_items(p, numbers):
    """The year's plan (`p.plan`), decided, gaining amended items with participants."""
    if not hasattr(p, "plan"):
        p.plan = decided(p)
    for n in numbers:
        topic = accepted(p, title=f"{ROW}{n}")
        services.topic_arrange(
            actor=p.staff,
            topic=topic,
            lead_special_committee=p.special,
            with_sectors=[p.economy],
            with_members=[p.plain.member],
        )
        services.plan_item_add(actor=p.staff, plan=p.plan, topic=topic, reason=f"增补{n}")
        services.outcome_create(
            committee=p.committee,
            kind="research_report",
            title=f"{ROW}报告{n}",
            text="正文",
            written_on=timezone.localdate(),
            actor=p.staff,
            topic=topic,
        )


def drafting_pool(p, numbers):
    """A drafting plan (`p.plan`) whose pool of accepted topics grows."""
    if not hasattr(p, "plan"):
        p.plan = plan_of(p)
    for n in numbers:
        accepted(p, title=f"{ROW}{n}")


def plans(p, numbers):
    for n in numbers:
        ConsultationPlan.objects.create(
            committee=p.committee, year=2000 + n, title=f"{ROW}{n}", created_by=p.staff
        )


def solicitations(p, numbers):
    for n in numbers:
        services.solicitation_send(
            actor=p.staff,
            title=f"{ROW}{n}",
            due_on=timezone.localdate() + timedelta(days=5),
            year=YEAR,
            sectors=[p.education],
            units=[p.unit],
        )


PINS = [
    ListPin("/consultations/topics/", "staff", topics, queries=10),
    ListPin("/consultations/topics/?filter=to_cosign", "another.member.user", joint, queries=12),
    ListPin("/consultations/plans/", "staff", plans, queries=10),
    ListPin("/consultations/plans/{p.plan.pk}/", "staff", plan_items, queries=16),
    ListPin("/consultations/plans/{p.plan.pk}/", "plain.member.user", plan_items, queries=16),
    ListPin("/consultations/plans/{p.plan.pk}/", "staff", drafting_pool, queries=17),
    ListPin("/consultations/plans/{p.plan.pk}.docx", "staff", plan_items, queries=9),
    ListPin("/consultations/solicitations/", "staff", solicitations, queries=13),
    ListPin("/consultations/solicitations/", "unit_user", solicitations, queries=12),
    ListPin("/", "staff", topics, queries=47, marker=counter("待筛选的议题建议")),
    ListPin("/", "another.member.user", joint, queries=32, marker=counter("邀请我联名的议题")),
    ListPin("/api/v1/consultation-topics", "staff", topics, queries=3, api=True),
    ListPin("/api/v1/consultation-topics", "plain.member.user", joint, queries=4, api=True),
    ListPin("/api/v1/consultation-plans", "staff", plans, queries=3, api=True),
    ListPin("/api/v1/consultation-plans/{p.plan.pk}", "staff", plan_items, queries=9, api=True),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_topic_and_plan_list_queries_do_not_grow_with_rows(
    pin, p, client, django_assert_num_queries
):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
