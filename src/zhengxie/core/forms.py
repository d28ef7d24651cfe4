from django import forms

from . import inputs, roles
from .models import CalendarDay, User


class LoginForm(inputs.Form):
    username = inputs.text_field(User, "username", label="用户名")
    password = forms.CharField(label="密码", widget=forms.PasswordInput)


class AccountForm(inputs.Form):
    username = forms.RegexField(
        label="用户名",
        regex=r"^[A-Za-z0-9_.-]{3,40}$",
        error_messages={"invalid": "用户名为3至40位字母、数字或 _ . -"},
    )
    display_name = inputs.text_field(User, "display_name", label="姓名")
    email = forms.EmailField(label="电子邮箱", required=False)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput)


class RolesForm(inputs.Form):
    roles = forms.MultipleChoiceField(
        label="角色",
        choices=sorted(roles.LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class PasswordChangeForm(inputs.Form):
    current = forms.CharField(label="当前密码", widget=forms.PasswordInput)
    new = forms.CharField(label="新密码", widget=forms.PasswordInput)
    repeat = forms.CharField(label="再次输入新密码", widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("new") and data.get("new") != data.get("repeat"):
            self.add_error("repeat", "两次输入的新密码不一致。")
        return data


class CalendarDayForm(inputs.Form):
    date = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    is_workday = forms.TypedChoiceField(
        label="类型", choices=[("0", "休息日"), ("1", "工作日")], coerce=lambda v: v == "1"
    )
    name = inputs.text_field(CalendarDay, "name", label="说明")


class AuditFilterForm(inputs.Form):
    q = forms.CharField(label="对象", required=False)
    kind = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)
    action = forms.CharField(label="操作", required=False)
    actor = forms.CharField(label="操作人", required=False)
    start = forms.DateField(
        label="起", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="止", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class SessionForm(inputs.Form):
    start_date = forms.DateField(label="开幕日期", widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label="闭幕日期", widget=forms.DateInput(attrs={"type": "date"}))


class TermForm(inputs.Form):
    number = forms.IntegerField(label="届次", min_value=1, max_value=99)
    start_date = forms.DateField(label="开始日期", widget=forms.DateInput(attrs={"type": "date"}))
