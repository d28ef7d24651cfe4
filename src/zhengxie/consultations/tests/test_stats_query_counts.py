"""The consultation statistics page, its XLSX and its endpoint read in the same number of
queries with a few activities, outcomes and instructions and with many (STYLE.md 17); the
fieldwork figures they serve are pinned with fieldwork rows in fieldwork's tests."""

import pytest

from zhengxie.consultations.tests.outcomes_setup import instructed
from zhengxie.consultations.tests.stats_fixtures import held
from zhengxie.testing import (
    ListPin,
    assert_list_queries_pinned,
    counted_in_json,
    counted_in_sheet,
    counted_on_page,
)


def activities(p, numbers):
    """Each row an activity held and an outcome sent with a leader's instruction."""
    for _ in numbers:
        held(p)
        instructed(p)


PINS = [
    ListPin(
        "/consultations/stats/",
        "staff",
        activities,
        29,
        counted_on_page(r"开展协商活动</dt><dd>(\d+)次"),
    ),
    ListPin(
        "/consultations/stats/?format=xlsx",
        "staff",
        activities,
        28,
        counted_in_sheet("开展协商活动(次)"),
    ),
    ListPin(
        "/api/v1/consultations/stats", "staff", activities, 20, counted_in_json("activities"), True
    ),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_consultation_statistics_queries_do_not_grow_with_activities(
    pin, p, client, django_assert_num_queries
):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
