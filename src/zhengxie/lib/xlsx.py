"""Spreadsheets staff open in Excel or WPS: a title row, bold headers, safe cells."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .cells import safe_cell
from .xmltext import xml_safe

SHEET_TITLE_REFUSES = re.compile(r"[\\/?*\[\]:]")


def sheet_title(title: str) -> str:
    """Excel refuses some characters in a sheet's name and any name past 31 characters."""
    return SHEET_TITLE_REFUSES.sub("_", xml_safe(title))[:31] or "Sheet"


@dataclass(frozen=True)
class Link:
    """A cell that opens `target` (a path or URL) when clicked, showing `text`."""

    text: str
    target: str


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence]


def workbook_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    return sheets_bytes([Sheet(title, headers, rows)])


def sheets_bytes(sheets: Sequence[Sheet]) -> bytes:
    """One sheet each, in order; two titles Excel would read as one get a number."""
    book = Workbook(write_only=False)
    book.remove(book.active)
    taken: set[str] = set()
    for sheet in sheets:
        _fill(book.create_sheet(_unique(sheet_title(sheet.title), taken)), sheet)
    if not sheets:
        book.create_sheet("Sheet")
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _unique(title: str, taken: set[str]) -> str:
    number, unique = 1, title
    while unique.lower() in taken:
        number += 1
        unique = f"{title[: 31 - len(str(number)) - 1]}_{number}"
    taken.add(unique.lower())
    return unique


def _fill(sheet, content: Sheet) -> None:
    headers = content.headers
    sheet.append([safe_cell(h) for h in headers])
    widths = [len(h) * 2 + 2 for h in headers]
    for row in content.rows:
        values = [safe_cell(v.text if isinstance(v, Link) else v) for v in row]
        sheet.append(values)
        for i, value in enumerate(row):
            if isinstance(value, Link) and value.target:
                cell = sheet.cell(row=sheet.max_row, column=i + 1)
                cell.hyperlink = xml_safe(value.target)
                cell.style = "Hyperlink"
        for i, value in enumerate(values):
            widths[i] = max(widths[i], min(60, len(str(value or "")) * 2 + 2))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    sheet.freeze_panes = "A2"
