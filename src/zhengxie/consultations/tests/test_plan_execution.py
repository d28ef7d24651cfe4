"""The plan-execution report (年度协商工作计划执行情况): its figures come from the statistics
registry, it carries the evaluation results, marks the late topics, is read by staff and
leaders only, survives whatever text is stored, and costs the same queries for any plan."""

from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn

from zhengxie.consultations import services
from zhengxie.consultations.documents.execution import NOT_EVALUATED, execution_docx
from zhengxie.consultations.models import Form, Outcome, PlanType, Topic
from zhengxie.consultations.queries.execution import plan_execution
from zhengxie.consultations.services import activities
from zhengxie.core import stats
from zhengxie.core.http import DOCX
from zhengxie.testing import ROW, ListPin, assert_list_queries_pinned

from .topics_helpers import YEAR, accepted, decided, plan_of

BUSINESS = "关于优化县域营商环境的议题"
LATE = "关于农村人居环境整治的议题"
SUPERVISORY = "关于食品安全监管工作的民主监督"  # what `decided` puts in the plan
END = date(YEAR, 12, 31)


def _item(p, plan, title, planned_on=None, day=False):
    topic = accepted(p, title=title)
    services.plan_item_add(
        actor=p.staff,
        plan=plan,
        topic=topic,
        plan_type=PlanType.COUNTERPART,
        planned_on=planned_on,
        planned_day=day,
    )
    return topic


def _held(p, topic, title="营商环境对口协商会"):
    activities.topic_research_exempt(
        actor=p.chair.member.user, topic=topic, reason="已有专项调研成果", now=timezone.now()
    )
    activity = activities.consultation_create(
        actor=p.staff, topic=topic, form=Form.COUNTERPART, title=title, date=date(YEAR, 5, 6)
    )
    return activities.consultation_hold(actor=p.staff, consultation=activity)


def _sent(p, topic, title="关于优化县域营商环境的调研报告"):
    outcome = services.outcome_create(
        committee=p.committee,
        kind=Outcome.Kind.RESEARCH_REPORT,
        title=title,
        text="调研发现……",
        written_on=date(YEAR, 6, 1),
        actor=p.staff,
        topic=topic,
        suggestions=["简化审批流程", "设立企业服务专员", "加强信用监管"],
    )
    services.outcome_send(actor=p.staff, outcome=outcome, to="party", recipient="县委")
    first = outcome.suggestions.get(number=1)
    services.suggestion_adopt(actor=p.staff, suggestion=first, evidence="县委常委会研究采纳")
    services.suggestion_complete(actor=p.staff, suggestion=first, evidence="已出台实施办法")
    return outcome


def _indicators(p):
    return [
        services.indicator_save(actor=p.staff, name="成果质量", description="调研深入、建议可行"),
        services.indicator_save(actor=p.staff, name="转化落实", position=1),
    ]


def _evaluated(p, topic, indicators, conclusion="议题成果转化充分,建议采纳落实到位。"):
    return services.topic_evaluate(
        actor=p.staff,
        topic=topic,
        year=YEAR,
        grade="excellent",
        conclusion=conclusion,
        scores={indicators[0].pk: 92, indicators[1].pk: 85},
    )


@pytest.fixture
def year(p):
    """The year's plan: a topic consulted, reported on and evaluated; one planned for March 1
    and never consulted; the supervisory one with no time; decided, then amended once."""
    plan = plan_of(p)
    business = _item(p, plan, BUSINESS, planned_on=date(YEAR, 5, 1))
    _item(p, plan, LATE, planned_on=date(YEAR, 3, 1), day=True)
    plan = decided(p, plan)
    services.plan_item_change(
        actor=p.staff,
        plan=plan,
        topic=business,
        reason="按县委要求调整牵头单位",
        lead="县政协经济委",
    )
    _held(p, business)
    _sent(p, business)
    _evaluated(p, business, _indicators(p))
    return plan


def _document(content: bytes) -> tuple[str, dict[str, dict[str, str]]]:
    """The text of the paragraphs, and each topic's form by its 议题 row."""
    document = Document(BytesIO(content))
    text = "\n".join(par.text for par in document.paragraphs)
    forms = {}
    for table in document.tables:
        cells = dict((row.cells[0].text, row.cells[-1].text) for row in table.rows)
        if "议题" in cells:
            forms[cells["议题"]] = cells
    return text, forms


def _report(plan, today=END) -> tuple[str, dict[str, dict[str, str]]]:
    return _document(execution_docx(plan_execution(plan, today)))


def test_the_report_reads_its_figures_from_the_registry(p, year, monkeypatch):
    text, _ = _report(year)
    assert "本年度计划协商议题3个、已开展协商的计划议题1个,计划执行率33.3%" in text
    assert "(口径:已开展协商的计划议题个数 ÷ 列入年度协商计划的议题个数)" in text
    assert "开展协商活动1次(对口协商1次)" in text
    sent = "报送协商成果1件(调研报告1件),获领导批示0次,其中主要领导批示0次,"
    assert f"{sent}提出建议3条,被采纳建议1条,已落实建议1条" in text
    assert "采纳率33.3%(口径:" in text and "落实率100.0%(口径:" in text

    monkeypatch.setattr(stats, "_REGISTRY", dict(stats._REGISTRY))
    declared = stats.of("consultations")
    stats.register(replace(declared, counts=lambda s: declared.counts(s) | {"topics_planned": 42}))
    assert "本年度计划协商议题42个" in _report(year)[0]


def test_the_report_reads_fieldwork_figures_by_name_from_the_registry(p, year, monkeypatch):
    monkeypatch.setattr(stats, "_REGISTRY", dict(stats._REGISTRY))
    declared = stats.of("fieldwork")
    drafts = {"drafts": 7, "finals": 3}
    stats.register(replace(declared, counts=lambda s: declared.counts(s) | drafts))
    assert "撰写报告7篇,优选定稿3篇" in _report(year)[0]


def test_a_topics_suggestions_come_from_the_registrys_breakdown(p, year):
    _, forms = _report(year)
    assert forms[BUSINESS]["建议采纳/落实"] == "提出3条,采纳1条,落实1条;采纳率33.3%,落实率100.0%"
    assert forms[SUPERVISORY]["建议采纳/落实"] == "—"


def test_the_evaluation_results_appear_for_the_evaluated_topic(p, year):
    text, forms = _report(year)
    assert forms[BUSINESS]["评估等次"] == "优秀(成果质量92分、转化落实85分)"
    assert f"(一){BUSINESS}:评估等次优秀。" in text
    assert "评估结论:议题成果转化充分,建议采纳落实到位。" in text
    cells = {
        c.text
        for t in Document(BytesIO(execution_docx(plan_execution(year)))).tables
        for row in t.rows
        for c in row.cells
    }
    assert {"成果质量", "调研深入、建议可行", "92", "转化落实", "85"} <= cells


def test_a_topic_not_evaluated_reads_not_evaluated(p, year):
    _, forms = _report(year)
    assert forms[SUPERVISORY]["评估等次"] == forms[LATE]["评估等次"] == NOT_EVALUATED == "未评估"


def test_late_topics_are_marked_late(p, year):
    text, forms = _report(year)
    assert forms[LATE]["状态"] == "列入计划,滞后"
    assert forms[LATE]["实际开展"] == "未开展"
    assert forms[BUSINESS]["状态"] == "成果已报送"
    assert forms[SUPERVISORY]["状态"] == "列入计划"  # no planned time: never late
    assert "已过计划时间尚未开展协商的议题1个。" in text
    # Before March 1 the March topic is not late yet.
    assert _report(year, today=date(YEAR, 2, 28))[1][LATE]["状态"] == "列入计划"


def test_an_activity_not_yet_held_is_listed_and_its_topic_stays_late(p, year):
    activities.consultation_create(
        actor=p.staff,
        topic=Topic.objects.get(title=LATE),
        form=Form.COUNTERPART,
        title="人居环境对口协商会",
        date=date(YEAR, 12, 20),
    )
    late = _report(year, today=date(YEAR, 12, 21))[1][LATE]
    assert late["实际开展"] == f"{YEAR}年12月20日 人居环境对口协商会(对口协商,待开展)"
    assert late["状态"] == "会前准备,滞后"


def test_the_report_carries_activities_outcomes_amendments_and_signature(p, year):
    text, forms = _report(year)
    row = forms[BUSINESS]
    assert row["实际开展"] == f"{YEAR}年5月6日 营商环境对口协商会(对口协商)"
    assert row["协商成果"] == "关于优化县域营商环境的调研报告(调研报告,已报送)"
    assert row["调研成果"] == "经领导同意免于先行调研:已有专项调研成果"
    assert row["计划时间"] == f"{YEAR}年5月"
    assert f"调整议题安排“{BUSINESS}”。理由:按县委要求调整牵头单位。" in text
    assert text.splitlines()[0] == f"测试县政协{YEAR}年度协商工作计划执行情况"
    assert text.splitlines()[-2:] == ["测试县政协办公室", f"{YEAR}年12月31日"]


def test_the_report_is_downloaded_by_staff_and_leaders_from_the_plan_page(p, year, login):
    url = f"/consultations/plans/{year.pk}/execution.docx"
    for user in (p.staff, p.chair.member.user):
        client = login(user)
        assert url in client.get(f"/consultations/plans/{year.pk}/").content.decode()
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == DOCX
        assert "%E6%89%A7%E8%A1%8C%E6%83%85%E5%86%B5.docx" in response["Content-Disposition"]
        document = Document(BytesIO(response.content))
        runs = [run for par in document.paragraphs for run in par.runs if run.text]
        assert runs and all(run._element.rPr.rFonts.get(qn("w:eastAsia")) for run in runs)


def test_members_and_units_may_not_download_it_nor_see_the_link(p, year, login):
    """The decided plan is everyone's, its execution report is not: it carries outcomes not
    yet sent and the office's evaluations."""
    url = f"/consultations/plans/{year.pk}/execution.docx"
    for user in (p.plain.member.user, p.standing.member.user, p.unit_user):
        client = login(user)
        assert client.get(f"/consultations/plans/{year.pk}/").status_code == 200
        assert url not in client.get(f"/consultations/plans/{year.pk}/").content.decode()
        assert client.get(url).status_code == 403


def test_another_committee_and_a_plan_not_yet_shown_to_leaders_are_404(p, other, year, login):
    url = f"/consultations/plans/{year.pk}/execution.docx"
    assert login(other.staff).get(url).status_code == 404
    assert login(other.chair.member.user).get(url).status_code == 404
    drafting = plan_of(p, YEAR + 1)
    draft_url = f"/consultations/plans/{drafting.pk}/execution.docx"
    assert login(p.chair.member.user).get(draft_url).status_code == 404
    assert login(p.staff).get(draft_url).status_code == 200


def test_the_wrong_method_is_refused(p, year, login):
    url = f"/consultations/plans/{year.pk}/execution.docx"
    assert login(p.staff).post(url).status_code == 405


BAD = "关于\x01营商\x0b环境\x1f的议题" + "很长的标题" * 37  # 197 of the 200 a title holds


def test_bad_stored_text_does_not_break_the_report(p, year, login):
    """Legacy rows may hold control characters and very long text; the report still opens."""
    topic = Topic.objects.get(title=BUSINESS)
    Topic.objects.filter(pk=topic.pk).update(title=BAD)
    Outcome.objects.filter(topic=topic).update(title="报告\x02" + "长" * 190)
    topic.evaluations.update(conclusion="结论\x03\x0c" + "很长的结论。" * 5000)
    response = login(p.staff).get(f"/consultations/plans/{year.pk}/execution.docx")
    assert response.status_code == 200
    text, forms = _document(response.content)
    clean = BAD.replace("\x01", "").replace("\x0b", "").replace("\x1f", "")
    assert forms[clean]["评估等次"].startswith("优秀")
    assert forms[clean]["协商成果"].startswith("报告" + "长" * 190)
    assert ("结论" + "很长的结论。" * 5000) in text


def executed_topics(p, numbers):
    """Planned topics (in `p.plan`, decided) each consulted, reported on, a suggestion
    adopted and implemented, and evaluated."""
    if not hasattr(p, "plan"):
        p.plan, p.indicators = decided(p), _indicators(p)
    for n in numbers:
        topic = accepted(p, title=f"{ROW}{n}")
        services.plan_item_add(
            actor=p.staff, plan=p.plan, topic=topic, plan_type=PlanType.COUNTERPART, reason="增补"
        )
        _held(p, topic, title=f"协商会{n}")
        _sent(p, topic, title=f"报告{n}")
        _evaluated(p, topic, p.indicators)


@pytest.mark.parametrize("persona", ["staff", "chair.member.user"])
def test_the_report_costs_the_same_queries_for_any_number_of_topics(
    persona, p, client, django_assert_num_queries
):
    url = "/consultations/plans/{p.plan.pk}/execution.docx"
    pin = ListPin(url, persona, executed_topics, queries=38)
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
