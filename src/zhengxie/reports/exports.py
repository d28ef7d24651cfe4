"""The data tables of a work report as XLSX: a sheet per section of the report, listing each
of its statistics from the registry for the period — label, value, measure word, 口径, the
value of the period compared with, and the list of the records it counts as a hyperlink (the
path, as the page links it). Each statistic is on the sheet of the first section naming it;
those no clause names on the app's last sheet, as the report's closing sentence writes them."""

from dataclasses import dataclass, field

from zhengxie.core import stats
from zhengxie.core.stats import AppStats, Figure, Scope
from zhengxie.lib.xlsx import Link, Sheet, sheets_bytes

from .periods import Period

HEADERS = ["统计项", "数值", "单位", "口径", "对比期数值", "记录链接"]
# An app that words no section gets one sheet, after those that do.
UNWORDED = 1000


@dataclass
class _Tab:
    order: int
    title: str
    keys: list[str] = field(default_factory=list)


def tables_xlsx(period: Period) -> bytes:
    tabs = []
    for declared in stats.registered():
        now = {f.key: f for f in stats.figures(declared.app, period.scope)}
        before = None
        if period.previous is not None:
            before = {f.key: f for f in stats.figures(declared.app, period.previous.scope)}
        for tab in _tabs(declared):
            rows = [row for key in tab.keys for row in _rows(now[key], before, period.scope)]
            tabs.append((tab.order, Sheet(tab.title, HEADERS, rows)))
    tabs.sort(key=lambda t: t[0])
    return sheets_bytes([sheet for _, sheet in tabs])


def _tabs(declared: AppStats) -> list[_Tab]:
    sections = declared.report
    if not sections:
        return [_Tab(UNWORDED, declared.title, [s.key for s in declared.stats])]
    tabs = [_Tab(s.order, s.title) for s in sections]
    placed: set[str] = set()
    for tab, section in zip(tabs, sections, strict=True):
        tab.keys = [k for k in dict.fromkeys(s.key for s in section.slots()) if k not in placed]
        placed |= set(tab.keys)
    tabs[-1].keys += [s.key for s in declared.stats if s.key not in placed]
    return tabs


def _rows(figure: Figure, before: dict | None, scope: Scope) -> list[list]:
    """The statistic's row; a count per item, its items under it."""
    previous = before[figure.key] if before is not None else None
    rows = [_row(figure.label, figure, previous, scope)]
    for item, name in _items(figure):
        rows.append(_row(f"  {name}", figure, previous, scope, item))
    return rows


def _items(figure: Figure) -> list[tuple[str, str]]:
    if not figure.stat.per_item:
        return []
    names = dict(figure.stat.items)
    return [(item, names.get(item, item)) for item in figure.value]


def _row(label: str, figure: Figure, previous: Figure | None, scope: Scope, item: str = ""):
    url = stats.records_url(figure.stat, scope, item)
    return [
        label,
        _value(figure, item),
        figure.unit,
        "" if item else figure.definition,
        _value(previous, item) if previous is not None else "",
        Link(url, url),
    ]


def _value(figure: Figure, item: str):
    if item:
        return figure.value.get(item, 0)
    return f"{figure.value:.1%}" if figure.is_rate else figure.total
