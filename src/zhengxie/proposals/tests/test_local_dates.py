"""Documents and exports speak the committee's local time, in Chinese dates without padding."""

from datetime import UTC, datetime
from io import BytesIO

from docx import Document
from openpyxl import load_workbook

from zhengxie.opinions import services as opinions

from .conftest import at


def _docx_text(content: bytes) -> str:
    document = Document(BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_documents_use_committee_local_dates(cycle, login):
    # 07:30 on 6 May in the committee's zone is still 5 May in UTC.
    proposal = cycle.submitted(now=datetime(2026, 5, 5, 23, 30, tzinfo=UTC))
    form = _docx_text(login(cycle.member).get(f"/proposals/{proposal.pk}/form.docx").content)
    assert "2026年5月6日" in form and "2026年5月5日" not in form
    assigned = cycle.assigned(now=at(2026, 3, 10))
    deadline = assigned.deadline
    notice = _docx_text(login(cycle.unit).get(f"/units/{cycle.p.unit.pk}/notice.docx").content)
    assert f"{deadline.year}年{deadline.month}月{deadline.day}日" in notice
    assert "年0" not in notice and "月0" not in notice
    sheet = load_workbook(
        BytesIO(login(cycle.staff).get("/proposals/", {"format": "xlsx"}).content)
    ).active
    assert f"{deadline.year}年{deadline.month}月{deadline.day}日" in [
        c for row in sheet.iter_rows(values_only=True) for c in row
    ]


def test_opinion_register_shows_the_local_submission_time(cycle, login):
    opinions.opinion_submit(
        actor=cycle.member,
        title="关于城区学校周边交通安全隐患的反映",
        text="放学时段校门口车辆拥堵。",
        channel="visit",
        now=datetime(2026, 5, 5, 23, 30, tzinfo=UTC),
    )
    sheet = load_workbook(
        BytesIO(login(cycle.staff).get("/opinions/", {"format": "xlsx"}).content)
    ).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert "2026年5月6日 07:30" in cells
