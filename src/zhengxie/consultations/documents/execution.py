"""The plan-execution report (年度协商工作计划执行情况) as a DOCX in the official-document
layout: the year's figures with their 口径, a form per planned topic (plan vs actual, outcomes
and their chain, suggestions, the evaluation grade, late or not), the 成效评估 of the
evaluated topics, the amendments with their reasons, the office's signature and date. Every
figure is the statistics registry's (`queries.execution`)."""

from zhengxie.core.stats import Figure
from zhengxie.lib.dates import cn_date
from zhengxie.lib.docx import OfficialDocument
from zhengxie.lib.numerals import chinese_numeral

from ..queries.execution import Execution, ExecutionRow
from .topics import item_form

NOT_EVALUATED = "未评估"
INSTRUCTIONS = ("instructions", "instructions_main")
SUGGESTIONS = ("suggestions_made", "suggestions_adopted", "suggestions_implemented")
FIELDWORK_DONE = ("drafts", "finals", "reports")


def _count(figure: Figure) -> str:
    return f"{figure.label}{figure.value}{figure.unit}"


def _rate(figure: Figure) -> str:
    return f"{figure.label}{figure.value:.1%}(口径:{figure.definition})"


def _with_items(total: Figure, per_item: Figure) -> str:
    """ "开展协商活动5次(专题协商会1次、对口协商4次)": the items with none left out."""
    items = "、".join(f"{label}{n}{per_item.unit}" for label, n in per_item.parts)
    return f"{_count(total)}({items})" if items else _count(total)


def _overview(report: Execution) -> list[str]:
    f, w = report.figures, report.fieldwork
    planned = f"{_count(f['topics_planned'])}、{_count(f['topics_done'])},{_rate(f['plan_rate'])}"
    lines = [f"截至{cn_date(report.today)},本年度{planned}。"]
    if report.late:
        lines.append(f"已过计划时间尚未开展协商的议题{report.late}个。")
    activities = _with_items(f["activities"], f["by_form"])
    lines.append(f"本年度{activities},{_count(f['participation'])}。")
    if w:
        done = [_with_items(w["fieldwork"], w["by_kind"])]
        done += [_count(w[k]) for k in FIELDWORK_DONE]
        lines.append(f"{','.join(done)}。")
    made = [_with_items(f["outcomes"], f["outcomes_by_kind"])]
    made += [_count(f[k]) for k in (*INSTRUCTIONS, *SUGGESTIONS)]
    rates = f"{_rate(f['adoption_rate'])},{_rate(f['implementation_rate'])}"
    lines.append(f"{','.join(made)};{rates}。")
    return lines


def _activities(row: ExecutionRow) -> str:
    """The activities on the topic by date, those not yet held marked so."""
    return "\n".join(
        f"{cn_date(a['date'])} {a['title']}({a['form_label']}{'' if a['held'] else ',待开展'})"
        for a in row.progress.activities
    )


def _research(row: ExecutionRow) -> str:
    lines = [f"{w['title']}({w['kind_label']},{w['state_label']})" for w in row.progress.fieldwork]
    if row.fieldwork:
        lines.append(f"开展{row.fieldwork['fieldwork']}次,形成报告{row.fieldwork['reports']}篇")
    topic = row.progress.item.topic
    if topic.research_exempt_reason:
        lines.append(f"经领导同意免于先行调研:{topic.research_exempt_reason}")
    return "\n".join(lines)


def _outcomes(row: ExecutionRow) -> str:
    outcomes = row.progress.outcomes
    return "\n".join(f"{o['title']}({o['kind_label']},{o['state_label']})" for o in outcomes)


def _suggestions(row: ExecutionRow) -> str:
    t = row.figures
    if not t.get("suggestions_made"):
        return ""
    return (
        f"提出{t['suggestions_made']}条,采纳{t['suggestions_adopted']}条,"
        f"落实{t['suggestions_implemented']}条;"
        f"采纳率{t['adoption_rate']:.1%},落实率{t['implementation_rate']:.1%}"
    )


def _grade(row: ExecutionRow) -> str:
    e = row.evaluation
    if e is None:
        return NOT_EVALUATED
    scores = "、".join(f"{s.indicator.name}{s.score}分" for s in e.scores.all())
    return f"{e.get_grade_display()}({scores})" if scores else e.get_grade_display()


def _state(row: ExecutionRow) -> str:
    return f"{row.progress.status},滞后" if row.progress.late else row.progress.status


def _topic(doc: OfficialDocument, n: int, row: ExecutionRow) -> None:
    item = row.progress.item
    doc.text(f"({chinese_numeral(n)}){item.topic.title}")
    fields = [
        ("议题", item.topic.title),
        ("形式", item_form(item)),
        ("计划时间", item.time_label),
        ("实际开展", _activities(row) or "未开展"),
        ("调研成果", _research(row)),
        ("协商成果", _outcomes(row)),
        ("建议采纳/落实", _suggestions(row)),
        ("评估等次", _grade(row)),
        ("状态", _state(row)),
    ]
    doc.form([(label, value or "—") for label, value in fields])


def _evaluation(doc: OfficialDocument, n: int, row: ExecutionRow) -> None:
    e, title = row.evaluation, row.progress.item.topic.title
    doc.text(f"({chinese_numeral(n)}){title}:评估等次{e.get_grade_display()}。")
    scores = [[s.indicator.name, s.indicator.description, str(s.score)] for s in e.scores.all()]
    if scores:
        doc.table(["指标", "评价要点", "得分"], scores)
    doc.text(f"评估结论:{e.conclusion}")
    doc.text(f"(评估人:{e.evaluated_by},{cn_date(e.evaluated_at)})")


def _amendment(a) -> str:
    reason = a.reason.rstrip("。")
    return f"{cn_date(a.at)},{a.get_kind_display()}“{a.item.topic.title}”。理由:{reason}。"


def execution_docx(report: Execution) -> bytes:
    plan = report.plan
    doc = OfficialDocument()
    doc.title(f"{plan.title}执行情况")
    doc.heading("一、总体情况")
    for line in _overview(report):
        doc.text(line)
    doc.heading("二、计划议题执行情况")
    for n, row in enumerate(report.rows, start=1):
        _topic(doc, n, row)
    if not report.rows:
        doc.text("计划中没有议题。")
    doc.heading("三、成效评估")
    for n, row in enumerate(report.evaluated, start=1):
        _evaluation(doc, n, row)
    if not report.evaluated:
        doc.text("本年度计划议题尚未开展成效评估。")
    doc.heading("四、计划调整情况")
    for n, amendment in enumerate(report.amendments, start=1):
        doc.text(f"{n}. {_amendment(amendment)}")
    if not report.amendments:
        doc.text("本年度计划未作调整。")
    doc.text("")
    doc.right(f"{plan.committee.name}办公室")
    doc.right(cn_date(report.today))
    return doc.bytes()
