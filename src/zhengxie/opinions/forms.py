"""Forms of the opinion pages; action forms come from the action schemas."""

from django import forms

from zhengxie.core import inputs, roles
from zhengxie.core.actionforms import ActionField, schema_fields, schema_payload
from zhengxie.core.models import User
from zhengxie.core.widgets import Picker
from zhengxie.members.models import HandlingUnit, LiaisonStation, Member, SectorGroup
from zhengxie.members.queries import current_members

from .actions import ACTIONS
from .models import (
    Adoption,
    Bulletin,
    BulletinIssue,
    Forwarding,
    InformationOfficer,
    Opinion,
    OpinionCategory,
)
from .workflow import OPEN

DATE = forms.DateInput(attrs={"type": "date"})


class OpinionForm(inputs.Form):
    title = inputs.text_field(Opinion, "title", label="标题")
    text = forms.CharField(
        label="内容(反映人、基本情况、意见建议)", widget=forms.Textarea(attrs={"rows": 10})
    )
    channel = forms.ChoiceField(label="来源渠道", choices=Opinion.Channel.choices)
    category = forms.ModelChoiceField(
        label="类别", queryset=OpinionCategory.objects.none(), required=False, empty_label="请选择"
    )
    coauthors = forms.ModelMultipleChoiceField(
        label="联名委员",
        queryset=Member.objects.none(),
        required=False,
        widget=Picker("pick_members", query="?not_me=1", placeholder="输入委员姓名查找"),
    )
    urgent = forms.BooleanField(
        label="预警信息(涉及不稳定因素、安全隐患等,需立即报告领导)", required=False
    )
    source = forms.ChoiceField(
        label="报送方(机关代录)",
        required=False,
        choices=[("", "自动判断")]
        + [
            (k, v)
            for k, v in Opinion.Source.choices
            if k not in (Opinion.Source.PROPOSAL, Opinion.Source.LOWER)
        ],
    )
    station = forms.ModelChoiceField(
        label="委员联络工作站", queryset=LiaisonStation.objects.none(), required=False
    )
    sector_group = forms.ModelChoiceField(
        label="界别活动组", queryset=SectorGroup.objects.none(), required=False
    )
    citizen_name = inputs.text_field(
        Opinion, "citizen_name", label="反映人(群众来信来电)", required=False
    )
    file = forms.FileField(label="附件(PDF、Word、JPG、PNG,不超过10MB)", required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        committee = user.committee
        self.fields["category"].queryset = OpinionCategory.objects.filter(
            committee=committee, is_active=True
        )
        self.fields["coauthors"].queryset = current_members(committee).exclude(user=user)
        self.fields["station"].queryset = LiaisonStation.objects.filter(committee=committee)
        self.fields["sector_group"].queryset = SectorGroup.objects.filter(committee=committee)
        if not user.has_role(roles.STAFF):
            for name in ("source", "citizen_name"):
                del self.fields[name]


LABELS = {
    "reason": ("理由", "textarea"),
    "text": ("内容", "textarea"),
    "title": ("标题", "text"),
    "category_id": ("类别", "select"),
    "edited_title": ("编辑后标题", "text"),
    "edited_text": ("编辑后正文", "textarea"),
    "urgent": ("预警信息", "checkbox"),
    "into": ("并入信息", "select"),
    "to": ("报送对象类别", "select"),
    "recipient": ("报送对象(领导或单位名称;报上级政协可不填)", "text"),
    "level": ("采用层级", "select"),
    "adopted_on": ("采用日期", "date"),
    "note": ("采用情况(刊物、期数或登载处)", "text"),
    "leader": ("批示领导(职务、姓名)", "text"),
    "main_leader": ("主要领导批示", "checkbox"),
    "given_on": ("批示日期", "date"),
    "unit_id": ("负责落实的部门", "select"),
    "due_on": ("办理期限(不填按设置的工作日计算)", "date"),
}


def _choices(name: str, opinion: Opinion) -> list[tuple]:
    committee = opinion.committee_id
    options = {
        "category_id": lambda: (
            [("", "不变")]
            + [
                (c.pk, c.name)
                for c in OpinionCategory.objects.filter(committee_id=committee, is_active=True)
            ]
        ),
        "into": lambda: [
            (o.pk, o.current_title)
            for o in Opinion.objects.filter(committee_id=committee, state__in=OPEN).exclude(
                pk=opinion.pk
            )[:200]
        ],
        "to": lambda: Forwarding.To.choices,
        "level": lambda: Adoption.Level.choices,
        "unit_id": lambda: [
            (u.pk, u.name)
            for u in HandlingUnit.objects.filter(committee_id=committee, is_active=True)
        ],
    }
    return options.get(name, list)()


def _current(opinion: Opinion) -> dict[str, str]:
    """What the revising actions' boxes start with, so nobody retypes the whole item."""
    return {
        "edited_title": opinion.current_title,
        "edited_text": opinion.current_text,
        "title": opinion.title,
        "text": opinion.text,
    }


REVISING = {"accept", "edit", "resubmit"}


def action_fields(action: str, opinion: Opinion) -> list[ActionField]:
    fields = schema_fields(ACTIONS[action][0], LABELS, lambda key: _choices(key, opinion))
    if action in REVISING:
        current = _current(opinion)
        for f in fields:
            f.initial = current.get(f.name, "")
    if action == "accept":
        for f in fields:
            if f.name == "urgent":
                f.widget, f.choices = "select", [("", "不变"), ("true", "是"), ("false", "否")]
    return fields


def payload_from_post(action: str, post) -> dict:
    return schema_payload(ACTIONS[action][0], LABELS, post)


class IssueForm(inputs.Form):
    bulletin = forms.ModelChoiceField(label="刊物", queryset=Bulletin.objects.none())
    title = inputs.text_field(BulletinIssue, "title", label="本期标题")
    recipients = forms.CharField(
        label="报送范围(不填用刊物默认)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, committee, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bulletin"].queryset = Bulletin.objects.filter(
            committee=committee, is_active=True
        )


class FeedbackForm(inputs.Form):
    text = forms.CharField(label="办理情况", widget=forms.Textarea(attrs={"rows": 4}))


class CoordinationForm(inputs.Form):
    on = forms.DateField(label="协调会日期", widget=DATE)
    note = forms.CharField(label="协调会情况", widget=forms.Textarea(attrs={"rows": 3}))


class QuotaForm(inputs.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    holder = forms.ChoiceField(label="对象")
    target = forms.IntegerField(label="目标条数(0为取消)", min_value=0, max_value=999)

    def __init__(self, committee, *args, **kwargs):
        super().__init__(*args, **kwargs)
        members = [(f"member:{m.pk}", f"委员 {m.name}") for m in current_members(committee)]
        stations = [
            (f"station:{s.pk}", s.name) for s in LiaisonStation.objects.filter(committee=committee)
        ]
        groups = [
            (f"sector_group:{g.pk}", g.name)
            for g in SectorGroup.objects.filter(committee=committee)
        ]
        self.fields["holder"].choices = [
            ("委员联络工作站", stations),
            ("界别活动组", groups),
            ("委员", members),
        ]


class CategoryForm(inputs.Form):
    name = inputs.text_field(OpinionCategory, "name", label="类别名称")
    is_active = forms.BooleanField(label="启用", required=False, initial=True)


class BulletinForm(inputs.Form):
    name = inputs.text_field(Bulletin, "name", label="刊物名称")
    default_recipients = forms.CharField(label="默认报送范围", max_length=300, required=False)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)


class PolicyForm(inputs.Form):
    warning_recipients = forms.ModelMultipleChoiceField(
        label="预警信息接收领导(不选则通知全部主席会议成员)",
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    instruction_working_days = forms.IntegerField(
        label="批示办理期限(工作日)", min_value=1, max_value=120
    )

    def __init__(self, committee, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["warning_recipients"].queryset = User.objects.filter(
            committee=committee, groups__name=roles.LEADER, is_active=True
        )


class OfficerForm(inputs.Form):
    user = forms.ModelChoiceField(label="人员账号", queryset=User.objects.none())
    appointed_on = forms.DateField(label="聘任日期", widget=DATE)
    note = inputs.text_field(InformationOfficer, "note", label="备注", required=False)

    def __init__(self, committee, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(
            committee=committee, is_active=True
        ).exclude(groups__name__in=sorted(roles.ADMIN_ROLES))
