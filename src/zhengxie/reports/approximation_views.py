"""The office's page for how the work reports write numbers (/reports/approximations/): exact
by default, or 多/余/近 for counts and 以上 for rates, per statistic or for every count or rate."""

from django import forms
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from zhengxie.core import inputs
from zhengxie.core.decorators import allowed
from zhengxie.core.http import attempt
from zhengxie.core.permissions import is_staff

from . import queries, services
from .models import Approximation


class ApproximationForm(inputs.Form):
    target = forms.ChoiceField(label="统计项")
    style = forms.ChoiceField(label="写法", choices=Approximation.Style.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(t.key, t.label) for t in queries.targets()]


@require_http_methods(["GET", "POST"])
@allowed(is_staff)
def approximations_page(request):
    form = ApproximationForm(request.POST or None)
    saved = request.method == "POST" and form.is_valid()
    if saved and attempt(
        request,
        lambda: services.approximation_set(actor=request.user, **form.cleaned_data),
        "数字写法已保存。",
    ):
        return redirect("report_approximations")
    rows = queries.approximations_of(request.user.committee)
    return render(request, "reports/approximations.html", {"form": form, "rows": rows})
