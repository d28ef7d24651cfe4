"""The demo committee's self-reported activities (委员自报履职活动): the demo member's 捐资助学,
confirmed by the office and so on their record, and a 委员工作室接待 waiting for the office,
beside another member's; through the same services the pages call, a handful of queries.

Then the 2026 履职考核细则, scored on the year's ledger: attending the plenary is required
(seeds_001 §5, 《…参加全体会议和常委会议管理的规定》), so the members who attended neither sitting
of 十届五次会议 are flagged for a reminder talk (谈话提醒); the office has held the talk with all
of them but one, whose flag stays open on the office's home. And the demo member (a 常委) has
drafted their 2026 述职 from their record and submitted it (常委向常委会议述职)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from zhengxie.core.models import Committee, Term, User
from zhengxie.duty import services
from zhengxie.duty.models import DutyFlag, ScoringMinimum

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
    _flags_and_report(committee, staff)


TALKED_ON = date(2026, 3, 20)


def _flags_and_report(committee: Committee, staff: User) -> None:
    term = Term.objects.get(committee=committee, is_current=True)
    rule = services.scoring_rule_create(actor=staff, term=term, year=2026)
    plenary = ScoringMinimum(kind="meeting_attendance", qualifier="plenary", count=1)
    services.scoring_line_add(actor=staff, rule=rule, line=plenary)
    talks = DutyFlag.objects.filter(rule=rule, kind=DutyFlag.Kind.TALK)
    for flag in talks.order_by("member__sort_key", "member_id")[1:]:
        services.flag_talk(
            actor=staff,
            flag=flag,
            talked_on=TALKED_ON,
            talked_by="县政协秘书长",
            note="了解未参加全体会议的原因,提醒严格执行会议请假制度。",
        )
    member = User.objects.get(username="member", committee=committee)
    report = services.duty_report_draft(actor=member, member=member.member, year=2026)
    services.duty_report_submit(actor=member, report=report)
