"""Forms of the activities pages; action forms come from the action schemas."""

from django import forms

from zhengxie.core import inputs
from zhengxie.core.actionforms import ActionField, schema_fields, schema_payload
from zhengxie.meetings.models import Meeting
from zhengxie.members.models import HandlingUnit, LiaisonStation, SectorGroup, SpecialCommittee
from zhengxie.members.queries import current_members

from ..actions.activities import ACTIONS, WRITTEN_ACTIONS
from ..models import Consultation, Form, Level, Topic, WrittenRequest
from ..queries.activities import linkable_proposals

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"})

LABELS = {
    "date": ("协商日期", "date"),
    "time": ("开始时间(如 14:30)", "text"),
    "place": ("地点", "text"),
    "invite_rule": ("参会范围", "select"),
    "rule_group_id": ("参会范围所指的专委会、活动组或工作站", "select"),
    "invitee_ids": ("另行邀请的委员", "multiple"),
    "member_ids": ("参加委员(整份名单)", "multiple"),
    "hours": ("会议时长(小时)", "text"),
    "opens_at": ("开始时间(如 2026-05-06 09:00)", "text"),
    "closes_at": ("截止时间(如 2026-05-08 18:00)", "text"),
    "unit_id": ("单位", "select"),
    "title": ("名称", "text"),
    "due_on": ("报送期限", "date"),
    "proposal_ids": ("所涉提案", "multiple"),
    "interviewee": ("约谈对象(单位负责人或个人)", "text"),
    "name": ("姓名", "text"),
    "affiliation": ("所在村(社区)、身份", "text"),
    "attendees": ("到会人员(姓名、职务)", "text"),
    "text": ("意见建议", "textarea"),
    "reason": ("理由", "textarea"),
    "summary": ("协商情况(可不填)", "textarea"),
    "special_committee_id": ("承办专委会", "select"),
    "answered_on": ("答复日期", "date"),
}


def _units(committee_id: int) -> list[tuple]:
    return [(u.pk, u.name) for u in HandlingUnit.objects.filter(committee_id=committee_id)]


def _organisers(consultation: Consultation) -> list[tuple]:
    """The body a group rule invites is the consultation's organiser (the three kinds of body
    number their ids apart, so one list of all of them would be ambiguous)."""
    body = consultation.special_committee or consultation.sector_group or consultation.station
    return [("", "不适用"), *([(body.pk, body.name)] if body else [])]


def _members(committee_id: int) -> list[tuple]:
    return [(m.pk, m.name) for m in current_members(committee_id)]


def _proposals(committee_id: int) -> list[tuple]:
    rows = linkable_proposals(committee_id).order_by("-id")[:200]
    return [(p.pk, p.title) for p in rows]


def _choices(name: str, committee_id: int, consultation=None) -> list[tuple]:
    options = {
        "invite_rule": lambda: Meeting.Invite.choices,
        "rule_group_id": lambda: _organisers(consultation),
        "invitee_ids": lambda: _members(committee_id),
        "member_ids": lambda: _members(committee_id),
        "unit_id": lambda: _units(committee_id),
        "proposal_ids": lambda: _proposals(committee_id),
        "special_committee_id": lambda: [
            (s.pk, s.name) for s in SpecialCommittee.objects.filter(committee_id=committee_id)
        ],
    }
    return options.get(name, list)()


def action_fields(action: str, consultation: Consultation) -> list[ActionField]:
    schema = ACTIONS[action][0]
    committee_id = consultation.committee_id
    return schema_fields(schema, LABELS, lambda key: _choices(key, committee_id, consultation))


def payload_from_post(action: str, post) -> dict:
    return schema_payload(ACTIONS[action][0], LABELS, post)


def written_action_fields(action: str, request: WrittenRequest) -> list[ActionField]:
    schema = WRITTEN_ACTIONS[action][0]
    return schema_fields(schema, LABELS, lambda key: _choices(key, request.committee_id))


def written_payload_from_post(action: str, post) -> dict:
    return schema_payload(WRITTEN_ACTIONS[action][0], LABELS, post)


class ConsultationForm(inputs.Form):
    topic = forms.ModelChoiceField(label="协商议题", queryset=Topic.objects.none())
    form = forms.ChoiceField(label="协商形式", choices=Form.choices)
    level = forms.ChoiceField(
        label="组织层级", choices=Level.choices, initial=Level.SPECIAL_COMMITTEE
    )
    title = inputs.text_field(Consultation, "title", label="活动名称")
    date = forms.DateField(label="协商日期", widget=DATE)
    time = forms.TimeField(label="开始时间", required=False, widget=TIME)
    place = inputs.text_field(Consultation, "place", label="地点", required=False)
    special_committee = forms.ModelChoiceField(
        label="承办专委会", queryset=SpecialCommittee.objects.none(), required=False
    )
    sector_group = forms.ModelChoiceField(
        label="界别(委员)活动组", queryset=SectorGroup.objects.none(), required=False
    )
    station = forms.ModelChoiceField(
        label="委员联络工作站(基层协商)", queryset=LiaisonStation.objects.none(), required=False
    )
    co_hosts = inputs.text_field(
        Consultation,
        "co_hosts",
        label="联合开展单位(人大代表联络站、党代表工作室等)",
        required=False,
    )

    def __init__(self, committee, *args, **kwargs):
        super().__init__(*args, **kwargs)
        own = {"committee": committee}
        self.fields["topic"].queryset = Topic.objects.filter(**own).exclude(
            state=Topic.State.DECLINED
        )
        self.fields["special_committee"].queryset = SpecialCommittee.objects.filter(**own)
        self.fields["sector_group"].queryset = SectorGroup.objects.filter(**own)
        self.fields["station"].queryset = LiaisonStation.objects.filter(**own)


class WrittenRequestForm(inputs.Form):
    requester_kind = forms.ChoiceField(label="来函方", choices=WrittenRequest.Requester.choices)
    requester = inputs.text_field(WrittenRequest, "requester", label="来函单位")
    document = inputs.text_field(WrittenRequest, "document", label="征求意见稿")
    received_on = forms.DateField(label="收文日期", widget=DATE)
    due_on = forms.DateField(label="答复期限", widget=DATE)
