"""Forms of the outcome pages; the action forms come from the action schemas."""

from django import forms

from zhengxie.core import inputs
from zhengxie.core.actionforms import ActionField, schema_fields, schema_payload
from zhengxie.meetings.models import Meeting, Vote
from zhengxie.members.models import HandlingUnit, Member
from zhengxie.members.queries import current_members

from ..actions.outcomes import ACTIONS, SUGGESTION_ACTIONS, TASK_ACTIONS
from ..models import Evaluation, Form, Indicator, Outcome, OutcomeRating, OutcomeSending, Topic

DATE = forms.DateInput(attrs={"type": "date"})


class OutcomeForm(inputs.Form):
    kind = forms.ChoiceField(label="成果类型", choices=Outcome.Kind.choices)
    title = inputs.text_field(Outcome, "title", label="标题")
    text = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 10}))
    written_on = forms.DateField(label="成文日期", widget=DATE)
    topic = forms.ModelChoiceField(
        label="协商议题", queryset=Topic.objects.none(), required=False, empty_label="不关联议题"
    )
    suggestions = forms.CharField(
        label="建议(每行一条,按顺序编号)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    authors = forms.ModelMultipleChoiceField(
        label="执笔委员", queryset=Member.objects.none(), required=False
    )
    participants = forms.ModelMultipleChoiceField(
        label="参加委员", queryset=Member.objects.none(), required=False
    )

    def __init__(self, committee, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(committee=committee)
        for name in ("authors", "participants"):
            self.fields[name].queryset = current_members(committee)

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["suggestions"] = data["suggestions"].splitlines()
        data["authors"], data["participants"] = list(data["authors"]), list(data["participants"])
        return data


LABELS = {
    "vote_id": ("常委会议表决事项", "select"),
    "to": ("报送对象类别", "select"),
    "recipient": ("报送对象(报上级政协可不填;报有关部门不填则为该部门)", "text"),
    "unit_id": ("责任单位", "select"),
    "leader": ("批示领导(职务、姓名)", "text"),
    "text": ("内容", "textarea"),
    "due_on": ("落实期限", "date"),
    "main_leader": ("主要领导批示", "checkbox"),
    "given_on": ("批示日期(不填为今天)", "date"),
    "result": ("最终结果和决策形式", "textarea"),
    "level": ("满意度", "select"),
    "note": ("意见", "text"),
    "sent_to": ("报送对象", "text"),
    "evidence": ("依据(批示、文件、措施)", "text"),
    "decided_on": ("认定日期(不填为今天)", "date"),
    "reason": ("未采纳理由", "textarea"),
    "on": ("日期", "date"),
    "form": ("协商形式", "select"),
    "title": ("协商活动名称", "text"),
}


def _choices(name: str, outcome: Outcome) -> list[tuple]:
    committee = outcome.committee_id
    options = {
        "vote_id": lambda: [
            (v.pk, f"{v.meeting.title}:{v.title}")
            for v in Vote.objects.filter(
                meeting__committee_id=committee,
                meeting__kind=Meeting.Kind.STANDING,
                kind=Vote.Kind.MOTION,
            ).select_related("meeting")[:100]
        ],
        "to": lambda: OutcomeSending.To.choices,
        "unit_id": lambda: [
            (u.pk, u.name)
            for u in HandlingUnit.objects.filter(committee_id=committee, is_active=True)
        ],
        "level": lambda: OutcomeRating.Level.choices,
        "form": lambda: Form.choices,
    }
    return options.get(name, list)()


def _rated_units(outcome: Outcome) -> list[tuple]:
    """A member rates the units the outcome's instructions tasked."""
    units = HandlingUnit.objects.filter(pk__in=outcome.tasks.values("unit_id"))
    return [(u.pk, u.name) for u in units]


def action_fields(action: str, outcome: Outcome) -> list[ActionField]:
    def choices(key):
        return (
            _rated_units(outcome)
            if (action, key) == ("rate", "unit_id")
            else _choices(key, outcome)
        )

    return schema_fields(ACTIONS[action][0], LABELS, choices)


def payload_from_post(action: str, post) -> dict:
    return schema_payload(ACTIONS[action][0], LABELS, post)


def task_fields(action: str) -> list[ActionField]:
    return schema_fields(TASK_ACTIONS[action][0], LABELS, lambda key: [])


def task_payload(action: str, post) -> dict:
    return schema_payload(TASK_ACTIONS[action][0], LABELS, post)


def suggestion_fields(action: str, suggestion) -> list[ActionField]:
    return schema_fields(SUGGESTION_ACTIONS[action][0], LABELS, lambda key: [])


def suggestion_payload(action: str, post) -> dict:
    return schema_payload(SUGGESTION_ACTIONS[action][0], LABELS, post)


class IndicatorForm(inputs.Form):
    name = inputs.text_field(Indicator, "name", label="指标名称")
    description = inputs.text_field(Indicator, "description", label="评价要点", required=False)
    position = forms.IntegerField(label="排序", min_value=0, max_value=999, initial=0)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)


class EvaluationForm(inputs.Form):
    """A score for each active indicator, a grade and a conclusion."""

    topic = forms.ModelChoiceField(label="协商议题", queryset=Topic.objects.none())
    grade = forms.ChoiceField(label="评估等次", choices=Evaluation.Grade.choices)
    conclusion = forms.CharField(label="评估结论", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, topics, indicators, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics
        self.indicators = list(indicators)
        for indicator in self.indicators:
            self.fields[f"score_{indicator.pk}"] = forms.IntegerField(
                label=f"{indicator.name}(0—100分)", min_value=0, max_value=100
            )

    def scores(self) -> dict[int, int]:
        return {i.pk: self.cleaned_data[f"score_{i.pk}"] for i in self.indicators}
