"""The consultation statistics page, its XLSX and its endpoint read in the same number of
queries with a few activities and with many (STYLE.md 17)."""

import pytest

from zhengxie.consultations.tests.stats_fixtures import held
from zhengxie.testing import (
    ListPin,
    assert_list_queries_pinned,
    counted_in_json,
    counted_in_sheet,
    counted_on_page,
)


def activities(p, numbers):
    for _ in numbers:
        held(p)


PINS = [
    ListPin(
        "/consultations/stats/",
        "staff",
        activities,
        22,
        counted_on_page(r"开展协商活动</dt><dd>(\d+)次"),
    ),
    ListPin(
        "/consultations/stats/?format=xlsx",
        "staff",
        activities,
        21,
        counted_in_sheet("开展协商活动(次)"),
    ),
    ListPin(
        "/api/v1/consultations/stats", "staff", activities, 13, counted_in_json("activities"), True
    ),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_consultation_statistics_queries_do_not_grow_with_activities(
    pin, p, client, django_assert_num_queries
):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
