"""Fieldwork pages: the list (the office's, a leader's and a member's own), a new one, its
page (group, schedule, attendance, findings, drafts, the final version and the report, each
offered as the step the engine allows), the plan as DOCX, the committee's rules."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from zhengxie.core import inputs, statspage
from zhengxie.core.actionforms import act_from_page
from zhengxie.core.decorators import allowed
from zhengxie.core.errors import ServiceError
from zhengxie.core.http import attempt, docx_response
from zhengxie.core.permissions import can_read_statistics
from zhengxie.lib.dates import local_date

from . import documents, permissions, queries, services
from .actions import ACTIONS
from .forms import FieldworkForm, RulesForm, action_fields, payload_from_post
from .stats import APP
from .workflow import FIELDWORK


def _named_filter(request) -> str:
    """The `?filter=` of a home counter; an unknown one is refused and the full list shown."""
    name = inputs.query_text(request, "filter", "筛选条件")
    if name and name not in queries.NAMED_LISTS:
        inputs.refuse_input(request, "筛选条件无效,已显示全部视察调研。")
        return ""
    return name


@allowed(permissions.can_open)
def fieldwork_list(request):
    name = _named_filter(request)
    label, rows = queries.NAMED_LISTS[name] if name else ("", queries.fieldwork_list)
    rows = statspage.counted_rows(request, APP, rows(request.user))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    member = getattr(request.user, "member", None)
    today = local_date(timezone.now())
    return render(
        request,
        "fieldwork/list.html",
        {
            "page": page,
            "named": label,
            "filter": name,
            "can_create": permissions.can_create(request.user),
            "next_visits": queries.next_visits(member.pk, today)[:10] if member else [],
        },
    )


@require_http_methods(["GET", "POST"])
@allowed(permissions.can_create)
def fieldwork_new(request):
    form = FieldworkForm(request.user.committee_id, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fieldwork = services.fieldwork_create(actor=request.user, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, exc.detail)
        else:
            messages.success(request, "已新建,请组建调研组、安排走访。")
            return redirect("fieldwork_detail", fieldwork_id=fieldwork.pk)
    return render(request, "fieldwork/new.html", {"form": form})


@allowed(permissions.can_open)
def fieldwork_detail(request, fieldwork_id: int):
    fieldwork = queries.fieldwork_for_user(request.user, fieldwork_id)
    return render(
        request,
        "fieldwork/detail.html",
        {
            "f": fieldwork,
            "group": queries.group_of(fieldwork),
            "sees_schedule": queries.sees_schedule(request.user, fieldwork),
            "visits": queries.visits_for(request.user, fieldwork),
            "sees_drafts": queries.sees_drafts(request.user, fieldwork),
            "drafts": queries.drafts_for(request.user, fieldwork),
            "actions": FIELDWORK.available(request.user, fieldwork, fields=action_fields),
            "limit": queries.rules_for(fieldwork.committee_id).group_limit,
        },
    )


@require_POST
@allowed(permissions.can_open)
def fieldwork_act(request, fieldwork_id: int, action: str):
    fieldwork = queries.fieldwork_for_user(request.user, fieldwork_id)
    act_from_page(request, FIELDWORK, ACTIONS, fieldwork, action, payload_from_post)
    return redirect("fieldwork_detail", fieldwork_id=fieldwork.pk)


@allowed(permissions.can_open)
def fieldwork_plan(request, fieldwork_id: int):
    """The plan carries the schedule: its audience is the schedule's."""
    fieldwork = queries.fieldwork_for_user(request.user, fieldwork_id)
    if not queries.sees_schedule(request.user, fieldwork):
        raise Http404
    content = documents.plan_docx(
        fieldwork,
        list(queries.group_of(fieldwork)),
        list(queries.visits_for(request.user, fieldwork)),
    )
    return docx_response(content, f"{fieldwork.title}{fieldwork.plan_name}")


@require_http_methods(["GET", "POST"])
@allowed(permissions.can_set_rules)
def fieldwork_rules(request):
    current = queries.rules_for(request.user.committee_id)
    form = RulesForm(request.POST or None, initial={"group_limit": current.group_limit})
    if request.method == "POST" and form.is_valid():
        limit = form.cleaned_data["group_limit"]
        if attempt(
            request,
            lambda: services.rules_set(actor=request.user, group_limit=limit),
            "视察调研工作规则已保存。",
        ):
            return redirect("fieldwork_rules")
    return render(request, "fieldwork/rules.html", {"form": form})


reporting = can_read_statistics


@allowed(reporting)
def fieldwork_stats(request):
    """The registry's figures for the period, each with its 口径; ?format=xlsx exports them."""
    return statspage.stats_page(request, APP, "fieldwork/stats.html", "视察调研考察统计")


urls = [
    path("", fieldwork_list, name="fieldwork_list"),
    path("stats/", fieldwork_stats, name="fieldwork_stats"),
    path("new/", fieldwork_new, name="fieldwork_new"),
    path("rules/", fieldwork_rules, name="fieldwork_rules"),
    path("<int:fieldwork_id>/", fieldwork_detail, name="fieldwork_detail"),
    path("<int:fieldwork_id>/act/<str:action>/", fieldwork_act, name="fieldwork_act"),
    path("<int:fieldwork_id>/plan.docx", fieldwork_plan, name="fieldwork_plan"),
]
