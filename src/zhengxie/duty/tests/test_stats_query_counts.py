"""The duty statistics page, its XLSX and its endpoint read in the same number of queries with
a few records and with many (STYLE.md 17): the ledger is one grouped query."""

from datetime import date

import pytest

from zhengxie.duty.services import duty_record
from zhengxie.testing import (
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


PINS = [
    ListPin("/duty/stats/", "staff", recorded, 12, counted_on_page(r"履职记录</dt><dd>(\d+)条")),
    ListPin("/duty/stats/?format=xlsx", "staff", recorded, 11, counted_in_sheet("履职记录(条)")),
    ListPin("/api/v1/duty/stats", "staff", recorded, 5, counted_in_json("records"), True),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_duty_statistics_queries_do_not_grow_with_records(
    pin, p, client, django_assert_num_queries
):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
