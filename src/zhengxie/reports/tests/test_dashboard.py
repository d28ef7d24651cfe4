"""The year's dashboard (统计看板): who may read it, every table equal to the statistics registry
it reads, a bad year refused in Chinese, its query count flat, and ECharts served from our own
static files with the chart data passed as JSON (no inline script)."""

import json
import re
from datetime import date
from operator import attrgetter
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone
from lxml import html

from zhengxie.core import stats
from zhengxie.duty.services import duty_record
from zhengxie.proposals.tests.conftest import Cycle
from zhengxie.reports import dashboard, periods
from zhengxie.testing import (
    ROW,
    ListPin,
    assert_list_queries_pinned,
    counted_on_page,
    page_read,
)

pytestmark = pytest.mark.django_db

PAGE = "/reports/dashboard/"
ECHARTS = "reports/echarts/echarts.min.js"


def this_year(p) -> stats.Scope:
    today = timezone.localdate()
    return periods.year(p.committee, today.year, today).scope


def year_of_work(p, numbers=range(3)):
    """Proposals replied and a late one, and members' duty records, all this year."""
    cycle = Cycle(p)
    for n in numbers:
        cycle.replied(title=f"{ROW}{n}")
        duty_record(member=p.plain.member, kind="training", date=date(2026, 3, 1 + n % 28))
    duty_record(member=p.another.member, kind="opinion_submitted", date=date(2026, 4, 1))


def _sections(page: str) -> dict[str, dict]:
    """Per chart: its table's rows as text, and the JSON its chart draws."""
    tree = html.fromstring(page)
    found = {}
    for section in tree.xpath('//div[@class="dashboard"]/section'):
        title = section.xpath("h2")[0].text_content()
        rows = [
            [cell.text_content().strip() for cell in row.xpath("td")]
            for row in section.xpath(".//table/tbody/tr")
        ]
        data = section.xpath('script[@type="application/json"]')
        found[title] = {"rows": rows, "data": json.loads(data[0].text) if data else None}
    return found


def _registry_rows(chart: dashboard.Chart, scope: stats.Scope) -> list[list[str]]:
    """The chart's table as the registry gives it, read here without the dashboard."""
    if chart.figure:
        [figure] = stats.figures(chart.app, scope, (chart.figure,))
        names = dict(figure.stat.items)
        return [[names.get(item, item), str(n)] for item, n in figure.value.items()]
    table = stats.table(chart.app, scope, chart.table)
    columns = [next(c for c in table.columns if c.key == key) for key in chart.columns]
    rows = [
        row
        for row in table.rows
        if not chart.nonzero or any(row[c.key] for c in columns[: chart.plotted])
    ]
    return [[row["label"], *(str(c.cell(row)) for c in columns)] for row in rows]


@pytest.mark.parametrize("persona", ["staff", "chair.member.user"])
def test_the_office_and_leaders_read_the_dashboard(p, login, persona):
    page = page_read(login(attrgetter(persona)(p)), PAGE)
    for chart in dashboard.CHARTS:
        assert chart.title in page


@pytest.mark.parametrize(
    "persona", ["plain.member.user", "standing.member.user", "unit_user", "auditor", "sysadmin"]
)
def test_members_units_and_administrators_may_not_read_the_dashboard(p, login, persona):
    assert login(attrgetter(persona)(p)).get(PAGE).status_code == 403


def test_the_public_is_sent_to_log_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_every_table_and_chart_holds_the_registrys_numbers(p, login):
    year_of_work(p)
    shown = _sections(page_read(login(p.staff), PAGE))
    scope = this_year(p)
    for chart in dashboard.CHARTS:
        expected = _registry_rows(chart, scope)
        section = shown[chart.title]
        assert section["rows"] == expected or (not expected and len(section["rows"]) == 1)
        if section["data"] is not None:
            assert section["data"]["categories"] == [row[0] for row in expected]
            for i, series in enumerate(section["data"]["series"], start=1):
                assert [str(v) for v in series["data"]] == [row[i] for row in expected]


def test_a_count_per_item_heads_its_items_by_what_they_are_not_the_count_again(p, login):
    year_of_work(p)
    tree = html.fromstring(page_read(login(p.staff), PAGE))
    for chart in (c for c in dashboard.CHARTS if c.figure):
        section = tree.xpath(f'//section[h2="{chart.title}"]')[0]
        heads = [th.text_content() for th in section.xpath(".//table/thead//th")]
        assert heads[0] == chart.items and heads[0] != heads[1], chart.key


def test_the_numbers_are_this_committees_and_this_years(p, other, login):
    year_of_work(other)
    duty_record(member=p.plain.member, kind="training", date=date(2025, 6, 1))
    shown = _sections(page_read(login(p.staff), PAGE))
    assert shown["提案办理状态"]["data"] is None  # nothing to draw: no proposal here
    assert ["无履职记录", "4", "100.0%"] in shown["委员履职分布"]["rows"]


def test_the_facts_above_a_chart_carry_their_definitions(p, login):
    year_of_work(p)
    page = page_read(login(p.chair.member.user), PAGE)
    for chart in dashboard.CHARTS:
        for stat in stats.of(chart.app).stats:
            if stat.key in chart.facts:
                assert stat.definition in page, stat.key
    assert "超期" in page and "培训覆盖率" in page


def test_an_earlier_year_is_counted_over_that_year(p, login):
    duty_record(member=p.plain.member, kind="training", date=date(2025, 6, 1))
    shown = _sections(page_read(login(p.staff), f"{PAGE}?year=2025"))
    assert ["1至2条", "1", "25.0%"] in shown["委员履职分布"]["rows"]
    assert "2025年" in page_read(login(p.staff), f"{PAGE}?year=2025")


@pytest.mark.parametrize(
    ("year", "message"),
    [("abc", "年份“abc”无效"), ("2300", "年份“2300”无效"), ("2999", "年份“2999”无效")],
)
def test_a_bad_year_is_refused_in_chinese_and_this_year_shown(p, login, year, message):
    response = login(p.staff).get(PAGE, {"year": year})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "今年以来" in page


def test_a_year_not_begun_is_refused_with_its_reason(p, login):
    response = login(p.staff).get(PAGE, {"year": timezone.localdate().year + 1})
    assert response.status_code == 400
    assert "所选期间尚未开始" in response.content.decode()


def test_echarts_is_ours_and_the_chart_data_is_json_not_an_inline_script(p, login):
    year_of_work(p)
    page = page_read(login(p.staff), PAGE)
    vendored = Path(finders.find(ECHARTS))
    assert 't.version="5.6.0"' in vendored.read_text()
    assert (vendored.parent / "LICENSE").exists() and (vendored.parent / "README.md").exists()
    scripts = html.fromstring(page).xpath("//script")
    sources = [s.get("src") for s in scripts if s.get("src")]
    assert f"/static/{ECHARTS}" in sources and all(s.startswith("/static/") for s in sources)
    inline = [s for s in scripts if not s.get("src")]
    assert inline and all(s.get("type") == "application/json" for s in inline)
    assert not re.search(r"https?://[^\"']*echarts", page)


PIN = ListPin(PAGE, "staff", year_of_work, 52, counted_on_page(r"提交</dt><dd>(\d+)件"))


def test_the_dashboard_reads_the_same_number_of_queries_with_many_records(
    p, client, django_assert_num_queries
):
    assert_list_queries_pinned(PIN, p, client, django_assert_num_queries)
