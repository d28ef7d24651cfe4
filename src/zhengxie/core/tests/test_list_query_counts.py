"""Every list page and list endpoint of core loads in the same number of queries with a few
rows and with many: an N+1 fails here (STYLE.md 17)."""

from datetime import date, timedelta

import pytest

from zhengxie.core import roles
from zhengxie.core.services import (
    calendar_day_set,
    notify,
    password_reset_request,
    session_create,
    user_create,
)
from zhengxie.testing import ROW, ListPin, assert_list_queries_pinned, counter


def notifications(p, numbers):
    for n in numbers:
        notify(recipients=[p.plain.member.user], title=f"{ROW}{n}", email=False)


def accounts(p, numbers, role=roles.STAFF):
    return [
        user_create(
            actor=p.sysadmin,
            username=f"row{n}",
            password="x-Password-12345",
            committee=p.committee,
            display_name=f"{ROW}{n}",
            role_names=[role],
        )
        for n in numbers
    ]


def admin_resets(p, numbers):
    """Pending resets exist for administrators' accounts only (three separated roles)."""
    for admin in accounts(p, numbers, roles.SYSTEM_ADMIN):
        password_reset_request(actor=p.security, user=admin)


def calendar_days(p, numbers):
    for n in numbers:
        day = date(2026, 7, 1) + timedelta(days=n)
        calendar_day_set(
            actor=p.staff, committee=p.committee, day=day, is_workday=False, name=f"{ROW}{n}"
        )


def sessions(p, numbers):
    for n in numbers:
        start = date(2030, 1, 1) + timedelta(days=10 * n)
        session_create(actor=p.staff, term=p.term, start_date=start, end_date=start)


PINS = [
    ListPin("/inbox/", "plain.member.user", notifications, queries=11),
    ListPin("/audit/", "auditor", accounts, queries=15),
    ListPin("/accounts/", "sysadmin", accounts, queries=13),
    ListPin("/accounts/", "security", accounts, queries=13),
    ListPin("/audit/?format=xlsx", "auditor", accounts, queries=9),
    ListPin("/accounts/?format=xlsx", "sysadmin", accounts, queries=9),
    ListPin("/", "plain.member.user", notifications, queries=32, marker=counter("未读消息")),
    ListPin("/accounts/resets/", "sysadmin", admin_resets, queries=11),
    ListPin("/calendar/", "staff", calendar_days, queries=11),
    ListPin("/terms/", "staff", sessions, queries=11, marker="次会议"),
    ListPin("/api/v1/sessions", "staff", sessions, queries=4, marker="次会议", api=True),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_core_list_queries_do_not_grow_with_rows(pin, p, client, django_assert_num_queries):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
