"""Spreadsheets staff open in Excel or WPS: a title row, bold headers, safe cells."""

import re
from collections.abc import Iterable, Sequence
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


def workbook_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = sheet_title(title)
    sheet.append([safe_cell(h) for h in headers])
    widths = [len(h) * 2 + 2 for h in headers]
    for row in rows:
        values = [safe_cell(value) for value in row]
        sheet.append(values)
        for i, value in enumerate(values):
            widths[i] = max(widths[i], min(60, len(str(value or "")) * 2 + 2))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    sheet.freeze_panes = "A2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
