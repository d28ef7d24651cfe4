from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zhengxie.core import errors
from zhengxie.core.audit import audit_log
from zhengxie.core.errors import Problem, require
from zhengxie.core.models import User
from zhengxie.core.queries import staff_users
from zhengxie.core.services import file_store

from .. import permissions, queries
from ..audit_actions import ACTIVITY_KIND_ADD, SELF_REPORT_ATTACH, SELF_REPORT_SUBMIT
from ..kinds import DEFAULT_ACTIVITIES, OTHER_ACTIVITY
from ..models import ActivityKind, SelfReport, SelfReportFile
from ..permissions import can_record_for, has_record
from ..workflow import FORBIDDEN as FORBIDDEN_REPORT
from ..workflow import OPEN as OPEN_REPORTS
from ..workflow import SELF_REPORT
from ..workflow import WRONG_STATE as WRONG_REPORT_STATE
from .records import FUTURE_DATE, duty_record

# Self-reported activities (委员自报履职活动): submitted by the member, confirmed or returned by
# the office (`workflow.SELF_REPORT`); only a confirmed one is a duty record.

UNKNOWN_ACTIVITY = Problem("self_report_kind", "请从本会的活动类别中选择,或选择“其他”。")
DESCRIPTION_REQUIRED = Problem("self_report_description", "请填写活动内容。")
REASON_REQUIRED = Problem("self_report_reason", "退回时请说明理由。")
NOT_A_MEMBER = Problem("self_report_not_member", "只有委员本人可以自报履职活动。", 403)
KIND_EXISTS = Problem("activity_kind_exists", "已有同名的活动类别。", 409)
KIND_NAME_REQUIRED = Problem("activity_kind_name", "请填写活动类别名称。")


def activity_defaults_create(committee) -> dict[str, object]:
    """The default kinds of self-reported activity: a step of `core.services.committee_setup`."""
    if ActivityKind.objects.filter(committee=committee).exists():
        return {}
    ActivityKind.objects.bulk_create(
        ActivityKind(committee=committee, name=name, position=i)
        for i, name in enumerate(DEFAULT_ACTIVITIES)
    )
    return {"activity_kinds": DEFAULT_ACTIVITIES}


def activity_kind_add(*, actor: User, name: str, now: datetime | None = None) -> ActivityKind:
    require(can_record_for(actor), errors.FORBIDDEN)
    name = name.strip()
    require(bool(name) and name != OTHER_ACTIVITY, KIND_NAME_REQUIRED)
    with transaction.atomic(durable=True):
        kinds = ActivityKind.objects.select_for_update().filter(committee_id=actor.committee_id)
        require(not kinds.filter(name=name).exists(), KIND_EXISTS)
        kind = ActivityKind.objects.create(
            committee_id=actor.committee_id, name=name, position=kinds.count()
        )
        audit_log(actor=actor, action=ACTIVITY_KIND_ADD, target=kind, after={"name": name}, now=now)
    return kind


def _check_report(committee_id: int, kind: str, description: str, day: date, now) -> None:
    names = set(queries.activity_kinds(committee_id).values_list("name", flat=True))
    require(kind == OTHER_ACTIVITY or kind in names, UNKNOWN_ACTIVITY)
    require(bool(description.strip()), DESCRIPTION_REQUIRED)
    require(day <= timezone.localdate(now), FUTURE_DATE)


def self_report_submit(
    *,
    actor: User,
    kind: str,
    date: date,
    description: str,
    hours: Decimal | None = None,
    upload=None,
    now: datetime | None = None,
) -> SelfReport:
    """A member reports an activity of theirs for the office to confirm, with its evidence."""
    member = getattr(actor, "member", None)
    require(member is not None and has_record(actor), NOT_A_MEMBER)
    now = now or timezone.now()
    _check_report(member.committee_id, kind, description, date, now)
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        report = SelfReport.objects.create(
            committee_id=member.committee_id,
            member=member,
            kind=kind,
            date=date,
            description=description.strip(),
            hours=hours,
            submitted_at=now,
        )
        audit_log(
            actor=actor,
            action=SELF_REPORT_SUBMIT,
            target=report,
            committee=member.committee,
            after={"kind": kind, "date": date, "state": report.state},
            now=now,
        )
        if upload is not None:
            _store_evidence(actor, report, upload, now)
    SELF_REPORT.tell(staff_users(report.committee_id), report, "委员自报履职活动待确认")
    return report


def self_report_attach(*, actor: User, report: SelfReport, upload, now=None) -> SelfReportFile:
    """More evidence, by the member, while the report is not yet confirmed."""
    with transaction.atomic(durable=True):
        locked = SelfReport.objects.select_for_update().get(pk=report.pk)
        require(permissions.ACTORS["owner"](actor, locked), FORBIDDEN_REPORT)
        require(locked.state in OPEN_REPORTS, WRONG_REPORT_STATE)
        return _store_evidence(actor, locked, upload, now or timezone.now())


def _store_evidence(actor, report: SelfReport, upload, now) -> SelfReportFile:
    return file_store(
        actor=actor,
        attachment=SelfReportFile(report=report),
        upload=upload,
        action=SELF_REPORT_ATTACH,
        target=report,
        now=now,
    )


def self_report_confirm(*, actor: User, report: SelfReport, now=None) -> SelfReport:
    """The office confirms the activity: it enters the member's record (自报履职活动), dated the
    activity's day, its source the report."""
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, step = SELF_REPORT.begin(actor, report, "confirm")
        locked.decided_by, locked.decided_at = actor, now
        duty_record(
            member=locked.member,
            kind="activity",
            date=locked.date,
            source=locked,
            note=locked.description[:200],
            qualifier=locked.kind,
            hours=locked.hours,
            actor=actor,
        )
        SELF_REPORT.finish(actor, locked, step, now=now, fields=("decided_by", "decided_at"))
    _tell_member(locked, "您自报的履职活动已确认,已记入履职档案")
    return locked


def self_report_return(*, actor: User, report: SelfReport, reason: str, now=None) -> SelfReport:
    require(bool(reason.strip()), REASON_REQUIRED)
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, step = SELF_REPORT.begin(actor, report, "return")
        locked.decided_by, locked.decided_at, locked.reason = actor, now, reason.strip()
        fields = ("decided_by", "decided_at", "reason")
        SELF_REPORT.finish(actor, locked, step, now=now, fields=fields, audit={"reason": reason})
    _tell_member(locked, "您自报的履职活动被退回", locked.reason)
    return locked


def self_report_resubmit(
    *,
    actor: User,
    report: SelfReport,
    kind: str,
    date: date,
    description: str,
    hours: Decimal | None = None,
    now=None,
) -> SelfReport:
    """The member corrects a returned report and sends it again."""
    now = now or timezone.now()
    _check_report(report.committee_id, kind, description, date, now)
    with transaction.atomic(durable=True):
        locked, step = SELF_REPORT.begin(actor, report, "resubmit")
        locked.kind, locked.date, locked.description = kind, date, description.strip()
        locked.hours, locked.submitted_at, locked.reason = hours, now, ""
        fields = ("kind", "date", "description", "hours", "submitted_at", "reason")
        SELF_REPORT.finish(actor, locked, step, now=now, fields=fields)
    SELF_REPORT.tell(staff_users(locked.committee_id), locked, "委员自报履职活动待确认")
    return locked


def _tell_member(report: SelfReport, title: str, body: str = "") -> None:
    user = report.member.user
    if user is not None:
        SELF_REPORT.tell([user], report, title, body)
