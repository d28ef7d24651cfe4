"""The statistics page, its XLSX and its endpoint read in the same number of queries with a
few meetings held and with many (STYLE.md 17)."""

from datetime import timedelta

import pytest

from zhengxie.meetings import services
from zhengxie.testing import (
    ROW,
    ListPin,
    assert_list_queries_pinned,
    counted_in_json,
    counted_in_sheet,
    counted_on_page,
)

from .conftest import START, arrive


def attended(p, numbers):
    """Closed meetings 李委员 came to."""
    for n in numbers:
        meeting = services.meeting_create(
            actor=p.staff,
            kind="symposium",
            title=f"{ROW}{n}",
            starts_at=START,
            place="县政协四楼会议室",
            invite_rule="all",
            notify_invitees=False,
        )
        arrive(p.plain.member.user, meeting)
        services.meeting_close(actor=p.staff, meeting=meeting, now=START + timedelta(hours=4))


PINS = [
    # The speeches of the period's meetings (提交、采用大会发言) are one aggregate of their own.
    ListPin("/meetings/stats/", "staff", attended, 14, counted_on_page(r"召开会议(\d+)次")),
    ListPin(
        "/meetings/stats/?format=xlsx", "staff", attended, 12, counted_in_sheet("召开会议(次)")
    ),
    ListPin("/api/v1/meetings/stats", "staff", attended, 5, counted_in_json("total"), True),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_meeting_statistics_queries_do_not_grow_with_meetings(
    pin, p, client, django_assert_num_queries
):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
