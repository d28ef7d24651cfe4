"""The demo committee's 2026 work report saved by the office (工作报告稿): the generated text
as version 1, then a second version adding a closing paragraph to the proposals section,
every other paragraph as generated (its numbers still link). Through the
same services the pages call; one generation of the year's report."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from zhengxie.core.models import Committee, User
from zhengxie.reports import periods, services

TZ = ZoneInfo("Asia/Shanghai")
FIRST = datetime(2026, 12, 1, 16, 0, tzinfo=TZ)
SECOND = datetime(2026, 12, 2, 10, 30, tzinfo=TZ)
ADDED = "一年来,提案办理质效进一步提升,协商成果转化更加有力。"


def demo_reports(committee: Committee) -> None:
    staff = User.objects.get(username="staff")
    period = periods.year(committee, 2026, timezone.localdate())
    report = services.saved_report_create(actor=staff, period=period, name="2026年", now=FIRST)
    first = report.latest
    sections = [
        {**s, "text": f"{s['text']}\n{ADDED}"} if s["key"] == "proposals" else s
        for s in first.sections
    ]
    services.saved_report_save(
        actor=staff,
        report=report,
        title=first.title,
        addressee=first.addressee,
        sections=sections,
        note="提案部分补充总结语",
        now=SECOND,
    )
