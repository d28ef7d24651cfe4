"""An app's statistics page, the one view every app's page is: the registry's figures for the
period `?from=&to=`, each with its 口径, what the app borrows in its own sections and its
breakdowns; `?format=xlsx` gives the same as one sheet (`stats.workbook`)."""

from django.shortcuts import render

from . import inputs, stats
from .http import xlsx_response


def stats_page(request, app: str, template: str, title: str = ""):
    start, end = inputs.query_period(request)
    scope = stats.Scope(request.user.committee, start=start, end=end)
    figures, tables = stats.figures(app, scope), stats.tables(app, scope)
    sections = stats.borrowed(app, scope)
    title = title or stats.of(app).title
    if request.GET.get("format") == "xlsx":
        book = stats.workbook(title, scope, figures, tables, sections)
        return xlsx_response(book, f"{title}_{scope.label}")
    context = {
        "figures": figures,
        "rates": stats.as_values(figures)["rates"],
        "sections": sections,
        "tables": tables,
        "scope": scope,
        "query": request.GET.urlencode(),
    }
    return render(request, template, context)
