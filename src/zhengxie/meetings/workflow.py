"""When a meeting is coming, under way and over, and the leave-request and speech workflows
as data (see proposals/workflow.py for the idea). Each row names the audit action it writes,
so that grepping for one finds its step."""

from datetime import datetime

from django.db.models import Q

from .models import LeaveRequest, Meeting, Speech

# A meeting is coming until it starts (leave may be asked, nobody is absent yet), under way
# until it ends, then over (its attendance may be confirmed). Services, lists and counters
# all read these; `via` reaches the meeting from a related row ("meeting__").


def begun(meeting: Meeting, now: datetime) -> bool:
    return now >= meeting.starts_at


def over(meeting: Meeting, now: datetime) -> bool:
    return now >= meeting.ends_at


def coming(now: datetime, via: str = "") -> Q:
    return Q(**{f"{via}starts_at__gt": now})


def not_over(now: datetime, via: str = "") -> Q:
    """Coming or under way."""
    return Q(**{f"{via}ends_at__gt": now})


def held(now: datetime, via: str = "") -> Q:
    return Q(**{f"{via}ends_at__lte": now})


def checkin_open(meeting: Meeting, now: datetime) -> bool:
    """Check-in has its own window (from an hour before the start to the end by default)."""
    return meeting.checkin_opens_at <= now <= meeting.checkin_closes_at


S = LeaveRequest.State

# action → (from states, to state, label, audit action)
LEAVE_TRANSITIONS = {
    "approve": ({S.PENDING}, S.APPROVED, "批准请假", "meeting.leave_approve"),
    "refuse": ({S.PENDING, S.APPROVED}, S.REFUSED, "不批准", "meeting.leave_refuse"),
}

P = Speech.State

# action → (from states, to state, label, audit action); staff take every speech step.
SPEECH_TRANSITIONS = {
    "select_oral": (
        {P.SUBMITTED, P.SELECTED_WRITTEN, P.DECLINED},
        P.SELECTED_ORAL,
        "安排口头发言",
        "speech.select_oral",
    ),
    "select_written": (
        {P.SUBMITTED, P.SELECTED_ORAL, P.DECLINED},
        P.SELECTED_WRITTEN,
        "作为书面发言",
        "speech.select_written",
    ),
    "decline": ({P.SUBMITTED}, P.DECLINED, "不予采用", "speech.decline"),
    "deliver": ({P.SELECTED_ORAL}, P.DELIVERED, "已发言", "speech.deliver"),
}
