"""The demo committee's self-reported activities (委员自报履职活动): the demo member's 捐资助学,
confirmed by the office and so on their record, and a 委员工作室接待 waiting for the office,
beside another member's; through the same services the pages call, a handful of queries."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from zhengxie.core.models import Committee, User
from zhengxie.duty import services

TZ = ZoneInfo("Asia/Shanghai")
# (username, kind, day, description, hours, confirmed)
REPORTS = [
    ("member", "捐资助学", date(2026, 9, 1), "资助城关镇中心小学家庭困难学生5名", None, True),
    ("member", "委员工作室接待", date(2026, 11, 20), "在委员工作室接待群众12人次", 3, False),
    ("wy010", "为群众办实事", date(2026, 10, 15), "协调解决东街社区路灯维修问题", None, False),
]


def demo_duty(committee: Committee) -> None:
    staff = User.objects.get(username="staff")
    for username, kind, day, description, hours, confirmed in REPORTS:
        reported = datetime.combine(day, time(18), TZ)
        report = services.self_report_submit(
            actor=User.objects.get(username=username, committee=committee),
            kind=kind,
            date=day,
            description=description,
            hours=hours,
            now=reported,
        )
        if confirmed:
            services.self_report_confirm(
                actor=staff, report=report, now=reported + timedelta(days=2)
            )
