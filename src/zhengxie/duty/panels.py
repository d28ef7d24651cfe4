"""Navigation and home panels of the duty app."""

from django.urls import reverse

from zhengxie.core import roles
from zhengxie.core.home import Panel, PanelRow, register_home_panels, register_nav

from . import queries
from .permissions import (
    can_open_cards,
    can_read_flags,
    can_read_scores,
    can_record_for,
    has_record,
    has_record_or_reads,
)

register_nav("履职考核", "duty_scores", can_read_scores, order=15, group="委员")
register_nav("履职统计", "duty_stats", can_read_scores, order=16, group="委员")
register_nav("我的履职档案", "duty_record", has_record, order=17, group="委员")
register_nav("履职成绩单", "duty_cards", can_open_cards, order=18, group="委员")
register_nav(
    "自报履职活动",
    "self_reports",
    lambda user: has_record(user) or can_read_scores(user),
    order=19,
    group="委员",
)
register_nav("履职提示", "duty_flags", can_read_flags, order=19, group="委员")
register_nav("述职", "duty_reports", has_record_or_reads, order=20, group="委员")

OPEN_FLAGS = "待办理的履职提示"


@register_home_panels
def member_record(user) -> list[Panel]:
    """The member's way to their own record; no query, so no home page pays for it."""
    if not has_record(user):
        return []
    row = PanelRow("本人履职记录与积分", "查看", reverse("duty_record"))
    return [Panel("我的履职档案", [row], order=21)]


@register_home_panels
def member_reports(user) -> list[Panel]:
    """The member's 述职 still to finish, each with the office's reason if it was returned (one
    query for every member's home)."""
    if not has_record(user):
        return []
    rows = [
        PanelRow(
            f"{report.term.label}{report.period_label}述职",
            f"已退回修改:{report.return_reason}" if report.return_reason else "草稿待提交",
            reverse("duty_report", args=[report.pk]),
            alert=bool(report.return_reason),
        )
        for report in queries.reports_to_finish(user)
    ]
    return [Panel("我的述职", rows, order=21)] if rows else []


@register_home_panels
def office_queue(user) -> list[Panel]:
    """The office's queue of self-reported activities to confirm (one count)."""
    if not can_record_for(user):
        return []
    count = queries.pending_reports(user).count()
    link = reverse("self_reports") + "?filter=pending"
    row = PanelRow("待确认的自报履职活动", count, link, alert=count > 0)
    return [Panel("履职档案", [row], order=21)]


@register_home_panels
def office_flags(user) -> list[Panel]:
    """谈话提醒, 退出建议 and 表彰候选 still to be recorded: the office's (one query)."""
    if not (user.has_role(roles.STAFF) and user.committee_id):
        return []
    count = queries.open_flags(user).count()
    link = f"{reverse('duty_flags')}?state=open"
    return [Panel("委员履职", [PanelRow(OPEN_FLAGS, count, link, alert=count > 0)], order=20)]
