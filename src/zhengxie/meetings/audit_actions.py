"""The audit actions of meetings, declared once: a constant per action the services write
(grep for one to find where it is written) and its label in Chinese (see core.auditlabels)."""

from zhengxie.core.auditlabels import (
    declare_fields,
    declare_labels,
    declare_object,
    declare_transitions,
    declare_value,
)

from .models import CheckIn, LeaveRequest, Meeting, Speech, Vote
from .workflow import LEAVE, MEETING, SPEECH, VOTE

CREATE = "meeting.create"
CONFIRM = "meeting.confirm"
CHECK_IN = "meeting.check_in"
LEAVE_REQUEST = "meeting.leave_request"
LEAVE_RULE = "meeting.leave_rule"
MATERIAL = "meeting.material"
SPEECH_SUBMIT = "speech.submit"
VOTE_CREATE = "vote.create"
BALLOT = "vote.ballot"
BRIEFING_ISSUE = "briefing.issue"

declare_labels(
    {
        CREATE: "新建会议",
        CONFIRM: "确认出席",
        CHECK_IN: "签到",
        LEAVE_REQUEST: "请假",
        LEAVE_RULE: "设定请假审批人",
        MATERIAL: "上传会议材料",
        SPEECH_SUBMIT: "提交大会发言",
        VOTE_CREATE: "新建表决事项",
        BALLOT: "投票",
        BRIEFING_ISSUE: "编发会议简报",
    }
)
# The steps of the workflow tables, each under the audit action its row names.
for _workflow in (LEAVE, SPEECH, VOTE, MEETING):
    declare_transitions(_workflow)
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
