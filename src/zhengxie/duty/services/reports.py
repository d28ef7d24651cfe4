from datetime import datetime

from django.db import transaction
from django.utils import timezone

from zhengxie.core import errors
from zhengxie.core.audit import audit_log
from zhengxie.core.errors import Problem, require
from zhengxie.core.models import Term, User
from zhengxie.members.models import Member

from .. import queries, writing
from ..models import DutyReport
from ..permissions import can_draft_report
from ..workflow import REPORT

# 述职 (DutyReport): drafted from the member's record, then on workflow.REPORT.

REPORT_EXISTS = Problem("duty_report_exists", "该委员该期间的述职已存在。", 409)
REPORT_NO_TERM = Problem("duty_report_no_term", "该委员在所选期间没有任职记录。", 404)
REPORT_NOT_BEGUN = Problem("duty_report_year_not_begun", "该年度尚未开始,不能起草述职。")
NOT_STANDING = Problem("duty_report_not_standing", "常委述职应安排在本会的常委会议上。")
TITLE_REQUIRED = "请填写述职标题和正文。"


def duty_report_draft(
    *,
    actor: User,
    member: Member,
    year: int | None = None,
    term: Term | None = None,
    now: datetime | None = None,
) -> DutyReport:
    """A 述职 draft for `member`'s year (of the latest term begun by its end) or whole `term`,
    written from their record (`writing.report_draft`); by the member or the office."""
    require(can_draft_report(actor, member), errors.FORBIDDEN)
    now = now or timezone.now()
    require(year is None or year <= timezone.localdate(now).year, REPORT_NOT_BEGUN)
    terms = queries.terms_of(member)
    period = queries.period_of_record(
        terms, year or timezone.localdate(now).year, term.pk if term else None
    )
    require(period is not None, REPORT_NO_TERM)
    view = queries.duty_record_view(member, period)
    session = queries.session_of(period)
    draft = writing.report_draft(
        view, committee=member.committee.name, session=session.label if session else ""
    )
    with transaction.atomic():
        Member.objects.select_for_update().get(pk=member.pk)  # two drafts at once
        taken = DutyReport.objects.filter(member=member, term=period.term, year=period.year)
        require(not taken.exists(), REPORT_EXISTS)
        report = DutyReport.objects.create(
            committee_id=member.committee_id,
            member=member,
            term=period.term,
            year=period.year,
            title=draft.title,
            text=draft.text,
            drafted_at=now,
        )
        audit_log(
            actor=actor,
            action="duty.report_draft",
            target=report,
            committee=member.committee,
            after={"member": member.pk, "year": period.year, "term": period.term.number},
            now=now,
        )
    return report


def duty_report_edit(
    *, actor: User, report: DutyReport, title: str, text: str, now: datetime | None = None
) -> DutyReport:
    require(bool(title.strip() and text.strip()), errors.BAD_INPUT, TITLE_REQUIRED)
    with transaction.atomic():
        report, step = REPORT.begin(actor, report, "edit")
        report.title, report.text = title.strip(), text.strip()
        return REPORT.finish(
            actor, report, step, now=now or timezone.now(), fields=("title", "text")
        )


def duty_report_submit(
    *, actor: User, report: DutyReport, now: datetime | None = None
) -> DutyReport:
    with transaction.atomic():
        report, step = REPORT.begin(actor, report, "submit")
        report.submitted_at, report.return_reason = now or timezone.now(), ""
        fields = ("submitted_at", "return_reason")
        return REPORT.finish(actor, report, step, now=report.submitted_at, fields=fields)


def duty_report_return(
    *, actor: User, report: DutyReport, reason: str, now: datetime | None = None
) -> DutyReport:
    require(bool(reason.strip()), errors.BAD_INPUT, "请填写退回理由。")
    with transaction.atomic():
        report, step = REPORT.begin(actor, report, "return")
        report.meeting, report.return_reason = None, reason.strip()
        REPORT.finish(
            actor,
            report,
            step,
            now=now or timezone.now(),
            fields=("meeting", "return_reason"),
            audit={"reason": report.return_reason},
        )
    _tell_author(report, "您的述职已退回修改", reason.strip())
    return report


def duty_report_schedule(
    *, actor: User, report: DutyReport, meeting, now: datetime | None = None
) -> DutyReport:
    """常委述职: heard at `meeting`, a standing-committee meeting of the report's committee."""
    standing = meeting.kind == "standing" and meeting.committee_id == report.committee_id
    require(standing, NOT_STANDING)
    with transaction.atomic():
        report, step = REPORT.begin(actor, report, "schedule")
        report.meeting = meeting
        REPORT.finish(
            actor,
            report,
            step,
            now=now or timezone.now(),
            fields=("meeting",),
            audit={"meeting": meeting.pk},
        )
    _tell_author(report, "您的述职已安排在常委会议上进行", meeting.title)
    return report


def duty_report_assess(
    *, actor: User, report: DutyReport, grade: str, note: str = "", now: datetime | None = None
) -> DutyReport:
    require(grade in DutyReport.Grade.values, errors.BAD_INPUT, "请选择评定等次。")
    with transaction.atomic():
        report, step = REPORT.begin(actor, report, "assess")
        report.grade, report.assessment = grade, note.strip()
        report.assessed_at, report.assessed_by = now or timezone.now(), actor
        REPORT.finish(
            actor,
            report,
            step,
            now=report.assessed_at,
            fields=("grade", "assessment", "assessed_at", "assessed_by"),
            audit={"grade": grade, "note": report.assessment},
        )
    _tell_author(report, f"您的述职已评定为“{report.get_grade_display()}”")
    return report


def _tell_author(report: DutyReport, title: str, body: str = "") -> None:
    """The member told in a short title (a notification's is 200 characters at most); what
    varies in length, a reason or a meeting's title, is the body."""
    user = User.objects.filter(member__pk=report.member_id).first()
    if user is not None:
        REPORT.tell([user], report, title, body)
