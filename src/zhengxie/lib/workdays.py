"""Working-day arithmetic on the Chinese calendar.

`exceptions` maps a date to True (a make-up workday on a weekend) or False
(a holiday on a weekday); every other day is a workday unless it falls on a
weekend. The caller supplies the table, so these functions stay pure.
"""

from collections.abc import Mapping
from datetime import date, timedelta


def is_working_day(day: date, exceptions: Mapping[date, bool]) -> bool:
    if day in exceptions:
        return exceptions[day]
    return day.weekday() < 5


def add_working_days(start: date, days: int, exceptions: Mapping[date, bool]) -> date:
    """The date `days` working days after `start` (start itself not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current, exceptions):
            remaining -= 1
    return current


def next_working_day(day: date, exceptions: Mapping[date, bool]) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day, exceptions):
        day += timedelta(days=1)
    return day


def working_days_between(start: date, end: date, exceptions: Mapping[date, bool]) -> int:
    """Working days after `start` up to and including `end` (negative when end < start)."""
    sign = 1 if end >= start else -1
    low, high = (start, end) if sign == 1 else (end, start)
    count = 0
    day = low
    while day < high:
        day += timedelta(days=1)
        count += is_working_day(day, exceptions)
    return sign * count
