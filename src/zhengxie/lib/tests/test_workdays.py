from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from zhengxie.lib.workdays import (
    add_working_days,
    is_working_day,
    next_working_day,
    working_days_between,
)

# 2025 国庆中秋: 10月1日至8日放假, 9月28日(周日)、10月11日(周六)上班.
NATIONAL_DAY_2025 = {date(2025, 10, d): False for d in range(1, 9)} | {
    date(2025, 9, 28): True,
    date(2025, 10, 11): True,
}


def test_weekend_is_rest_and_weekday_is_work_without_exceptions():
    assert is_working_day(date(2025, 6, 6), {})  # Friday
    assert not is_working_day(date(2025, 6, 7), {})  # Saturday


def test_national_day_holiday_is_skipped():
    assert add_working_days(date(2025, 9, 30), 1, NATIONAL_DAY_2025) == date(2025, 10, 9)


def test_make_up_sunday_counts_as_a_working_day():
    assert add_working_days(date(2025, 9, 26), 1, NATIONAL_DAY_2025) == date(2025, 9, 28)


def test_make_up_saturday_after_the_holiday_counts():
    assert add_working_days(date(2025, 10, 10), 1, NATIONAL_DAY_2025) == date(2025, 10, 11)


def test_next_working_day_leaves_the_holiday():
    assert next_working_day(date(2025, 10, 3), NATIONAL_DAY_2025) == date(2025, 10, 9)
    assert next_working_day(date(2025, 10, 9), NATIONAL_DAY_2025) == date(2025, 10, 9)


exceptions = st.dictionaries(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)),
    st.booleans(),
    max_size=40,
)


@given(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2025, 12, 31)),
    st.integers(min_value=0, max_value=60),
    exceptions,
)
def test_adding_working_days_lands_on_a_working_day_exactly_n_away(start, n, table):
    result = add_working_days(start, n, table)
    assert working_days_between(start, result, table) == n
    if n:
        assert is_working_day(result, table)
        assert working_days_between(start, result - timedelta(days=1), table) == n - 1


@given(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2025, 12, 31)),
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=0, max_value=30),
    exceptions,
)
def test_adding_working_days_composes(start, a, b, table):
    assert add_working_days(add_working_days(start, a, table), b, table) == add_working_days(
        start, a + b, table
    )
