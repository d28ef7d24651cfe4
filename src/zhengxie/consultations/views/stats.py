"""The consultation statistics page and its XLSX export, for staff and leaders: every figure
with its 口径, and the fieldwork figures the registry serves beside them."""

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
    sections = stats.borrowed(APP, scope)
    if request.GET.get("format") == "xlsx":
        book = stats.workbook("协商统计", scope, figures, tables, sections)
        return xlsx_response(book, f"协商统计_{scope.label}")
    return render(
        request,
        "consultations/stats/page.html",
        {
            "figures": figures,
            "rates": stats.as_values(figures)["rates"],
            "sections": sections,
            "tables": tables,
            "scope": scope,
            "query": request.GET.urlencode(),
        },
    )


urls = [path("stats/", stats_page, name="consultation_stats")]
