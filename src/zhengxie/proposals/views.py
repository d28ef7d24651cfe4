from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from zhengxie.core import inputs, roles, stats
from zhengxie.core.actionforms import act_from_page
from zhengxie.core.decorators import allowed
from zhengxie.core.errors import ServiceError
from zhengxie.core.http import (
    attachment_response,
    attempt_upload,
    docx_response,
    xlsx_response,
)
from zhengxie.core.models import Committee, Session
from zhengxie.core.permissions import is_staff
from zhengxie.core.statspage import counted_rows
from zhengxie.core.widgets import picker_html
from zhengxie.members import queries as member_queries
from zhengxie.members.models import HandlingUnit
from zhengxie.members.permissions import unit_account

from . import documents, exports, queries, services
from .actions import ACTIONS
from .forms import (
    AttachmentForm,
    CollectionCallForm,
    DraftForm,
    PolicyForm,
    ProposalForm,
    action_fields,
    payload_from_post,
)
from .models import Assignment, Attachment, CollectionCall, Proposal
from .permissions import may_attach
from .stats import APP, Scope
from .workflow import AT_UNIT, PROPOSAL


def _business(user) -> bool:
    return user.has_role(*roles.BUSINESS_ROLES) and user.committee_id is not None


def _can_report(user) -> bool:
    return user.has_role(roles.STAFF, roles.LEADER)


def _filtered(request, rows):
    criteria = queries.ProposalFilter(
        state=inputs.query_text(request, "state", "状态"),
        session_id=inputs.query_id(request, "session", "会议"),
        unit_id=inputs.query_id(request, "unit", "承办单位"),
        key=True if request.GET.get("key") == "1" else None,
        q=inputs.query_text(request, "q", "搜索内容"),
        mine=request.GET.get("mine") == "1",
    )
    return queries.filtered(request.user, rows, criteria)


@allowed(_business)
def proposal_list(request):
    user = request.user
    named = queries.named_list(user, request.GET.get("filter", ""), timezone.localdate())
    if named is not None:
        rows = named.order_by("deadline", "-id")
    elif unit_account(user) and request.GET.get("all") != "1":
        rows = queries.unit_inbox(user)
    else:
        rows = _filtered(request, queries.proposals_for(user).order_by("-id"))
        rows = counted_rows(request, APP, rows)
    if request.GET.get("format") == "xlsx" and _can_report(user):
        return xlsx_response(exports.register_xlsx(rows), "提案目录")
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "proposals/list.html",
        {
            "page": page,
            "states": Proposal.State.choices,
            "today": timezone.localdate(),
            "sessions": Session.objects.filter(term__committee=user.committee).select_related(
                "term"
            ),
            "is_unit": unit_account(user) is not None,
            "named": queries.NAMED_LISTS.get(request.GET.get("filter", ""), ("",))[0],
            "can_report": _can_report(user),
            "can_write": user.has_role(roles.MEMBER, roles.STAFF),
        },
    )


@require_http_methods(["GET", "POST"])
@allowed(lambda user: user.has_role(roles.MEMBER, roles.STAFF))
def proposal_new(request):
    call = queries.open_call(request.user.committee, timezone.localdate())
    form = ProposalForm(request.user, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.proposal_create(
                actor=request.user,
                kind=data["kind"],
                title=data["title"],
                situation=data["situation"],
                analysis=data["analysis"],
                suggestions=data["suggestions"],
                category=data["category"],
                suggested_units=data["suggested_units"],
                cosigner_ids=[m.pk for m in data["cosigners"]],
                collective_name=data["collective_name"],
                collective_sector=data["collective_sector"],
                collective_special_committee=data["collective_special_committee"],
                submit="draft" not in request.POST,
            )
            if data["material"]:
                services.attachment_add(
                    actor=request.user,
                    proposal=proposal,
                    upload=data["material"],
                    purpose=Attachment.Purpose.PROPOSAL,
                )
        except ServiceError as exc:
            form.add_error(None, exc.detail)
        else:
            messages.success(
                request,
                "提案已保存为草稿。"
                if proposal.state == Proposal.State.DRAFT
                else "提案已提交,请等待审查。",
            )
            return redirect("proposal_detail", proposal_id=proposal.pk)
    return render(request, "proposals/new.html", {"form": form, "call": call})


@require_http_methods(["GET", "POST"])
@allowed(lambda user: user.has_role(roles.MEMBER, roles.STAFF))
def proposal_edit(request, proposal_id: int):
    proposal = queries.proposal_for_user(request.user, proposal_id)
    if "submit" not in {t.action for t in PROPOSAL.offered(request.user, proposal)}:
        raise PermissionDenied  # not the proposer's, or no longer a draft
    form = DraftForm(request.user, proposal, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.proposal_edit_draft(
                actor=request.user,
                proposal=proposal,
                **{
                    f: data[f]
                    for f in ("title", "situation", "analysis", "suggestions", "category")
                },
                suggested_units=data["suggested_units"],
                cosigner_ids=[m.pk for m in data["cosigners"]],
                submit="draft" not in request.POST,
            )
        except ServiceError as exc:
            form.add_error(None, exc.detail)
        else:
            draft = proposal.state == Proposal.State.DRAFT
            saved = "草稿已保存。" if draft else "提案已提交,请等待审查。"
            messages.success(request, saved)
            return redirect("proposal_detail", proposal_id=proposal.pk)
    return render(request, "proposals/edit.html", {"form": form, "p": proposal})


def _attach_purposes(user, proposal: Proposal) -> list[tuple[str, str]]:
    return [(v, label) for v, label in Attachment.Purpose.choices if may_attach(user, proposal, v)]


def _reads_handling_notes(user, proposal: Proposal) -> bool:
    """Relief reasons and co-handling opinions pass between the committee and the units."""
    return user.has_role(roles.STAFF, roles.LEADER) or unit_account(user) is not None


@allowed(_business)
def proposal_detail(request, proposal_id: int):
    proposal = queries.proposal_for_user(request.user, proposal_id)
    actions = PROPOSAL.available(request.user, proposal, fields=action_fields)
    return render(
        request,
        "proposals/detail.html",
        {
            "p": proposal,
            "actions": actions,
            # Who may submit the draft may revise it (proposal_edit_draft checks the same).
            "editable": any(a["name"] == "submit" for a in actions),
            "steps": queries.steps_for(request.user, proposal),
            "replies": queries.replies_for(request.user, proposal),
            "attachments": queries.attachments_for(request.user, proposal),
            "attach_purposes": _attach_purposes(request.user, proposal),
            "attachment_form": AttachmentForm(),
            "handling_notes": _reads_handling_notes(request.user, proposal),
            "assignments": proposal.assignments.select_related("unit"),
            "contacts": queries.contacts_for(request.user, proposal),
            "cosigners": proposal.cosigners.select_related("member"),
            "supervisions": proposal.supervisions.select_related("supervisor__member"),
            "evaluations": proposal.evaluations.all(),
            "follow_ups": proposal.follow_ups.all(),
            "endorsements": proposal.endorsements.count(),
            "today": timezone.localdate(),
        },
    )


@require_POST
@allowed(_business)
def proposal_act(request, proposal_id: int, action: str):
    proposal = queries.proposal_for_user(request.user, proposal_id)
    act_from_page(request, PROPOSAL, ACTIONS, proposal, action, payload_from_post)
    return redirect("proposal_detail", proposal_id=proposal.pk)


@allowed(_business)
def proposal_form_docx(request, proposal_id: int):
    proposal = queries.proposal_for_user(request.user, proposal_id)
    return docx_response(
        documents.proposal_form(proposal), f"提案表_{proposal.serial or proposal.pk}"
    )


@allowed(lambda user: is_staff(user) or unit_account(user) is not None)
def assignment_notice_docx(request, unit_id: int):
    unit = member_queries.unit_for_user(request.user, unit_id)
    account = unit_account(request.user)
    if account and account.unit_id != unit.pk and not is_staff(request.user):
        raise PermissionDenied
    assignments = (
        Assignment.objects.filter(
            unit=unit,
            active=True,
            round=F("proposal__round"),
            proposal__state__in=AT_UNIT,
        )
        .select_related("proposal__proposer")
        .order_by("proposal__serial")
    )
    content = documents.assignment_notice(unit, assignments, timezone.localdate())
    return docx_response(content, f"交办通知_{unit.name}")


@require_http_methods(["GET", "POST"])
@allowed(is_staff)
def assign_bulk(request):
    registered = queries.registered_for_assignment(request.user)
    units = HandlingUnit.objects.filter(committee=request.user.committee, is_active=True)
    if request.method == "POST":
        done, failed = _assign_selected(request, units)
        if done:
            messages.success(request, f"已交办{done}件提案。")
        for problem in failed:
            messages.error(request, problem)
        return redirect("proposal_assign_bulk")
    co_units = picker_html("pick_units", "co_units", [(u.pk, u.name) for u in units], "co_units")
    return render(
        request,
        "proposals/assign.html",
        {"proposals": registered, "units": units, "co_units": co_units},
    )


def _assign_selected(request, units) -> tuple[int, list[str]]:
    lead = units.filter(pk=inputs.read_id(request, request.POST, "lead_unit", "主办单位")).first()
    co = list(units.filter(pk__in=inputs.read_ids(request, request.POST, "co_units", "会办单位")))
    deadline = inputs.read_date(request, request.POST, "deadline", "办理期限")
    chosen = Proposal.objects.filter(
        pk__in=inputs.read_ids(request, request.POST, "proposals", "提案"),
        committee=request.user.committee,
    )
    if inputs.refused(request):
        return 0, []
    if lead is None or not chosen:
        return 0, ["请勾选提案并选择主办单位。"]
    done, failed = 0, []
    for proposal in chosen:
        try:
            services.proposal_assign(
                actor=request.user,
                proposal=proposal,
                lead_unit=lead,
                co_units=co,
                deadline=deadline,
            )
            done += 1
        except ServiceError as exc:
            failed.append(f"{proposal.title}:{exc.detail}")
    return done, failed


@allowed(_can_report)
def overdue_board(request):
    today = timezone.localdate()
    rows = queries.overdue(request.user.committee, today)
    return render(
        request,
        "proposals/overdue.html",
        {"rows": rows, "by_unit": queries.overdue_by_unit(rows), "today": today},
    )


@allowed(_can_report)
def stats_page(request):
    committee = request.user.committee
    sessions = Session.objects.filter(term__committee=committee).select_related("term")
    session = sessions.filter(pk=inputs.query_id(request, "session", "会议")).first()
    start, end = inputs.query_period(request)
    scope = Scope(committee, session, start, end)
    figures, tables = stats.figures(APP, scope), stats.tables(APP, scope)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(exports.stats_xlsx(figures, tables), f"提案统计_{scope.label}")
    return render(
        request,
        "proposals/stats.html",
        {
            "overall": stats.as_values(figures),
            "tables": tables,
            "sessions": sessions,
            "scope": scope,
        },
    )


def public_committees(request):
    """The deployment's committees with published proposals; with only one, its list."""
    committees = queries.published_committees()
    if len(committees) == 1:
        return redirect("public_committee_proposals", committees[0]["committee_id"])
    return render(request, "proposals/public_committees.html", {"committees": committees})


def public_list(request, committee_id: int):
    committee = get_object_or_404(Committee, pk=committee_id)
    rows = queries.published(committee.pk, inputs.query_text(request, "q", "搜索内容"))
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    return render(request, "proposals/public_list.html", {"page": page, "committee": committee})


def public_detail(request, proposal_id: int):
    proposal = get_object_or_404(queries.published(), pk=proposal_id)
    return render(
        request,
        "proposals/public_detail.html",
        {"p": proposal, "replies": queries.public_replies(proposal)},
    )


@require_POST
@allowed(_business)
def attachment_upload(request, proposal_id: int):
    proposal = queries.proposal_for_user(request.user, proposal_id)
    purpose = request.POST.get("purpose", Attachment.Purpose.PROPOSAL)
    attempt_upload(
        request,
        lambda upload: services.attachment_add(
            actor=request.user, proposal=proposal, upload=upload, purpose=purpose
        ),
        "附件已上传。",
    )
    return redirect("proposal_detail", proposal_id=proposal.pk)


@allowed(_business)
def attachment_download(request, proposal_id: int, attachment_id: int):
    proposal = queries.proposal_for_user(request.user, proposal_id)
    return attachment_response(
        request.user, proposal, attachment_id, audience=queries.attachments_for
    )


@require_http_methods(["GET", "POST"])
@allowed(is_staff)
def proposal_settings(request):
    committee = request.user.committee
    policy = queries.policy_for(committee.pk)
    call_form = CollectionCallForm(committee, request.POST if "outline" in request.POST else None)
    policy_form = PolicyForm(
        request.POST if "reply_copied_to" in request.POST else None,
        initial={f: getattr(policy, f) for f in services.setup.POLICY_FIELDS},
    )
    form = call_form if call_form.is_bound else policy_form
    if request.method == "POST" and form.is_valid():
        try:
            if form is call_form:
                services.collection_call_save(actor=request.user, **call_form.cleaned_data)
            else:
                services.proposal_policy_update(
                    actor=request.user, committee=committee, **policy_form.cleaned_data
                )
        except ServiceError as exc:
            form.add_error(None, exc.detail)
        else:
            messages.success(request, "已保存。")
            return redirect("proposal_settings")
    calls = (
        CollectionCall.objects.filter(session__term__committee=committee)
        .select_related("session__term")
        .order_by("-session__term__number", "-session__number")
    )
    return render(
        request,
        "proposals/settings.html",
        {"call_form": call_form, "policy_form": policy_form, "calls": calls},
    )
