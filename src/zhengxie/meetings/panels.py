"""Home panels and navigation of the meetings app."""

from django.urls import reverse
from django.utils import timezone

from zhengxie.core import roles
from zhengxie.core.home import Panel, PanelRow, list_counter, register_home_panels, register_nav
from zhengxie.lib.dates import month_day

from . import queries
from .models import Invitation
from .workflow import not_over

register_nav(
    "会议",
    "meeting_list",
    lambda u: u.has_role(roles.STAFF, roles.LEADER, roles.MEMBER),
    order=40,
    group="会议",
)


@register_home_panels
def member_meetings(user) -> list[Panel]:
    member = getattr(user, "member", None)
    if member is None:
        return []
    upcoming = (
        Invitation.objects.filter(not_over(timezone.now(), via="meeting__"), member=member)
        .select_related("meeting")
        .order_by("meeting__starts_at")[:3]
    )
    rows = [
        PanelRow(
            f"{month_day(i.meeting.starts_at)} {i.meeting.title}",
            i.get_response_display(),
            reverse("meeting_detail", args=[i.meeting_id]),
            alert=i.response == Invitation.Response.PENDING,
        )
        for i in upcoming
    ]
    return [Panel("近期会议", rows or [PanelRow("暂无待参加的会议")], order=13)]


def _named_row(user, name: str, now, alert: bool) -> PanelRow:
    """A counter whose link opens exactly the rows it counts (see `queries.NAMED_LISTS`)."""
    label, rows = queries.NAMED_LISTS[name]
    return list_counter(label, rows(user, now), "meeting_list", name, alert)


@register_home_panels
def leave_approvals(user) -> list[Panel]:
    if not user.has_role(roles.STAFF, roles.LEADER):
        return []
    now = timezone.now()
    return [
        Panel(
            "会议",
            [
                _named_row(user, "leave_pending", now, alert=True),
                _named_row(user, "coming", now, alert=False),
            ],
            order=16,
        )
    ]
