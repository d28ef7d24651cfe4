"""Forms of the topic, solicitation and plan pages; action forms come from the action
schemas (actions/topics.py)."""

from django import forms

from zhengxie.core import inputs, roles
from zhengxie.core.actionforms import ActionField, schema_fields, schema_payload
from zhengxie.core.widgets import Picker
from zhengxie.meetings.models import Meeting
from zhengxie.members.models import (
    HandlingUnit,
    LiaisonStation,
    Member,
    Sector,
    SectorGroup,
    SpecialCommittee,
)
from zhengxie.members.queries import current_members

from ..actions.topics import PLAN_ACTIONS, TOPIC_ACTIONS
from ..models import ConsultationPlan, ContentCategory, Form, PlanType, Solicitation, Topic
from ..services.topics import sources_for

DATE = forms.DateInput(attrs={"type": "date"})


def _of(model, committee, **extra):
    return model.objects.filter(committee=committee, **extra)


class TopicForm(inputs.Form):
    title = inputs.text_field(Topic, "title", label="议题")
    text = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    source = forms.ChoiceField(label="来源")
    source_name = inputs.text_field(
        Topic, "source_name", label="提出的党派、团体、单位或群众姓名", required=False
    )
    category = forms.ModelChoiceField(
        label="协商内容", queryset=ContentCategory.objects.none(), required=False
    )
    form = forms.ChoiceField(label="建议协商形式", choices=Form.choices)
    supervisory = forms.BooleanField(label="监督性议题", required=False)
    before_decision = forms.BooleanField(label="决策前协商", required=False)
    sector = forms.ModelChoiceField(label="界别", queryset=Sector.objects.none(), required=False)
    special_committee = forms.ModelChoiceField(
        label="专门委员会", queryset=SpecialCommittee.objects.none(), required=False
    )
    sector_group = forms.ModelChoiceField(
        label="委员小组(界别活动组)", queryset=SectorGroup.objects.none(), required=False
    )
    station = forms.ModelChoiceField(
        label="委员小组(联络工作站)", queryset=LiaisonStation.objects.none(), required=False
    )
    cosigners = forms.ModelMultipleChoiceField(
        label="邀请联名的委员",
        queryset=Member.objects.none(),
        required=False,
        widget=Picker("pick_members", query="?not_me=1", placeholder="输入委员姓名查找"),
    )
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        committee = user.committee
        allowed = sources_for(user)
        self.fields["source"].choices = [(k, v) for k, v in Topic.Source.choices if k in allowed]
        self.fields["category"].queryset = _of(ContentCategory, committee, is_active=True)
        for name, model in (
            ("sector", Sector),
            ("special_committee", SpecialCommittee),
            ("sector_group", SectorGroup),
            ("station", LiaisonStation),
        ):
            self.fields[name].queryset = _of(model, committee)
        self.fields["cosigners"].queryset = current_members(committee).exclude(user=user)
        if not user.has_role(roles.STAFF):
            del self.fields["source_name"]


class AnswerForm(inputs.Form):
    title = inputs.text_field(Topic, "title", label="议题")
    text = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    form = forms.ChoiceField(label="建议协商形式", choices=Form.choices)
    category = forms.ModelChoiceField(
        label="协商内容", queryset=ContentCategory.objects.none(), required=False
    )
    supervisory = forms.BooleanField(label="监督性议题", required=False)

    def __init__(self, committee, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _of(ContentCategory, committee, is_active=True)


class SolicitationForm(inputs.Form):
    title = inputs.text_field(Solicitation, "title", label="通知标题")
    text = forms.CharField(
        label="通知内容", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    year = forms.IntegerField(label="征集年度", min_value=2000, max_value=2100)
    due_on = forms.DateField(label="截止日期", widget=DATE)
    special_committees = forms.ModelMultipleChoiceField(
        label="专门委员会", queryset=SpecialCommittee.objects.none(), required=False
    )
    sectors = forms.ModelMultipleChoiceField(
        label="界别", queryset=Sector.objects.none(), required=False
    )
    units = forms.ModelMultipleChoiceField(
        label="单位", queryset=HandlingUnit.objects.none(), required=False
    )

    def __init__(self, committee, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["special_committees"].queryset = _of(SpecialCommittee, committee)
        self.fields["sectors"].queryset = _of(Sector, committee)
        self.fields["units"].queryset = _of(HandlingUnit, committee, is_active=True)


class PlanForm(inputs.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = inputs.text_field(
        ConsultationPlan,
        "title",
        label="计划名称(不填按“某某政协某年度协商工作计划”)",
        required=False,
    )


class CategoryForm(inputs.Form):
    name = inputs.text_field(ContentCategory, "name", label="协商内容")


LABELS = {
    "reason": ("理由", "textarea"),
    "category_id": ("协商内容", "select"),
    "form": ("协商形式", "select"),
    "supervisory": ("监督性议题", "select"),
    "before_decision": ("决策前协商", "select"),
    "important": ("重要议题", "select"),
    "planned_on": ("时间", "date"),
    "planned_day": ("时间具体到日(否则只定月份)", "select"),
    "lead_special_committee_id": ("牵头专门委员会", "select"),
    "lead_office": ("牵头机关部门", "text"),
    "department_ids": ("对口部门(不选则按专委会对口联系部门)", "multiple"),
    "with_standing": ("参加:全体常委", "select"),
    "with_sector_ids": ("参加:界别委员", "multiple"),
    "with_special_committee_ids": ("参加:专门委员会委员", "multiple"),
    "with_member_ids": ("参加:特邀委员", "multiple"),
    "with_experts": ("参加:专家", "text"),
    "with_department_heads": ("参加:有关部门负责人", "select"),
    "plan_type": ("计划类别", "select"),
    "lead": ("牵头单位(不填按议题)", "text"),
    "participants": ("参加人员(不填按议题)", "text"),
    "topic_id": ("议题", "select"),
    "passed_on": ("主席会议通过日期", "date"),
    "meeting_id": ("审议的主席会议", "select"),
    "decided_by": ("定题机关(如中共某某县委常委会)", "text"),
    "decided_on": ("定题日期", "date"),
    "document": ("定题文件(文号或名称)", "text"),
}


# Yes/no fields of an action keep their value unless changed: a checkbox cannot say 不变.
YES_NO = [("", "不变"), ("true", "是"), ("false", "否")]
FLAGS = ("supervisory", "before_decision", "important", "planned_day", "with_standing")
FLAGS += ("with_department_heads",)


def _choices(name: str, committee_id: int, extra: dict) -> list[tuple]:
    if name in FLAGS:
        return YES_NO
    options = {
        "category_id": lambda: (
            [("", "不变")]
            + [(c.pk, c.name) for c in _of(ContentCategory, committee_id, is_active=True)]
        ),
        "form": lambda: [("", "不变")] + Form.choices,
        "plan_type": lambda: [("", "不列为四类")] + PlanType.choices,
        "lead_special_committee_id": lambda: (
            [("", "不变")] + [(c.pk, c.name) for c in _of(SpecialCommittee, committee_id)]
        ),
        "department_ids": lambda: [(u.pk, u.name) for u in _of(HandlingUnit, committee_id)],
        "with_sector_ids": lambda: [(s.pk, s.name) for s in _of(Sector, committee_id)],
        "with_special_committee_ids": lambda: [
            (c.pk, c.name) for c in _of(SpecialCommittee, committee_id)
        ],
        "with_member_ids": lambda: [(m.pk, m.name) for m in current_members(committee_id)],
        "meeting_id": lambda: (
            [("", "不关联")]
            + [
                (m.pk, str(m))
                for m in Meeting.objects.filter(committee_id=committee_id, kind=Meeting.Kind.CHAIRS)
            ]
        ),
        "topic_id": lambda: extra.get("topics", []),
    }
    return options.get(name, list)()


def topic_action_fields(action: str, topic: Topic) -> list[ActionField]:
    fields = schema_fields(
        TOPIC_ACTIONS[action][0], LABELS, lambda key: _choices(key, topic.committee_id, {})
    )
    # Arranging keeps what is not changed: no box starts ticked.
    for f in fields:
        f.required = f.required and action != "arrange"
    return fields


def plan_action_fields(action: str, plan: ConsultationPlan, topics=()) -> list[ActionField]:
    extra = {"topics": [(t.pk, t.title) for t in topics]}
    return schema_fields(
        PLAN_ACTIONS[action][0], LABELS, lambda key: _choices(key, plan.committee_id, extra)
    )


def topic_payload(action: str, post) -> dict:
    """An empty multiple choice on the page leaves the list as it was (the departments then
    follow the lead special committee); the API clears a list given as []."""
    payload = schema_payload(TOPIC_ACTIONS[action][0], LABELS, post)
    return {k: v for k, v in payload.items() if v != []}


def plan_payload(action: str, post) -> dict:
    return schema_payload(PLAN_ACTIONS[action][0], LABELS, post)
