"""The audit actions of meetings, in Chinese (see core.auditlabels)."""

from zhengxie.core.auditlabels import declare_actions, declare_fields, declare_object, declare_value

from .models import CheckIn, LeaveRequest, Meeting, Speech, Vote
from .workflow import LEAVE_TRANSITIONS, SPEECH_TRANSITIONS

# Written outside the workflow table (grep finds the write by its name).
MATERIAL = "meeting.material"

declare_actions(
    "meeting",
    {
        "create": "新建会议",
        "confirm": "确认出席",
        "check_in": "签到",
        "close": "结束会议并统计出勤",
        "leave_request": "请假",
        "leave_rule": "设定请假审批人",
        "material": "上传会议材料",
        **{f"leave_{action}": step[2] for action, step in LEAVE_TRANSITIONS.items()},
    },
)
declare_actions(
    "speech", {"submit": "提交大会发言", **{a: s[2] for a, s in SPEECH_TRANSITIONS.items()}}
)
declare_actions(
    "vote",
    {"create": "新建表决事项", "ballot": "投票", "open": "开始表决", "closed": "结束表决"},
)
declare_actions("briefing", {"issue": "编发会议简报"})
declare_object("meetings.meeting", "会议", "meeting_detail")
declare_fields(
    {
        "member": "委员",
        "method": "签到方式",
        "speech": "发言",
        "vote": "表决事项",
        "ballots_cast": "已投票数",
        "invited": "应邀人数",
        "observers": "列席人数",
        "invite_rule": "邀请范围",
        "present": "出席",
        "absent": "缺席",
        "on_leave": "请假",
        "expected": "应到",
        "items": "篇数",
        "options": "选项",
        "secret": "无记名投票",
        "quorum": "到会要求",
        "rule": "通过规则",
    }
)
# A meeting's events record the state of its leave requests, speeches and votes.
_STATES = {**dict(Vote.State.choices), **dict(LeaveRequest.State.choices)}
_STATES.update(dict(Speech.State.choices))
declare_value("meetings.meeting", "state", lambda code: _STATES.get(code, str(code)))
declare_value(
    "meetings.meeting", "method", lambda code: dict(CheckIn.Method.choices).get(code, str(code))
)
declare_value(
    "meetings.meeting", "kind", lambda code: dict(Meeting.Kind.choices).get(code, str(code))
)
