"""Home panels of the core app: inbox, and the three administrators' work."""

from datetime import date

from django.urls import reverse

from . import permissions, queries
from .auditlabels import action_label
from .home import Panel, PanelRow, register_home_panels, register_nav
from .models import AuditEvent

register_nav("首页", "home", lambda user: True, order=0)
register_nav("届次", "terms", permissions.is_staff, order=79, group="系统")
register_nav("工作日历", "calendar", permissions.can_edit_calendar, order=80, group="系统")
register_nav("账号管理", "account_list", permissions.can_view_accounts, order=81, group="系统")
register_nav("安全审计", "audit_list", permissions.can_read_audit, order=82, group="系统")
register_nav("密码重置确认", "reset_list", permissions.is_administrator, order=83, group="系统")


@register_home_panels
def inbox_panel(user) -> list[Panel]:
    unread = queries.unread_count(user)
    row = PanelRow("未读消息", unread, reverse("inbox"), alert=unread > 0)
    return [Panel("消息", [row], order=90)]


@register_home_panels
def administration_panels(user) -> list[Panel]:
    panels = []
    scope = user.committee
    if permissions.can_view_accounts(user):
        locked = queries.locked_accounts(scope).count()
        panels.append(
            Panel(
                "账号管理",
                [
                    PanelRow("账号总数", queries.accounts(scope).count(), reverse("account_list")),
                    PanelRow("被锁定的账号", locked, reverse("account_list"), alert=locked > 0),
                ],
                order=10,
            )
        )
    if permissions.is_administrator(user):
        pending = queries.pending_resets(scope).exclude(requested_by=user).exclude(user=user)
        count = pending.count()
        row = PanelRow("待确认的密码重置", count, reverse("reset_list"), alert=count > 0)
        panels.append(Panel("三员分立", [row], order=11))
    if permissions.can_edit_calendar(user):
        next_year = date.today().year + 1
        confirmed = next_year in queries.confirmed_years()
        note = (
            ""
            if confirmed
            else (
                f"{next_year}年节假日安排尚未载入,该年的期限只按双休日推算。国务院公布后请执行"
                " zhengxie calendar seed 或在此添加。"
            )
        )
        panels.append(
            Panel(
                "工作日历",
                [
                    PanelRow(
                        "本政协调整的日期",
                        queries.calendar_overrides(scope).count(),
                        reverse("calendar"),
                        alert=not confirmed,
                    ),
                ],
                note=note,
                order=60,
            )
        )
    if permissions.can_read_audit(user):
        latest = AuditEvent.objects.order_by("-at").first()
        panels.append(
            Panel(
                "安全审计",
                [
                    PanelRow("审计记录", AuditEvent.objects.count(), reverse("audit_list")),
                    PanelRow(
                        "最近一条",
                        f"{action_label(latest.action)} · {latest.actor_label}" if latest else "无",
                        reverse("audit_list"),
                    ),
                ],
                note="可在审计页面校验审计链是否完整。",
                order=10,
            )
        )
    return panels
