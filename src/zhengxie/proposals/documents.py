"""DOCX documents of the proposal cycle: 提案表 and 交办通知."""

from collections.abc import Iterable
from datetime import date

from zhengxie.lib.dates import cn_date
from zhengxie.lib.docx import OfficialDocument
from zhengxie.lib.numerals import chinese_numeral
from zhengxie.members.models import HandlingUnit

from .models import Assignment, Proposal


def proposal_form(proposal: Proposal) -> bytes:
    doc = OfficialDocument()
    doc.title(f"{proposal.committee.full_name}\n{proposal.session.label}提案")
    cosigners = "、".join(c.member.name for c in proposal.cosigners.exclude(confirmed_at=None))
    rows = [
        ("编号", f"第{proposal.serial}号" if proposal.serial else "(未立案)"),
        ("案由", proposal.title),
        ("提案人", proposal.proposer_label + (f"(联名:{cosigners})" if cosigners else "")),
        ("界别", proposal.sector.name if proposal.sector else ""),
        ("类别", proposal.category.name if proposal.category else ""),
        ("情况与问题", proposal.situation),
        ("分析", proposal.analysis),
        ("建议", proposal.suggestions),
        ("建议承办单位", "、".join(u.name for u in proposal.suggested_units.all())),
        ("提交时间", cn_date(proposal.submitted_at)),
    ]
    doc.form(rows)
    return doc.bytes()


def assignment_notice(unit: HandlingUnit, assignments: Iterable[Assignment], today: date) -> bytes:
    """交办通知: a unit's proposals, as the committee office sends them."""
    items = list(assignments)
    doc = OfficialDocument()
    committee = unit.committee
    doc.title(f"关于交办{committee.name}提案的通知")
    doc.text(f"{unit.name}:", align=0)
    doc.text(
        f"现将{committee.name}提案{chinese_numeral(len(items))}件交由你单位办理(主办或会办),"
        "请按照提案办理工作的有关规定,与提案人充分沟通,在办理期限内书面答复提案人,"
        "并将答复件报送政协提案委员会。重点提案须与提案人当面协商后方可报批答复。"
    )
    doc.table(
        ["序号", "编号", "案由", "提案人", "办理方式", "办理期限"],
        [
            [
                str(i),
                str(a.proposal.serial or ""),
                a.proposal.title,
                a.proposal.proposer_label,
                a.get_role_display(),
                cn_date(a.deadline),
            ]
            for i, a in enumerate(items, start=1)
        ],
    )
    doc.text("")
    doc.right(f"{committee.name}提案委员会")
    doc.right(cn_date(today))
    return doc.bytes()
