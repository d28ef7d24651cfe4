"""The duty statistics (履职统计): who counts as active, records by line of work, training
coverage and the members' activity distribution; the endpoint, page and XLSX serve the
registry's figures to the office and leaders only."""

import re
from datetime import date
from io import BytesIO
from operator import attrgetter

import pytest
from openpyxl import load_workbook

from zhengxie.core import stats
from zhengxie.duty.services import duty_record
from zhengxie.members import services as members
from zhengxie.testing import api_read, page_read

pytestmark = pytest.mark.django_db

API = "/api/v1/duty/stats"
PAGE = "/duty/stats/"
DAY = date(2026, 5, 1)


def year_of(p) -> stats.Scope:
    return stats.Scope(p.committee, start=date(2026, 1, 1), end=date(2026, 12, 31))


def record(who, kind, day=DAY):
    return duty_record(member=who.member, kind=kind, date=day)


def figures(p) -> dict:
    return {f.key: f.value for f in stats.figures("duty", year_of(p))}


def test_a_member_is_active_with_one_record_in_the_period_and_an_absence_is_no_record(p):
    record(p.plain, "meeting_attendance")
    record(p.another, "meeting_absent")
    record(p.standing, "training", date(2025, 12, 31))
    found = figures(p)
    assert (found["members"], found["active"], found["active_rate"]) == (4, 1, 0.25)
    assert found["records"] == 1


def test_records_are_counted_by_line_of_work(p):
    record(p.plain, "proposal_registered")
    record(p.plain, "proposal_key")
    record(p.another, "opinion_submitted")
    by_category = figures(p)["by_category"]
    assert by_category["proposal"] == 2 and by_category["opinion"] == 1
    assert by_category["training"] == 0 and sum(by_category.values()) == 3


def test_training_coverage_is_members_trained_over_members_in_office(p):
    record(p.plain, "training")
    record(p.plain, "training", date(2026, 6, 1))
    record(p.another, "training")
    found = figures(p)
    assert (found["trained"], found["training_rate"]) == (2, 0.5)
    rate = next(r for r in stats.of("duty").stats if r.key == "training_rate")
    assert "在任委员人数" in rate.definition and "每届至少培训一次" in rate.definition


def test_a_member_who_left_before_the_period_is_not_in_office(p):
    members.member_exit(
        actor=p.staff, membership=p.another, left_on=date(2025, 6, 30), reason="辞职"
    )
    record(p.another, "training", date(2025, 6, 1))
    assert figures(p)["members"] == 3
    earlier = stats.Scope(p.committee, start=date(2025, 1, 1), end=date(2025, 12, 31))
    counted = {f.key: f.value for f in stats.figures("duty", earlier)}
    assert (counted["members"], counted["trained"]) == (4, 1)


def test_every_member_in_office_falls_in_one_band_of_the_activity_distribution(p):
    for _ in range(3):
        record(p.plain, "opinion_submitted")
    record(p.another, "training")
    band = stats.table("duty", year_of(p), "band")
    counted = {row["label"]: row["in_band"] for row in band.rows}
    assert counted == {"无履职记录": 2, "1至2条": 1, "3至5条": 1, "6至10条": 0, "11条以上": 0}
    assert [row["band_share"] for row in band.rows][:2] == [0.5, 0.25]


def test_per_line_of_work_the_members_engaged_and_their_share(p):
    record(p.plain, "training")
    record(p.another, "training")
    record(p.another, "meeting_attendance")
    rows = {r["category"]: r for r in stats.table("duty", year_of(p), "category").rows}
    assert (rows["training"]["records"], rows["training"]["engaged"]) == (2, 2)
    assert rows["training"]["engaged_rate"] == 0.5 and rows["meeting"]["engaged"] == 1


def test_the_endpoint_serves_the_registry_figures(p, api):
    record(p.plain, "training")
    body = api_read(api.login(p.staff), f"{API}?from=2026-01-01&to=2026-12-31")
    assert body == {"period": year_of(p).label, **stats.values("duty", year_of(p))}
    assert body["trained"] == 1 and body["by_category"]["training"] == 1
    assert {r["key"] for r in body["rates"]} == {"active_rate", "training_rate"}


@pytest.mark.parametrize(
    "period", [{"from": "2026-02-30"}, {"from": "2026-05-01", "to": "2026-01-01"}]
)
def test_a_bad_period_is_a_400_with_a_chinese_detail(p, api, login, period):
    response = api.login(p.staff).get(API, **period)
    assert response.status_code == 400
    assert response.json()["code"] and re.search(r"[\u4e00-\u9fff]", response.json()["detail"])
    assert login(p.staff).get(PAGE, period).status_code == 400


@pytest.mark.parametrize("persona", ["plain.member.user", "unit_user", "auditor", "sysadmin"])
def test_only_staff_and_leaders_read_the_duty_statistics(p, api, login, persona):
    user = attrgetter(persona)(p)
    assert api.login(user).get(API).status_code == 403
    assert login(user).get(PAGE).status_code == 403


def test_a_leader_reads_every_figure_on_the_page_with_its_definition(p, login):
    record(p.plain, "training")
    page = page_read(login(p.chair.member.user), PAGE)
    assert '参加学习培训的委员</dt><dd>1人<br><span class="muted">' in page
    for stat in stats.of("duty").stats:
        assert stat.label in page and stat.definition in page, stat.key
    assert "按履职记录条数" in page and "无履职记录" in page


def test_another_committees_ledger_is_not_counted(p, other, api):
    record(other.plain, "training")
    assert api_read(api.login(p.staff), API)["trained"] == 0
    assert api_read(api.login(other.staff), API)["trained"] == 1


def test_the_export_has_each_figure_and_the_distribution(p, login):
    record(p.plain, "training")
    response = login(p.staff).get(PAGE, {"format": "xlsx", "from": "2026-01-01"})
    rows = {
        r[0]: r[1:]
        for r in load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True)
    }
    assert rows["参加学习培训的委员(人)"][0] == 1
    assert rows["培训覆盖率(%)"][0] == "25.0%"
    assert rows["无履职记录"][0] == 3
