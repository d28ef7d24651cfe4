"""Every outcome list page and list endpoint, and an outcome's suggestions and tasks, load in
the same number of queries with a few rows and with many: an N+1 fails here (STYLE.md 17)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zhengxie.consultations import services
from zhengxie.consultations.models import Suggestion
from zhengxie.testing import ROW, ListPin, assert_list_queries_pinned

from .outcomes_setup import informed, instructed, outcome


def overdue(p, numbers):
    """Outcomes instructed to 县教育局, their tasks past due."""
    for n in numbers:
        instructed(p, title=f"{ROW}{n}", due_on=timezone.localdate() - timedelta(days=1))


def told(p, numbers):
    """Outcomes whose result the members who took part were told, for them to rate."""
    for n in numbers:
        informed(p, title=f"{ROW}{n}")


def suggestions(p, numbers):
    """Suggestions of one sent outcome (`p.outcome`)."""
    if not hasattr(p, "outcome"):
        p.outcome = outcome(p, title="成果", suggestions=[])
        services.outcome_send(actor=p.staff, outcome=p.outcome, to="party", recipient="县委")
    for n in numbers:
        Suggestion.objects.create(outcome=p.outcome, number=n + 1, text=f"{ROW}{n}")


def tasks(p, numbers):
    """Tasks of one outcome (`p.outcome`) for 县教育局."""
    if not hasattr(p, "outcome"):
        p.outcome, _ = instructed(p, title="成果")
    for n in numbers:
        services.outcome_instruct(
            actor=p.staff,
            outcome=p.outcome,
            leader="县长",
            text=f"{ROW}{n}",
            unit=p.unit,
            due_on=timezone.localdate(),
        )


PINS = [
    ListPin("/consultations/outcomes/", "staff", overdue, 13),
    ListPin("/consultations/outcomes/?filter=overdue", "staff", overdue, 13),
    ListPin("/consultations/outcomes/mine/", "plain.member.user", overdue, 14),
    ListPin("/consultations/outcomes/mine/?filter=to_rate", "plain.member.user", told, 14),
    ListPin(
        "/consultations/outcomes/tasks/", "unit_user", overdue, 12, marker="请县教育局研究落实"
    ),
    ListPin("/consultations/outcomes/tasks/", "staff", overdue, 11, marker="请县教育局研究落实"),
    ListPin("/consultations/outcomes/{p.outcome.pk}/", "staff", suggestions, 19),
    ListPin("/consultations/outcomes/{p.outcome.pk}/", "unit_user", tasks, 17),
    ListPin("/api/v1/outcomes", "staff", overdue, 3, api=True),
    ListPin(
        "/api/v1/outcomes/tasks", "unit_user", overdue, 3, api=True, marker="请县教育局研究落实"
    ),
    ListPin("/api/v1/outcomes/{p.outcome.pk}", "staff", suggestions, 11, api=True),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_outcome_list_query_counts_do_not_grow(pin, p, client, django_assert_num_queries):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
