"""An outcome as a DOCX in the official-document layout: a report (调研报告, 视察报告, 考察报告,
书面意见建议, 重要提案摘报) with its suggestions numbered, a 协商专报 under its masthead, and a
建议案 with the standing-committee meeting that adopted it."""

from zhengxie.lib.dates import cn_date
from zhengxie.lib.docx import OfficialDocument
from zhengxie.lib.numerals import chinese_numeral

from ..models import Outcome, OutcomeMember


def _suggestions(doc: OfficialDocument, outcome: Outcome, heading: str) -> None:
    suggestions = list(outcome.suggestions.all())
    if not suggestions:
        return
    doc.heading(heading)
    for s in suggestions:
        doc.text(f"{chinese_numeral(s.number)}、{s.text}")


def _body(doc: OfficialDocument, outcome: Outcome) -> None:
    for paragraph in outcome.text.splitlines():
        if paragraph.strip():
            doc.text(paragraph.strip())


def _report(doc: OfficialDocument, outcome: Outcome) -> None:
    doc.title(outcome.title)
    authors = "、".join(
        m.member.name
        for m in outcome.members.filter(role=OutcomeMember.Role.AUTHOR).select_related("member")
    )
    if authors:
        doc.text(f"执笔:{authors}", align=1)
    _body(doc, outcome)
    _suggestions(doc, outcome, "意见建议")
    doc.right(outcome.committee.full_name)
    doc.right(cn_date(outcome.written_on))


def _brief(doc: OfficialDocument, outcome: Outcome) -> None:
    doc.title("协商专报")
    doc.text(f"{outcome.committee.full_name}办公室    {cn_date(outcome.written_on)}", align=1)
    doc.heading(outcome.title)
    _body(doc, outcome)
    _suggestions(doc, outcome, "意见建议")
    recipients = "、".join(dict.fromkeys(s.recipient for s in outcome.sendings.all()))
    if recipients:
        doc.text(f"报:{recipients}")


def _recommendation(doc: OfficialDocument, outcome: Outcome) -> None:
    doc.title(outcome.title)
    if outcome.adopted_at and outcome.vote:
        doc.text(f"({cn_date(outcome.adopted_at)}{outcome.vote.meeting.title}表决通过)", align=1)
    _body(doc, outcome)
    _suggestions(doc, outcome, "建议")
    doc.right(outcome.committee.full_name)
    doc.right(cn_date(outcome.adopted_at or outcome.written_on))


LAYOUTS = {Outcome.Kind.BRIEF: _brief, Outcome.Kind.RECOMMENDATION: _recommendation}


def outcome_docx(outcome: Outcome) -> bytes:
    doc = OfficialDocument()
    LAYOUTS.get(outcome.kind, _report)(doc, outcome)
    return doc.bytes()
