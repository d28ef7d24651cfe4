"""The ledger: a duty recorded by the app where it happens, on a member's behalf by the office,
or taken back when its step is undone."""

from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from zhengxie.core import errors
from zhengxie.core.audit import audit_log
from zhengxie.core.errors import Problem, ServiceError, require
from zhengxie.core.models import User
from zhengxie.members.models import Member

from ..kinds import DUTY_KINDS, manual_kinds
from ..models import DutyRecord
from ..permissions import can_record_for


def duty_record(
    *,
    member: Member,
    kind: str,
    date: date,
    source: models.Model | None = None,
    points: Decimal | None = None,
    note: str = "",
    qualifier: str = "",
    hours: Decimal | None = None,
    actor=None,
) -> DutyRecord:
    """Record one duty of a member. Recording the same kind for the same source twice is a no-op,
    so callers may run inside retried or repeated transitions. `qualifier` is what the scoring
    rules may tell apart within the kind (the kind of meeting attended); `hours` the study
    hours of a training."""
    if kind not in DUTY_KINDS:
        raise ServiceError(errors.BAD_INPUT, f"未知的履职类别:{kind}")
    source_type = ContentType.objects.get_for_model(source) if source is not None else None
    source_id = source.pk if source is not None else None
    values = {
        "committee_id": member.committee_id,
        "date": date,
        "points": DUTY_KINDS[kind].default_points if points is None else points,
        "note": note,
        "qualifier": qualifier,
        "hours": hours,
    }
    # Not durable: every service that credits a duty record calls it inside its transaction,
    # and without a savepoint of its own, since that service fails whole when this fails.
    with transaction.atomic(savepoint=False):
        if source is None:
            record, created = DutyRecord.objects.create(member=member, kind=kind, **values), True
        else:
            record, created = DutyRecord.objects.get_or_create(
                member=member,
                kind=kind,
                source_type=source_type,
                source_id=source_id,
                defaults=values,
            )
        if created:
            audit_log(
                actor=actor,
                action="duty.record",
                target=record,
                committee=member.committee,
                after={
                    "member": member.pk,
                    "kind": kind,
                    "date": date,
                    "points": record.points,
                    "source": str(source or ""),
                    **({"hours": hours} if hours is not None else {}),
                },
            )
    return record


NOT_MANUAL = "“{}”由相关业务自动记入履职档案,不能代为记录。"
NOTE_REQUIRED = Problem("duty_note_required", "请填写履职活动说明。")
FUTURE_DATE = Problem("duty_future_date", "履职日期不能晚于今天。")


def duty_record_for(
    *,
    actor: User,
    member: Member,
    kind: str,
    date: date,
    note: str,
    hours: Decimal | None = None,
    now: datetime | None = None,
) -> DutyRecord:
    """Staff record a duty on a member's behalf (a training outside the platform, an activity
    reported on paper): only a kind no app feeds, audited with the office's account as the
    one who wrote it down for the member."""
    require(can_record_for(actor) and member.committee_id == actor.committee_id, errors.FORBIDDEN)
    kinds = {k.code: k for k in manual_kinds()}
    label = DUTY_KINDS[kind].label if kind in DUTY_KINDS else kind
    require(kind in kinds, errors.BAD_INPUT, NOT_MANUAL.format(label))
    require(bool(note.strip()), NOTE_REQUIRED)
    now = now or timezone.now()
    require(date <= timezone.localdate(now), FUTURE_DATE)
    with transaction.atomic(durable=True):
        record = DutyRecord.objects.create(
            committee_id=member.committee_id,
            member=member,
            kind=kind,
            date=date,
            points=kinds[kind].default_points,
            note=note.strip(),
            hours=hours,
            recorded_by=actor,
        )
        audit_log(
            actor=actor,
            action="duty.record_for",
            target=record,
            committee=member.committee,
            after={"member": member.pk, "kind": kind, "date": date, "note": record.note}
            | ({"hours": hours} if hours is not None else {}),
            now=now,
        )
    return record


def duty_retract(*, member: Member, kind: str, source: models.Model, actor=None) -> int:
    """Take back a duty recorded for `source` (its step was corrected); returns rows removed."""
    source_type = ContentType.objects.get_for_model(source)
    # Not durable: proposal_correct calls it inside its transaction.
    with transaction.atomic():
        records = list(
            DutyRecord.objects.filter(
                member=member, kind=kind, source_type=source_type, source_id=source.pk
            )
        )
        for record in records:
            audit_log(
                actor=actor,
                action="duty.retract",
                target=record,
                committee=member.committee,
                before={"member": member.pk, "kind": kind, "points": record.points},
            )
            record.delete()
    return len(records)
