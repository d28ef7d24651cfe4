"""Presentation filters only: shares as percentages, dictionary lookups in tables."""

from django import template

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
