"""The statistics page, its XLSX and its endpoint read in the same number of queries with a
few items and with many (STYLE.md 17)."""

import pytest

from zhengxie.opinions import services
from zhengxie.testing import (
    ROW,
    ListPin,
    assert_list_queries_pinned,
    counted_in_json,
    counted_in_sheet,
    counted_on_page,
)


def adopted(p, numbers):
    for n in numbers:
        opinion = p.flow.approved(title=f"{ROW}{n}")
        services.opinion_adopt(actor=p.flow.staff, opinion=opinion, level="own")


PINS = [
    ListPin("/opinions/stats/", "staff", adopted, 25, counted_on_page(r"收到信息</dt><dd>(\d+)条")),
    ListPin("/opinions/stats/?format=xlsx", "staff", adopted, 24, counted_in_sheet("收到信息(条)")),
    ListPin("/api/v1/opinions/stats", "staff", adopted, 17, counted_in_json("received"), True),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_opinion_statistics_queries_do_not_grow_with_items(
    pin, p, flow, client, django_assert_num_queries
):
    p.flow = flow
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
