"""The working-day calendar: national schedule plus the committee's own overrides.

Deadlines that land in a year whose schedule nobody has confirmed are computed on
weekends only and come back flagged, never silently wrong.
"""

from dataclasses import dataclass
from datetime import date

from zhengxie.lib import workdays

from .models import CalendarDay, CalendarYear, Committee


@dataclass(frozen=True)
class Deadline:
    date: date
    confirmed: bool

    @property
    def warning(self) -> str:
        if self.confirmed:
            return ""
        return f"{self.date.year}年节假日安排尚未确认,期限按双休日推算,请核对。"


def calendar_exceptions(committee: Committee | None, start: date, end: date) -> dict[date, bool]:
    days = CalendarDay.objects.filter(date__range=(start, end), committee=None)
    exceptions = {day.date: day.is_workday for day in days}
    if committee is not None:
        overrides = CalendarDay.objects.filter(date__range=(start, end), committee=committee)
        exceptions.update({day.date: day.is_workday for day in overrides})
    return exceptions


def _years_confirmed(start: date, end: date) -> bool:
    years = set(range(start.year, end.year + 1))
    known = set(CalendarYear.objects.filter(year__in=years).values_list("year", flat=True))
    return years <= known


def _window_end(start: date, working_days: int) -> date:
    # Two calendar days per working day covers the longest holiday runs (春节, 国庆).
    return date.fromordinal(start.toordinal() + working_days * 2 + 30)


def add_working_days(committee: Committee | None, start: date, days: int) -> Deadline:
    exceptions = calendar_exceptions(committee, start, _window_end(start, days))
    result = workdays.add_working_days(start, days, exceptions)
    return Deadline(result, _years_confirmed(start, result))


def next_working_day(committee: Committee | None, day: date) -> Deadline:
    exceptions = calendar_exceptions(committee, day, _window_end(day, 1))
    result = workdays.next_working_day(day, exceptions)
    return Deadline(result, _years_confirmed(day, result))


def deadline_after_months(committee: Committee | None, start: date, months: int) -> Deadline:
    """Same day `months` later (clamped to month end), moved to the next working day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in range(start.day, 27, -1):
        try:
            target = date(year, month, day)
            break
        except ValueError:
            continue
    else:
        target = date(year, month, start.day)
    return next_working_day(committee, target)


def is_working_day(committee: Committee | None, day: date) -> bool:
    return workdays.is_working_day(day, calendar_exceptions(committee, day, day))
