"""Forms of the proposal pages. Action forms are drawn from the action schemas, so a page
offers exactly the fields the API takes."""

from django import forms

from zhengxie.core import inputs
from zhengxie.core.actionforms import ActionField, schema_fields, schema_payload
from zhengxie.core.errors import ServiceError
from zhengxie.core.files import check_upload
from zhengxie.core.models import Session
from zhengxie.core.widgets import Picker, picker_html
from zhengxie.lib.dates import month_day
from zhengxie.members.models import (
    HandlingUnit,
    Member,
    Membership,
    Sector,
    SpecialCommittee,
)
from zhengxie.members.queries import current_members, current_memberships

from .actions import ACTIONS
from .models import Category, Contact, Proposal, ProposalPolicy, QualityRating, Supervision
from .workflow import IN_REVIEW


class ProposalForm(inputs.Form):
    kind = forms.ChoiceField(
        label="提案类型",
        choices=Proposal.Kind.choices,
        widget=forms.RadioSelect,
        initial=Proposal.Kind.INDIVIDUAL,
    )
    title = inputs.text_field(Proposal, "title", label="案由")
    situation = forms.CharField(label="情况与问题", widget=forms.Textarea(attrs={"rows": 6}))
    analysis = forms.CharField(
        label="分析", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    suggestions = forms.CharField(
        label="建议", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    category = forms.ModelChoiceField(
        label="类别", queryset=Category.objects.none(), required=False, empty_label="请选择"
    )
    suggested_units = forms.ModelMultipleChoiceField(
        label="建议承办单位",
        queryset=HandlingUnit.objects.none(),
        required=False,
        widget=Picker("pick_units", placeholder="输入单位名称查找"),
    )
    cosigners = forms.ModelMultipleChoiceField(
        label="联名委员(联名提案)",
        queryset=Member.objects.none(),
        required=False,
        widget=Picker("pick_members", query="?not_me=1", placeholder="输入委员姓名查找"),
    )
    collective_name = inputs.text_field(
        Proposal, "collective_name", label="提案单位(集体提案)", required=False
    )
    collective_sector = forms.ModelChoiceField(
        label="提案界别(集体提案)",
        queryset=Sector.objects.none(),
        required=False,
        empty_label="不是界别提案",
    )
    collective_special_committee = forms.ModelChoiceField(
        label="提案专委会(集体提案)",
        queryset=SpecialCommittee.objects.none(),
        required=False,
        empty_label="不是专委会提案",
    )
    material = forms.FileField(
        label="附件材料(可不传;PDF、Word、JPG、PNG,不超过10MB)", required=False
    )

    def clean_material(self):
        """Checked here, so a refused file leaves no proposal behind."""
        upload = self.cleaned_data["material"]
        if upload:
            try:
                check_upload(upload)
            except ServiceError as exc:
                raise forms.ValidationError(exc.detail) from exc
        return upload

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        committee = user.committee
        self.fields["category"].queryset = Category.objects.filter(committee=committee)
        self.fields["suggested_units"].queryset = HandlingUnit.objects.filter(
            committee=committee, is_active=True
        )
        self.fields["collective_sector"].queryset = Sector.objects.filter(committee=committee)
        self.fields["collective_special_committee"].queryset = SpecialCommittee.objects.filter(
            committee=committee
        )
        self.fields["cosigners"].queryset = current_members(committee).exclude(user=user)


class DraftForm(ProposalForm):
    """The new-proposal form for revising a draft: its kind and proposer stay as created,
    files are added on the proposal's page."""

    def __init__(self, user, proposal: Proposal, *args, **kwargs):
        initial = {
            "title": proposal.title,
            "situation": proposal.situation,
            "analysis": proposal.analysis,
            "suggestions": proposal.suggestions,
            "category": proposal.category_id,
            "suggested_units": list(proposal.suggested_units.all()),
            "cosigners": [c.member for c in proposal.cosigners.select_related("member")],
        }
        super().__init__(user, *args, initial=initial, **kwargs)
        for name in ("kind", "collective_name", "collective_sector"):
            del self.fields[name]
        del self.fields["collective_special_committee"], self.fields["material"]


LABELS = {
    "reason": ("理由", "textarea"),
    "note": ("情况", "textarea"),
    "text": ("内容", "textarea"),
    "comment": ("意见", "textarea"),
    "response": ("反馈内容", "textarea"),
    "deadline": ("办理期限(可不填,默认按规定计算)", "date"),
    "date": ("日期", "date"),
    "on": ("日期", "date"),
    "doc_number": ("文号", "text"),
    "lead_by": ("领办领导", "text"),
    "title": ("称号", "text"),
    "published": ("公开", "checkbox"),
    "convert_to": ("处理方式", "select"),
    "into": ("并入提案", "select"),
    "category_id": ("类别", "select"),
    "lead_unit_id": ("主办单位", "select"),
    "co_unit_ids": ("会办单位", "multiple"),
    "from_unit_id": ("原承办单位", "select"),
    "to_unit_id": ("改交单位", "select"),
    "mode": ("沟通方式", "select"),
    "contact_id": ("当面沟通记录", "select"),
    "category": ("答复类别", "select"),
    "rating": ("评价", "select"),
    "grade": ("提案质量", "select"),
    "leader_id": ("督办领导(主席、副主席)", "select"),
    "kind": ("督办方式", "select"),
}


def _choices(name: str, proposal: Proposal) -> list[tuple[str, str]]:
    committee = proposal.committee_id
    units = [
        (str(u.pk), u.name)
        for u in HandlingUnit.objects.filter(committee_id=committee, is_active=True)
    ]
    assigned = [
        (str(a.unit_id), a.unit.name)
        for a in proposal.assignments.filter(active=True, round=proposal.round).select_related(
            "unit"
        )
    ]
    options = {
        "convert_to": lambda: [
            ("", "不予立案"),
            *[(k, v) for k, v in Proposal.DeclineKind.choices if k != "declined"],
        ],
        "into": lambda: [
            (str(p.pk), f"{p.serial or '未编号'} {p.title}")
            for p in Proposal.objects.filter(
                session=proposal.session_id, state__in=IN_REVIEW
            ).exclude(pk=proposal.pk)
        ],
        "category_id": lambda: (
            [("", "不变")]
            + [(str(c.pk), c.name) for c in Category.objects.filter(committee_id=committee)]
        ),
        "lead_unit_id": lambda: units,
        "co_unit_ids": lambda: units,
        "to_unit_id": lambda: units,
        "from_unit_id": lambda: assigned,
        "mode": lambda: Contact.Mode.choices,
        "contact_id": lambda: [
            (str(c.pk), f"{c.unit} {month_day(c.at)} {c.note[:20]}")
            for c in proposal.contacts.filter(mode="in_person", confirmed_at=None)
        ],
        "category": lambda: Proposal.ReplyCategory.choices,
        "rating": lambda: Proposal.Rating.choices,
        "grade": lambda: QualityRating.Grade.choices,
        "kind": lambda: Supervision.Kind.choices,
        "leader_id": lambda: [
            (str(m.member_id), f"{m.member.name}({m.title})")
            for m in current_memberships(committee)
            .filter(post__in=[Membership.Post.CHAIR, Membership.Post.VICE_CHAIR])
            .select_related("member")
        ],
    }
    return options.get(name, list)()


def action_fields(action: str, proposal: Proposal) -> list[ActionField]:
    schema, _ = ACTIONS[action]
    fields = schema_fields(schema, LABELS, lambda key: _choices(key, proposal))
    for f in fields:
        if action == "accept_reply" and f.name == "category":
            f.label = "调整答复类别(不调整可不选)"
            f.choices = [("", "不调整"), *f.choices]
        if f.name == "co_unit_ids":
            f.html = picker_html("pick_units", f.name, f.choices, f"f-{action}-{f.name}")
        if action == "supervise" and f.name == "leader_id":
            f.label = "亲自督办的主席、副主席(由谁录入都须选择)"
            f.choices = [("", "无(非主席、副主席亲自督办)"), *f.choices]
    return fields


def payload_from_post(action: str, post) -> dict:
    return schema_payload(ACTIONS[action][0], LABELS, post)


class AttachmentForm(inputs.Form):
    file = forms.FileField(label="附件(PDF、Word、JPG、PNG,不超过10MB)")


class CollectionCallForm(inputs.Form):
    session = forms.ModelChoiceField(label="会议", queryset=Session.objects.none())
    outline = forms.CharField(label="征集提纲", widget=forms.Textarea(attrs={"rows": 4}))
    opens_on = forms.DateField(label="征集开始", widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label="征集截止", widget=forms.DateInput(attrs={"type": "date"}))
    deadline_months = forms.IntegerField(
        label="办理期限(月,可不填)", required=False, min_value=1, max_value=12
    )
    fixed_deadline = forms.DateField(
        label="统一办结日期(可不填)", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, committee, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(
            term__committee=committee
        ).select_related("term")


class PolicyForm(inputs.Form):
    review_replies = forms.BooleanField(label="答复须经提案委审核后送达提案人", required=False)
    relief_working_days = forms.IntegerField(
        label="申请退回期限(工作日)", min_value=1, max_value=30
    )
    deadline_months = forms.IntegerField(label="平时提案办理期限(月)", min_value=1, max_value=12)
    reply_copied_to = inputs.text_field(ProposalPolicy, "reply_copied_to", label="答复抄送")
    collective_duty_for_members = forms.BooleanField(
        label="集体提案计入界别或专委会成员的履职", required=False
    )
    implementation_basis = forms.ChoiceField(
        label="落实率口径", choices=ProposalPolicy.ImplementationBasis.choices
    )
