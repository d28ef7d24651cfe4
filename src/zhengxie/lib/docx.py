"""Word documents in the official-document layout (GB/T 9704): A4, 37/35/28/26 mm margins,
title in 二号 小标宋, body in 三号 仿宋 on a 28-point line. Chinese text needs the East Asian
font slot set explicitly (python-docx's `font.name` sets only the Latin slots)."""

import unicodedata
from copy import deepcopy
from dataclasses import dataclass
from functools import cache
from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.run import Run

from .xmltext import xml_safe

TEXT_WIDTH = Mm(210 - 28 - 26).pt
CELL_PADDING = 12.0  # Word's default cell margins, 0.08 inch on either side, in points


@dataclass(frozen=True)
class Fonts:
    title: str = "Noto Serif CJK SC"
    body: str = "Noto Serif CJK SC"
    heading: str = "Noto Sans CJK SC"


def _run(paragraph, text):
    """A run of stored text: a control character in it would make lxml refuse the document."""
    return paragraph.add_run(xml_safe(str(text)))


def _set_font(run, name: str, size: float, bold: bool) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


@cache
def _properties(name: str, size: float, bold: bool):
    """A font's run properties, built once through python-docx and copied onto each run:
    setting them property by property costs more than the rest of a table cell, which made a
    card of a few hundred cells take a quarter of a second."""
    run = Run(OxmlElement("w:r"), None)
    _set_font(run, name, size, bold)
    return run._r.rPr


def _font(run, name: str, size: float, bold: bool = False) -> None:
    if run._r.rPr is None:
        run._r.insert(0, deepcopy(_properties(name, size, bold)))
    else:
        _set_font(run, name, size, bold)


def _ems(text: str) -> float:
    """How wide a line is in ems: Chinese and full-width characters 1, the others about half."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)


def fitted_widths(columns: list[list[str]], size: float, total: float = TEXT_WIDTH) -> list[float]:
    """Column widths in points fitted to their content. Columns narrower than a fair share
    keep their natural width (序号, 编号, dates never wrap); the wide ones (案由) share the
    rest by their length; if all fit, the widest gets what is left over."""
    natural = [
        max(_ems(line) for text in column for line in str(text).splitlines() or [""]) * size
        + CELL_PADDING
        for column in columns
    ]
    if sum(natural) <= total:
        widths = list(natural)
        widest = natural.index(max(natural))
        widths[widest] += total - sum(natural)
        return widths
    kept: set[int] = set()
    while True:
        free = [i for i in range(len(natural)) if i not in kept]
        rest = total - sum(natural[i] for i in kept)
        narrow = {i for i in free if natural[i] <= rest / len(free)}
        if not narrow or len(narrow) == len(free):
            break
        kept |= narrow
    wide = sum(natural[i] for i in free)
    return [natural[i] if i in kept else rest * natural[i] / wide for i in range(len(natural))]


def _page_number(paragraph, font: str, size: float) -> None:
    """— 1 —: a PAGE field between two 一字线, so Word and WPS number every page."""
    parts = [("text", "— "), ("begin", None), ("instr", " PAGE "), ("separate", None)]
    parts += [("text", "1"), ("end", None), ("text", " —")]
    for kind, value in parts:
        run = paragraph.add_run(value if kind == "text" else None)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = value
            run._r.append(instr)
        elif kind != "text":
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        _font(run, font, size)


@cache
def _blank(fonts: Fonts):
    """The empty document in the layout, built once per set of fonts; each document starts
    from a copy (copying it takes half the time of opening and laying out python-docx's
    template, which counts when a thousand 成绩单 are written in one go). Never changed."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name = fonts.body
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), fonts.body)
    _page_numbers(doc, section, fonts)
    return doc


@cache
def _grid_style_id(fonts: Fonts) -> str:
    return _blank(fonts).styles["Table Grid"].style_id


def _put(run, text: str) -> None:
    """A copied run's text (its one `w:t` holds a placeholder): plain text goes straight into
    it; an empty text, or one python-docx writes apart (tabs, line breaks, outer spaces), takes
    python-docx's way."""
    if text and text.strip() == text and not any(c in text for c in "\t\n\r"):
        run.find(qn("w:t")).text = text
    else:
        run.text = text


def _page_numbers(doc, section, fonts: Fonts) -> None:
    """GB/T 9704 7.5: 4号 figures with 一字线 either side, 7 mm below the text block; odd
    pages at the right, even pages at the left, one character in from the edge."""
    doc.settings.odd_and_even_pages_header_footer = True
    section.footer_distance = Mm(21)
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.left_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.LEFT else None
        fmt.right_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.RIGHT else None
        _page_number(paragraph, fonts.body, 14)


class OfficialDocument:
    def __init__(self, fonts: Fonts = Fonts()):
        self.fonts = fonts
        self.doc = deepcopy(_blank(fonts))

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
        """A grid with fixed column widths fitted to the content (Word and WPS otherwise split
        the page evenly, so a 案由 wraps at every few characters while 序号 stays half empty).
        The body rows are copies of one styled row with their texts put in: python-docx builds
        each cell element by element, a few milliseconds a row."""
        columns = zip(*[headers, *rows], strict=True)
        widths = fitted_widths([[str(cell) for cell in column] for column in columns], size)
        table = self._grid(rows=1, cols=len(headers))
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Pt(width)
        for cell, text, width in zip(table.rows[0].cells, headers, widths, strict=True):
            cell.width = Pt(width)
            _font(_run(cell.paragraphs[0], text), self.fonts.heading, size, bold=True)
        if not rows:
            return
        styled = table.add_row()
        for cell in styled.cells:
            _font(_run(cell.paragraphs[0], "-"), self.fonts.body, size)
        prototype = styled._tr
        table._tbl.remove(prototype)
        for row in rows:
            tr = deepcopy(prototype)
            for run, text in zip(tr.iter(qn("w:r")), row, strict=True):
                _put(run, xml_safe(str(text)))
            table._tbl.append(tr)

    def form(self, rows: list[tuple[str, str]], size: float = 14) -> None:
        """A two-column form (label, value), as on a 提案表."""
        table = self._grid(rows=0, cols=2)
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].width, cells[1].width = Mm(35), Mm(121)
            _font(_run(cells[0].paragraphs[0], label), self.fonts.heading, size, bold=True)
            for i, line in enumerate(xml_safe(value).splitlines() or [""]):
                paragraph = cells[1].paragraphs[0] if i == 0 else cells[1].add_paragraph()
                _font(_run(paragraph, line), self.fonts.body, size)

    def _grid(self, rows: int, cols: int):
        """A table in the template's 网格型 (Table Grid) style: its id read once, not looked up
        by name among every style of the document at each table."""
        table = self.doc.add_table(rows=rows, cols=cols)
        table._tbl.tblStyle_val = _grid_style_id(self.fonts)
        return table

    def bytes(self) -> bytes:
        out = BytesIO()
        self.doc.save(out)
        return out.getvalue()
