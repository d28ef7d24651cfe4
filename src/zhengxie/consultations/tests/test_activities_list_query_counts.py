"""Every list page and list endpoint of the activities area, and the lists a consultation's
page shows, load in the same number of queries with a few rows and with many (STYLE.md 17)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from zhengxie.consultations.models import Form
from zhengxie.consultations.services import activities as services
from zhengxie.testing import ROW, ListPin, assert_list_queries_pinned, counter

from .activities_fixtures import DAY, consultation_of, researched


def consultations(p, numbers):
    for n in numbers:
        consultation_of(p, title=f"{ROW}{n}", form=Form.ONLINE)


def owed(p, numbers):
    for n in numbers:
        services.consultation_request_material(
            actor=p.staff,
            consultation=consultation_of(p),
            unit=p.unit,
            title=f"{ROW}{n}",
            due_on=DAY - timedelta(days=1),
        )


def written(p, numbers):
    for n in numbers:
        services.written_request_create(
            actor=p.staff,
            requester_kind="department",
            requester="县发展和改革局",
            document=f"{ROW}{n}",
            received_on=date(2026, 5, 1),
            due_on=date(2026, 5, 10),
        )


def busy(p, numbers):
    """One online consultation (`p.consultation`) with, per row, a member's opinion, a
    department's material and its attendance line."""
    if not hasattr(p, "consultation"):
        now = timezone.now()
        p.consultation = services.consultation_open_online(
            actor=p.staff,
            consultation=consultation_of(p, researched(p), form=Form.ONLINE),
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=1),
        )
    for n in numbers:
        services.consultation_opine(
            actor=p.plain.member.user, consultation=p.consultation, text=f"{ROW}{n}"
        )
        services.consultation_request_material(
            actor=p.staff,
            consultation=p.consultation,
            unit=p.unit,
            title=f"材料{n}",
            due_on=DAY - timedelta(days=1),
        )


PINS = [
    ListPin("/consultations/activities/", "staff", consultations, queries=10),
    ListPin("/consultations/activities/", "plain.member.user", consultations, queries=13),
    ListPin("/consultations/materials/", "unit_user", owed, queries=13),
    ListPin("/consultations/written-requests/", "staff", written, queries=10),
    ListPin("/consultations/{p.consultation.pk}/", "staff", busy, queries=23),
    ListPin("/consultations/{p.consultation.pk}/", "plain.member.user", busy, queries=17),
    ListPin("/", "staff", written, queries=47, marker=counter("书面协商待答复")),
    ListPin("/", "unit_user", owed, queries=23, marker=counter("待报送")),
    ListPin("/api/v1/consultations", "staff", consultations, queries=3, api=True),
    ListPin("/api/v1/consultations", "plain.member.user", consultations, queries=5, api=True),
    ListPin("/api/v1/consultations/materials", "unit_user", owed, queries=3, api=True),
    ListPin("/api/v1/consultations/written-requests", "staff", written, queries=3, api=True),
    ListPin("/api/v1/consultations/{p.consultation.pk}", "staff", busy, queries=11, api=True),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_activities_list_queries_do_not_grow_with_rows(pin, p, client, django_assert_num_queries):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
