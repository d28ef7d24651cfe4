"""Values written to spreadsheets: neutralise formula injection, drop what XML cannot hold."""

from .xmltext import xml_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text starting like a formula gets a leading apostrophe so Excel and WPS show it as text;
    a control character in stored text would make openpyxl refuse the whole workbook."""
    if not isinstance(value, str):
        return value
    value = xml_safe(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
