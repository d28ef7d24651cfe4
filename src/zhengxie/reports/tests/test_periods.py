"""The periods a report covers: their dates, their names and the period each is compared with
(seeds_000_002.md §10.3: year, 上半年, 今年以来, "…会议以来", "X届期间")."""

from datetime import date

import pytest

from zhengxie.core.errors import ServiceError
from zhengxie.core.models import Session, Term
from zhengxie.core.stats import Scope
from zhengxie.reports.periods import (
    first_half,
    since_session,
    span,
    term_period,
    year,
    year_to_date,
)

TODAY = date(2026, 12, 2)


def _dates(period) -> tuple[date, date]:
    return period.start, period.end


def test_a_past_year_is_named_by_its_year_and_compared_with_the_year_before(p):
    period = year(p.committee, 2025, TODAY)
    assert (_dates(period), period.label, period.against) == (
        (date(2025, 1, 1), date(2025, 12, 31)),
        "2025年",
        "上年",
    )
    assert (_dates(period.previous), period.previous.label) == (
        (date(2024, 1, 1), date(2024, 12, 31)),
        "2024年",
    )
    assert period.scope == Scope(p.committee, start=date(2025, 1, 1), end=date(2025, 12, 31))


def test_a_year_still_running_is_this_year_so_far_against_the_same_days_a_year_earlier(p):
    period = year(p.committee, 2026, TODAY)
    assert (_dates(period), period.label, period.against) == (
        (date(2026, 1, 1), TODAY),
        "今年以来",
        "去年同期",
    )
    assert _dates(period.previous) == (date(2025, 1, 1), date(2025, 12, 2))
    assert year_to_date(p.committee, TODAY) == period


def test_the_first_half_runs_from_1_january_to_30_june_against_the_same_half_a_year_earlier(p):
    period = first_half(p.committee, 2026, TODAY)
    assert (_dates(period), period.label, period.against) == (
        (date(2026, 1, 1), date(2026, 6, 30)),
        "2026年上半年",
        "去年同期",
    )
    assert period.previous.label == "2025年上半年"


def test_a_first_half_still_running_is_this_year_so_far(p):
    assert first_half(p.committee, 2026, date(2026, 3, 5)).label == "今年以来"


def test_any_range_is_named_from_to_and_compared_with_the_same_days_a_year_earlier(p):
    period = span(p.committee, date(2026, 3, 1), date(2026, 10, 31), TODAY)
    assert (period.label, period.against) == ("2026年3月1日至2026年10月31日", "去年同期")
    assert _dates(period.previous) == (date(2025, 3, 1), date(2025, 10, 31))


def test_a_range_is_counted_up_to_today_at_the_latest(p):
    period = span(p.committee, date(2026, 3, 1), date(2027, 3, 1), TODAY)
    assert period.end == TODAY


def test_29_february_a_year_earlier_reads_28_february(p):
    period = span(p.committee, date(2024, 2, 29), date(2024, 3, 31), TODAY)
    assert period.previous.start == date(2023, 2, 28)


def test_since_a_session_runs_from_its_opening_day_against_the_year_before(p):
    third = p.sessions[2]  # 十届三次会议, opened 2024-01-10
    period = since_session(third, date(2024, 10, 31))
    assert (_dates(period), period.label, period.against) == (
        (date(2024, 1, 10), date(2024, 10, 31)),
        "十届三次会议以来",
        "上年",  # seed 004: 七届三次会议以来…比上年增加77%
    )
    assert _dates(period.previous) == (date(2023, 1, 10), date(2023, 10, 31))


def test_a_session_not_yet_opened_is_refused(p):
    fourth = Session.objects.create(
        term=p.term, number=4, start_date=date(2027, 1, 10), end_date=date(2027, 1, 13)
    )
    with pytest.raises(ServiceError) as refused:
        since_session(fourth, TODAY)
    assert (refused.value.code, refused.value.detail) == (
        "bad_period",
        "十届四次会议尚未开幕,没有可统计的内容。",
    )


def _ninth_term(p) -> Term:
    return Term.objects.create(
        committee=p.committee, number=9, start_date=date(2017, 1, 10), end_date=date(2022, 1, 9)
    )


def test_a_running_term_is_compared_with_as_many_days_of_the_previous_term(p):
    _ninth_term(p)
    period = term_period(p.term, date(2024, 1, 9))  # 十届 from 2022-01-10: 729 days
    assert (_dates(period), period.label, period.against) == (
        (date(2022, 1, 10), date(2024, 1, 9)),
        "十届以来",
        "上届同期",
    )
    assert (_dates(period.previous), period.previous.label) == (
        (date(2017, 1, 10), date(2019, 1, 9)),
        "九届期间",
    )


def test_an_ended_term_is_compared_with_the_whole_previous_term(p):
    _ninth_term(p)
    p.term.end_date = date(2026, 12, 1)
    period = term_period(p.term, TODAY)
    assert (period.label, period.against, period.end) == ("十届期间", "上届", date(2026, 12, 1))
    assert _dates(period.previous) == (date(2017, 1, 10), date(2022, 1, 9))


def test_a_first_term_has_nothing_to_compare_with(p):
    period = term_period(p.term, TODAY)
    assert (period.previous, period.against) == (None, "")


@pytest.mark.parametrize(
    ("start", "end", "detail"),
    [
        (date(2026, 5, 1), date(2026, 4, 30), "统计期间的开始日期不能晚于结束日期。"),
        (date(2027, 1, 1), date(2027, 12, 31), "所选期间尚未开始,没有可统计的内容。"),
        (date(1899, 12, 31), date(2026, 1, 1), "日期须在1900年至2199年之间。"),
        (date(2026, 1, 1), date(2200, 1, 1), "日期须在1900年至2199年之间。"),
    ],
)
def test_a_bad_period_is_refused_with_a_chinese_message(p, start, end, detail):
    with pytest.raises(ServiceError) as refused:
        span(p.committee, start, end, TODAY)
    assert (refused.value.code, refused.value.detail) == ("bad_period", detail)


@pytest.mark.parametrize("number", [1899, 2200, 99999])
def test_a_year_out_of_range_is_refused_with_a_chinese_message(p, number):
    with pytest.raises(ServiceError, match="日期须在1900年至2199年之间"):
        year(p.committee, number, TODAY)
