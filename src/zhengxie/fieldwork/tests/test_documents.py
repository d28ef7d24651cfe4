"""The fieldwork plan (调研工作方案) as DOCX in the official-document layout."""

from io import BytesIO

from docx import Document
from docx.oxml.ns import qn

from zhengxie.core.http import DOCX


def test_the_plan_opens_and_carries_its_topic_chain_group_and_schedule(p, flow, login):
    response = login(p.staff).get(f"/fieldwork/{flow.fieldwork.pk}/plan.docx")
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    document = Document(BytesIO(response.content))
    text = "\n".join(par.text for par in document.paragraphs)
    assert "调研工作方案" in text and "乡村振兴议题" in text and "摸清底数" in text
    assert "由张主席主席负总责" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert {"李委员", "组长", "钱教授", "县农科所", "2026年5月6日", "城关镇东村"} <= set(cells)


def test_the_plans_chinese_text_has_its_east_asian_font(p, flow, login):
    response = login(p.staff).get(f"/fieldwork/{flow.fieldwork.pk}/plan.docx")
    document = Document(BytesIO(response.content))
    runs = [run for par in document.paragraphs for run in par.runs if run.text]
    assert runs and all(run._element.rPr.rFonts.get(qn("w:eastAsia")) for run in runs)


def test_the_plan_is_the_schedules_audience(p, flow, login):
    url = f"/fieldwork/{flow.fieldwork.pk}/plan.docx"
    assert login(p.plain.member.user).get(url).status_code == 200
    assert login(p.chair.member.user).get(url).status_code == 200
    assert login(p.another.member.user).get(url).status_code == 404
