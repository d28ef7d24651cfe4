"""Forms of the scoring rules' editor; the services check the rules of a line themselves."""

from decimal import Decimal

from django import forms

from zhengxie.core import inputs
from zhengxie.core.actionforms import ActionField, schema_fields, schema_payload
from zhengxie.lib.dates import cn_date

from . import queries
from .actions import FLAG_ACTIONS, REPORT_ACTIONS, kind_choices
from .kinds import DUTY_KINDS, QUALIFIERS, manual_kinds
from .models import Audience, DutyReport
from .queries import LINE_MODELS

LINE_TYPES = [("points", "分值/扣分/封顶"), ("multiplier", "倍数"), ("minimum", "最低要求")]


def _kinds() -> list[tuple[str, str]]:
    return sorted(((k.code, k.label) for k in DUTY_KINDS.values()), key=lambda c: c[0])


def _qualifiers() -> list[tuple[str, str]]:
    found = {code: label for choices in QUALIFIERS.values() for code, label in choices.items()}
    return [("", "不细分")] + sorted(found.items())


class RuleForm(inputs.Form):
    year = forms.IntegerField(
        label="年度", required=False, min_value=2000, max_value=2100, help_text="不填为整届"
    )


class LineForm(inputs.Form):
    type = forms.ChoiceField(label="条目类型", choices=LINE_TYPES)
    kind = forms.ChoiceField(label="履职类别", choices=_kinds)
    applies_to = forms.ChoiceField(label="适用对象", choices=Audience.choices)
    qualifier = forms.ChoiceField(label="会议类别", choices=_qualifiers, required=False)
    points = forms.DecimalField(
        label="每项分值(负数为扣分)",
        required=False,
        max_digits=6,
        decimal_places=2,
        min_value=-9999,
        max_value=9999,
    )
    cap = forms.DecimalField(
        label="封顶分值", required=False, max_digits=7, decimal_places=2, min_value=0
    )
    with_kind = forms.ChoiceField(
        label="同一来源同时具有", choices=lambda: [("", "不限")] + _kinds(), required=False
    )
    factor = forms.DecimalField(
        label="倍数", required=False, max_digits=4, decimal_places=2, min_value=Decimal("0.01")
    )
    count = forms.IntegerField(label="最低次数", required=False, min_value=1, max_value=999)

    def line(self):
        """The unsaved line of the chosen type, with only the fields that type has."""
        data = self.cleaned_data
        model = LINE_MODELS[data["type"]]
        names = {f.name for f in model._meta.fields} - {"id", "rule"}
        return model(**{name: data[name] for name in names if data.get(name) is not None})


class RecordForForm(inputs.Form):
    """Staff record a duty on a member's behalf (`services.duty_record_for`)."""

    kind = forms.ChoiceField(
        label="履职类别", choices=lambda: [(k.code, k.label) for k in manual_kinds()]
    )
    date = forms.DateField(label="日期")
    note = forms.CharField(label="说明", max_length=200)
    hours = forms.DecimalField(
        label="学时", required=False, max_digits=5, decimal_places=1, min_value=Decimal("0.5")
    )


class SelfReportForm(inputs.Form):
    """A member's report of an activity (`services.self_report_submit`)."""

    kind = forms.ChoiceField(label="活动类别")
    date = forms.DateField(label="活动日期")
    description = forms.CharField(label="活动内容", max_length=2000, widget=forms.Textarea)
    hours = forms.DecimalField(
        label="学时/时长(选填)",
        required=False,
        max_digits=5,
        decimal_places=1,
        min_value=Decimal("0.5"),
    )
    upload = forms.FileField(label="佐证材料(选填)", required=False)

    def __init__(self, committee_id: int, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices(committee_id)


class ActivityKindForm(inputs.Form):
    name = forms.CharField(label="新的活动类别", max_length=40)


class FlagSettingsForm(inputs.Form):
    talk_absences = forms.IntegerField(
        label="无故缺席全体会议达到(次)即谈话提醒", min_value=1, max_value=99
    )
    exit_after = forms.IntegerField(
        label="本届被谈话提醒的考核期间达到(个)即建议退出", min_value=2, max_value=99
    )
    commend_top = forms.IntegerField(
        label="表彰候选:前N名", required=False, min_value=1, max_value=999
    )
    commend_share = forms.IntegerField(
        label="表彰候选:前百分之N", required=False, min_value=1, max_value=100
    )


# The labels and widgets of the flag steps' fields where a schema's title is not enough.
FLAG_LABELS = {
    "talk": {"note": ("谈话情况", "textarea")},
    "keep": {"reason": ("不予退出的理由", "textarea")},
    "drop": {"reason": ("不予表彰的理由", "textarea")},
}


def flag_action_fields(action: str, flag) -> list[ActionField]:
    return schema_fields(FLAG_ACTIONS[action][0], FLAG_LABELS.get(action, {}), lambda key: [])


def flag_payload_from_post(action: str, post) -> dict:
    return schema_payload(FLAG_ACTIONS[action][0], FLAG_LABELS.get(action, {}), post)


REPORT_LABELS = {
    "title": ("标题", "text"),
    "text": ("正文", "textarea"),
    "reason": ("退回理由", "textarea"),
    "meeting_id": ("常委会议", "select"),
    "grade": ("评定等次", "select"),
    "note": ("评定意见", "textarea"),
}


def _report_choices(name: str, report) -> list[tuple]:
    if name == "meeting_id":
        meetings = queries.standing_meetings(report.committee_id)[:50]
        return [(m.pk, f"{m.title}({cn_date(m.starts_at)})") for m in meetings]
    if name == "grade":
        return DutyReport.Grade.choices
    return []


def report_action_fields(action: str, report) -> list[ActionField]:
    fields = schema_fields(
        REPORT_ACTIONS[action][0], REPORT_LABELS, lambda key: _report_choices(key, report)
    )
    for field in fields:
        if action == "edit":  # the draft is revised, not written again
            field.initial = getattr(report, field.name)
    return fields


def report_payload_from_post(action: str, post) -> dict:
    return schema_payload(REPORT_ACTIONS[action][0], REPORT_LABELS, post)


class ReportForm(inputs.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
