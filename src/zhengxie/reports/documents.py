"""A work report as a DOCX in the official-document layout (lib.docx.OfficialDocument): the
title, the 主送 line, each section under its 一、二、… heading, the body, then the committee's
name and the date as the issuing line, page numbers in the footer."""

from datetime import date

from zhengxie.lib.dates import cn_date, local_date
from zhengxie.lib.docx import OfficialDocument
from zhengxie.lib.numerals import heading_number

from . import drafting, generator
from .models import ReportVersion, SavedReport
from .periods import Period


def report_docx(
    *, title: str, addressee: str, sections: list[dict], issuer: str, issued_on: date
) -> bytes:
    """`sections` as a version holds them ({"heading", "text"}); one without text is left out
    and the headings are numbered as printed."""
    doc = OfficialDocument()
    doc.title(title)
    if addressee.strip():
        doc.text(f"{addressee.strip()}:", align=0)
    printed = [s for s in sections if s["text"].strip()]
    for position, section in enumerate(printed, start=1):
        doc.heading(f"{heading_number(position)}{section['heading']}")
        doc.text(section["text"])
    doc.text("")
    doc.right(issuer)
    doc.right(cn_date(issued_on))
    return doc.bytes()


def version_docx(report: SavedReport, version: ReportVersion) -> bytes:
    """A saved version, issued by the committee on the day it was saved."""
    return report_docx(
        title=version.title,
        addressee=version.addressee,
        sections=version.sections,
        issuer=drafting.issuer(report.committee),
        issued_on=local_date(version.saved_at),
    )


def generated_docx(period: Period, name: str, *, today: date) -> tuple[str, bytes]:
    """The period's generated report as a saved one would start (`name` the period's in its
    title): the title and the DOCX."""
    committee = period.committee
    title = drafting.default_title(committee, name)
    generated = generator.as_data(generator.work_report(period))
    content = report_docx(
        title=title,
        addressee=drafting.default_addressee(committee),
        sections=drafting.sections_of(generated),
        issuer=drafting.issuer(committee),
        issued_on=today,
    )
    return title, content
