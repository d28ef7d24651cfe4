"""One registry of statistics: each app declares what it counts once, and the API schemas, the
XLSX exports, the statistics pages and the generated reports read the declaration.

A statistic has a key, a Chinese label, a measure word (件, 次, 篇, 条, 人次, 人, 个, 期, %)
and a definition (口径). A rate is a statistic too: part ÷ whole of other statistics, computed
here, never by the app, so a rate and its definition cannot drift apart. The app computes its
counts for a scope (a committee and a period, optionally a session) and the rows of its
breakdowns (by unit, by sector, by member…); `figures` and `tables` are what a report asks for.
"""

import dataclasses
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import reduce
from typing import Any

from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from ninja import Field, Schema
from pydantic import create_model

from zhengxie.lib.dates import cn_date
from zhengxie.lib.xlsx import workbook_bytes

from .models import Committee, Session


@dataclass(frozen=True)
class Scope:
    """What a statistic is counted over: a committee's whole record, a period of it, or one
    session (apps without sessions count over the dates alone)."""

    committee: Committee
    session: Session | None = None
    start: date | None = None
    end: date | None = None
    # What an app's counts and rows both read (the duty ledger), read once per scope: a page
    # asks the registry for its figures and its tables of one scope. A scope is made for one
    # reading (a request, a report), so it never outlives a write.
    memo: dict = dataclasses.field(
        default_factory=dict, init=False, compare=False, hash=False, repr=False
    )

    @property
    def label(self) -> str:
        if self.session:
            return self.session.label
        if self.start and self.end:
            return f"{cn_date(self.start)}至{cn_date(self.end)}"
        if self.start:
            return f"{cn_date(self.start)}以来"
        if self.end:
            return f"截至{cn_date(self.end)}"
        return "全部"

    def days(self, field: str) -> Q:
        """The period as bounds on a date field."""
        q = Q()
        if self.start:
            q &= Q(**{f"{field}__gte": self.start})
        if self.end:
            q &= Q(**{f"{field}__lte": self.end})
        return q

    def moments(self, field: str) -> Q:
        """The period as bounds on a datetime field, its days in the committee's time zone:
        datetime bounds rather than __date lookups, which SQLite evaluates row by row."""
        zone = timezone.get_current_timezone()
        q = Q()
        if self.start:
            q &= Q(**{f"{field}__gte": datetime.combine(self.start, time.min, zone)})
        if self.end:
            end = datetime.combine(self.end + timedelta(days=1), time.min, zone)
            q &= Q(**{f"{field}__lt": end})
        return q


@dataclass(frozen=True, kw_only=True)
class Stat:
    key: str
    label: str
    unit: str
    definition: str
    # A count per named item (各层级采用, 各刊物期数): {name: count}; `items` names the keys
    # where they are codes (会议类型).
    per_item: bool = False
    items: tuple[tuple[str, str], ...] = ()
    # A count worth attention whenever it is not zero (超期, 无故缺席): shown as an alert.
    alert: bool = False
    # The items of a count per item are titles (刊物): a report writes them in 《》.
    titled: bool = False
    # The list page (URL name) that shows the records this count counts, narrowed by
    # `?from=&to=&counted=<key>` (and `&item=` for one item): see `records_url`. A rate's
    # list is its parts' (they must share it).
    records: str = ""

    @property
    def value_type(self) -> Any:
        return dict[str, int] if self.per_item else int

    def resolved(self, committee: Committee) -> "Stat":
        return self

    def cell(self, row: dict) -> Any:
        """The value as a table cell shows it, on the page and in the XLSX alike."""
        return row[self.key]


def stat(key: str, label: str, unit: str, definition: str, **flags) -> Stat:
    """A count declared in one line: key, label, measure word, definition."""
    return Stat(key=key, label=label, unit=unit, definition=definition, **flags)


def share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


@dataclass(frozen=True, kw_only=True)
class Rate(Stat):
    parts: tuple[str, ...]
    whole: str
    unit: str = "%"
    # Where a committee chooses the basis (落实率 in its ProposalPolicy): the rate it chose.
    chosen: Callable[[Committee], "Rate"] | None = None
    # How a row without a whole reads (a member only ever 列席 has no 出勤率); "" for 0.0%.
    empty: str = ""

    @property
    def value_type(self) -> Any:
        return float

    def resolved(self, committee: Committee) -> "Rate":
        return self.chosen(committee) if self.chosen else self

    def of(self, row: dict) -> float:
        return share(sum(row[part] for part in self.parts), row[self.whole])

    def cell(self, row: dict) -> str:
        if self.empty and not row[self.whole]:
            return self.empty
        return f"{row[self.key]:.1%}"

    def variant(self, parts: tuple[str, ...], whole: str, definition: str) -> "Rate":
        return replace(self, parts=parts, whole=whole, definition=definition, chosen=None)


@dataclass(frozen=True)
class Breakdown:
    """A table of the statistics per unit, sector, member…: each row has a "label" and a value
    for each column."""

    key: str
    label: str
    columns: tuple[Stat, ...]


@dataclass(frozen=True)
class Borrowed:
    """Another app's statistics served beside this app's (协商统计 shows 视察调研's), read from
    the registry by the lender's name when counted: the borrower never imports the lender, and
    each figure keeps the lender's label, measure word and definition. A lender that is not
    installed lends nothing."""

    app: str
    label: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class AppStats:
    app: str
    title: str
    # The statistics page (URL name; with ?format=xlsx, the export) and the API endpoint.
    page: str
    endpoint: str
    stats: tuple[Stat, ...]
    # The scope's values of every statistic that is not a rate.
    counts: Callable[[Scope], dict]
    breakdowns: tuple[Breakdown, ...] = ()
    # The rows of the breakdowns asked for, rates left out (some apps read all in one pass).
    rows: Callable[[Scope, tuple[str, ...]], dict[str, list[dict]]] | None = None
    # Other apps' statistics served with these, each under its app's name.
    borrowed: tuple[Borrowed, ...] = ()
    # The records a count of a scope counts (key, and the item of a count per item), for the
    # list pages its figures link to; needed by every statistic that declares `records`.
    counted: Callable[[Scope, str, str], Any] | None = None
    # The names of what some counts count (the key proposals' titles, the topics), by key.
    names: Callable[[Scope], dict[str, list[str]]] | None = None
    # The app's sections of a generated work report (`ReportSection`), in its words.
    report: tuple["ReportSection", ...] = ()
    # The day of the committee's first record the app counts (None: none yet): a report
    # compares with a previous period only where the app was already in use then.
    first_day: Callable[[Committee], date | None] | None = None

    def __post_init__(self) -> None:
        """A mistake in a declaration fails at start-up, not as a KeyError on a page."""
        keys = [s.key for s in self.stats]
        if len(keys) != len(set(keys)):
            raise ValueError(f"{self.app}: a statistic is declared twice")
        if {b.app for b in self.borrowed} & set(keys):
            raise ValueError(f"{self.app}: a borrowed app's name is taken by a statistic")
        for rate in self.rates(self.stats):
            missing = {*rate.parts, rate.whole} - set(keys)
            if missing:
                raise ValueError(f"{self.app}.{rate.key} is a share of undeclared {missing}")
        if any(s.records for s in self.stats) and self.counted is None:
            raise ValueError(f"{self.app}: statistics link to records the app cannot list")
        listed = {s.key: s.records for s in self.stats}
        for rate in self.rates(self.stats):
            if rate.records and any(listed[part] != rate.records for part in rate.parts):
                raise ValueError(f"{self.app}.{rate.key} links to records its parts do not")
        declared = {s.key: s for s in self.stats}
        for section in self.report:
            for slot in section.slots():
                stat = declared.get(slot.key)
                if stat is None or not slot.fits(stat):
                    raise ValueError(f"{self.app}: the report's {{{slot.text}}} names no statistic")

    @staticmethod
    def rates(stats: tuple[Stat, ...]) -> tuple[Rate, ...]:
        return tuple(s for s in stats if isinstance(s, Rate))

    def resolved(self, committee: Committee) -> tuple[Stat, ...]:
        return tuple(s.resolved(committee) for s in self.stats)

    def breakdown(self, key: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.key == key)


SLOT = re.compile(r"\{([a-z_]+)(?:\.([a-z_]+))?(?::([a-z]+))?\}")
# How a slot writes its statistic (see `Slot`).
SLOT_STYLES = ("", "items", "change", "titles", "series")


@dataclass(frozen=True)
class Slot:
    """One number or list in a report's clause: `{key}` a count with its measure word or a
    rate as a percentage, `{key.item}` one item of a count per item, `{key:items}` every item
    counted (常委会议5次、主席会议12次), `{key:change}` the comparison with the previous
    period (，比上年增加77%), `{key:titles}` the named items in 《》 with their count,
    `{key:series}` the names in running text (`{key.item:series}` those of one item: the
    topics of the 常委会议); `{period}` is the period's name."""

    text: str
    key: str
    item: str
    style: str

    def fits(self, stat: Stat) -> bool:
        if self.style not in SLOT_STYLES or (self.item and self.style not in ("", "series")):
            return False
        if self.item:
            return stat.per_item and (not stat.items or self.item in dict(stat.items))
        return self.style != "items" or stat.per_item


def slots(text: str) -> list[Slot]:
    return [
        Slot(m.group(0)[1:-1], m[1], m[2] or "", m[3] or "")
        for m in SLOT.finditer(text)
        if m[1] != "period"
    ]


@dataclass(frozen=True)
class ReportSection:
    """An app's section of a work report, as committees write it: paragraphs of clauses, each
    clause with slots naming the app's statistics (see `Slot`). A generated report leaves out
    a clause whose first number is nought and one quoting a rate of nothing, and writes the
    app's statistics named in no clause and not in `omit` in a closing sentence, so a new
    statistic reaches the report before anyone words it."""

    key: str
    title: str
    order: int
    paragraphs: tuple[tuple[str, ...], ...]
    # Statistics a report does not write (the wholes of rates, the office's own counts).
    omit: tuple[str, ...] = ()

    def slots(self) -> list[Slot]:
        return [s for p in self.paragraphs for clause in p for s in slots(clause)]

    def named(self) -> set[str]:
        return {s.key for s in self.slots()} | set(self.omit)


_REGISTRY: dict[str, AppStats] = {}


def register(app_stats: AppStats) -> AppStats:
    """Called from the app's AppConfig.ready(); registering an app twice replaces it (tests)."""
    _REGISTRY[app_stats.app] = app_stats
    return app_stats


def registered() -> tuple[AppStats, ...]:
    return tuple(_REGISTRY.values())


def of(app: str) -> AppStats:
    return _REGISTRY[app]


def lenders(app: str) -> tuple[Borrowed, ...]:
    """What the app borrows from apps that are installed (registered by their ready())."""
    return tuple(b for b in of(app).borrowed if b.app in _REGISTRY)


def with_rates(row: dict, stats: tuple[Stat, ...]) -> dict:
    return {**row, **{rate.key: rate.of(row) for rate in AppStats.rates(stats)}}


@dataclass(frozen=True)
class Figure:
    """One statistic's value for a scope, with what a report says beside it."""

    stat: Stat
    value: Any

    @property
    def key(self) -> str:
        return self.stat.key

    @property
    def label(self) -> str:
        return self.stat.label

    @property
    def unit(self) -> str:
        return self.stat.unit

    @property
    def definition(self) -> str:
        return self.stat.definition

    @property
    def is_rate(self) -> bool:
        return isinstance(self.stat, Rate)

    @property
    def total(self) -> int | float:
        """A count per item sums its items; any other figure is its value."""
        return sum(self.value.values()) if self.stat.per_item else self.value

    @property
    def parts(self) -> list[tuple[str, int]]:
        """A count per item as (label, count), in declared order, the items with none left
        out; nothing for any other figure."""
        if not self.stat.per_item:
            return []
        names = dict(self.stat.items)
        return [(names.get(item, item), n) for item, n in self.value.items() if n]


def figures(app: str, scope: Scope, keys: tuple[str, ...] | None = None) -> list[Figure]:
    """All statistics of the app for the scope (or those named), in declared order, with
    label, measure word and definition (as the committee chose it): the one call a generated
    report makes. An app's own figures only: what it borrows is `borrowed`'s."""
    declared = of(app)
    stats = declared.resolved(scope.committee)
    row = with_rates(declared.counts(scope), stats)
    return [Figure(s, row[s.key]) for s in stats if keys is None or s.key in keys]


def earliest(rows, field: str) -> date | None:
    """The day of the earliest date or moment in `field` among rows (in the committee's time
    zone): an app's `first_day`."""
    first = rows.aggregate(first=Min(field))["first"]
    return timezone.localdate(first) if isinstance(first, datetime) else first


def records_url(stat: Stat, scope: Scope, item: str = "") -> str:
    """The list page of the records a count counts: "" for a statistic that declares none."""
    if not stat.records:
        return ""
    query = {"from": scope.start, "to": scope.end, "counted": stat.key, "item": item}
    return f"{reverse(stat.records)}?{urlencode({k: v for k, v in query.items() if v})}"


def counted(app: str, scope: Scope, key: str, item: str = ""):
    """The records `key` counts for the scope (a queryset of the app's list), as its list
    page narrows itself to them; a rate's are its parts' (办复率 opens the replied)."""
    declared = of(app)
    stat = next(s for s in declared.stats if s.key == key)
    if not isinstance(stat, Rate):
        return declared.counted(scope, key, item)
    parts = [declared.counted(scope, part, "") for part in stat.parts]
    return reduce(operator.or_, parts)


@dataclass(frozen=True)
class Section:
    """Another app's figures as the borrowing app serves them, under their heading."""

    app: str
    label: str
    figures: list[Figure]


def borrowed(app: str, scope: Scope) -> list[Section]:
    return [Section(b.app, b.label, figures(b.app, scope, b.keys)) for b in lenders(app)]


def as_values(figures: list[Figure]) -> dict:
    """The figures by key, and "rates": each rate with its value and its definition, as the
    page, the API and the exports show them."""
    return {
        **{f.key: f.value for f in figures},
        "rates": [
            {"key": f.key, "label": f.label, "value": f.value, "definition": f.definition}
            for f in figures
            if f.is_rate
        ],
    }


def values(app: str, scope: Scope) -> dict:
    """The app's figures as `as_values` gives them, and each borrowed section the same way
    under its app's name."""
    sections = {s.app: as_values(s.figures) for s in borrowed(app, scope)}
    return {**as_values(figures(app, scope)), **sections}


@dataclass(frozen=True)
class Table:
    key: str
    label: str
    columns: tuple[Stat, ...]
    rows: list[dict]


def tables(app: str, scope: Scope, keys: tuple[str, ...] | None = None) -> list[Table]:
    """The app's breakdowns for the scope (all, or those named), each row with its rates."""
    declared = of(app)
    chosen = [declared.breakdown(k) for k in keys] if keys else list(declared.breakdowns)
    if not chosen:
        return []
    rows = declared.rows(scope, tuple(b.key for b in chosen))
    # Resolved once per call: a committee's choice (落实率) is one query, not one per table.
    resolved = {s: s.resolved(scope.committee) for b in chosen for s in b.columns}
    result = []
    for b in chosen:
        columns = tuple(resolved[s] for s in b.columns)
        result.append(
            Table(b.key, b.label, columns, [with_rates(row, columns) for row in rows[b.key]])
        )
    return result


def table(app: str, scope: Scope, key: str) -> Table:
    [one] = tables(app, scope, (key,))
    return one


class RateOut(Schema):
    key: str
    label: str
    value: float
    definition: str = Field(description="口径:分子 ÷ 分母")


def response_schema(name: str, app: str, **extra: tuple[Any, Any]):
    """The API's response model: one field per registered statistic (a new statistic is served
    without touching the API), `rates`, an object per borrowed section, and the app's `extra`
    fields (type, Field(...))."""
    sections = {
        b.app: (
            _schema(f"{name}_{b.app}", of(b.app).stats, b.keys),
            Field(description=f"{b.label}(统计登记册中{b.app}的统计,口径同其统计页)"),
        )
        for b in lenders(app)
    }
    return _schema(name, of(app).stats, None, **sections, **extra)


def _schema(name: str, stats: tuple[Stat, ...], keys: tuple[str, ...] | None, **extra):
    fields = {
        s.key: (s.value_type, Field(description=f"{heading(s)};口径:{s.definition}"))
        for s in stats
        if keys is None or s.key in keys
    }
    rates = (list[RateOut], Field(description="每个比率的数值与口径(definition)"))
    return create_model(name, __base__=Schema, **fields, **extra, rates=rates)


def heading(stat: Stat) -> str:
    return f"{stat.label}({stat.unit})"


def figure_rows(stats: tuple[Stat, ...], row: dict) -> list[list]:
    """One sheet row per statistic: label with its measure word, value, definition; a count
    per item lists its items under it."""
    rows = []
    for stat in stats:
        value = stat.cell(row)
        if stat.per_item:
            rows.append([heading(stat), sum(value.values()), stat.definition])
            names = dict(stat.items)
            rows.extend([f"  {names.get(item, item)}", n, ""] for item, n in value.items())
        else:
            rows.append([heading(stat), value, stat.definition])
    return rows


def _figure_rows(figures: list[Figure]) -> list[list]:
    return figure_rows(tuple(f.stat for f in figures), {f.key: f.value for f in figures})


def table_rows(table: Table, header: bool = True) -> list[list]:
    """The breakdown's heading row (with its column labels, unless the sheet's header row
    already has them), then a row per item."""
    head = [f"按{table.label}", *(c.label if header else "" for c in table.columns)]
    body = [[row["label"], *(c.cell(row) for c in table.columns)] for row in table.rows]
    return [head, *body]


def workbook(
    title: str,
    scope: Scope,
    figures: list[Figure],
    tables: list[Table],
    sections: list[Section] = (),
) -> bytes:
    """The statistics as one sheet: every figure with its definition, each borrowed section
    under its heading row, then each breakdown under its own heading row."""
    rows = _figure_rows(figures)
    for section in sections:
        rows.append([section.label, "", ""])
        rows.extend(_figure_rows(section.figures))
    for table in tables:
        rows.extend(table_rows(table))
    headers = [f"项目({scope.label})", "数量", "口径"]
    width = max(len(headers), *(len(row) for row in rows))
    return workbook_bytes(title, headers + [""] * (width - len(headers)), rows)
