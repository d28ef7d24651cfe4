"""The periods a report covers, each with its statistics scope, its name as reports write it
and the comparable previous period: a year (2026年, against 上年), 上半年 and any from–to range
(against 去年同期), 今年以来 (1 January to today), since a session (十届三次会议以来, against
上年, as seed 004 compares "七届三次会议以来" proposals) and a whole term (十届期间 against
上届, or 十届以来 against 上届同期 while it runs).

Rules every period keeps:
- it is counted up to today at the latest (the days after today have nothing to count), so a
  year or a half-year still running is 今年以来, compared with the same days a year earlier;
- the previous period covers the same dates a year earlier (29 February reads 28 February);
- bad input (the start after the end, a period not begun, dates outside 1900–2199) is refused
  with a Chinese message (ServiceError), never a 500.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta

from zhengxie.core.errors import Problem, ServiceError, require
from zhengxie.core.inputs import DATE_MESSAGE, EARLIEST, LATEST
from zhengxie.core.models import Committee, Session, Term
from zhengxie.core.stats import Scope
from zhengxie.lib.numerals import term_name

BAD_PERIOD = Problem("bad_period", "统计期间的开始日期不能晚于结束日期。")
NOT_BEGUN = "所选期间尚未开始,没有可统计的内容。"
OUT_OF_RANGE = f"{DATE_MESSAGE}。"

LAST_YEAR = "上年"
SAME_DAYS_LAST_YEAR = "去年同期"


@dataclass(frozen=True)
class Period:
    committee: Committee
    start: date
    end: date
    # How reports name it: 2026年, 2026年上半年, 今年以来, 十届三次会议以来, 十届期间.
    label: str
    # The comparable period before it, and how a comparison names it (上年, 去年同期, 上届);
    # None where there is none (a committee's first term).
    previous: "Period | None" = None
    against: str = ""

    @property
    def scope(self) -> Scope:
        return Scope(self.committee, start=self.start, end=self.end)


def span(committee: Committee, start: date, end: date, today: date) -> Period:
    """Any from–to range; one that is a whole year, 上半年 or 今年以来 is named so."""
    require(EARLIEST <= start <= LATEST and EARLIEST <= end <= LATEST, BAD_PERIOD, OUT_OF_RANGE)
    require(start <= end, BAD_PERIOD)
    require(start <= today, BAD_PERIOD, NOT_BEGUN)
    end = min(end, today)
    label, against = _named(committee, start, end, today)
    before = (_year_earlier(start), _year_earlier(end))
    previous = Period(committee, *before, _named(committee, *before, today)[0])
    return Period(committee, start, end, label, previous, against)


def year(committee: Committee, number: int, today: date) -> Period:
    require(EARLIEST.year <= number <= LATEST.year, BAD_PERIOD, OUT_OF_RANGE)
    return span(committee, date(number, 1, 1), date(number, 12, 31), today)


def first_half(committee: Committee, number: int, today: date) -> Period:
    require(EARLIEST.year <= number <= LATEST.year, BAD_PERIOD, OUT_OF_RANGE)
    return span(committee, date(number, 1, 1), date(number, 6, 30), today)


def year_to_date(committee: Committee, today: date) -> Period:
    return span(committee, date(today.year, 1, 1), today, today)


def since_session(session: Session, today: date) -> Period:
    """十届三次会议以来: from the session's opening day to today, against the same days a year
    earlier, which reports call 上年 ("比上年增加77%")."""
    committee = session.term.committee
    if session.start_date > today:
        raise ServiceError(BAD_PERIOD, f"{session.label}尚未开幕,没有可统计的内容。")
    period = span(committee, session.start_date, today, today)
    return replace(period, label=f"{session.label}以来", against=LAST_YEAR)


def term_period(term: Term, today: date) -> Period:
    """A term: 十届期间 once it has ended, against the whole previous term (上届); 十届以来 while
    it runs, against as many days from the previous term's start (上届同期). Without a previous
    term on record there is nothing to compare with."""
    if term.start_date > today:
        raise ServiceError(BAD_PERIOD, f"{term.label}尚未开始,没有可统计的内容。")
    running = term.end_date is None or term.end_date > today
    end = today if running else term.end_date
    before = Term.objects.filter(committee_id=term.committee_id, number=term.number - 1).first()
    previous = None
    if before is not None:
        before_end = before.end_date or term.start_date - timedelta(days=1)
        if running:
            before_end = min(before_end, before.start_date + (end - term.start_date))
        label = f"{term_name(before.number)}期间"
        previous = Period(term.committee, before.start_date, before_end, label)
    return Period(
        term.committee,
        term.start_date,
        end,
        f"{term_name(term.number)}{'以来' if running else '期间'}",
        previous,
        ("上届同期" if running else "上届") if previous else "",
    )


def _named(committee: Committee, start: date, end: date, today: date) -> tuple[str, str]:
    """A range's name and what it is compared against: a whole year against 上年, the rest
    against 去年同期."""
    if (start.month, start.day) == (1, 1) and start.year == end.year:
        if (end.month, end.day) == (12, 31):
            return f"{start.year}年", LAST_YEAR
        if (end.month, end.day) == (6, 30):
            return f"{start.year}年上半年", SAME_DAYS_LAST_YEAR
        if end == today:
            return "今年以来", SAME_DAYS_LAST_YEAR
    # Any other range is named as the statistics pages name it (2026年1月1日至2026年10月31日).
    return Scope(committee, start=start, end=end).label, SAME_DAYS_LAST_YEAR


def _year_earlier(day: date) -> date:
    if (day.month, day.day) == (2, 29):
        return date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


# The period shortcuts a report page and its endpoint take (`?period=`).
CHOICES = (
    ("year", "全年"),
    ("first_half", "上半年"),
    ("year_to_date", "今年以来"),
    ("since_session", "某次全体会议以来"),
    ("term", "整届"),
)
UNKNOWN_SESSION = "所选全体会议不存在。"
UNKNOWN_TERM = "所选届次不存在。"
UNKNOWN_CHOICE = "所选期间类型不存在。"


def choose(
    committee: Committee,
    today: date,
    *,
    kind: str = "",
    start: date | None = None,
    end: date | None = None,
    number: int | None = None,
    session_id: int | None = None,
    term_id: int | None = None,
) -> Period:
    """The period a reader asks for: a shortcut (`kind`, with its year, session or term: the
    latest session opened and the current term by default), else from–to (1 January of this
    year and today by default)."""
    number = number or today.year
    if kind == "year":
        return year(committee, number, today)
    if kind == "first_half":
        return first_half(committee, number, today)
    if kind == "year_to_date":
        return year_to_date(committee, today)
    if kind == "since_session":
        return since_session(_session(committee, session_id, today), today)
    if kind == "term":
        return term_period(_term(committee, term_id), today)
    require(not kind, BAD_PERIOD, UNKNOWN_CHOICE)
    if start is None and end is None:
        return year(committee, today.year, today)
    return span(committee, start or date(today.year, 1, 1), end or today, today)


def _session(committee: Committee, session_id: int | None, today: date) -> Session:
    sessions = Session.objects.filter(term__committee=committee).select_related("term")
    if session_id is None:
        sessions = sessions.filter(start_date__lte=today).order_by("-start_date")
    else:
        sessions = sessions.filter(pk=session_id)
    session = sessions.first()
    require(session is not None, BAD_PERIOD, UNKNOWN_SESSION)
    return session


def _term(committee: Committee, term_id: int | None) -> Term:
    terms = Term.objects.filter(committee=committee)
    term = (terms.filter(pk=term_id) if term_id else terms.filter(is_current=True)).first()
    require(term is not None, BAD_PERIOD, UNKNOWN_TERM)
    return term
