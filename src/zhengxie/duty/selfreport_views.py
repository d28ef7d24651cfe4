"""Pages of self-reported activities (委员自报履职活动), under /self-reports/: the member's own
list with the form to report one, the office's queue (`?filter=pending`), a report with its
evidence and the steps offered, the office's list of activity kinds."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from zhengxie.core.actionforms import act_from_page
from zhengxie.core.decorators import allowed
from zhengxie.core.http import attachment_response, attempt, attempt_upload

from . import actions, permissions, queries, services
from .forms import ActivityKindForm, SelfReportForm
from .workflow import SELF_REPORT


def _signed_in(user) -> bool:
    return user.is_authenticated


@allowed(permissions.has_record_or_reads)
def self_report_list(request):
    rows = queries.self_reports_for(request.user)
    pending = request.GET.get("filter") == "pending"
    if pending:
        rows = rows.filter(state="pending")
    form = None
    if permissions.has_record(request.user) and getattr(request.user, "member", None):
        form = SelfReportForm(request.user.committee_id)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {"page": page, "pending": pending, "form": form}
    if permissions.can_record_for(request.user):
        context["kinds"] = queries.activity_kinds(request.user.committee_id)
        context["kind_form"] = ActivityKindForm()
    return render(request, "duty/self_reports.html", context)


@require_POST
@allowed(permissions.has_record)
def self_report_new(request):
    form = SelfReportForm(request.user.committee_id, request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("self_reports")
    data = form.cleaned_data
    attempt(
        request,
        lambda: services.self_report_submit(actor=request.user, **data),
        "已报送,待机关确认后记入履职档案。",
    )
    return redirect("self_reports")


@allowed(_signed_in)
def self_report_detail(request, report_id: int):
    report = queries.self_report_for_user(request.user, report_id)
    context = {
        "report": report,
        "files": queries.evidence_for(request.user, report),
        "may_attach": permissions.ACTORS["owner"](request.user, report),
        "actions": SELF_REPORT.available(request.user, report, fields=actions.action_fields),
        "act_prefix": f"/self-reports/{report.pk}/act/",
    }
    return render(request, "duty/self_report.html", context)


@require_POST
@allowed(_signed_in)
def self_report_act(request, report_id: int, action: str):
    report = queries.self_report_for_user(request.user, report_id)
    act_from_page(request, SELF_REPORT, actions.ACTIONS, report, action, actions.payload_from_post)
    return redirect("self_report_detail", report_id=report.pk)


@require_POST
@allowed(_signed_in)
def self_report_attach(request, report_id: int):
    report = queries.self_report_for_user(request.user, report_id)
    attempt_upload(
        request,
        lambda upload: services.self_report_attach(
            actor=request.user, report=report, upload=upload
        ),
        "佐证材料已上传。",
    )
    return redirect("self_report_detail", report_id=report.pk)


@allowed(_signed_in)
def self_report_file(request, report_id: int, file_id: int):
    report = queries.self_report_for_user(request.user, report_id)
    return attachment_response(request.user, report, file_id, audience=queries.evidence_for)


@require_POST
@allowed(permissions.can_record_for)
def activity_kind_new(request):
    form = ActivityKindForm(request.POST)
    if form.is_valid():
        name = form.cleaned_data["name"]
        attempt(
            request,
            lambda: services.activity_kind_add(actor=request.user, name=name),
            "活动类别已增加。",
        )
    else:
        messages.error(request, "请填写活动类别名称(不超过40字)。")
    return redirect("self_reports")


urls = [
    path("", self_report_list, name="self_reports"),
    path("new/", self_report_new, name="self_report_new"),
    path("kinds/new/", activity_kind_new, name="activity_kind_new"),
    path("<int:report_id>/", self_report_detail, name="self_report_detail"),
    path("<int:report_id>/act/<str:action>/", self_report_act, name="self_report_act"),
    path("<int:report_id>/files/", self_report_attach, name="self_report_attach"),
    path("<int:report_id>/files/<int:file_id>/", self_report_file, name="self_report_file"),
]
