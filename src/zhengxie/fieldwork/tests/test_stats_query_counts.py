"""The fieldwork statistics page, its XLSX and its endpoint, and the consultation statistics
that serve the fieldwork figures beside their own, read in the same number of queries with a
few fieldwork and with many (STYLE.md 17)."""

import pytest

from zhengxie.fieldwork import services
from zhengxie.fieldwork.tests.conftest import fieldwork_of
from zhengxie.testing import (
    ListPin,
    assert_list_queries_pinned,
    counted_in_json,
    counted_in_sheet,
    counted_on_page,
)


def carried_out(p, numbers):
    for n in numbers:
        fieldwork = fieldwork_of(p, title=f"调研{n}")
        services.fieldwork_start(actor=p.staff, fieldwork=fieldwork)


PINS = [
    ListPin(
        "/fieldwork/stats/",
        "staff",
        carried_out,
        16,
        counted_on_page(r"开展视察调研考察</dt><dd>(\d+)次"),
    ),
    ListPin(
        "/fieldwork/stats/?format=xlsx",
        "staff",
        carried_out,
        15,
        counted_in_sheet("开展视察调研考察(次)"),
    ),
    ListPin("/api/v1/fieldwork/stats", "staff", carried_out, 9, counted_in_json("fieldwork"), True),
    ListPin(
        "/consultations/stats/",
        "staff",
        carried_out,
        29,
        counted_on_page(r"开展视察调研考察</dt><dd>(\d+)次"),
    ),
    ListPin(
        "/consultations/stats/?format=xlsx",
        "staff",
        carried_out,
        28,
        counted_in_sheet("开展视察调研考察(次)"),
    ),
    ListPin(
        "/api/v1/consultations/stats",
        "staff",
        carried_out,
        20,
        lambda response: response.json()["fieldwork"]["fieldwork"],
        True,
    ),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_fieldwork_statistics_queries_do_not_grow_with_fieldwork(
    pin, p, client, django_assert_num_queries
):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
