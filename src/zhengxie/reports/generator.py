"""The work report (工作报告) of a period, written from the statistics registry: each app's
sections in the order committees write them (meetings, proposals, 社情民意, consultation,
fieldwork, speeches, duty…), each paragraph in the app's own words (`core.stats.ReportSection`)
and every number as `wording` writes it, compared with the previous period where the clause
asks, and linked to the records it counts.

The generator knows no app: it reads every section, figure and name through `core.stats`, so
a statistic an app registers is written (in its app's closing sentence, until the app words
it) without touching this module, and an app that registers statistics without a section gets
one of its own, titled as its statistics page.
"""

from dataclasses import asdict, dataclass, replace
from functools import cached_property
from typing import Any

from zhengxie.core import stats
from zhengxie.core.stats import AppStats, Figure, Rate, ReportSection, Slot

from . import queries, wording
from .models import COUNTS, RATES, Approximation
from .periods import Period

# A section an app words itself comes before the sections of apps that do not.
LAST = 1000
# How many names a clause lists in running text before 等.
SHOWN_NAMES = 5
REST = "此外，"
EXACT = Approximation.Style.EXACT
AT_LEAST = Approximation.Style.AT_LEAST


@dataclass(frozen=True)
class ReportFigure:
    """A number the text states: its statistic (app.key, or app.key.item for one item), its
    value, the words that state it (35件, 59%, 《…》等4件, 比上年增加77%) and the list of the
    records it counts ("" where the app lists none). `previous` marks the previous period's
    value, stated by a comparison."""

    key: str
    value: Any
    words: str
    records_url: str
    label: str
    unit: str
    definition: str
    is_rate: bool = False
    previous: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A paragraph as pieces, text and the figures stated in it, in order."""

    pieces: list["str | ReportFigure"]

    @property
    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.words for p in self.pieces)

    @property
    def figures(self) -> list[ReportFigure]:
        return [p for p in self.pieces if isinstance(p, ReportFigure)]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    paragraphs: list[Paragraph]


@dataclass(frozen=True)
class WorkReport:
    period: Period
    sections: list[Section]


def work_report(period: Period) -> WorkReport:
    """Every registered app's sections for the period, in their order; a section with nothing
    to say is left out. Numbers read as the committee chose (exact unless it chose an
    approximation for the statistic or for every count or rate)."""
    written = []
    chosen = queries.approximations(period.scope.committee)
    for declared in stats.registered():
        counted = _Counted(declared, period, chosen)
        sections = declared.report or (ReportSection(declared.app, declared.title, LAST, ()),)
        for index, section in enumerate(sections):
            paragraphs = [p for p in (_paragraph(c, counted) for c in section.paragraphs) if p]
            if index == len(sections) - 1:
                paragraphs += _rest(declared, counted)
            if paragraphs:
                written.append((section.order, section.key, section.title, paragraphs))
    written.sort(key=lambda s: (s[0], s[1]))
    return WorkReport(period, [Section(key, title, ps) for _, key, title, ps in written])


@dataclass
class _Counted:
    """One app's figures for the period and the previous one, and its names, read once."""

    declared: AppStats
    period: Period
    # The committee's approximations: "app.key", "counts" or "rates" → 多, 余, 近, 以上, exact.
    chosen: dict[str, str]

    @cached_property
    def now(self) -> dict[str, Figure]:
        return {f.key: f for f in stats.figures(self.declared.app, self.period.scope)}

    @cached_property
    def before(self) -> dict[str, Figure] | None:
        """The previous period's figures; none where there is no previous period or the app
        was not yet in use in it (a system installed this year compares with nothing)."""
        previous = self.period.previous
        if previous is None or not self.in_use_by(previous.end):
            return None
        return {f.key: f for f in stats.figures(self.declared.app, previous.scope)}

    def in_use_by(self, day) -> bool:
        first_day = self.declared.first_day
        if first_day is None:
            return True
        first = first_day(self.period.scope.committee)
        return first is not None and first <= day

    @cached_property
    def names(self) -> dict[str, list[str]]:
        names = self.declared.names
        return names(self.period.scope) if names else {}

    def whole(self, rate: Rate) -> int:
        return self.now[rate.whole].total

    def words(self, figure: Figure, value) -> str:
        """The value as the committee writes it: 35件, 500多条, 59%, 95%以上."""
        style = self.chosen.get(f"{self.declared.app}.{figure.key}")
        style = style or self.chosen.get(RATES if figure.is_rate else COUNTS, EXACT)
        if figure.is_rate:
            return wording.percent_at_least(value) if style == AT_LEAST else wording.percent(value)
        return wording.count(value, figure.unit, "" if style == EXACT else style)

    def figure(
        self, figure: Figure, words: str, item: str = "", previous: bool = False
    ) -> ReportFigure:
        value = figure.value[item] if item else figure.total
        scope = (self.period.previous if previous else self.period).scope
        key = f"{self.declared.app}.{figure.key}" + (f".{item}" if item else "")
        name = dict(figure.stat.items).get(item, item)
        return ReportFigure(
            key=key,
            value=value,
            words=words,
            records_url=stats.records_url(figure.stat, scope, item),
            label=f"{figure.label}·{name}" if item else figure.label,
            unit=figure.unit,
            definition=figure.definition,
            is_rate=figure.is_rate,
            previous=previous,
        )


Pieces = list["str | ReportFigure"]


def _paragraph(clauses: tuple[str, ...], counted: _Counted) -> Paragraph | None:
    """The clauses written, the paragraph left out when its first (its subject) would state a
    nought."""
    pieces: Pieces = []
    for index, clause in enumerate(clauses):
        written = _clause(clause, counted)
        if written is None and not index:
            return None
        if written is None:
            continue
        if pieces and not clause.startswith("；"):
            pieces.append("，")
        pieces += written
    return Paragraph([*pieces, "。"]) if pieces else None


def _clause(clause: str, counted: _Counted) -> Pieces | None:
    """The clause with its slots written, or None where it would state a nought: its first
    number is 0 (or names nothing), or it quotes a rate whose whole is 0."""
    pieces: Pieces = []
    at, first = 0, True
    for match in stats.SLOT.finditer(clause):
        pieces.append(clause[at : match.start()])
        at = match.end()
        if match[1] == "period":
            pieces.append(counted.period.label)
            continue
        slot = Slot(match.group(0)[1:-1], match[1], match[2] or "", match[3] or "")
        written, nought = _slot(slot, counted)
        if nought and (first or isinstance(counted.now[slot.key].stat, Rate)):
            return None
        first = first and slot.style == "change"
        pieces += written
    return [p for p in (*pieces, clause[at:]) if p]


def _slot(slot: Slot, counted: _Counted) -> tuple[Pieces, bool]:
    """The slot's words and figures, and whether they state a nought."""
    figure = counted.now[slot.key]
    stat = figure.stat
    if slot.style == "change":
        return _change(figure, counted), False
    if slot.style == "series":
        names = counted.names.get(f"{slot.key}.{slot.item}" if slot.item else slot.key, [])
        return [_series(names)], not names
    if slot.style == "titles":
        names = counted.names.get(slot.key, [])
        words = wording.titles(names, stat.unit)
        return [replace(counted.figure(figure, words), value=len(names))], not names
    if slot.style == "items":
        return _items(figure, counted)
    if isinstance(stat, Rate):
        words = counted.words(figure, figure.value)
        return [counted.figure(figure, words)], not counted.whole(stat)
    value = figure.value[slot.item] if slot.item else figure.total
    return [counted.figure(figure, counted.words(figure, value), slot.item)], not value


def _change(figure: Figure, counted: _Counted) -> Pieces:
    if counted.before is None or figure.is_rate:
        return []
    previous = counted.before[figure.key]
    words = wording.change(figure.total, previous.total, counted.period.against)
    return ["，", counted.figure(previous, words, previous=True)]


def _items(figure: Figure, counted: _Counted) -> tuple[Pieces, bool]:
    """Each item counted, named: 常委会议5次、主席会议12次 (刊物 in 《》)."""
    names = dict(figure.stat.items)
    pieces: Pieces = []
    for item, n in figure.value.items():
        if not n:
            continue
        name = names.get(item, item)
        pieces += [
            "、" if pieces else "",
            wording.title(name) if figure.stat.titled else name,
            counted.figure(figure, counted.words(figure, n), item),
        ]
    return [p for p in pieces if p], not pieces


def _series(names: list[str]) -> str:
    """The names in running text, the first few of many (the clause writes its own 等)."""
    if len(names) > SHOWN_NAMES:
        return "、".join(names[:SHOWN_NAMES])
    return wording.series(names)


def _rest(declared: AppStats, counted: _Counted) -> list[Paragraph]:
    """The app's statistics no clause of its sections names, in one closing sentence: each
    count that is not nought and each rate of something, with its label."""
    named = set().union(*(s.named() for s in declared.report))
    pieces: Pieces = []
    for figure in counted.now.values():
        if figure.key in named:
            continue
        if (counted.whole(figure.stat) if figure.is_rate else figure.total) == 0:
            continue
        words = counted.words(figure, figure.value if figure.is_rate else figure.total)
        pieces += ["、" if pieces else "", figure.label, counted.figure(figure, words)]
    if not pieces:
        return []
    lead = REST if declared.report else f"{counted.period.label}，"
    return [Paragraph([lead, *(p for p in pieces if p), "。"])]


def as_data(report: WorkReport) -> dict:
    """The report as the API serves it: period, then sections, paragraphs and figures."""
    period = report.period
    return {
        "period": period.label,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "against": period.against if period.previous else "",
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "paragraphs": [
                    {"text": p.text, "figures": [asdict(f) for f in p.figures]}
                    for p in s.paragraphs
                ],
            }
            for s in report.sections
        ],
    }
