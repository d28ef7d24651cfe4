from decimal import Decimal

from django import forms

from zhengxie.core import inputs
from zhengxie.core.models import Session
from zhengxie.core.widgets import Picker
from zhengxie.members.models import LiaisonStation, Member, SectorGroup, SpecialCommittee
from zhengxie.members.queries import current_members

from .models import Meeting


class MeetingForm(inputs.Form):
    kind = forms.ChoiceField(label="会议类型", choices=Meeting.Kind.choices)
    title = inputs.text_field(Meeting, "title", label="会议名称")
    starts_at = forms.DateTimeField(
        label="开始时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label="结束时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = inputs.text_field(Meeting, "place", label="地点")
    invite_rule = forms.ChoiceField(label="参会范围", choices=Meeting.Invite.choices)
    special_committee = forms.ModelChoiceField(
        label="专委会", required=False, queryset=SpecialCommittee.objects.none()
    )
    sector_group = forms.ModelChoiceField(
        label="界别活动组", required=False, queryset=SectorGroup.objects.none()
    )
    station = forms.ModelChoiceField(
        label="联络工作站", required=False, queryset=LiaisonStation.objects.none()
    )
    invitees = forms.ModelMultipleChoiceField(
        label="另行邀请的委员",
        required=False,
        queryset=Member.objects.none(),
        widget=Picker("pick_members", placeholder="输入委员姓名查找"),
    )
    observers = forms.ModelMultipleChoiceField(
        label="列席人员(委员)",
        required=False,
        queryset=Member.objects.none(),
        widget=Picker("pick_members", placeholder="输入委员姓名查找"),
    )
    guests = forms.CharField(
        label="其他出席人员(每行:姓名 单位职务)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    session = forms.ModelChoiceField(
        label="所属全体会议(全会期间的会议)", required=False, queryset=Session.objects.none()
    )
    leaders_present = inputs.text_field(
        Meeting, "leaders_present", label="出席领导", required=False
    )
    agenda = forms.CharField(label="议程", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    study_hours = forms.DecimalField(
        label="学时(学习培训)",
        required=False,
        max_digits=4,
        decimal_places=1,
        min_value=Decimal("0.5"),
    )

    def __init__(self, committee, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["special_committee"].queryset = SpecialCommittee.objects.filter(
            committee=committee
        )
        self.fields["sector_group"].queryset = SectorGroup.objects.filter(committee=committee)
        self.fields["station"].queryset = LiaisonStation.objects.filter(committee=committee)
        self.fields["session"].queryset = Session.objects.filter(
            term__committee=committee, term__is_current=True
        ).select_related("term")
        members = current_members(committee)
        self.fields["invitees"].queryset = members
        self.fields["observers"].queryset = members

    def rule_group_id(self) -> int | None:
        field = {
            "special_committee": "special_committee",
            "sector_group": "sector_group",
            "station": "station",
        }.get(self.cleaned_data["invite_rule"])
        group = self.cleaned_data.get(field) if field else None
        return group.pk if group else None

    def guest_rows(self) -> list[dict]:
        rows = []
        for line in self.cleaned_data["guests"].splitlines():
            name, _, title = line.strip().partition(" ")
            if name:
                rows.append({"name": name[:40], "title": title.strip()[:120], "kind": "other"})
        return rows


class LeaveForm(inputs.Form):
    reason = forms.CharField(
        label="请假事由", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
