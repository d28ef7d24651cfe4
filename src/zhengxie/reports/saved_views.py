"""The pages of 工作报告稿 (/reports/saved/…): the list, saving one from the generated report,
a version as it reads (unedited paragraphs keep their links), the editor, the versions with
what changed between two, the steps, and the DOCX and XLSX. The office writes; leaders read."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from zhengxie.core import inputs
from zhengxie.core.actionforms import act_from_page, schema_fields, schema_payload
from zhengxie.core.decorators import allowed
from zhengxie.core.errors import ServiceError
from zhengxie.core.http import attempt, docx_response, xlsx_response

from . import documents, drafting, exports, queries, services
from .actions import ACTIONS
from .diff import versions_diff
from .permissions import reads_saved, writes_saved
from .views import chosen_period, work_report
from .workflow import SAVED

# Drawn by the page itself (the editor, a restore button per version), not as action forms.
OWN_FORMS = ("save", "restore")


@require_GET
@allowed(reads_saved)
def saved_list(request):
    rows = queries.saved_reports_for(request.user)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "reports/saved_list.html", {"page": page})


@require_POST
@allowed(writes_saved)
def saved_new(request):
    """Saves the generated report of the period in the query (the work page's own)."""
    try:
        period, name = chosen_period(request)
    except ServiceError:
        return work_report(request)  # the page says what was wrong, as a 400
    made = []
    saved = attempt(
        request,
        lambda: made.append(
            services.saved_report_create(actor=request.user, period=period, name=name)
        ),
        "已保存为工作报告稿第1版。",
    )
    return redirect("saved_report", report_id=made[0].pk) if saved else redirect("saved_reports")


def _version_number(request) -> int | None:
    return inputs.query_int(request, "version", "版本", low=1)


@require_GET
@allowed(reads_saved)
def saved_page(request, report_id: int):
    report = queries.saved_report_for_user(request.user, report_id)
    version = queries.version_of(report, _version_number(request))
    offered = {tr.action for tr in SAVED.offered(request.user, report)}
    actions = SAVED.available(request.user, report, fields=_fields)
    context = {
        "report": report,
        "version": version,
        "shown": drafting.shown(version.sections, version.generated),
        "versions": queries.versions_of(report),
        "edits": "save" in offered and version == report.latest,
        "restores": "restore" in offered,
        "actions": [a for a in actions if a["name"] not in OWN_FORMS],
    }
    return render(request, "reports/saved.html", context)


def _fields(action: str, report) -> list:
    return schema_fields(ACTIONS[action][0], {}, lambda key: [])


def _payload(action: str, post) -> dict:
    """The editor posts each section's heading and text under its key; the other steps their
    schema's fields."""
    if action != "save":
        return schema_payload(ACTIONS[action][0], {}, post)
    keys = post.getlist("key")
    return {
        "title": post.get("title", ""),
        "addressee": post.get("addressee", ""),
        "note": post.get("note", ""),
        "sections": [
            {"key": k, "heading": post.get(f"heading_{k}", ""), "text": post.get(f"text_{k}", "")}
            for k in keys
        ],
    }


@require_POST
@allowed(reads_saved)
def saved_act(request, report_id: int, action: str):
    report = queries.saved_report_for_user(request.user, report_id)
    act_from_page(request, SAVED, ACTIONS, report, action, _payload)
    return redirect("saved_report", report_id=report.pk)


@require_GET
@allowed(reads_saved)
def saved_compare(request, report_id: int):
    """What changed from version `a` to version `b` (default: the one before the latest, and
    the latest)."""
    report = queries.saved_report_for_user(request.user, report_id)
    latest = report.latest.number
    a = inputs.query_int(request, "a", "版本", default=max(latest - 1, 1), low=1)
    b = inputs.query_int(request, "b", "版本", default=latest, low=1)
    old, new = queries.version_of(report, a), queries.version_of(report, b)
    context = {
        "report": report,
        "old": old,
        "new": new,
        "diff": versions_diff(old.sections, new.sections),
        "versions": queries.versions_of(report),
    }
    return render(request, "reports/saved_compare.html", context)


@require_GET
@allowed(reads_saved)
def saved_docx(request, report_id: int):
    report = queries.saved_report_for_user(request.user, report_id)
    version = queries.version_of(report, _version_number(request))
    return docx_response(documents.version_docx(report, version), version.title)


@require_GET
@allowed(reads_saved)
def saved_xlsx(request, report_id: int):
    """The data tables of the report's period, counted again from the registry."""
    report = queries.saved_report_for_user(request.user, report_id)
    period = report.period(timezone.localdate())
    return xlsx_response(exports.tables_xlsx(period), f"{report.latest.title}数据表")


@require_GET
@allowed(reads_saved)
def saved_recount(request, report_id: int):
    """The version's numbers beside those the registry gives for the same dates now."""
    report = queries.saved_report_for_user(request.user, report_id)
    version = queries.version_of(report, _version_number(request))
    fresh = queries.regenerated(report, timezone.localdate())
    recounts = drafting.recounted(version.generated, fresh)
    context = {"report": report, "version": version, "recounts": recounts}
    return render(request, "reports/saved_recount.html", context)
