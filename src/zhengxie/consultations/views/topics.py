"""Pages of topics, solicitations and the yearly plan."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhengxie.core import inputs, roles
from zhengxie.core.actionforms import act_from_page
from zhengxie.core.decorators import allowed
from zhengxie.core.errors import ServiceError
from zhengxie.core.http import attempt, docx_response
from zhengxie.core.permissions import is_staff
from zhengxie.members.permissions import unit_account
from zhengxie.opinions.queries import opinion_for_user
from zhengxie.proposals.queries import proposal_for_user

from .. import services
from ..actions.topics import PLAN_ACTIONS, TOPIC_ACTIONS
from ..documents.execution import execution_docx
from ..documents.topics import plan_docx as plan_document
from ..forms.topics import (
    AnswerForm,
    CategoryForm,
    PlanForm,
    SolicitationForm,
    TopicForm,
    plan_action_fields,
    plan_payload,
    topic_action_fields,
    topic_payload,
)
from ..models import ContentCategory, Topic
from ..queries import topics as queries
from ..queries.execution import plan_execution
from ..workflow.topics import PLAN, TOPIC
from .stats import reporting


def _business(user) -> bool:
    # The role first: asking for the unit account costs a query.
    return user.committee_id is not None and (
        user.has_role(roles.STAFF, roles.LEADER, roles.MEMBER)
        or (user.has_role(roles.UNIT) and unit_account(user) is not None)
    )


def _suggests(user) -> bool:
    return user.committee_id is not None and (
        user.has_role(roles.STAFF) or getattr(user, "member", None) is not None
    )


@allowed(_business)
def topic_list(request):
    name = request.GET.get("filter", "")
    named = queries.named_list(request.user, name)
    rows = queries.topic_list(request.user) if named is None else named
    rows = queries.filtered(
        rows.select_related("category", "lead_special_committee"),
        state=inputs.query_text(request, "state", "状态"),
        year=inputs.query_year(request),
        source=inputs.query_text(request, "source", "来源"),
        q=inputs.query_text(request, "q", "搜索内容"),
    )
    return render(
        request,
        "consultations/topics/list.html",
        {
            "page": Paginator(rows, 30).get_page(request.GET.get("page")),
            "states": Topic.State.choices,
            "sources": Topic.Source.choices,
            "can_suggest": _suggests(request.user),
            "named": queries.NAMED_LISTS.get(name, ("",))[0],
        },
    )


@require_http_methods(["GET", "POST"])
@allowed(_suggests)
def topic_new(request):
    form = TopicForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            topic = services.topic_suggest(
                actor=request.user,
                title=data["title"],
                text=data["text"],
                source=data["source"],
                form=data["form"],
                category=data["category"],
                supervisory=data["supervisory"],
                before_decision=data["before_decision"],
                source_name=data.get("source_name", ""),
                sector=data["sector"],
                special_committee=data["special_committee"],
                sector_group=data["sector_group"],
                station=data["station"],
                cosigners=list(data["cosigners"]),
                year=data["year"],
            )
        except ServiceError as exc:
            form.add_error(None, exc.detail)
        else:
            messages.success(request, "议题建议已提交。")
            return redirect("topic_detail", topic_id=topic.pk)
    return render(request, "consultations/topics/new.html", {"form": form})


@require_POST
@allowed(is_staff)
def topic_convert(request, kind: str):
    """提案→议题, 社情民意→议题: the office picks the record by its number."""
    pk = inputs.read_id(request, request.POST, "record", "编号")
    if inputs.refused(request) or pk is None:
        messages.error(request, "请填写有效的编号。")
        return redirect("topic_new")
    actor = request.user
    convert = {
        "proposal": lambda: services.topic_from_proposal(
            actor=actor, proposal=proposal_for_user(actor, pk)
        ),
        "opinion": lambda: services.topic_from_opinion(
            actor=actor, opinion=opinion_for_user(actor, pk)
        ),
    }
    if kind not in convert:
        raise Http404
    try:
        topic = convert[kind]()
    except ServiceError as exc:
        messages.error(request, exc.detail)
        return redirect("topic_new")
    messages.success(request, "已转为议题建议。")
    return redirect("topic_detail", topic_id=topic.pk)


@allowed(_business)
def topic_detail(request, topic_id: int):
    topic = queries.topic_for_user(request.user, topic_id)
    return render(
        request,
        "consultations/topics/detail.html",
        {
            "t": topic,
            **queries.topic_scope(topic),
            "plan_items": topic.plan_items.select_related("plan"),
            "actions": TOPIC.available(request.user, topic, fields=topic_action_fields),
        },
    )


@require_POST
@allowed(_business)
def topic_act(request, topic_id: int, action: str):
    topic = queries.topic_for_user(request.user, topic_id)
    act_from_page(request, TOPIC, TOPIC_ACTIONS, topic, action, topic_payload)
    return redirect("topic_detail", topic_id=topic.pk)


@require_http_methods(["GET", "POST"])
@allowed(_business)
def solicitation_list(request):
    form = SolicitationForm(request.user.committee, request.POST or None)
    if request.method == "POST":
        if not is_staff(request.user):
            raise PermissionDenied
        if form.is_valid():
            try:
                sent = services.solicitation_send(actor=request.user, **form.cleaned_data)
            except ServiceError as exc:
                form.add_error(None, exc.detail)
            else:
                messages.success(request, "征集议题通知已发出。")
                return redirect("solicitation_detail", solicitation_id=sent.pk)
    rows = queries.solicitation_list(request.user)
    if request.GET.get("filter") == "unanswered":
        waiting = queries.unanswered(request.user, timezone.localdate())
        rows = rows.filter(pk__in=waiting.values("pk"))
    return render(
        request,
        "consultations/topics/solicitations.html",
        {
            "page": Paginator(rows, 30).get_page(request.GET.get("page")),
            "form": form if is_staff(request.user) else None,
        },
    )


@allowed(_business)
def solicitation_detail(request, solicitation_id: int):
    sent = queries.solicitation_for_user(request.user, solicitation_id)
    return render(
        request,
        "consultations/topics/solicitation.html",
        {
            "s": sent,
            "addressees": queries.addressees_of(request.user, sent),
            "answer_form": AnswerForm(request.user.committee),
            "today": timezone.localdate(),
        },
    )


@require_POST
@allowed(_business)
def solicitation_answer(request, solicitation_id: int, addressee_id: int):
    sent = queries.solicitation_for_user(request.user, solicitation_id)
    addressee = queries.addressee_for_user(request.user, sent, addressee_id)
    form = AnswerForm(request.user.committee, request.POST)
    if not form.is_valid():
        messages.error(request, "请检查填写的内容。")
    else:
        attempt(
            request,
            lambda: services.solicitation_answer(
                actor=request.user, addressee=addressee, **form.cleaned_data
            ),
            "议题已报送。",
        )
    return redirect("solicitation_detail", solicitation_id=sent.pk)


@require_http_methods(["GET", "POST"])
@allowed(_business)
def plan_list(request):
    form = PlanForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        if not is_staff(request.user):
            raise PermissionDenied
        if form.is_valid():
            try:
                plan = services.plan_create(actor=request.user, **form.cleaned_data)
            except ServiceError as exc:
                form.add_error(None, exc.detail)
            else:
                return redirect("plan_detail", plan_id=plan.pk)
    rows = queries.plans_for(request.user)
    state = inputs.query_text(request, "state", "状态")
    rows = rows.filter(state=state) if state else rows
    return render(
        request,
        "consultations/topics/plans.html",
        {
            "page": Paginator(rows, 30).get_page(request.GET.get("page")),
            "form": form if is_staff(request.user) else None,
        },
    )


@allowed(_business)
def plan_detail(request, plan_id: int):
    plan = queries.plan_for_user(request.user, plan_id)
    pool = queries.in_pool(plan.committee_id, plan.year) if is_staff(request.user) else []
    rows = queries.plan_progress(plan, drafts=queries.sees_draft_outcomes(request.user))
    planned = [row.item.topic for row in rows]

    def fields(action, obj):
        topics = {"add_item": pool, "change_item": planned, "drop_item": planned}
        return plan_action_fields(action, obj, topics.get(action, ()))

    return render(
        request,
        "consultations/topics/plan.html",
        {
            "plan": plan,
            "rows": rows,
            "late": sum(row.late for row in rows),
            "warnings": queries.warnings(plan),
            "amendments": queries.plan_amendments(plan),
            "pool": pool,
            "can_report": reporting(request.user),
            "actions": PLAN.available(request.user, plan, fields=fields),
        },
    )


@require_POST
@allowed(_business)
def plan_act(request, plan_id: int, action: str):
    plan = queries.plan_for_user(request.user, plan_id)
    act_from_page(request, PLAN, PLAN_ACTIONS, plan, action, plan_payload)
    return redirect("plan_detail", plan_id=plan.pk)


@allowed(_business)
def plan_docx(request, plan_id: int):
    plan = queries.plan_for_user(request.user, plan_id)
    return docx_response(plan_document(plan), plan.title)


@require_GET
@allowed(reporting)
def plan_execution_docx(request, plan_id: int):
    """执行情况: staff and leaders, of the plans they read (it carries draft outcomes and the
    evaluations, which members and units do not see)."""
    plan = queries.plan_for_user(request.user, plan_id)
    return docx_response(execution_docx(plan_execution(plan)), f"{plan.title}执行情况")


@require_http_methods(["GET", "POST"])
@allowed(is_staff)
def category_list(request):
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.content_category_add(actor=request.user, name=form.cleaned_data["name"])
        except ServiceError as exc:
            form.add_error(None, exc.detail)
        else:
            messages.success(request, "已增加。")
            return redirect("topic_categories")
    rows = ContentCategory.objects.filter(committee_id=request.user.committee_id)
    return render(
        request, "consultations/topics/categories.html", {"form": form, "categories": rows}
    )


urls = [
    path("topics/", topic_list, name="topic_list"),
    path("topics/new/", topic_new, name="topic_new"),
    path("topics/from/<str:kind>/", topic_convert, name="topic_convert"),
    path("topics/<int:topic_id>/", topic_detail, name="topic_detail"),
    path("topics/<int:topic_id>/act/<str:action>/", topic_act, name="topic_act"),
    path("topics/categories/", category_list, name="topic_categories"),
    path("solicitations/", solicitation_list, name="solicitation_list"),
    path("solicitations/<int:solicitation_id>/", solicitation_detail, name="solicitation_detail"),
    path(
        "solicitations/<int:solicitation_id>/answer/<int:addressee_id>/",
        solicitation_answer,
        name="solicitation_answer",
    ),
    path("plans/", plan_list, name="plan_list"),
    path("plans/<int:plan_id>/", plan_detail, name="plan_detail"),
    path("plans/<int:plan_id>/act/<str:action>/", plan_act, name="plan_act"),
    path("plans/<int:plan_id>.docx", plan_docx, name="plan_docx"),
    path("plans/<int:plan_id>/execution.docx", plan_execution_docx, name="plan_execution_docx"),
]
