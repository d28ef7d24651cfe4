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


COUNTED_UNKNOWN = "所选统计项没有可列出的记录。"


def counted_rows(request, app: str, rows):
    """A list page's `?counted=<key>&item=&from=&to=` (a report figure's records_url): the
    rows narrowed to the records the app's statistic counts for the period; the rows as they
    are without it. The list keeps its audience: `rows` are what the reader may see. Only the
    statistics declared to list on this very page are taken: another page's key would filter
    these rows by the ids of other records."""
    key = request.GET.get("counted", "")
    if not key:
        return rows
    page = request.resolver_match.url_name
    if key not in {s.key for s in stats.of(app).stats if s.records == page}:
        inputs.refuse_input(request, COUNTED_UNKNOWN)
        return rows.none()
    start, end = inputs.query_period(request)
    scope = stats.Scope(request.user.committee, start=start, end=end)
    item = inputs.query_text(request, "item", "统计项目")
    return rows.filter(pk__in=stats.counted(app, scope, key, item))
