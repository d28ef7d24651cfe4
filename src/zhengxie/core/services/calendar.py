"""The working-day calendar: the national schedule and a committee's own days."""

from datetime import date

from chinese_calendar import constants as national_calendar
from django.db import transaction

from .. import errors
from ..audit import audit_log, snapshot
from ..errors import ServiceError
from ..models import (
    CalendarDay,
    CalendarYear,
    Committee,
    User,
)

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争胜利70周年纪念日",
}


def calendar_seed_national() -> list[int]:
    """Load every year chinese-calendar knows; returns the years added."""
    added = []
    with transaction.atomic(durable=True):
        days = {day: False for day in national_calendar.holidays}
        days.update({day: True for day in national_calendar.workdays})
        names = {**national_calendar.holidays, **national_calendar.workdays}
        for year in sorted({day.year for day in days}):
            if CalendarYear.objects.filter(year=year).exists():
                continue
            CalendarDay.objects.bulk_create(
                CalendarDay(
                    date=day,
                    is_workday=is_workday,
                    name=HOLIDAY_NAMES.get(names[day], names[day])
                    + ("调休上班" if is_workday else ""),
                )
                for day, is_workday in sorted(days.items())
                if day.year == year
            )
            CalendarYear.objects.create(year=year, source="chinese-calendar")
            added.append(year)
        if added:
            audit_log(actor=None, action="calendar.seed", after={"years": added})
    return added


def calendar_day_set(
    *, actor: User, committee: Committee, day: date, is_workday: bool, name: str
) -> CalendarDay:
    """A committee's own override of one day (e.g. a local holiday)."""
    with transaction.atomic(durable=True):
        existing = CalendarDay.objects.filter(committee=committee, date=day).first()
        before = snapshot(existing, ["date", "is_workday", "name"]) if existing else None
        entry, _ = CalendarDay.objects.update_or_create(
            committee=committee, date=day, defaults={"is_workday": is_workday, "name": name}
        )
        audit_log(
            actor=actor,
            action="calendar.set_day",
            target=entry,
            committee=committee,
            before=before,
            after=snapshot(entry, ["date", "is_workday", "name"]),
        )
    return entry


def calendar_day_remove(*, actor: User, committee: Committee, day: date) -> None:
    with transaction.atomic(durable=True):
        entry = CalendarDay.objects.filter(committee=committee, date=day).first()
        if entry is None:
            raise ServiceError(errors.NOT_FOUND)
        before = snapshot(entry, ["date", "is_workday", "name"])
        audit_log(
            actor=actor,
            action="calendar.remove_day",
            target=entry,
            committee=committee,
            before=before,
        )
        entry.delete()
