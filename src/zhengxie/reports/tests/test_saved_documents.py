"""A work report downloads as a DOCX in the official-document layout — title, 主送, sections
under 一、二、 headings, the issuing line and date, page numbers, East Asian fonts — whatever
its stored text holds; its data tables as an XLSX, a sheet per section, each figure with its
value, 口径, the compared period's value and a link to its records."""

from datetime import datetime
from io import BytesIO

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from zhengxie.consultations.tests.stats_fixtures import held
from zhengxie.core.http import DOCX, XLSX
from zhengxie.duty.tests.test_cards import read
from zhengxie.reports import periods, services
from zhengxie.reports.exports import HEADERS
from zhengxie.reports.models import ReportVersion

SAVED_ON = timezone.make_aware(datetime(2026, 12, 3, 10))


@pytest.fixture
def report(p):
    held(p)
    period = periods.year(p.committee, 2026, timezone.localdate())
    return services.saved_report_create(actor=p.staff, period=period, name="2026年", now=SAVED_ON)


def test_the_docx_is_laid_out_as_an_official_document(p, report, login):
    response = login(p.chair.member.user).get(f"/reports/saved/{report.pk}/report.docx")
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    text, _, fonts = read(response.content)
    lines = text.splitlines()
    assert lines[0] == "政协测试县委员会2026年工作报告" and "中共测试县委:" in lines
    assert any(line.startswith("一、") for line in lines)
    assert "今年以来开展协商活动1次" in text
    assert lines[-2:] == ["政协测试县委员会", "2026年12月3日"]
    assert fonts == {"Noto Serif CJK SC", "Noto Sans CJK SC"}
    footer = Document(BytesIO(response.content)).sections[0].footer._element.xml
    assert "PAGE" in footer


def test_the_docx_is_of_the_version_chosen_with_its_sections_renumbered(p, report, api):
    latest = report.latest
    kept = latest.sections[-1]
    services.saved_report_save(
        actor=p.staff,
        report=report,
        title="第二稿",
        addressee="",
        sections=[{**kept, "heading": "唯一部分"}],
    )
    api.login(p.staff)
    second = read(api.get(f"/api/v1/reports/saved/{report.pk}/docx").content)[0]
    assert second.startswith("第二稿") and "一、唯一部分" in second and "二、" not in second
    assert "中共测试县委" not in second
    first = read(api.get(f"/api/v1/reports/saved/{report.pk}/docx", version=1).content)[0]
    assert first.startswith("政协测试县委员会2026年工作报告")
    assert api.get(f"/api/v1/reports/saved/{report.pk}/docx", version=7).status_code == 404


def test_stored_control_characters_never_break_the_docx(p, report, login):
    """Legacy rows may hold what input now refuses (PostgreSQL stores every control character
    but NUL)."""
    sections = [{**s, "text": s["text"] + "\x0b附\x01言"} for s in report.latest.sections]
    ReportVersion.objects.filter(pk=report.latest_id).update(
        title="标题\x01", addressee="中共\x1f测试县委", sections=sections
    )
    response = login(p.staff).get(f"/reports/saved/{report.pk}/report.docx")
    text = read(response.content)[0]
    assert response.status_code == 200 and "附言" in text and "中共测试县委:" in text


def _sheets(content: bytes):
    return load_workbook(BytesIO(content))


def test_the_xlsx_lists_each_sections_figures_with_a_link_to_their_records(p, report, login):
    response = login(p.staff).get(f"/reports/saved/{report.pk}/tables.xlsx")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    book = _sheets(response.content)
    assert "协商议政" in book.sheetnames and "提案工作" in book.sheetnames
    sheet = book["协商议政"]
    assert [c.value for c in sheet[1]] == HEADERS
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "开展协商活动")
    assert (row[1].value, row[2].value, row[4].value) == (1, "次", 0)
    assert row[3].value and row[5].hyperlink.target.startswith(
        "/consultations/activities/?from=2026-01-01"
    )
    assert login(p.staff).get(row[5].hyperlink.target).status_code == 200


def test_the_generated_report_downloads_as_docx_and_xlsx_for_a_period(p, api, login):
    """Three generations of the year's report (page DOCX, API DOCX and XLSX), ~2 s."""
    held(p)
    query = {"period": "year", "year": "2026"}
    client = login(p.staff)
    for response in (
        client.get("/reports/work.docx", query),
        api.login(p.staff).get("/api/v1/reports/work.docx", **query),
    ):
        assert response.status_code == 200, response.content[:200]
        text = read(response.content)[0]
        assert text.startswith("政协测试县委员会2026年工作报告") and "开展协商活动1次" in text
    sheets = _sheets(api.get("/api/v1/reports/work.xlsx", **query).content)
    assert "协商议政" in sheets.sheetnames
    assert client.get("/reports/work.xlsx", {"from": "2099-01-01"}).status_code == 400
    refused = api.get("/api/v1/reports/work.docx", **{"from": "2099-01-01"})
    assert refused.status_code == 400 and refused.json()["code"] == "bad_period"


def test_members_and_units_may_not_download_the_generated_report(p, api, login):
    for user in (p.plain.member.user, p.unit_user):
        assert login(user).get("/reports/work.docx").status_code == 403
        assert api.login(user).get("/api/v1/reports/work.xlsx").status_code == 403
