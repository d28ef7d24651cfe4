"""Every list page and list endpoint of fieldwork, and the visits and group a fieldwork's
page, endpoint and plan list, load in the same number of queries with a few rows and with
many: an N+1 fails here (STYLE.md 17)."""

from datetime import date

import pytest

from zhengxie.fieldwork import services
from zhengxie.members.models import Membership
from zhengxie.members.services import member_create
from zhengxie.testing import ROW, ListPin, assert_list_queries_pinned, counter

from .conftest import fieldwork_of, join


def planned(p, numbers):
    for n in numbers:
        fieldwork = fieldwork_of(p, f"{ROW}{n}", topic=p.flow.topic, lead_committee=p.special)
        join(p, fieldwork, p.plain)


def under_way(p, numbers):
    for n in numbers:
        fieldwork = fieldwork_of(p, f"{ROW}{n}")
        join(p, fieldwork, p.plain)
        services.fieldwork_start(actor=p.staff, fieldwork=fieldwork)


def _members(p, numbers) -> list[Membership]:
    return [
        member_create(
            actor=p.staff,
            committee=p.committee,
            term=p.term,
            sector=p.economy,
            name=f"组员{n}",
            gender="男",
            party="群众",
            employer_title="某单位",
        )
        for n in numbers
    ]


def visited(p, numbers):
    """The flow's fieldwork (`p.fw`): each row a visit, a member who was there, a finding."""
    p.fw = p.flow.fieldwork
    services.rules_set(actor=p.staff, group_limit=100)
    for n, membership in zip(numbers, _members(p, numbers), strict=True):
        person = join(p, p.fw, membership)
        visit = services.visit_add(
            actor=p.staff, fieldwork=p.fw, date=date(2026, 5, 7), place=f"{ROW}{n}"
        )
        services.attendance_record(actor=p.staff, fieldwork=p.fw, visit=visit, present=[person])
        services.finding_add(actor=p.staff, fieldwork=p.fw, visit=visit, text=f"问题{n}")


PINS = [
    ListPin("/fieldwork/", "staff", planned, queries=11),
    ListPin("/fieldwork/", "plain.member.user", planned, queries=13),
    ListPin("/fieldwork/?filter=under_way", "staff", under_way, queries=11),
    ListPin("/fieldwork/?filter=drafts_due", "plain.member.user", under_way, queries=13),
    ListPin("/api/v1/fieldwork", "staff", planned, queries=4, api=True),
    ListPin("/api/v1/fieldwork", "plain.member.user", planned, queries=5, api=True),
    ListPin("/fieldwork/{p.fw.pk}/", "staff", visited, queries=27),
    ListPin("/fieldwork/{p.fw.pk}/", "plain.member.user", visited, queries=23),
    ListPin("/api/v1/fieldwork/{p.fw.pk}", "staff", visited, queries=15, api=True),
    ListPin("/fieldwork/{p.fw.pk}/plan.docx", "staff", visited, queries=13),
    ListPin("/", "plain.member.user", under_way, queries=34, marker=counter("待我撰写报告稿")),
    ListPin("/", "staff", under_way, queries=47, marker=counter("实施中的视察调研")),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_fieldwork_list_queries_do_not_grow_with_rows(
    pin, p, flow, client, django_assert_num_queries
):
    p.flow = flow
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
