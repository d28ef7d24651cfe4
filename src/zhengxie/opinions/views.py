from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from zhengxie.core import actionforms, inputs, roles, stats
from zhengxie.core.actionforms import act_from_page
from zhengxie.core.decorators import allowed
from zhengxie.core.errors import ServiceError
from zhengxie.core.http import (
    attachment_response,
    attempt,
    attempt_upload,
    docx_response,
    xlsx_response,
)
from zhengxie.core.permissions import is_staff
from zhengxie.core.statspage import counted_rows
from zhengxie.members.models import LiaisonStation, Member, SectorGroup
from zhengxie.members.permissions import unit_account

from . import documents, exports, queries, services
from .actions import ACTIONS, INSTRUCTION_ACTIONS, ISSUE_ACTIONS
from .forms import (
    BulletinForm,
    CategoryForm,
    CoordinationForm,
    FeedbackForm,
    IssueForm,
    OfficerForm,
    OpinionForm,
    PolicyForm,
    QuotaForm,
    action_fields,
    payload_from_post,
)
from .models import (
    Bulletin,
    BulletinIssue,
    Forwarding,
    InformationOfficer,
    Opinion,
    OpinionCategory,
)
from .permissions import can_submit
from .stats import APP, Period
from .workflow import OPINION


def _reporting(user) -> bool:
    return user.has_role(roles.STAFF, roles.LEADER)


def _reader(user) -> bool:
    return user.committee_id is not None and (
        can_submit(user) or _reporting(user) or unit_account(user) is not None
    )


@allowed(_reader)
def opinion_list(request):
    named = queries.named_list(request.user, request.GET.get("filter", ""), timezone.localdate())
    rows = queries.opinions_for(request.user) if named is None else named
    criteria = queries.OpinionFilter(
        state=inputs.query_text(request, "state", "状态"),
        year=inputs.query_year(request),
        urgent=True if request.GET.get("urgent") == "1" else None,
        q=inputs.query_text(request, "q", "搜索内容"),
    )
    rows = counted_rows(request, APP, queries.filtered(rows, criteria))
    if request.GET.get("format") == "xlsx" and _reporting(request.user):
        return xlsx_response(exports.register_xlsx(rows), "社情民意信息目录")
    return render(
        request,
        "opinions/list.html",
        {
            "page": Paginator(rows, 30).get_page(request.GET.get("page")),
            "states": Opinion.State.choices,
            "can_submit": can_submit(request.user),
            "can_report": _reporting(request.user),
            "named": queries.NAMED_LISTS.get(request.GET.get("filter", ""), ("",))[0],
        },
    )


@require_http_methods(["GET", "POST"])
@allowed(can_submit)
def opinion_new(request):
    form = OpinionForm(request.user, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            opinion = services.opinion_submit(
                actor=request.user,
                title=data["title"],
                text=data["text"],
                channel=data["channel"],
                category=data["category"],
                author_ids=[m.pk for m in data["coauthors"]],
                source=data.get("source") or None,
                station=data["station"],
                sector_group=data["sector_group"],
                citizen_name=data.get("citizen_name", ""),
                urgent=data["urgent"],
            )
            if data["file"]:
                services.opinion_attach(actor=request.user, opinion=opinion, upload=data["file"])
        except ServiceError as exc:
            form.add_error(None, exc.detail)
        else:
            messages.success(request, "信息已报送,请等待编辑审核。")
            return redirect("opinion_detail", opinion_id=opinion.pk)
    return render(request, "opinions/new.html", {"form": form})


@allowed(_reader)
def opinion_detail(request, opinion_id: int):
    opinion = queries.opinion_for_user(request.user, opinion_id)
    return render(
        request,
        "opinions/detail.html",
        {
            "o": opinion,
            "actions": OPINION.available(request.user, opinion, fields=action_fields),
            "steps": queries.steps_for(request.user, opinion),
            "authors": opinion.authors.select_related("member"),
            "attachments": queries.attachments_for(request.user, opinion),
            "office": queries.reads_everything(request.user, opinion),
            "reads_original": queries.reads_original(request.user, opinion),
            "forwardings": opinion.forwardings.select_related("copy"),
            "adoptions": opinion.adoptions.select_related("via__committee"),
            "instructions": queries.instructions_for(request.user, opinion),
            "issues": opinion.bulletin_items.select_related("issue__bulletin"),
            "copy": Opinion.objects.filter(origin=opinion).select_related("committee").first(),
            "is_staff": is_staff(request.user),
        },
    )


@require_POST
@allowed(_reader)
def opinion_act(request, opinion_id: int, action: str):
    opinion = queries.opinion_for_user(request.user, opinion_id)
    act_from_page(request, OPINION, ACTIONS, opinion, action, payload_from_post)
    return redirect("opinion_detail", opinion_id=opinion.pk)


@require_POST
@allowed(_reader)
def opinion_attach(request, opinion_id: int):
    opinion = queries.opinion_for_user(request.user, opinion_id)
    attempt_upload(
        request,
        lambda upload: services.opinion_attach(actor=request.user, opinion=opinion, upload=upload),
        "附件已上传。",
    )
    return redirect("opinion_detail", opinion_id=opinion.pk)


@allowed(_reader)
def opinion_file(request, opinion_id: int, attachment_id: int):
    opinion = queries.opinion_for_user(request.user, opinion_id)
    return attachment_response(
        request.user, opinion, attachment_id, audience=queries.attachments_for
    )


@require_http_methods(["GET", "POST"])
@allowed(is_staff)
def bulletin_list(request):
    committee = request.user.committee
    form = IssueForm(committee, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.bulletin_issue_create(actor=request.user, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, exc.detail)
        else:
            return redirect("bulletin_issue", issue_id=issue.pk)
    issues = counted_rows(request, APP, queries.issues_of(committee.pk))
    return render(
        request,
        "opinions/bulletins.html",
        {
            "form": form,
            "page": Paginator(issues, 30).get_page(request.GET.get("page")),
            "ready": queries.ready_for_bulletin(committee.pk).count(),
        },
    )


@require_http_methods(["GET", "POST"])
@allowed(is_staff)
def bulletin_issue(request, issue_id: int):
    issue = queries.issue_for_user(request.user, issue_id)
    if request.method == "POST":
        _issue_step(request, issue)
        return redirect("bulletin_issue", issue_id=issue.pk)
    items = issue.items.select_related(
        "opinion__station", "opinion__sector_group"
    ).prefetch_related("opinion__authors__member")
    return render(
        request,
        "opinions/issue.html",
        {
            "issue": issue,
            "items": items,
            "ready": []
            if issue.published
            else queries.ready_for_bulletin(issue.bulletin.committee_id),
            "forward_choices": Forwarding.To.choices,
        },
    )


def _issue_fields(request) -> dict:
    post, length = request.POST, inputs.model_max_length
    return {
        "opinion": inputs.read_id(request, post, "opinion", "信息"),
        "title": inputs.read_text(
            request, post, "title", "本期标题", length(BulletinIssue, "title")
        ),
        "recipients": inputs.read_text(
            request, post, "recipients", "报送范围", length(BulletinIssue, "recipients")
        ),
        "on": inputs.read_date(request, post, "on", "印发日期"),
        "to": inputs.read_text(request, post, "to", "报送对象类别", length(Forwarding, "to")),
        "recipient": inputs.read_text(
            request, post, "recipient", "报送对象", length(Forwarding, "recipient")
        ),
    }


ISSUE_DONE = {
    "add": "已编入本期。",
    "remove": "已移出本期。",
    "update": "已保存。",
    "publish": "本期已印发。",
    "forward": "本期信息已报送。",
}


def _issue_step(request, issue: BulletinIssue) -> None:
    """One step of the issue page, taken through `actions.ISSUE_ACTIONS` as checked fields."""
    step = request.POST.get("step")
    if step not in ISSUE_ACTIONS:
        raise Http404
    post = _issue_fields(request)
    if inputs.refused(request):
        return
    schema, _ = ISSUE_ACTIONS[step]
    payload = {k: post[k] for k in schema.model_fields if post.get(k) is not None}
    attempt(
        request,
        lambda: actionforms.run_action(ISSUE_ACTIONS, request.user, issue, step, payload),
        ISSUE_DONE[step],
    )


@allowed(is_staff)
def bulletin_issue_docx(request, issue_id: int):
    issue = queries.issue_for_user(request.user, issue_id)
    return docx_response(documents.bulletin_docx(issue), str(issue))


def _instructions_allowed(user) -> bool:
    return user.has_role(roles.STAFF) or unit_account(user) is not None


@allowed(_instructions_allowed)
def instruction_list(request):
    name = request.GET.get("filter") or ("open" if request.GET.get("open") == "1" else "")
    label, tasks = queries.NAMED_TASK_LISTS.get(name, ("", None))
    if tasks:
        rows = tasks(request.user, timezone.localdate())
    else:
        # A count of 批示 includes those relayed from the higher committee's copy.
        relayed = bool(request.GET.get("counted"))
        rows = counted_rows(request, APP, queries.instruction_tasks(request.user, relayed))
    rows = rows.order_by("state", "due_on")
    return render(
        request,
        "opinions/instructions.html",
        {
            "page": Paginator(rows, 30).get_page(request.GET.get("page")),
            "today": timezone.localdate(),
            "named": label,
            "feedback_form": FeedbackForm(),
            "coordination_form": CoordinationForm(),
        },
    )


@require_POST
@allowed(_instructions_allowed)
def instruction_act(request, instruction_id: int, action: str):
    instruction = queries.instruction_task_for_user(request.user, instruction_id)
    form_of = {"feedback": FeedbackForm, "coordinate": CoordinationForm}
    if action not in form_of:
        raise Http404
    form = form_of[action](request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: actionforms.run_action(
                INSTRUCTION_ACTIONS, request.user, instruction, action, form.cleaned_data
            ),
            "已记录。",
        )
    else:
        messages.error(request, "请填写完整后再提交。")
    return redirect("instruction_list")


def _period(request) -> Period:
    start, end = inputs.query_period(request)
    return Period(request.user.committee, start, end)


@allowed(_reporting)
def stats_page(request):
    period = _period(request)
    figures, tables = stats.figures(APP, period.scope), stats.tables(APP, period.scope)
    if request.GET.get("format") == "xlsx":
        book = stats.workbook("社情民意统计", period.scope, figures, tables)
        return xlsx_response(book, f"社情民意统计_{period.label}")
    return render(
        request,
        "opinions/stats.html",
        {
            "overall": stats.as_values(figures),
            "tables": tables,
            "period": period,
            "query": request.GET.urlencode(),
        },
    )


@require_http_methods(["GET", "POST"])
@allowed(_reporting)
def quotas_page(request):
    committee = request.user.committee
    year = inputs.query_year(request, default=timezone.localdate().year)
    form = QuotaForm(committee, request.POST or None, initial={"year": year})
    if request.method == "POST" and is_staff(request.user) and form.is_valid():
        kind, pk = form.cleaned_data["holder"].split(":")
        model = {"member": Member, "station": LiaisonStation, "sector_group": SectorGroup}[kind]
        holder = get_object_or_404(model, pk=pk, committee=committee)
        attempt(
            request,
            lambda: services.opinion_quota_set(
                actor=request.user,
                committee=committee,
                year=form.cleaned_data["year"],
                target=form.cleaned_data["target"],
                **{kind: holder},
            ),
            "目标已保存。",
        )
        return redirect(f"{request.path}?year={form.cleaned_data['year']}")
    return render(
        request,
        "opinions/quotas.html",
        {
            "form": form,
            "year": year,
            "rows": queries.quota_progress(committee.pk, year),
            "can_edit": is_staff(request.user),
        },
    )


@allowed(_reporting)
def circular_docx(request):
    period = _period(request)
    year = (period.end or period.start or timezone.localdate()).year
    quotas = queries.quota_progress(request.user.committee_id, year)
    today = timezone.localdate()
    return docx_response(
        documents.circular_docx(period, quotas, today),
        f"社情民意信息报送采用情况通报_{documents.circular_span(period, today)}",
    )


@require_http_methods(["GET", "POST"])
@allowed(is_staff)
def settings_page(request):
    committee = request.user.committee
    policy = queries.policy_for(committee.pk)
    forms = {
        "category": CategoryForm(request.POST if request.POST.get("form") == "category" else None),
        "bulletin": BulletinForm(request.POST if request.POST.get("form") == "bulletin" else None),
        "policy": PolicyForm(
            committee,
            request.POST if request.POST.get("form") == "policy" else None,
            initial={
                "warning_recipients": queries.warning_recipients(policy),
                "instruction_working_days": policy.instruction_working_days,
            },
        ),
        "officer": OfficerForm(
            committee, request.POST if request.POST.get("form") == "officer" else None
        ),
    }
    if request.method == "POST":
        _save_setting(request, committee, forms)
        return redirect("opinion_settings")
    return render(
        request,
        "opinions/settings.html",
        {
            "forms": forms,
            "categories": OpinionCategory.objects.filter(committee=committee),
            "bulletins": Bulletin.objects.filter(committee=committee),
            "officers": InformationOfficer.objects.filter(committee=committee).select_related(
                "user"
            ),
        },
    )


def _save_setting(request, committee, forms) -> None:
    actor, which = request.user, request.POST.get("form")
    if which == "officer_end":
        officer = get_object_or_404(
            InformationOfficer,
            pk=inputs.read_id(request, request.POST, "officer", "信息员") or 0,
            committee=committee,
        )
        attempt(
            request,
            lambda: services.officer_end(actor=actor, officer=officer, on=timezone.localdate()),
            "已解聘。",
        )
        return
    form = forms.get(which)
    if form is None or not form.is_valid():
        messages.error(request, "请检查填写的内容。")
        return
    data = form.cleaned_data
    save = {
        "category": lambda: services.opinion_category_save(
            actor=actor, committee=committee, **data
        ),
        "bulletin": lambda: services.bulletin_save(actor=actor, committee=committee, **data),
        "policy": lambda: services.opinion_policy_update(actor=actor, committee=committee, **data),
        "officer": lambda: services.officer_appoint(
            actor=actor,
            committee=committee,
            user=data["user"],
            on=data["appointed_on"],
            note=data["note"],
            member=getattr(data["user"], "member", None),
        ),
    }[which]
    attempt(request, save, "已保存。")
