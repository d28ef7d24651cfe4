"""The year's dashboard for leaders and the office: proposals by state and by handling unit,
replies late, 社情民意 adoption by level, attendance by meeting kind, the consultation plan's
progress and the members' activity — each a chart with its table under it.

Every number is read from the statistics registry (core.stats) by app and key, never from an
app: the table is the registry's figures or breakdown rows, and the chart draws the same rows,
so the chart cannot say what the table does not. A chart of an app that is not installed is
left out. The page reads each app's figures once and its breakdowns in one call, so its query
count does not grow with the records."""

from dataclasses import dataclass

from django.shortcuts import render
from django.utils import timezone

from zhengxie.core import inputs, stats
from zhengxie.core.decorators import allowed
from zhengxie.core.errors import ServiceError
from zhengxie.core.permissions import can_read_statistics

from . import periods


@dataclass(frozen=True)
class Chart:
    """One chart and its table: the items of a count per item (`figure`), or the rows of a
    breakdown (`table`) with the `columns` shown, the first `plotted` of them drawn; `facts`
    are figures shown above it with their 口径. `nonzero` leaves out rows whose drawn values are
    all nought (the units with no late reply). `items` heads the first column of a count per
    item: what its items are (状态), the count's own label heading the numbers."""

    key: str
    title: str
    app: str
    figure: str = ""
    items: str = ""
    table: str = ""
    columns: tuple[str, ...] = ()
    plotted: int = 1
    facts: tuple[str, ...] = ()
    nonzero: bool = False
    kind: str = "bar"  # bar, or pie (the parts of a whole)
    horizontal: bool = False  # long names (units, topics) read better along the side


CHARTS = (
    Chart(
        "proposal_states",
        "提案办理状态",
        "proposals",
        figure="by_state",
        items="状态",
        facts=("collected", "registered"),
        kind="pie",
    ),
    Chart(
        "proposal_units",
        "各承办单位办理提案",
        "proposals",
        table="unit",
        columns=("registered", "replied", "closed", "reply_rate"),
        plotted=2,
        facts=("units", "reply_rate"),
        horizontal=True,
    ),
    Chart(
        "proposal_overdue",
        "超期答复",
        "proposals",
        table="unit",
        columns=("overdue", "registered"),
        facts=("overdue",),
        nonzero=True,
        horizontal=True,
    ),
    Chart(
        "opinion_adoptions",
        "社情民意信息各层级采用",
        "opinions",
        figure="adoptions",
        items="采用层级",
        facts=("received", "adopted", "adoption_rate"),
    ),
    Chart(
        "attendance",
        "各类会议出勤",
        "meetings",
        table="kind",
        columns=("present", "on_leave", "expected", "rate"),
        plotted=2,
        facts=("total",),
        horizontal=True,
    ),
    Chart(
        "consultation_plan",
        "年度协商计划执行",
        "consultations",
        table="topic",
        columns=("activities", "outcomes", "suggestions_made", "suggestions_adopted"),
        plotted=2,
        facts=("topics_planned", "topics_done", "plan_rate"),
        horizontal=True,
    ),
    Chart(
        "duty_bands",
        "委员履职分布",
        "duty",
        table="band",
        columns=("in_band", "band_share"),
        facts=("members", "active", "active_rate"),
    ),
    Chart(
        "duty_categories",
        "各类履职参与",
        "duty",
        table="category",
        columns=("engaged", "engaged_rate", "records"),
        facts=("trained", "training_rate"),
        horizontal=True,
    ),
)


@dataclass(frozen=True)
class Panel:
    chart: Chart
    facts: list[stats.Figure]
    table: stats.Table
    # What the chart draws, as dashboard.js reads it from the page (json_script).
    data: dict

    @property
    def data_id(self) -> str:
        return f"chart-{self.chart.key}"

    @property
    def empty(self) -> bool:
        """Nothing to draw: every drawn value is nought (the table still shows the rows)."""
        return not any(v for s in self.data["series"] for v in s["data"])


def _item_table(figure: stats.Figure, items: str) -> stats.Table:
    """A count per item as a table: one row per item, in declared order."""
    names = dict(figure.stat.items)
    rows = [{"label": names.get(item, item), figure.key: n} for item, n in figure.value.items()]
    return stats.Table(figure.key, items, (figure.stat,), rows)


def _shown(table: stats.Table, chart: Chart) -> stats.Table:
    columns = tuple(next(c for c in table.columns if c.key == k) for k in chart.columns)
    rows = table.rows
    if chart.nonzero:
        rows = [r for r in rows if any(r[c.key] for c in columns[: chart.plotted])]
    return stats.Table(table.key, table.label, columns, rows)


def _data(chart: Chart, table: stats.Table) -> dict:
    drawn = table.columns[: chart.plotted]
    return {
        "kind": chart.kind,
        "horizontal": chart.horizontal,
        "title": chart.title,
        "categories": [row["label"] for row in table.rows],
        "series": [
            {"name": c.label, "unit": c.unit, "data": [row[c.key] for row in table.rows]}
            for c in drawn
        ],
    }


def panels(scope: stats.Scope) -> list[Panel]:
    installed = {a.app for a in stats.registered()}
    charts = [c for c in CHARTS if c.app in installed]
    apps = list(dict.fromkeys(c.app for c in charts))
    figures = {app: {f.key: f for f in stats.figures(app, scope)} for app in apps}
    asked = {
        app: tuple(dict.fromkeys(c.table for c in charts if c.app == app and c.table))
        for app in apps
    }
    tables = {
        app: {t.key: t for t in stats.tables(app, scope, keys)}
        for app, keys in asked.items()
        if keys
    }
    found = []
    for chart in charts:
        mine = figures[chart.app]
        if chart.figure:
            table = _item_table(mine[chart.figure], chart.items)
        else:
            table = _shown(tables[chart.app][chart.table], chart)
        facts = [mine[key] for key in chart.facts]
        found.append(Panel(chart, facts, table, _data(chart, table)))
    return found


def _period(request) -> periods.Period:
    """The year asked (`?year=`), this year when none; a year not begun or not a year is
    refused with its reason and this year is shown (the page answers 400)."""
    committee, today = request.user.committee, timezone.localdate()
    number = inputs.query_year(request, default=today.year)
    try:
        return periods.year(committee, number, today)
    except ServiceError as exc:
        inputs.refuse_input(request, exc.detail)
        return periods.year(committee, today.year, today)


@allowed(can_read_statistics)
def dashboard_page(request):
    period = _period(request)
    context = {
        "period": period,
        "panels": panels(period.scope),
        "this_year": timezone.localdate().year,
    }
    return render(request, "reports/dashboard.html", context)
