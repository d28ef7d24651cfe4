from django import forms

from zhengxie.core.models import Committee

from .models import LiaisonStation, Sector, SpecialCommittee


class DirectoryFilterForm(forms.Form):
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


class RosterForm(forms.Form):
    file = forms.FileField(label="名册文件(.xlsx)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 Excel 的 .xlsx 文件。")
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("文件不能超过5MB。")
        return upload
