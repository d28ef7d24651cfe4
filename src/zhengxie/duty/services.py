from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from zhengxie.core import errors
from zhengxie.core.audit import audit_log
from zhengxie.core.errors import ServiceError
from zhengxie.members.models import Member

from .kinds import DUTY_KINDS
from .models import DutyRecord


def duty_record(
    *,
    member: Member,
    kind: str,
    date: date,
    source: models.Model | None = None,
    points: Decimal | None = None,
    note: str = "",
    actor=None,
) -> DutyRecord:
    """Record one duty of a member. Recording the same kind for the same source twice is a no-op,
    so callers may run inside retried or repeated transitions."""
    if kind not in DUTY_KINDS:
        raise ServiceError(errors.BAD_INPUT, f"未知的履职类别:{kind}")
    source_type = ContentType.objects.get_for_model(source) if source is not None else None
    source_id = source.pk if source is not None else None
    values = {
        "committee_id": member.committee_id,
        "date": date,
        "points": DUTY_KINDS[kind].default_points if points is None else points,
        "note": note,
    }
    # Not durable: every service that credits a duty record calls it inside its transaction.
    with transaction.atomic():
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
                },
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
