"""Dates as the committee reads them: in its own time zone (Asia/Shanghai, the deployment's
TIME_ZONE), written the Chinese way without zero padding (2026年5月6日). Every document,
export and message uses these rather than formatting a stored (UTC) datetime itself."""

from datetime import date, datetime

from django.utils import timezone


def local_date(value: date | datetime) -> date:
    """The committee's calendar day of a moment (a stored datetime is UTC)."""
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def cn_date(value: date | datetime | None) -> str:
    """2026年5月6日; "" for none."""
    if value is None:
        return ""
    day = local_date(value)
    return f"{day.year}年{day.month}月{day.day}日"


def cn_datetime(value: datetime | None) -> str:
    """2026年5月6日 14:05, in the committee's time zone; "" for none."""
    if value is None:
        return ""
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{cn_date(moment)} {moment:%H:%M}"


def local_stamp(value: datetime | None) -> str:
    """2026-05-06 14:05:09 in the committee's time zone, for audit-style columns; "" for none."""
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M:%S}" if value else ""


def parse_date(value: str | None) -> date | None:
    """An ISO date from a query string, or None when absent or malformed."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def month_day(value: date | datetime) -> str:
    """5月6日, the committee's day of a moment."""
    day = local_date(value)
    return f"{day.month}月{day.day}日"
