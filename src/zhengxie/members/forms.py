from django import forms
from django.db import models

from zhengxie.core import inputs
from zhengxie.core.forms import AccountForm
from zhengxie.core.models import Committee
from zhengxie.lib.idnumbers import is_valid_id_number

from .models import HandlingUnit, LiaisonStation, Member, Membership, Sector, SpecialCommittee
from .services import MEMBER_FIELDS


class FullRosterForm(inputs.Form):
    reason = forms.CharField(label="用途", min_length=4, max_length=200)
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)


class DirectoryFilterForm(inputs.Form):
    q = forms.CharField(label="姓名或单位", required=False)
    sector = forms.ModelChoiceField(
        label="界别", queryset=Sector.objects.none(), required=False, empty_label="全部界别"
    )
    special_committee = forms.ModelChoiceField(
        label="专委会",
        queryset=SpecialCommittee.objects.none(),
        required=False,
        empty_label="全部专委会",
    )
    station = forms.ModelChoiceField(
        label="联络工作站",
        queryset=LiaisonStation.objects.none(),
        required=False,
        empty_label="全部工作站",
    )
    standing = forms.TypedChoiceField(
        label="常委",
        required=False,
        choices=[("", "全部"), ("1", "常委"), ("0", "非常委")],
        coerce=lambda v: v == "1",
        empty_value=None,
    )

    def __init__(self, committee: Committee, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.filter(committee=committee)
        self.fields["special_committee"].queryset = SpecialCommittee.objects.filter(
            committee=committee
        )
        self.fields["station"].queryset = LiaisonStation.objects.filter(committee=committee)


class RosterForm(inputs.Form):
    file = forms.FileField(label="名册文件(.xlsx)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 Excel 的 .xlsx 文件。")
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("文件不能超过5MB。")
        return upload


class MemberForm(inputs.Form):
    """One member and their membership of the current term, as staff edit them."""

    name = forms.RegexField(
        label="姓名",
        regex=r"^[\u4e00-\u9fff·]{2,20}$",
        error_messages={"invalid": "姓名应为2至20个汉字"},
    )
    gender = forms.ChoiceField(label="性别", choices=Member.Gender.choices)
    ethnicity = inputs.text_field(Member, "ethnicity", label="民族", initial="汉族")
    birth_month = forms.DateField(
        label="出生年月",
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}),
        input_formats=["%Y-%m", "%Y.%m", "%Y-%m-%d"],
    )
    party = inputs.text_field(Member, "party", label="党派")
    education = inputs.text_field(Member, "education", label="学历", required=False)
    employer_title = inputs.text_field(Member, "employer_title", label="工作单位及职务")
    phone = forms.RegexField(
        label="联系电话",
        regex=r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$",
        required=False,
        error_messages={"invalid": "应为11位手机号或带区号的固定电话"},
    )
    id_number = inputs.text_field(Member, "id_number", label="身份证号", required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    address = inputs.text_field(Member, "address", label="通讯地址", required=False)
    sector = forms.ModelChoiceField(label="界别", queryset=Sector.objects.none())
    standing = forms.BooleanField(label="常委", required=False)
    post = forms.ChoiceField(label="职务", choices=Membership.Post.choices, required=False)
    special_committees = forms.ModelMultipleChoiceField(
        label="专委会",
        queryset=SpecialCommittee.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    heads = forms.ModelChoiceField(
        label="任专委会主任", queryset=SpecialCommittee.objects.none(), required=False
    )
    station = forms.ModelChoiceField(
        label="联络工作站", queryset=LiaisonStation.objects.none(), required=False
    )

    def __init__(self, committee: Committee, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.filter(committee=committee)
        self.fields["special_committees"].queryset = self.fields["heads"].queryset = (
            SpecialCommittee.objects.filter(committee=committee)
        )
        self.fields["station"].queryset = LiaisonStation.objects.filter(committee=committee)

    def clean(self):
        data = super().clean()
        heads = data.get("heads")
        if heads and heads not in (data.get("special_committees") or []):
            self.add_error("heads", "担任主任的专委会须在所属专委会中勾选。")
        return data

    def clean_id_number(self):
        value = self.cleaned_data["id_number"].strip().upper()
        if value and not is_valid_id_number(value):
            raise forms.ValidationError("不是有效的18位身份证号。")
        return value

    def clean_birth_month(self):
        value = self.cleaned_data["birth_month"]
        return value.replace(day=1) if value else None

    def person(self) -> dict:
        return {name: self.cleaned_data[name] for name in MEMBER_FIELDS}


class ExitForm(inputs.Form):
    left_on = forms.DateField(label="退出日期", widget=forms.DateInput(attrs={"type": "date"}))
    left_reason = inputs.text_field(Membership, "left_reason", label="退出原因")


class UnitForm(inputs.Form):
    name = inputs.text_field(HandlingUnit, "name", label="单位名称")
    kind = forms.ChoiceField(label="类别", choices=HandlingUnit.Kind.choices)
    contact_name = inputs.text_field(HandlingUnit, "contact_name", label="联系人", required=False)
    contact_phone = inputs.text_field(
        HandlingUnit, "contact_phone", label="联系电话", required=False
    )


class LiaisonForm(inputs.Form):
    contact = forms.ModelChoiceField(
        label="联系人(主席、副主席或常委)", queryset=Membership.objects.none()
    )
    member = forms.ModelChoiceField(label="被联系的委员", queryset=Membership.objects.none())

    def __init__(self, memberships, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = memberships.select_related("member")
        self.fields["contact"].queryset = people.filter(
            models.Q(standing=True) | models.Q(post__in=["chair", "vice_chair"])
        )
        self.fields["member"].queryset = people
        self.fields["contact"].label_from_instance = self.fields["member"].label_from_instance = (
            lambda m: f"{m.member.name}({m.title})"
        )


class UnitAccountForm(AccountForm):
    unit = forms.ModelChoiceField(label="承办单位", queryset=HandlingUnit.objects.none())
    is_approver = forms.BooleanField(label="同时为审核人", required=False)

    def __init__(self, committee: Committee, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = HandlingUnit.objects.filter(
            committee=committee, is_active=True
        )
