"""Outcome pages: the tracking board (staff and leaders), an outcome with its suggestions,
tasks and timeline, entering one, the tasks of leaders' instructions (units and the office),
the member's own page (我参与的协商成果), the yearly evaluation, and the DOCX."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from zhengxie.core import inputs, roles
from zhengxie.core.actionforms import act_from_page
from zhengxie.core.decorators import allowed
from zhengxie.core.errors import ServiceError
from zhengxie.core.http import attempt, docx_response
from zhengxie.core.statspage import counted_rows
from zhengxie.members.permissions import unit_account

from ..actions.outcomes import ACTIONS, SUGGESTION_ACTIONS, TASK_ACTIONS
from ..documents.outcomes import outcome_docx as outcome_document
from ..forms.outcomes import (
    EvaluationForm,
    IndicatorForm,
    OutcomeForm,
    action_fields,
    payload_from_post,
    suggestion_fields,
    suggestion_payload,
    task_fields,
    task_payload,
)
from ..models import Indicator, Outcome
from ..queries import outcomes as queries
from ..services import outcomes as services
from ..stats import APP
from ..workflow.outcomes import OUTCOME, SUGGESTION, TASK


def _staff(user) -> bool:
    return user.committee_id is not None and user.has_role(roles.STAFF)


def _office(user) -> bool:
    return user.committee_id is not None and queries.office(user)


def _member(user) -> bool:
    return user.committee_id is not None and getattr(user, "member", None) is not None


def _reader(user) -> bool:
    return _office(user) or _member(user) or unit_account(user) is not None


def _task_reader(user) -> bool:
    return _office(user) or unit_account(user) is not None


@allowed(_office)
def outcome_board(request):
    today = timezone.localdate()
    name = request.GET.get("filter", "")
    named = queries.named_list(request.user, name, today)
    rows = queries.outcomes_for(request.user) if named is None else named
    criteria = queries.OutcomeFilter(
        state=inputs.query_text(request, "state", "状态"),
        kind=inputs.query_text(request, "kind", "成果类型"),
        year=inputs.query_year(request),
        q=inputs.query_text(request, "q", "搜索内容"),
    )
    rows = counted_rows(request, APP, queries.filtered(rows, criteria))
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    page.object_list = queries.count_into(list(page.object_list), today)
    counts = queries.state_counts(request.user)
    return render(
        request,
        "consultations/outcomes/board.html",
        {
            "page": page,
            "states": [(v, label, counts[v]) for v, label in Outcome.State.choices],
            "kinds": Outcome.Kind.choices,
            "named": queries.NAMED_LISTS.get(name, ("",))[0],
            "named_lists": [(key, label) for key, (label, _) in queries.NAMED_LISTS.items()],
            "can_enter": _staff(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@allowed(_staff)
def outcome_new(request):
    form = OutcomeForm(request.user.committee, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.outcome_record(actor=request.user, **form.service_fields())
        except ServiceError as exc:
            form.add_error(None, exc.detail)
        else:
            return redirect("outcome_detail", outcome_id=outcome.pk)
    return render(request, "consultations/outcomes/new.html", {"form": form})


def _suggestion_rows(user, outcome: Outcome) -> list[dict]:
    return [
        {
            "s": s,
            "actions": [
                {"name": tr.action, "label": tr.label, "fields": suggestion_fields(tr.action, s)}
                for tr in SUGGESTION.offered(user, s)
            ],
        }
        for s in queries.suggestions_of(outcome)
    ]


@allowed(_reader)
def outcome_detail(request, outcome_id: int):
    outcome = queries.outcome_for_user(request.user, outcome_id)
    user = request.user
    return render(
        request,
        "consultations/outcomes/detail.html",
        {
            "o": outcome,
            "office": queries.reads_everything(user, outcome),
            "actions": OUTCOME.available(user, outcome, fields=action_fields),
            "members": queries.members_of(outcome),
            "suggestions": _suggestion_rows(user, outcome),
            "sendings": queries.sendings_for(user, outcome),
            "tasks": _task_rows(user, queries.tasks_for(user, outcome)),
            "ratings": queries.ratings_for(user, outcome),
            "steps": queries.steps_for(user, outcome),
            "today": timezone.localdate(),
        },
    )


@require_POST
@allowed(_reader)
def outcome_act(request, outcome_id: int, action: str):
    outcome = queries.outcome_for_user(request.user, outcome_id)
    act_from_page(request, OUTCOME, ACTIONS, outcome, action, payload_from_post)
    return redirect("outcome_detail", outcome_id=outcome.pk)


@require_POST
@allowed(_reader)
def suggestion_act(request, outcome_id: int, suggestion_id: int, action: str):
    outcome = queries.outcome_for_user(request.user, outcome_id)
    suggestion = queries.suggestion_for_user(request.user, outcome, suggestion_id)
    act_from_page(
        request,
        SUGGESTION,
        SUGGESTION_ACTIONS,
        suggestion,
        action,
        suggestion_payload,
        f"建议({suggestion.number})已{{label}}。",
    )
    return redirect("outcome_detail", outcome_id=outcome.pk)


@allowed(_reader)
def outcome_docx(request, outcome_id: int):
    outcome = queries.outcome_for_user(request.user, outcome_id)
    return docx_response(outcome_document(outcome), outcome.title)


def _task_rows(user, tasks) -> list[dict]:
    return [
        {
            "t": task,
            "actions": [
                {"name": tr.action, "label": tr.label, "fields": task_fields(tr.action)}
                for tr in TASK.offered(user, task)
            ],
        }
        for task in tasks
    ]


@allowed(_task_reader)
def task_list(request):
    today = timezone.localdate()
    name = request.GET.get("filter", "")
    label, named = queries.NAMED_TASK_LISTS.get(name, ("", None))
    rows = named(request.user, today) if named else queries.task_list(request.user)
    rows = counted_rows(request, APP, rows)
    page = Paginator(rows.order_by("state", "due_on", "id"), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/outcomes/tasks.html",
        {"page": page, "rows": _task_rows(request.user, page), "today": today, "named": label},
    )


@require_POST
@allowed(_task_reader)
def task_act(request, task_id: int, action: str):
    task = queries.task_for_user(request.user, task_id)
    act_from_page(request, TASK, TASK_ACTIONS, task, action, task_payload)
    if request.POST.get("next") == "outcome":  # taken on the outcome's page: back there
        return redirect("outcome_detail", outcome_id=task.outcome_id)
    return redirect("outcome_tasks")


@allowed(_member)
def outcome_mine(request):
    named = queries.NAMED_MINE_LISTS.get(request.GET.get("filter", ""))
    rows = named[1](request.user) if named else queries.mine(request.user)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    page.object_list = queries.count_into(list(page.object_list), timezone.localdate())
    context = {"page": page, "named": named[0] if named else ""}
    return render(request, "consultations/outcomes/mine.html", context)


@require_http_methods(["GET", "POST"])
@allowed(_office)
def evaluations(request):
    user = request.user
    year = inputs.query_year(request, default=timezone.localdate().year)
    indicators = queries.indicators_of(user.committee_id)
    topics = queries.topics_to_evaluate(user.committee_id, year)
    form = EvaluationForm(topics, indicators.filter(is_active=True), request.POST or None)
    if request.method == "POST":
        if not _staff(user):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            ok = attempt(
                request,
                lambda: services.topic_evaluate(
                    actor=user,
                    topic=data["topic"],
                    year=year,
                    grade=data["grade"],
                    conclusion=data["conclusion"],
                    scores=form.scores(),
                ),
                "评估结果已保存。",
            )
            if ok:
                return redirect(f"{request.path}?year={year}")
    return render(
        request,
        "consultations/outcomes/evaluations.html",
        {
            "year": year,
            "form": form,
            "indicators": indicators,
            "indicator_form": IndicatorForm(),
            "evaluations": queries.evaluations_of(user.committee_id, year),
            "can_edit": _staff(user),
        },
    )


@require_POST
@allowed(_staff)
def indicator_save(request):
    indicator_id = inputs.read_id(request, request.POST, "indicator", "指标")
    indicator = None
    if indicator_id is not None:
        indicator = get_object_or_404(
            Indicator, pk=indicator_id, committee_id=request.user.committee_id
        )
    form = IndicatorForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.indicator_save(
                actor=request.user, indicator=indicator, **form.cleaned_data
            ),
            "评价指标已保存。",
        )
    else:
        inputs.refuse_input(request, "请检查指标名称和排序。")
    return redirect("outcome_evaluations")


urls = [
    path("outcomes/", outcome_board, name="outcome_board"),
    path("outcomes/new/", outcome_new, name="outcome_new"),
    path("outcomes/mine/", outcome_mine, name="outcome_mine"),
    path("outcomes/tasks/", task_list, name="outcome_tasks"),
    path("outcomes/tasks/<int:task_id>/act/<str:action>/", task_act, name="outcome_task_act"),
    path("outcomes/evaluations/", evaluations, name="outcome_evaluations"),
    path("outcomes/evaluations/indicators/", indicator_save, name="outcome_indicator_save"),
    path("outcomes/<int:outcome_id>/", outcome_detail, name="outcome_detail"),
    path("outcomes/<int:outcome_id>/act/<str:action>/", outcome_act, name="outcome_act"),
    path(
        "outcomes/<int:outcome_id>/suggestions/<int:suggestion_id>/act/<str:action>/",
        suggestion_act,
        name="outcome_suggestion_act",
    ),
    path("outcomes/<int:outcome_id>/docx/", outcome_docx, name="outcome_docx"),
]
