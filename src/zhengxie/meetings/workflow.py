"""When a meeting is coming, under way and over, and the workflows of its leave requests,
speeches, votes and its own close as tables on the one engine (core.workflow). Each row
names the audit action it writes, so that grepping for one finds its step."""

from datetime import datetime

from django.db.models import Q

from zhengxie.core import errors
from zhengxie.core.errors import Problem
from zhengxie.core.workflow import Workflow, t

from .models import LeaveRequest, Meeting, Speech, Vote
from .permissions import ACTORS

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


# A meeting's steps: leave requests, speeches, votes and the meeting's own close, each a
# table on the engine (core.workflow). Actor names are those of `permissions.ACTORS`. The
# audit rows of these steps are the meeting's events, written by the services.

LEAVE_FORBIDDEN = Problem("leave_forbidden", "您不能审批这次会议的请假。", 403)
LEAVE_STATE = Problem("leave_state", "该请假申请已处理。", 409)
SPEECH_STATE = Problem("speech_state", "该发言当前不能进行此操作。", 409)
VOTE_STATE = Problem("vote_state", "当前不在投票时间。", 409)
ALREADY_CLOSED = Problem("already_closed", "会议考勤已确认。", 409)


def _meeting_link(obj) -> str:
    return f"/meetings/{getattr(obj, 'meeting_id', obj.pk)}/"


S = LeaveRequest.State
LEAVE = Workflow(
    name="leave",
    model=LeaveRequest,
    noun="请假申请",
    actors=ACTORS,
    forbidden=LEAVE_FORBIDDEN,
    wrong_state=LEAVE_STATE,
    link=_meeting_link,
    summary=lambda leave: leave.reason,
    transitions=[
        t(
            "approve",
            "批准请假",
            {S.PENDING},
            S.APPROVED,
            "leave_approver",
            audit="meeting.leave_approve",
        ),
        t(
            "refuse",
            "不批准",
            {S.PENDING, S.APPROVED},
            S.REFUSED,
            "leave_approver",
            audit="meeting.leave_refuse",
        ),
    ],
)

P = Speech.State
SPEECH = Workflow(
    name="speech",
    model=Speech,
    noun="发言",
    actors=ACTORS,
    forbidden=errors.FORBIDDEN,
    wrong_state=SPEECH_STATE,
    link=_meeting_link,
    summary=lambda speech: speech.title,
    transitions=[
        t(
            "select_oral",
            "安排口头发言",
            {P.SUBMITTED, P.SELECTED_WRITTEN, P.DECLINED},
            P.SELECTED_ORAL,
            "staff",
            audit="speech.select_oral",
        ),
        t(
            "select_written",
            "作为书面发言",
            {P.SUBMITTED, P.SELECTED_ORAL, P.DECLINED},
            P.SELECTED_WRITTEN,
            "staff",
            audit="speech.select_written",
        ),
        t("decline", "不予采用", {P.SUBMITTED}, P.DECLINED, "staff", audit="speech.decline"),
        t("deliver", "已发言", {P.SELECTED_ORAL}, P.DELIVERED, "staff", audit="speech.deliver"),
    ],
)

V = Vote.State
VOTE = Workflow(
    name="vote",
    model=Vote,
    noun="表决事项",
    actors=ACTORS,
    forbidden=errors.FORBIDDEN,
    wrong_state=VOTE_STATE,
    link=_meeting_link,
    summary=lambda vote: vote.title,
    transitions=[
        t("open", "开始表决", {V.DRAFT}, V.OPEN, "staff", audit="vote.open"),
        # Named after the state it leads to, as the rows written before say.
        t("close", "结束表决", {V.OPEN}, V.CLOSED, "staff", audit="vote.closed"),
    ],
)

M = Meeting.State
MEETING = Workflow(
    name="meeting",
    model=Meeting,
    noun="会议",
    actors=ACTORS,
    forbidden=errors.FORBIDDEN,
    wrong_state=ALREADY_CLOSED,
    link=_meeting_link,
    summary=lambda meeting: meeting.title,
    transitions=[
        t("close", "结束会议并统计出勤", {M.OPEN}, M.CLOSED, "staff", audit="meeting.close"),
    ],
)
