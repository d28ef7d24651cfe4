from io import BytesIO

import segno
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from zhengxie.core import inputs, roles
from zhengxie.core import stats as core_stats
from zhengxie.core.actionforms import run_action
from zhengxie.core.decorators import allowed
from zhengxie.core.errors import ServiceError
from zhengxie.core.http import (
    attachment_response,
    attempt,
    attempt_upload,
    docx_response,
    xlsx_response,
)
from zhengxie.core.models import Session
from zhengxie.core.statspage import counted_rows
from zhengxie.lib.xlsx import workbook_bytes
from zhengxie.members import queries as member_queries

from . import permissions, queries, services, speeches, voting, workflow
from .actions import LEAVE_ACTIONS, MEETING_ACTIONS, SPEECH_ACTIONS, VOTE_ACTIONS
from .forms import LeaveForm, MeetingForm
from .models import (
    BriefingIssue,
    BriefingItem,
    Invitation,
    LeaveApprover,
    LeaveRequest,
    Meeting,
    Share,
    Speech,
    Vote,
    VoteOption,
    VoteParticipation,
)
from .stats import APP
from .workflow import SPEECH


def _qr_svg(url: str, *, fit: bool = False) -> str:
    """An inline QR; `fit` leaves out its size (segno then writes a viewBox) so that it fills
    its box, as on the hall screen."""
    out = BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=6, border=2, xmldecl=False, omitsize=fit)
    return out.getvalue().decode()


COUNTED = "统计所计会议"


def _named_filter(request) -> str:
    """The `?filter=` of a home counter; an unknown one is refused and the full list shown."""
    name = inputs.query_text(request, "filter", "筛选条件")
    if name and name not in queries.NAMED_LISTS:
        inputs.refuse_input(request, "筛选条件无效,已显示全部会议。")
        return ""
    return name


@allowed(permissions.can_attend)
def meeting_list(request):
    if request.GET.get("counted"):
        return _counted_meeting_list(request)
    name = _named_filter(request)
    if name:
        return _named_meeting_list(request, name)
    rows = queries.meetings_for(request.user).select_related("session__term")
    now = timezone.now()
    upcoming = queries.with_pending_leave(rows.filter(workflow.not_over(now)))
    return render(
        request,
        "meetings/list.html",
        {
            "upcoming": upcoming.order_by("starts_at")[:50],
            "past": rows.filter(workflow.held(now))[:50],
            "can_create": permissions.can_create_meeting(request.user),
            "approves": permissions.leave_kinds_approved_by(request.user),
        },
    )


def _counted_meeting_list(request):
    """The meetings a statistic counts (`?counted=&item=&from=&to=`, a report's link)."""
    rows = queries.meetings_for(request.user).order_by("starts_at", "id")
    page = Paginator(counted_rows(request, APP, rows), 50).get_page(request.GET.get("page"))
    context = {"page": page, "named": COUNTED, "filter": "counted"}
    return render(request, "meetings/named_list.html", context)


def _named_meeting_list(request, name: str):
    label, rows = queries.NAMED_LISTS[name]
    page = Paginator(rows(request.user, timezone.now()), 50).get_page(request.GET.get("page"))
    return render(
        request, "meetings/named_list.html", {"page": page, "named": label, "filter": name}
    )


@require_http_methods(["GET", "POST"])
@allowed(permissions.can_create_meeting)
def meeting_new(request):
    form = MeetingForm(request.user.committee, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                actor=request.user,
                kind=data["kind"],
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                invite_rule=data["invite_rule"],
                rule_group_id=form.rule_group_id(),
                invitee_ids=[m.pk for m in data["invitees"]],
                observer_ids=[m.pk for m in data["observers"]],
                guests=form.guest_rows(),
                agenda=data["agenda"],
                leaders_present=data["leaders_present"],
                study_hours=data["study_hours"],
            )
        except ServiceError as exc:
            form.add_error(None, exc.detail)
        else:
            messages.success(request, "会议已建立,会议通知已发送。")
            return redirect("meeting_detail", meeting_id=meeting.pk)
    return render(request, "meetings/new.html", {"form": form})


@allowed(permissions.can_attend)
def meeting_detail(request, meeting_id: int):
    meeting = queries.meeting_for_user(request.user, meeting_id)
    member = getattr(request.user, "member", None)
    invitation = Invitation.objects.filter(meeting=meeting, member=member).first()
    staff = permissions.runs_meeting(request.user, meeting)
    now = timezone.now()
    context = {
        "m": meeting,
        "invitation": invitation,
        "leave_form": LeaveForm(),
        "staff": staff,
        "my_leave": LeaveRequest.objects.filter(meeting=meeting, member=member).first(),
        "guests": meeting.guests.all(),
        "counts": queries.live_counts(meeting),
        "can_decide": permissions.may_decide_leave(request.user, meeting),
        "leaves": meeting.leave_requests.select_related("member"),
        "begun": workflow.begun(meeting, now),
        "over": workflow.over(meeting, now),
        "votes": _votes_for(meeting, member),
        "materials": queries.materials_for(request.user, meeting),
        "vote_rules": {
            "quorum": Vote.Quorum.choices,
            "base": Vote.Base.choices,
            "share": Share.choices,
            "noun": meeting.body_noun,
        },
        **_speeches_context(request.user, meeting),
    }
    if invitation:
        url = request.build_absolute_uri(
            reverse("meeting_scan", args=[services.checkin_token(meeting, member)])
        )
        context["my_code"] = _qr_svg(url)
    if staff:
        context["sheet"] = queries.attendance(meeting)
    return render(request, "meetings/detail.html", context)


@require_POST
@allowed(permissions.can_attend)
def meeting_respond(request, meeting_id: int):
    meeting = queries.meeting_for_user(request.user, meeting_id)
    if request.POST.get("response") == "leave":
        form = LeaveForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        attempt(
            request,
            lambda: services.leave_request(actor=request.user, meeting=meeting, reason=reason),
            "请假申请已提交。",
        )
    else:
        attempt(
            request,
            lambda: services.meeting_confirm(actor=request.user, meeting=meeting),
            "已确认参会。",
        )
    return redirect("meeting_detail", meeting_id=meeting.pk)


@require_POST
@allowed(permissions.can_attend)
def leave_decide(request, meeting_id: int, leave_id: int, action: str):
    leave = queries.leave_for_user(request.user, meeting_id, leave_id)
    note = _posted(request, "note", "审批意见", LeaveRequest, "decision_note")
    if not inputs.refused(request):
        attempt(
            request,
            lambda: run_action(LEAVE_ACTIONS, request.user, leave, action, {"note": note}),
            "已处理请假申请。",
        )
    return redirect("meeting_detail", meeting_id=meeting_id)


def _posted(request, name: str, label: str, model, field: str) -> str:
    """A raw POST field checked like a form field: no control characters, fits its column."""
    max_length = inputs.model_max_length(model, field)
    return inputs.read_text(request, request.POST, name, label, max_length)


@require_http_methods(["GET", "POST"])
@allowed(permissions.can_attend)
def meeting_scan(request, token: str):
    """What a QR code opens: the hall screen's code checks in the member who scanned it; a
    member's personal code is scanned by the staff at the door."""
    try:
        meeting_id, member_id = services.read_code(token)
    except ServiceError as exc:
        return render(request, "meetings/scan.html", {"error": exc.detail}, status=400)
    # By committee, not `meeting_for_user`: a member not invited who scans the hall's code is
    # told so by check_in (NOT_INVITED), not met with a 404.
    meeting = get_object_or_404(Meeting, pk=meeting_id, committee=request.user.committee)
    member = member_queries.member_for_user(request.user, member_id) if member_id else None
    if request.method == "POST":
        try:
            entry = services.check_in(actor=request.user, meeting=meeting, code=token)
        except ServiceError as exc:
            context = {"m": meeting, "error": exc.detail}
            return render(request, "meetings/scan.html", context, status=exc.status)
        return render(request, "meetings/scan.html", {"m": meeting, "done": entry})
    return render(request, "meetings/scan.html", {"m": meeting, "who": member})


@require_POST
@allowed(permissions.can_run_meetings)
def staff_check_in(request, meeting_id: int, member_id: int):
    meeting = queries.meeting_for_user(request.user, meeting_id)
    member = member_queries.member_for_user(request.user, member_id)
    attempt(
        request,
        lambda: services.check_in(actor=request.user, meeting=meeting, member=member),
        f"{member.name}已签到。",
    )
    return redirect(reverse("meeting_detail", args=[meeting.pk]) + "#sheet")


@require_POST
@allowed(permissions.can_run_meetings)
def meeting_close(request, meeting_id: int):
    meeting = queries.meeting_for_user(request.user, meeting_id)
    attempt(
        request,
        lambda: run_action(MEETING_ACTIONS, request.user, meeting, "close"),
        "考勤已确认,出勤和缺席已记入委员履职档案。",
    )
    return redirect("meeting_detail", meeting_id=meeting.pk)


@allowed(permissions.can_see_hall_screen)
def meeting_screen(request, meeting_id: int):
    """The hall screen: counts refresh themselves every few seconds (htmx polling), and for
    the staff who run it the check-in QR turns with the hall code."""
    meeting = queries.meeting_for_user(request.user, meeting_id)
    sheet = queries.attendance(meeting)
    context = {"m": meeting, "counts": queries.live_counts(meeting), "sheet": sheet}
    if request.headers.get("HX-Request"):
        return render(request, "meetings/_screen_counts.html", context)
    if permissions.runs_meeting(request.user, meeting):
        context["hall"] = _hall(request, meeting)
    return render(request, "meetings/screen.html", context)


@allowed(permissions.can_run_meetings)
def meeting_hall_qr(request, meeting_id: int):
    """The screen's QR, fetched again before the hall code turns."""
    meeting = queries.meeting_for_user(request.user, meeting_id)
    if not permissions.runs_meeting(request.user, meeting):
        raise Http404
    return render(
        request, "meetings/_hall_qr.html", {"m": meeting, "hall": _hall(request, meeting)}
    )


def _hall(request, meeting: Meeting) -> dict:
    url = request.build_absolute_uri(reverse("meeting_scan", args=[services.hall_code(meeting)]))
    return {"url": url, "qr": _qr_svg(url, fit=True), "window": services.HALL_WINDOW}


@allowed(permissions.can_run_meetings)
def meeting_attendance_xlsx(request, meeting_id: int):
    meeting = queries.meeting_for_user(request.user, meeting_id)
    sheet = queries.attendance(meeting)
    rows = (
        [[m.name, "出席"] for m in sheet.present_members]
        + [[m.name, "请假"] for m in sheet.leave_members]
        + [[m.name, "缺席"] for m in sheet.absent_members]
        + [[m.name, "未签到"] for m in sheet.awaiting_members]
    )
    return xlsx_response(workbook_bytes("出勤", ["姓名", "出勤"], rows), f"出勤_{meeting.title}")


@allowed(lambda user: user.has_role(roles.STAFF, roles.LEADER))
def meeting_stats(request):
    start, end = inputs.query_period(request)
    scope = core_stats.Scope(request.user.committee, start=start, end=end)
    figures, (kinds, members) = core_stats.figures(APP, scope), core_stats.tables(APP, scope)
    if request.GET.get("format") == "xlsx":
        book = core_stats.workbook("会议统计", scope, figures, [kinds, members])
        return xlsx_response(book, f"会议统计_{scope.label}")
    stats = core_stats.as_values(figures)
    return render(
        request,
        "meetings/stats.html",
        {
            "stats": stats,
            "members": members,
            "kinds": kinds,
            "held": [(label, stats["by_kind"][kind]) for kind, label in Meeting.Kind.choices],
            "rules": permissions.leave_approver_rules(request.user.committee_id),
            "kind_choices": Meeting.Kind.choices,
            "staff": permissions.can_set_leave_rules(request.user),
        },
    )


@require_POST
@allowed(permissions.can_set_leave_rules)
def leave_rules(request):
    for kind in Meeting.Kind.values:
        approver = request.POST.get(kind)
        if approver in LeaveApprover.Approver.values:
            services.leave_rule_set(actor=request.user, kind=kind, approver=approver)
    messages.success(request, "请假审批设置已保存。")
    return redirect("meeting_stats")


def _speeches_context(user, meeting: Meeting) -> dict:
    """The speeches the user may read, each with the steps the user may take on it now."""
    rows = queries.speeches_for(user, meeting)
    offered = [(sp, [(t.action, t.label) for t in SPEECH.offered(user, sp)]) for sp in rows]
    return {"takes_speeches": meeting.traits.takes_speeches, "speeches": offered}


def _votes_for(meeting: Meeting, member) -> list[dict]:
    voted = set(
        VoteParticipation.objects.filter(vote__meeting=meeting, member=member).values_list(
            "vote_id", flat=True
        )
        if member is not None
        else ()
    )
    rows = []
    for vote in meeting.votes.prefetch_related("options"):
        result = voting.vote_result(vote) if vote.state == Vote.State.CLOSED else None
        rows.append({"vote": vote, "voted": vote.pk in voted, "result": result})
    return rows


@require_POST
@allowed(permissions.can_run_meetings)
def vote_new(request, meeting_id: int):
    meeting = queries.meeting_for_user(request.user, meeting_id)
    options = _posted(request, "options", "选项", Meeting, "agenda").splitlines()
    kind = _posted(request, "kind", "类型", Vote, "kind") or "motion"
    title = _posted(request, "title", "表决事项", Vote, "title")
    quorum = _posted(request, "quorum", "到会要求", Vote, "quorum") or Vote.Quorum.HALF
    base = _posted(request, "pass_base", "通过规则", Vote, "pass_base") or Vote.Base.MEMBERS
    share = _posted(request, "pass_share", "通过规则", Vote, "pass_share") or Share.HALF
    longest = inputs.model_max_length(VoteOption, "label")
    if any(len(option.strip()) > longest for option in options):
        inputs.refuse_input(request, f"每个选项{inputs.TOO_LONG_MESSAGE.format(max=longest)}。")
    if not inputs.refused(request):
        attempt(
            request,
            lambda: voting.vote_create(
                actor=request.user,
                meeting=meeting,
                kind=kind,
                title=title,
                options=options,
                secret=request.POST.get("secret") == "on",
                quorum=quorum,
                pass_base=base,
                pass_share=share,
            ),
            "已建立表决事项。",
        )
    return redirect(reverse("meeting_detail", args=[meeting.pk]) + "#votes")


@require_POST
@allowed(permissions.can_run_meetings)
def vote_step(request, meeting_id: int, vote_id: int, action: str):
    meeting = queries.meeting_for_user(request.user, meeting_id)
    vote = queries.vote_for_user(request.user, vote_id, meeting)
    attempt(
        request,
        lambda: run_action(VOTE_ACTIONS, request.user, vote, action),
        "投票已开始。" if action == "open" else "投票已结束,结果已公布。",
    )
    return redirect(reverse("meeting_detail", args=[meeting.pk]) + "#votes")


@require_POST
@allowed(permissions.can_attend)
def vote_ballot(request, meeting_id: int, vote_id: int):
    meeting = queries.meeting_for_user(request.user, meeting_id)
    vote = queries.vote_for_user(request.user, vote_id, meeting)
    choices = {
        key.removeprefix("option_"): value
        for key, value in request.POST.items()
        if key.startswith("option_")
    }
    attempt(
        request,
        lambda: voting.ballot_cast(actor=request.user, vote=vote, choices=choices),
        "投票成功。",
    )
    return redirect(reverse("meeting_detail", args=[meeting.pk]) + "#votes")


@require_POST
@allowed(permissions.can_attend)
def speech_submit(request, meeting_id: int):
    meeting = queries.meeting_for_user(request.user, meeting_id)
    kind = _posted(request, "kind", "申请方式", Speech, "kind") or "oral"
    title = _posted(request, "title", "题目", Speech, "title")
    text = _posted(request, "text", "发言稿", Speech, "text")
    if not inputs.refused(request):
        attempt(
            request,
            lambda: speeches.speech_submit(
                actor=request.user, meeting=meeting, kind=kind, title=title, text=text
            ),
            "发言稿已提交。",
        )
    return redirect(reverse("meeting_detail", args=[meeting.pk]) + "#speeches")


@require_POST
@allowed(permissions.can_run_meetings)
def speech_decide(request, meeting_id: int, speech_id: int, action: str):
    speech = queries.speech_for_user(request.user, meeting_id, speech_id)
    attempt(
        request,
        lambda: run_action(SPEECH_ACTIONS, request.user, speech, action),
        "已处理。",
    )
    return redirect(reverse("meeting_detail", args=[meeting_id]) + "#speeches")


def _briefing_items(committee, text: str) -> tuple[list[dict], list[str]]:
    """Lines of “姓名:意见” → items; names are looked up among the current members."""
    members = {m.name: m for m in member_queries.current_members(committee)}
    items, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        name, sep, opinion = line.replace(":", ":").partition(":")
        if not line.strip():
            continue
        if not sep or name.strip() not in members:
            problems.append(f"第{number}行:请写成“委员姓名:意见”,且姓名须为本届委员")
            continue
        items.append({"member": members[name.strip()], "opinion": opinion})
    return items, problems


@require_http_methods(["GET", "POST"])
@allowed(permissions.can_read_briefings)
def briefing_list(request):
    sessions = (
        Session.objects.filter(term__committee=request.user.committee)
        .select_related("term")
        .order_by("-term__number", "-number")
    )
    chosen = inputs.query_id(request, "session", "会议")
    session = (chosen and sessions.filter(pk=chosen).first()) or sessions.first()
    staff = permissions.may_issue_briefing(request.user, request.user.committee_id)
    if request.method == "POST" and staff and session:
        text = _posted(request, "items", "发言摘要", BriefingItem, "opinion")
        title = _posted(request, "title", "标题", BriefingIssue, "title")
        items, problems = _briefing_items(request.user.committee, text)
        for problem in problems:
            messages.error(request, problem)
        if not problems and not inputs.refused(request):
            attempt(
                request,
                lambda: speeches.briefing_issue(
                    actor=request.user, session=session, title=title, items=items
                ),
                "简报已编发。",
            )
        return redirect(f"{reverse('briefing_list')}?session={session.pk}")
    issues = BriefingIssue.objects.filter(session=session).prefetch_related("items__member")
    return render(
        request,
        "meetings/briefings.html",
        {
            "sessions": sessions,
            "session": session,
            "issues": issues,
            "staff": staff,
        },
    )


@allowed(permissions.can_read_briefings)
def briefing_docx(request, issue_id: int):
    issue = queries.briefing_for_user(request.user, issue_id)
    return docx_response(speeches.briefing_docx(issue), f"会议简报第{issue.number}期")


@require_POST
@allowed(permissions.can_run_meetings)
def material_upload(request, meeting_id: int):
    meeting = queries.meeting_for_user(request.user, meeting_id)
    attempt_upload(
        request,
        lambda upload: services.material_add(actor=request.user, meeting=meeting, upload=upload),
        "会议材料已上传。",
    )
    return redirect("meeting_detail", meeting_id=meeting.pk)


@allowed(permissions.can_attend)
def material_download(request, meeting_id: int, material_id: int):
    meeting = queries.meeting_for_user(request.user, meeting_id)
    return attachment_response(request.user, meeting, material_id, audience=queries.materials_for)
