"""Word documents in the official-document layout (GB/T 9704): A4, 37/35/28/26 mm margins,
title in 二号 小标宋, body in 三号 仿宋 on a 28-point line. Chinese text needs the East Asian
font slot set explicitly (python-docx's `font.name` sets only the Latin slots)."""

from dataclasses import dataclass
from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .xmltext import xml_safe


@dataclass(frozen=True)
class Fonts:
    title: str = "Noto Serif CJK SC"
    body: str = "Noto Serif CJK SC"
    heading: str = "Noto Sans CJK SC"


def _run(paragraph, text):
    """A run of stored text: a control character in it would make lxml refuse the document."""
    return paragraph.add_run(xml_safe(str(text)))


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


class OfficialDocument:
    def __init__(self, fonts: Fonts = Fonts()):
        self.fonts = fonts
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        normal = self.doc.styles["Normal"]
        normal.font.name = fonts.body
        normal.font.size = Pt(16)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), fonts.body)

    def _paragraph(self, align=None, indent: bool = False):
        paragraph = self.doc.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(28)
        fmt.space_before = fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = Pt(32)
        if align is not None:
            paragraph.alignment = align
        return paragraph

    def title(self, text: str) -> None:
        _font(_run(self._paragraph(WD_ALIGN_PARAGRAPH.CENTER), text), self.fonts.title, 22)
        self._paragraph()

    def heading(self, text: str) -> None:
        _font(_run(self._paragraph(indent=True), text), self.fonts.heading, 16, bold=True)

    def text(self, text: str, align=None) -> None:
        for line in xml_safe(text).splitlines() or [""]:
            _font(_run(self._paragraph(align, indent=align is None), line), self.fonts.body, 16)

    def right(self, text: str) -> None:
        self.text(text, WD_ALIGN_PARAGRAPH.RIGHT)

    def table(self, headers: list[str], rows: list[list[str]], size: float = 12) -> None:
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            _font(_run(cell.paragraphs[0], text), self.fonts.heading, size, bold=True)
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                _font(_run(cell.paragraphs[0], text), self.fonts.body, size)

    def form(self, rows: list[tuple[str, str]], size: float = 14) -> None:
        """A two-column form (label, value), as on a 提案表."""
        table = self.doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].width, cells[1].width = Mm(35), Mm(121)
            _font(_run(cells[0].paragraphs[0], label), self.fonts.heading, size, bold=True)
            for i, line in enumerate(xml_safe(value).splitlines() or [""]):
                paragraph = cells[1].paragraphs[0] if i == 0 else cells[1].add_paragraph()
                _font(_run(paragraph, line), self.fonts.body, size)

    def bytes(self) -> bytes:
        out = BytesIO()
        self.doc.save(out)
        return out.getvalue()
