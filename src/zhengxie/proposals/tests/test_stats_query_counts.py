"""The statistics page, its XLSX and its endpoint read in the same number of queries with a
few proposals and with many (STYLE.md 17): every count is one grouped query."""

import pytest

from zhengxie.testing import (
    ROW,
    ListPin,
    assert_list_queries_pinned,
    counted_in_json,
    counted_in_sheet,
    counted_on_page,
)

from .conftest import Cycle


def replied(p, numbers):
    for n in numbers:
        Cycle(p).replied(title=f"{ROW}{n}")


PINS = [
    ListPin(
        "/proposals/stats/", "staff", replied, 25, counted_on_page(r"征集提案</dt><dd>(\d+)件")
    ),
    ListPin("/proposals/stats/?format=xlsx", "staff", replied, 23, counted_in_sheet("合计")),
    ListPin("/api/v1/proposals/stats", "staff", replied, 10, counted_in_json("collected"), True),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_proposal_statistics_queries_do_not_grow_with_proposals(
    pin, p, client, django_assert_num_queries
):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
