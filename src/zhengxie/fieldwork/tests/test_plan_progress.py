"""The yearly plan's execution table and its report read a planned topic's fieldwork through
the reverse name `topic.fieldwork` and the registry (consultations never imports fieldwork)."""

from datetime import date
from io import BytesIO

from docx import Document

from zhengxie.consultations.documents.execution import execution_docx
from zhengxie.consultations.queries.execution import plan_execution
from zhengxie.consultations.queries.topics import plan_progress
from zhengxie.consultations.tests.topics_helpers import YEAR, plan_of, planned
from zhengxie.fieldwork import services
from zhengxie.testing import page_read


def test_a_planned_topic_under_research_reads_as_under_research_in_the_plan(p):
    plan = plan_of(p)
    topic = planned(p, plan, supervisory=True)
    research = services.fieldwork_create(
        actor=p.staff, kind="research", title="食品安全专题调研", topic=topic
    )
    (row,) = plan_progress(plan)
    assert row.status == "调研中"
    assert row.fieldwork == [
        {
            "id": research.pk,
            "title": "食品安全专题调研",
            "kind_label": "调研",
            "state": "planned",
            "state_label": "筹备中",
        }
    ]


def test_a_planned_topics_research_shows_in_the_plan_execution_report(p):
    """The report reads fieldwork's figures from the registry, by the app's name."""
    plan = plan_of(p)
    topic = planned(p, plan, title="食品安全监管", supervisory=True)
    fieldwork = services.fieldwork_create(
        actor=p.staff,
        kind="research",
        title="食品安全专题调研",
        topic=topic,
        starts_on=date(YEAR, 5, 1),
    )
    services.participant_add(
        actor=p.staff, fieldwork=fieldwork, role="member", member=p.plain.member, is_leader=True
    )
    services.visit_add(
        actor=p.staff,
        fieldwork=fieldwork,
        date=date(YEAR, 5, 6),
        place="城关镇",
        unit_visited="县市场监管局",
    )
    services.fieldwork_start(actor=p.staff, fieldwork=fieldwork)
    draft = services.draft_write(
        actor=p.plain.member.user,
        fieldwork=fieldwork,
        title="关于食品安全监管的调研报告",
        text="正文",
        suggestions="加强抽检\n",
    )
    services.draft_select(actor=p.staff, fieldwork=fieldwork, draft=draft)
    services.fieldwork_report(actor=p.staff, fieldwork=fieldwork, written_on=date(YEAR, 6, 1))
    document = Document(BytesIO(execution_docx(plan_execution(plan))))
    text = "\n".join(par.text for par in document.paragraphs)
    assert "开展视察调研考察1次(调研1次),撰写报告1篇,优选定稿1篇,形成报告1篇。" in text
    form = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert form["调研成果"] == "食品安全专题调研(调研,已形成报告)\n开展1次,形成报告1篇"
    assert form["协商成果"] == "关于食品安全监管的调研报告(调研报告,待报送)"


def test_the_plan_page_lists_a_topics_fieldwork_but_not_the_cancelled(p, login):
    plan = plan_of(p)
    topic = planned(p, plan, supervisory=True)
    services.fieldwork_create(actor=p.staff, kind="research", title="食品安全专题调研", topic=topic)
    dropped = services.fieldwork_create(
        actor=p.staff, kind="inspection", title="食品安全视察", topic=topic
    )
    services.fieldwork_cancel(actor=p.staff, fieldwork=dropped, reason="改期")
    html = page_read(login(p.staff), f"/consultations/plans/{plan.pk}/")
    assert "<td>食品安全专题调研<br></td>" in html and "食品安全视察" not in html
