"""The consultation statistics endpoint, page and XLSX: who may read them, bad periods, and
that they serve the registry's figures for the reader's own committee only."""

import re
from datetime import date
from io import BytesIO
from operator import attrgetter

import pytest
from openpyxl import load_workbook

from zhengxie.consultations.tests.activities_fixtures import topic_of
from zhengxie.core import stats
from zhengxie.testing import api_read, page_read

pytestmark = pytest.mark.django_db

API = "/api/v1/consultations/stats"
PAGE = "/consultations/stats/"


def test_the_stats_route_is_not_taken_for_a_consultation_id(p, api):
    body = api_read(api.login(p.staff), API)
    assert body["period"] == "全部" and body["activities"] == 0


def test_the_endpoint_serves_the_registry_figures(p, api):
    topic_of(p)
    body = api.login(p.staff).get(API, **{"from": "2026-01-01", "to": "2026-12-31"}).json()
    scope = stats.Scope(p.committee, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert body == {"period": scope.label, **stats.values("consultations", scope)}
    assert body["topics_planned"] == 1
    assert body["period"] == "2026年1月1日至2026年12月31日"
    rates = {r["key"] for r in body["rates"]}
    assert rates == {"plan_rate", "adoption_rate", "implementation_rate"}
    assert body["by_form"]["counterpart"] == 0 and set(body["outcomes_by_kind"]) >= {"brief"}
    assert body["instructions"] == 0 and body["fieldwork"]["reports"] == 0


@pytest.mark.parametrize(
    "period",
    [{"from": "2026-02-30"}, {"to": "not-a-date"}, {"from": "0001-01-01"}, {"to": "9" * 40}],
)
def test_a_bad_period_is_a_400_with_a_chinese_detail_and_a_code(p, api, period):
    response = api.login(p.staff).get(API, **period)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] and re.search(r"[\u4e00-\u9fff]", body["detail"])


@pytest.mark.parametrize("persona", ["plain.member.user", "unit_user", "auditor"])
def test_only_staff_and_leaders_read_the_statistics(p, api, login, persona):
    user = attrgetter(persona)(p)
    response = api.login(user).get(API)
    assert response.status_code == 403 and response.json()["code"]
    assert login(user).get(PAGE).status_code == 403


def test_a_leader_reads_every_figure_on_the_page_with_its_definition_beside_it(p, login):
    topic_of(p)
    page = page_read(login(p.chair.member.user), PAGE)
    assert '计划协商议题</dt><dd>1个<br><span class="muted">年度在期内' in page
    for stat in stats.of("consultations").stats:
        assert stat.label in page and stat.definition in page, stat.key
    for lent in stats.lenders("consultations"):
        for stat in stats.of(lent.app).stats:
            assert (stat.definition in page) == (stat.key in lent.keys), stat.key


def test_another_committees_record_is_not_counted(p, other, api, login):
    topic_of(other)
    assert api_read(api.login(p.staff), API)["topics_planned"] == 0
    assert "计划协商议题</dt><dd>0个" in page_read(login(p.staff), PAGE)
    assert api_read(api.login(other.staff), API)["topics_planned"] == 1


def test_the_export_opens_with_each_figure_its_measure_word_and_definition(p, login):
    topic_of(p, title="关于优化营商环境的协商")
    response = login(p.staff).get(PAGE, {"format": "xlsx", "from": "2026-01-01"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = {r[0]: r[1:] for r in sheet.iter_rows(values_only=True)}
    assert rows["计划协商议题(个)"][:2] == (1, "年度在期内、列入年度协商计划的议题个数")
    assert rows["项目(2026年1月1日以来)"][0] == "数量"
    assert rows["  对口协商"][0] == 0
    assert rows["关于优化营商环境的协商"][0] == 0  # the per-topic table


def test_a_bad_period_on_the_page_is_a_400_page(p, login):
    response = login(p.staff).get(PAGE, {"from": "2026-13-01"})
    assert response.status_code == 400
