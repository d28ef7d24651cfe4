"""Home panels and navigation of the meetings app."""

from django.urls import reverse
from django.utils import timezone

from zhengxie.core import roles
from zhengxie.core.home import Panel, PanelRow, register_home_panels, register_nav
from zhengxie.lib.dates import month_day

from .models import Invitation, LeaveRequest, Meeting
from .services import leave_kinds_approved_by

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
        Invitation.objects.filter(member=member, meeting__ends_at__gte=timezone.now())
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


@register_home_panels
def leave_approvals(user) -> list[Panel]:
    if not user.has_role(roles.STAFF, roles.LEADER):
        return []
    pending = LeaveRequest.objects.filter(
        state=LeaveRequest.State.PENDING,
        meeting__committee=user.committee_id,
        meeting__starts_at__gte=timezone.now(),
        meeting__kind__in=leave_kinds_approved_by(user),
    ).count()
    upcoming = Meeting.objects.filter(
        committee=user.committee_id, starts_at__gte=timezone.now()
    ).count()
    return [
        Panel(
            "会议",
            [
                PanelRow("待审批的请假", pending, reverse("meeting_list"), alert=bool(pending)),
                PanelRow("即将召开的会议", upcoming, reverse("meeting_list")),
            ],
            order=16,
        )
    ]
