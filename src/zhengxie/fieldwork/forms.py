from django import forms

from zhengxie.consultations.models import Topic
from zhengxie.core import inputs
from zhengxie.core.actionforms import ActionField, schema_fields, schema_payload
from zhengxie.members.models import Member, SectorGroup, SpecialCommittee
from zhengxie.members.queries import current_members, current_memberships

from .actions import ACTIONS
from .models import Fieldwork, Participant
from .services import MAX_GROUP_LIMIT

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _holding(committee_id: int, post: str):
    """The members holding `post` in a membership in force now."""
    current = current_memberships(committee_id).filter(post=post)
    return Member.objects.filter(memberships__in=current)


class FieldworkForm(inputs.Form):
    kind = forms.ChoiceField(label="类型", choices=Fieldwork.Kind.choices)
    title = inputs.text_field(Fieldwork, "title", label="名称")
    mode = forms.ChoiceField(label="方式", choices=Fieldwork.Mode.choices)
    partners = inputs.text_field(
        Fieldwork, "partners", label="联合单位(联合视察调研时填写)", required=False
    )
    topic = forms.ModelChoiceField(label="协商议题", queryset=Topic.objects.none(), required=False)
    purpose = forms.CharField(
        label="目的和主要内容", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    chair = forms.ModelChoiceField(
        label="负总责的主席", queryset=Member.objects.none(), required=False
    )
    vice_chair = forms.ModelChoiceField(
        label="分管副主席", queryset=Member.objects.none(), required=False
    )
    lead_committee = forms.ModelChoiceField(
        label="牵头专委会", queryset=SpecialCommittee.objects.none(), required=False
    )
    member_group = forms.ModelChoiceField(
        label="委员活动小组", queryset=SectorGroup.objects.none(), required=False
    )
    starts_on = forms.DateField(label="开始日期", required=False, widget=DATE)
    ends_on = forms.DateField(label="结束日期", required=False, widget=DATE)

    def __init__(self, committee_id: int, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(committee_id=committee_id)
        self.fields["chair"].queryset = _holding(committee_id, "chair")
        self.fields["vice_chair"].queryset = _holding(committee_id, "vice_chair")
        self.fields["lead_committee"].queryset = SpecialCommittee.objects.filter(
            committee_id=committee_id
        )
        self.fields["member_group"].queryset = SectorGroup.objects.filter(committee_id=committee_id)


class RulesForm(inputs.Form):
    group_limit = forms.IntegerField(label="调研组人数上限", min_value=1, max_value=MAX_GROUP_LIMIT)


LABELS = {
    "reason": ("取消原因", "textarea"),
    "role": ("身份", "select"),
    "member_id": ("委员(委员、政协领导必选)", "select"),
    "name": ("姓名(非委员)", "text"),
    "unit": ("单位职务(非委员)", "text"),
    "is_leader": ("担任组长", "select"),
    "participant_id": ("调研组成员", "select"),
    "date": ("日期", "date"),
    "place": ("地点", "text"),
    "unit_visited": ("走访单位", "text"),
    "note": ("内容", "text"),
    "visit_id": ("走访", "select"),
    "present_ids": ("出勤人员", "multiple"),
    "text": ("内容", "textarea"),
    "title": ("标题", "text"),
    "suggestions": ("建议(每行一条)", "textarea"),
    "draft_id": ("报告稿", "select"),
    "written_on": ("成文日期(不填为今天)", "date"),
    "author_ids": ("执笔委员(不填为定稿撰写人)", "multiple"),
}


def _choices(name: str, fieldwork: Fieldwork) -> list[tuple]:
    group = lambda: fieldwork.group.select_related("member")  # noqa: E731
    options = {
        "role": lambda: Participant.Role.choices,
        "member_id": lambda: (
            [("", "(非委员)")] + [(m.pk, m.name) for m in current_members(fieldwork.committee_id)]
        ),
        "is_leader": lambda: [("false", "否"), ("true", "是")],
        "participant_id": lambda: [(p.pk, p.display_name) for p in group()],
        "present_ids": lambda: [(p.pk, p.display_name) for p in group()],
        "visit_id": lambda: [(v.pk, str(v)) for v in fieldwork.visits.all()],
        "draft_id": lambda: [
            (d.pk, f"{d.title}({d.author.name})") for d in fieldwork.drafts.select_related("author")
        ],
        "author_ids": lambda: [(p.member_id, p.display_name) for p in group() if p.member_id],
    }
    return options.get(name, list)()


def action_fields(action: str, fieldwork: Fieldwork) -> list[ActionField]:
    return schema_fields(ACTIONS[action][0], LABELS, lambda key: _choices(key, fieldwork))


def payload_from_post(action: str, post) -> dict:
    return schema_payload(ACTIONS[action][0], LABELS, post)
