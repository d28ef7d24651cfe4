"""Reads of meetings: attendance sheets, live counts (statistics of a period: stats.py)."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from zhengxie.core import roles
from zhengxie.core.models import User
from zhengxie.members.models import Member

from .models import (
    BriefingIssue,
    CheckIn,
    Invitation,
    LeaveRequest,
    Material,
    Meeting,
    Share,
    Speech,
    Vote,
    reaches,
)
from .permissions import leave_kinds_approved_by
from .workflow import begun, coming


def meetings_for(user: User) -> QuerySet[Meeting]:
    rows = Meeting.objects.filter(committee_id=user.committee_id)
    if user.has_role(roles.STAFF, roles.LEADER):
        return rows
    member = getattr(user, "member", None)
    return rows.filter(invitations__member=member).distinct() if member else rows.none()


def meeting_for_user(user: User, meeting_id: int) -> Meeting:
    """The meeting if `user` may read it; 404 otherwise, so ids reveal nothing."""
    # The committee comes along for the audit event: one query fewer on the hall's rush.
    return get_object_or_404(meetings_for(user).select_related("committee"), pk=meeting_id)


def speech_for_user(user: User, meeting_id: int, speech_id: int) -> Speech:
    """A speech of a meeting `user` may read; 404 otherwise."""
    meeting = meeting_for_user(user, meeting_id)
    return get_object_or_404(meeting.speeches, pk=speech_id)


def briefing_for_user(user: User, issue_id: int) -> BriefingIssue:
    """A briefing issue of `user`'s committee; 404 otherwise."""
    return get_object_or_404(
        BriefingIssue, pk=issue_id, session__term__committee_id=user.committee_id
    )


def leave_for_user(user: User, meeting_id: int, leave_id: int) -> LeaveRequest:
    """A leave request of a meeting `user` may read; 404 otherwise."""
    meeting = meeting_for_user(user, meeting_id)
    return get_object_or_404(meeting.leave_requests, pk=leave_id)


def vote_for_user(user: User, vote_id: int, meeting: Meeting | None = None) -> Vote:
    """A vote of a meeting `user` may read (of `meeting` when the URL names one); 404
    otherwise."""
    rows = Vote.objects.select_related("meeting")
    if meeting is not None:
        return get_object_or_404(rows, pk=vote_id, meeting=meeting)
    return get_object_or_404(rows, pk=vote_id, meeting__in=meetings_for(user))


def materials_for(user: User, meeting: Meeting) -> QuerySet[Material]:
    """会议材料 are for the meeting's invitees (and observers) and the staff who run it; a
    leader or member not invited reads the meeting's notice, not its papers."""
    staff = user.has_role(roles.STAFF) and user.committee_id == meeting.committee_id
    member = getattr(user, "member", None)
    invited = member is not None and meeting.invitations.filter(member=member).exists()
    return (
        meeting.materials.order_by("uploaded_at", "id")
        if staff or invited
        else Material.objects.none()
    )


def with_pending_leave(rows: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Each meeting with its number of leave requests awaiting a decision."""
    pending = Q(leave_requests__state=LeaveRequest.State.PENDING)
    return rows.annotate(pending_leave=Count("leave_requests", filter=pending, distinct=True))


def leave_to_decide(user: User, now: datetime) -> QuerySet[LeaveRequest]:
    """Leave requests awaiting this user's decision: meetings not yet begun, of the kinds
    whose leave they decide (待审批的请假)."""
    return (
        LeaveRequest.objects.filter(
            coming(now, via="meeting__"),
            state=LeaveRequest.State.PENDING,
            meeting__committee=user.committee_id,
            meeting__kind__in=leave_kinds_approved_by(user),
        )
        .select_related("meeting", "member")
        .order_by("meeting__starts_at", "id")
    )


def coming_meetings(user: User, now: datetime) -> QuerySet[Meeting]:
    """Meetings the user reads that have not begun (即将召开的会议)."""
    return meetings_for(user).filter(coming(now)).order_by("starts_at", "id")


# Home-page counters and the lists their links open (`/meetings/?filter=<name>`): one
# definition each, so that the number and the rows cannot drift apart.
NAMED_LISTS: dict[str, tuple[str, Callable[[User, datetime], QuerySet]]] = {
    "leave_pending": ("待审批的请假", leave_to_decide),
    "coming": ("即将召开的会议", coming_meetings),
}


def named_list(user: User, name: str, now: datetime) -> QuerySet | None:
    entry = NAMED_LISTS.get(name)
    return entry[1](user, now) if entry else None


def speeches_for(user: User, meeting: Meeting) -> QuerySet[Speech]:
    """Staff and leaders read every speech submitted to the meeting; a member their own."""
    rows = meeting.speeches.select_related("member")
    if user.committee_id == meeting.committee_id and user.has_role(roles.STAFF, roles.LEADER):
        return rows
    member = getattr(user, "member", None)
    return rows.filter(member=member) if member else rows.none()


@dataclass
class Attendance:
    expected: int
    present: int
    on_leave: int
    absent: int
    present_members: list[Member] = field(default_factory=list)
    # Observers (列席) who checked in: never attendance, their own duty kind.
    observed_members: list[Member] = field(default_factory=list)
    leave_members: list[Member] = field(default_factory=list)
    absent_members: list[Member] = field(default_factory=list)
    by_sector: list[tuple[str, int, int]] = field(default_factory=list)
    awaiting_members: list[Member] = field(default_factory=list)
    started: bool = True

    @property
    def awaiting(self) -> int:
        return len(self.awaiting_members)

    @property
    def rate(self) -> float:
        return round(self.present / self.expected, 4) if self.expected else 0.0


def attendance(meeting: Meeting, now: datetime | None = None) -> Attendance:
    """Expected are the invitees (not observers); present checked in; on leave have approved
    leave and did not come; everyone else is absent without leave once the meeting has
    started, and before that still awaited. Observers who checked in are apart."""
    invitations = list(
        Invitation.objects.filter(meeting=meeting)
        .select_related("member")
        .order_by("member__sort_key")
    )
    invitees = [i for i in invitations if i.role == Invitation.Role.INVITEE]
    present_ids = set(CheckIn.objects.filter(meeting=meeting).values_list("member_id", flat=True))
    leave_ids = (
        set(
            LeaveRequest.objects.filter(
                meeting=meeting, state=LeaveRequest.State.APPROVED
            ).values_list("member_id", flat=True)
        )
        - present_ids
    )
    present = [i.member for i in invitees if i.member_id in present_ids]
    leave = [i.member for i in invitees if i.member_id in leave_ids]
    missing = [i.member for i in invitees if i.member_id not in present_ids | leave_ids]
    started = begun(meeting, now or timezone.now())
    absent = missing if started else []
    return Attendance(
        expected=len(invitees),
        present=len(present),
        on_leave=len(leave),
        absent=len(absent),
        present_members=present,
        observed_members=[
            i.member
            for i in invitations
            if i.role == Invitation.Role.OBSERVER and i.member_id in present_ids
        ],
        leave_members=leave,
        absent_members=absent,
        by_sector=_by_sector(meeting, present_ids),
        awaiting_members=[] if started else missing,
        started=started,
    )


def _by_sector(meeting: Meeting, present_ids: set[int]) -> list[tuple[str, int, int]]:
    rows = Invitation.objects.filter(
        meeting=meeting,
        role=Invitation.Role.INVITEE,
        member__memberships__term__is_current=True,
    ).values_list("member_id", "member__memberships__sector__name")
    expected, present = Counter(), Counter()
    for member_id, sector in rows:
        expected[sector] += 1
        present[sector] += member_id in present_ids
    return [(sector, present[sector], expected[sector]) for sector in expected]


# Every check-in answer and the hall screen read these figures. Written out, the query costs
# a fraction of a millisecond; built through the ORM (annotate two Exists, then aggregate) its
# compilation alone took ~20 ms, a third of a check-in request (measured with bench/checkin).
_LIVE_COUNTS = """
SELECT COUNT(*),
       COALESCE(SUM(CASE WHEN came THEN 1 ELSE 0 END), 0),
       COALESCE(SUM(CASE WHEN NOT came AND excused THEN 1 ELSE 0 END), 0)
FROM (
    SELECT EXISTS (SELECT 1 FROM {checkin} c
                   WHERE c.meeting_id = i.meeting_id AND c.member_id = i.member_id) AS came,
           EXISTS (SELECT 1 FROM {leave} l
                   WHERE l.meeting_id = i.meeting_id AND l.member_id = i.member_id
                     AND l.state = %s) AS excused
    FROM {invitation} i
    WHERE i.meeting_id = %s AND i.role = %s
) AS invitee
"""


def live_counts(meeting: Meeting, now: datetime | None = None) -> dict:
    """The hall screen's figures in one query: invitees (observers apart) present, on
    approved leave without coming, and the rest, who are absent only once the meeting has
    started; the attendance rate and whether more than half are present (the default
    quorum of a vote)."""
    sql = _LIVE_COUNTS.format(
        checkin=CheckIn._meta.db_table,
        leave=LeaveRequest._meta.db_table,
        invitation=Invitation._meta.db_table,
    )
    params = [LeaveRequest.State.APPROVED, meeting.pk, Invitation.Role.INVITEE]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        expected, present, on_leave = cursor.fetchone()
    missing = expected - present - on_leave
    started = begun(meeting, now or timezone.now())
    return {
        "expected": expected,
        "present": present,
        "on_leave": on_leave,
        "absent": missing if started else 0,
        "awaiting": 0 if started else missing,
        "rate": round(present / expected, 4) if expected else 0.0,
        "quorum": reaches(present, expected, Share.HALF),
    }
