"""The consultation statistics page and its XLSX export, for staff and leaders."""

from django.shortcuts import render
from django.urls import path

from zhengxie.core import inputs, roles, stats
from zhengxie.core.decorators import allowed
from zhengxie.core.http import xlsx_response

from ..stats import APP


def reporting(user) -> bool:
    return user.committee_id is not None and user.has_role(roles.STAFF, roles.LEADER)


@allowed(reporting)
def stats_page(request):
    start, end = inputs.query_period(request)
    scope = stats.Scope(request.user.committee, start=start, end=end)
    figures, tables = stats.figures(APP, scope), stats.tables(APP, scope)
    if request.GET.get("format") == "xlsx":
        book = stats.workbook("协商统计", scope, figures, tables)
        return xlsx_response(book, f"协商统计_{scope.label}")
    return render(
        request,
        "consultations/stats/page.html",
        {
            "overall": stats.as_values(figures),
            **{key: _items(figures, key) for key in PER_ITEM},
            "tables": tables,
            "scope": scope,
            "query": request.GET.urlencode(),
        },
    )


# The counts per item the page lists under their totals.
PER_ITEM = ("by_form", "by_level", "outcomes_by_kind")


def _items(figures: list[stats.Figure], key: str) -> list[tuple[str, int]]:
    """A count per item as (label, count), in declared order, the items with none left out."""
    figure = next(f for f in figures if f.key == key)
    return [(label, figure.value[code]) for code, label in figure.stat.items if figure.value[code]]


urls = [path("stats/", stats_page, name="consultation_stats")]
