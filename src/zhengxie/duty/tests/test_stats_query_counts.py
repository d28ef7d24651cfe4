"""The duty statistics page, its XLSX and its endpoint, and the lists its figures open, read in
the same number of queries with a few records and with many (STYLE.md 17): the ledger is one
grouped query, read once per request though the page asks for both the figures and the
tables."""

from datetime import date

import pytest

from zhengxie.core import stats
from zhengxie.duty.services import duty_record
from zhengxie.members.tests.test_list_query_counts import members
from zhengxie.testing import (
    ROW,
    ListPin,
    assert_list_queries_pinned,
    counted_in_json,
    counted_in_sheet,
    counted_on_page,
)


def recorded(p, numbers):
    people = (p.chair, p.standing, p.plain, p.another)
    for n in numbers:
        who = people[n % len(people)].member
        duty_record(member=who, kind="training", date=date(2026, 1, 1 + n), note=f"培训{n}")


YEAR = "from=2026-01-01&to=2026-12-31"
PINS = [
    ListPin("/duty/stats/", "staff", recorded, 10, counted_on_page(r"履职记录</dt><dd>(\d+)条")),
    ListPin("/duty/stats/?format=xlsx", "staff", recorded, 9, counted_in_sheet("履职记录(条)")),
    ListPin("/api/v1/duty/stats", "staff", recorded, 5, counted_in_json("records"), True),
    # The two lists read the ledger's member ids first (two queries, see duty.stats.engaged).
    ListPin(f"/duty/stats/records/?counted=records&{YEAR}", "staff", recorded, 12, "培训"),
    ListPin(f"/duty/stats/members/?counted=members&{YEAR}", "staff", members, 12, ROW),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_duty_statistics_queries_do_not_grow_with_records(
    pin, p, client, django_assert_num_queries
):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)


def test_the_counts_and_the_tables_of_one_scope_read_the_ledger_once(p, django_assert_num_queries):
    recorded(p, range(3))
    scope = stats.Scope(p.committee, start=date(2026, 1, 1), end=date(2026, 12, 31))
    with django_assert_num_queries(2):  # the members in office, the ledger grouped
        figures = stats.figures("duty", scope)
        tables = stats.tables("duty", scope)
    assert next(f.value for f in figures if f.key == "records") == 3
    assert sum(row["records"] for row in tables[0].rows) == 3
