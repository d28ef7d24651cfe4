"""Presentation filters only: shares as percentages, dictionary lookups, statistics cells."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def percent(value) -> str:
    """0.9583 → "95.8%" (the way reports quote rates)."""
    try:
        return f"{float(value) * 100:.1f}%"
    except (TypeError, ValueError):
        return ""


@register.filter
def get(mapping, key):
    return mapping.get(key, "") if isinstance(mapping, dict) else ""


@register.simple_tag
def stat_cell(row: dict, stat) -> str:
    """A statistics table's cell, formatted by its statistic (core/stats.py) as the XLSX is."""
    value = stat.cell(row)
    alert = " alert" if stat.alert and row[stat.key] else ""
    return format_html('<td class="num{}">{}</td>', alert, value)
