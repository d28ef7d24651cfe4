"""How a confirmed self-reported activity reads as the source of its duty record."""

from django.urls import reverse

from .models import SelfReport
from .queries import self_reports_for
from .sources import register_source

register_source(
    SelfReport,
    noun="自报履职活动",
    title=lambda report: f"{report.kind}:{report.description[:60]}",
    status=lambda report: report.get_state_display(),
    url=lambda report: reverse("self_report_detail", args=[report.pk]),
    audience=self_reports_for,
)
