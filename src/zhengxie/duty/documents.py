"""成绩单 (a member's duty record card) as a DOCX in the official-document layout: who the member
is, the points by category and kind with their counts, total and rank, the minimums met or
missed, and every record of the period. And a 述职 as the member wrote it."""

from datetime import date

from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH

from zhengxie.lib.dates import cn_date
from zhengxie.lib.docx import OfficialDocument
from zhengxie.members.models import Membership

from .models import DutyReport
from .queries import Card
from .scoring import kind_label

NOT_SCORED = "本期尚未制定履职考核细则,未计算积分和排名;下表为履职台账中的记录次数。"
NOT_IN_SCORES = "本期积分计算时尚未包括该委员,未计算积分和排名;下表为履职台账中的记录次数。"
NO_MINIMUMS = "本期考核细则未规定最低履职要求。"
NO_RECORDS = "本期没有履职记录。"


def card_title(card: Card) -> str:
    return f"{card.member.name}{card.term.label}{card.period}履职成绩单"


def _header(doc: OfficialDocument, card: Card) -> None:
    membership = card.membership
    doc.form(
        [
            ("政协", card.committee),
            ("届次", card.term.label),
            ("期间", f"{card.year}年" if card.year else f"{card.term.label}整届"),
            ("委员", f"{card.member.name}({membership.title})"),
            ("界别", membership.sector.name),
            ("专委会", "、".join(s.name for s in membership.special_committees.all()) or "无"),
        ]
    )


def _points(doc: OfficialDocument, card: Card) -> None:
    doc.heading("一、履职积分")
    score = card.score
    if score is None:
        doc.text(NOT_IN_SCORES if card.rule else NOT_SCORED)
    else:
        doc.text(
            f"总分{score.total}分,在{card.scored_members}名参与考核的委员中排名第{score.rank}名"
            f"(按{card.rule}计算,计算时间{cn_date(card.rule.scored_at)})。"
        )
    if not card.items:
        return
    scored = score is not None
    rows = [
        [i.category, i.label, f"{i.count}次", f"{i.points}分" if scored else "—"]
        for i in card.items
    ]
    if scored:
        rows.append(["合计", "", f"{sum(i.count for i in card.items)}次", f"{score.total}分"])
    doc.table(["类别", "履职项目", "次数", "积分"], rows)


def _minimums(doc: OfficialDocument, card: Card) -> None:
    doc.heading("二、最低履职要求")
    if not card.minimums:
        doc.text(NO_MINIMUMS)
    for m in card.minimums:
        verdict = {True: "已达到", False: f"未达到(实际{m.actual}次)", None: "未计算"}[m.met]
        doc.text(f"{m.label}:{verdict}")


def _records(doc: OfficialDocument, card: Card) -> None:
    doc.heading("三、履职记录")
    if not card.records:
        doc.text(NO_RECORDS)
        return
    rows = [
        [str(n), cn_date(r.date), kind_label(r.kind, r.qualifier), _source(card.sources[r.pk])]
        for n, r in enumerate(card.records, start=1)
    ]
    doc.table(["序号", "日期", "类别", "事项"], rows)


def _source(source) -> str:
    """What the record was for: its source's title and how it stands (已答复(A类))."""
    title = source.title or "—"
    return f"{title}({source.status})" if source.status else title


def card_docx(card: Card, *, to_employer: bool = False, today: date) -> bytes:
    """The card; `to_employer` opens it with the member's 工作单位 as its addressee, for a
    committee that sends the cards to the members' units (所在单位)."""
    doc = OfficialDocument()
    doc.title("政协委员履职成绩单")
    if to_employer and card.member.employer_title:
        doc.text(f"{card.member.employer_title}:", align=0)
        doc.text(
            f"现将{card.member.name}同志{card.period}履行政协委员职责情况通报如下,请予了解和支持。"
        )
    _header(doc, card)
    _points(doc, card)
    _minimums(doc, card)
    _records(doc, card)
    doc.right(card.committee)
    doc.right(cn_date(today))
    return doc.bytes()


def report_title(report: DutyReport) -> str:
    """李某委员2026年度履职情况述职报告, or 第十届 for a whole term's."""
    period = f"{report.year}年度" if report.year else report.term.label
    return f"{report.member.name}委员{period}履职情况述职报告"


def report_docx(report: DutyReport, membership: Membership | None) -> bytes:
    """The 述职 as the member wrote it, under its title and the line saying who they are
    (their post and sector in the report's term), signed with their name and the day it was
    submitted (or drafted, while it is a draft)."""
    doc = OfficialDocument()
    doc.title(report_title(report))
    who = report.member.name
    if membership is not None:
        who = f"{membership.title} {who}({membership.sector.name})"
    doc.text(who, align=WD_ALIGN_PARAGRAPH.CENTER)
    doc.text("\n".join(line for line in report.text.splitlines() if line.strip()))
    doc.right(report.member.name)
    doc.right(cn_date(timezone.localdate(report.submitted_at or report.drafted_at)))
    return doc.bytes()
