from datetime import date

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from . import exports, inputs, permissions, queries, services
from .audit import audit_verify
from .auditlabels import action_label
from .decorators import allowed
from .errors import ServiceError
from .forms import (
    AccountForm,
    AuditFilterForm,
    CalendarDayForm,
    LoginForm,
    PasswordChangeForm,
    RolesForm,
    SessionForm,
    TermForm,
)
from .home import home_panels
from .http import attempt, xlsx_response
from .presenters import present_events

EXPORT_LIMIT = 100_000


def _safe_next(request) -> str:
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("home")


@require_http_methods(["GET", "POST"])
def login_view(request):
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_authenticate(**form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, exc.detail)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            if user.must_change_password:
                return redirect("password_change")
            return redirect(_safe_next(request))
    return render(request, "core/login.html", {"form": form})


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        services.user_logout(user=request.user, session_key=request.session.session_key)
    logout(request)
    return redirect("login")


@require_http_methods(["GET", "POST"])
@allowed(lambda user: True)
def password_change(request):
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_change_password(
                user=request.user, current=data["current"], new=data["new"]
            )
        except ServiceError as exc:
            form.add_error(None, exc.detail)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, "密码已修改。")
            return redirect("home")
    context = {"form": form, "one_time": request.user.must_change_password}
    return render(request, "core/password_change.html", context)


@allowed(lambda user: True)
def home(request):
    return render(request, "core/home.html", {"panels": home_panels(request.user)})


@allowed(lambda user: True)
def inbox(request):
    page = Paginator(queries.inbox(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "core/inbox.html", {"page": page})


@require_POST
@allowed(lambda user: True)
def inbox_read(request):
    services.notification_mark_read(user=request.user)
    return redirect("inbox")


@allowed(permissions.can_read_audit)
def audit_list(request):
    form = AuditFilterForm(request.GET or None)
    criteria = (
        queries.AuditFilter(**form.cleaned_data) if form.is_valid() else queries.AuditFilter()
    )
    events = queries.audit_events(criteria)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(exports.audit_xlsx(events[:EXPORT_LIMIT]), "审计记录")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    actions = [(code, action_label(code)) for code in queries.audit_actions()]
    context = {"form": form, "page": page, "rows": present_events(page), "actions": actions}
    return render(request, "core/audit_list.html", context)


@require_POST
@allowed(permissions.can_read_audit)
def audit_check(request):
    checked, problems = audit_verify()
    context = {"checked": checked, "problems": problems}
    return render(request, "core/audit_check.html", context)


def _committee_scope(user):
    """A deployment-wide administrator (no committee) sees every account."""
    return user.committee


@allowed(permissions.can_view_accounts)
def account_list(request):
    q = inputs.query_text(request, "q", "搜索内容")
    users = queries.accounts(_committee_scope(request.user), q)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(exports.accounts_xlsx(users, timezone.now()), "账号")
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/account_list.html",
        {
            "page": page,
            "q": q,
            "form": AccountForm(),
            "now": timezone.now(),
            "can_create": permissions.can_manage_accounts(request.user),
        },
    )


@require_POST
@allowed(permissions.can_manage_accounts)
def account_create(request):
    form = AccountForm(request.POST)
    if form.is_valid():
        try:
            user = services.user_create(
                actor=request.user, committee=request.user.committee, **form.cleaned_data
            )
        except ServiceError as exc:
            messages.error(request, exc.detail)
        else:
            messages.success(request, f"已创建账号 {user.username},请安全管理员分配角色。")
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect("account_list")


@require_http_methods(["GET", "POST"])
@allowed(permissions.can_view_accounts)
def account_detail(request, user_id: int):
    account = queries.account_for_user(request.user, user_id)
    roles_form = RolesForm(initial={"roles": sorted(account.roles)})
    return render(
        request,
        "core/account_detail.html",
        {
            "account": account,
            "roles_form": roles_form,
            "can_grant": permissions.can_grant_roles(request.user),
            "can_manage": permissions.can_manage_accounts(request.user),
            "now": timezone.now(),
        },
    )


@require_POST
@allowed(permissions.can_grant_roles)
def account_roles(request, user_id: int):
    account = queries.account_for_user(request.user, user_id)
    form = RolesForm(request.POST)
    if form.is_valid():
        roles = form.cleaned_data["roles"]
        attempt(
            request,
            lambda: services.user_set_roles(actor=request.user, user=account, role_names=roles),
            "角色已更新。",
        )
    return redirect("account_detail", user_id=account.pk)


@require_POST
@allowed(permissions.can_grant_roles)
def account_unlock(request, user_id: int):
    account = queries.account_for_user(request.user, user_id)
    services.user_unlock(actor=request.user, user=account)
    messages.success(request, f"账号 {account.username} 已解锁。")
    return redirect("account_detail", user_id=account.pk)


def _one_time_password_page(request, outcome):
    response = render(request, "core/password_reset_done.html", {"outcome": outcome})
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@allowed(permissions.can_grant_roles)
def account_password(request, user_id: int):
    account = queries.account_for_user(request.user, user_id)
    try:
        outcome = services.password_reset_request(actor=request.user, user=account)
    except ServiceError as exc:
        messages.error(request, exc.detail)
        return redirect("account_detail", user_id=account.pk)
    if outcome.one_time_password:
        return _one_time_password_page(request, outcome)
    messages.success(request, "管理员账号的密码重置已提交,须另一名管理员确认后生效。")
    return redirect("account_detail", user_id=account.pk)


@allowed(permissions.is_administrator)
def reset_list(request):
    resets = list(queries.pending_resets(_committee_scope(request.user)))
    rows = [(reset, permissions.can_confirm_reset(request.user, reset)) for reset in resets]
    return render(request, "core/reset_list.html", {"rows": rows})


@require_POST
@allowed(permissions.is_administrator)
def reset_decide(request, reset_id: int, action: str):
    if action not in ("confirm", "refuse"):
        raise Http404
    reset = queries.reset_for_user(request.user, reset_id)
    try:
        if action == "confirm":
            return _one_time_password_page(
                request, services.password_reset_confirm(actor=request.user, reset=reset)
            )
        services.password_reset_refuse(actor=request.user, reset=reset)
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, "已拒绝该密码重置申请。")
    return redirect("reset_list")


@require_POST
@allowed(permissions.can_manage_accounts)
def account_active(request, user_id: int):
    account = queries.account_for_user(request.user, user_id)
    try:
        services.user_set_active(
            actor=request.user, user=account, active=request.POST.get("active") == "1"
        )
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, "账号状态已更新。")
    return redirect("account_detail", user_id=account.pk)


@require_http_methods(["GET", "POST"])
@allowed(permissions.can_edit_calendar)
def calendar_view(request):
    committee = request.user.committee
    form = CalendarDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.calendar_day_set(
            actor=request.user,
            committee=committee,
            day=data["date"],
            is_workday=data["is_workday"],
            name=data["name"],
        )
        messages.success(request, "已保存。")
        return redirect("calendar")
    year = inputs.query_year(request, default=date.today().year)
    return render(
        request,
        "core/calendar.html",
        {
            "form": form,
            "year": year,
            "overrides": queries.calendar_overrides(committee),
            "national": queries.national_days(year),
            "years": queries.confirmed_years(),
        },
    )


@require_POST
@allowed(permissions.can_edit_calendar)
def calendar_remove(request, day: str):
    try:
        services.calendar_day_remove(
            actor=request.user, committee=request.user.committee, day=date.fromisoformat(day)
        )
    except (ValueError, ServiceError):
        messages.error(request, "未找到该日期的本地调整。")
    return redirect("calendar")


@allowed(permissions.is_staff)
def terms(request):
    committee = request.user.committee
    return render(
        request,
        "core/terms.html",
        {
            "terms": queries.terms_with_sessions(committee),
            "session_form": SessionForm(),
            "term_form": TermForm(),
            "current": queries.current_term(committee),
        },
    )


@require_POST
@allowed(permissions.is_staff)
def session_new(request):
    term = queries.current_term(request.user.committee)
    form = SessionForm(request.POST)
    if term is None or not form.is_valid():
        messages.error(request, "请先设立本届,并填写开幕和闭幕日期。")
    else:
        attempt(
            request,
            lambda: services.session_create(actor=request.user, term=term, **form.cleaned_data),
            "已添加会议。",
        )
    return redirect("terms")


@require_POST
@allowed(permissions.is_staff)
def term_new(request):
    form = TermForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.term_start(
                actor=request.user, committee=request.user.committee, **form.cleaned_data
            ),
            "新一届已设立,此后委员名录等默认显示新一届。",
        )
    else:
        messages.error(request, "请填写届次和开始日期。")
    return redirect("terms")
