from datetime import date
from decimal import Decimal

import pytest

from zhengxie.core.errors import ServiceError
from zhengxie.core.models import AuditEvent
from zhengxie.duty.models import DutyRecord
from zhengxie.duty.services import duty_record


def test_duty_is_recorded_with_default_points_and_audited(p):
    record = duty_record(
        member=p.plain.member, kind="training", date=date(2026, 3, 1), source=p.sessions[0]
    )
    assert record.points == Decimal("2") and record.source == p.sessions[0]
    assert record.committee == p.committee
    assert AuditEvent.objects.filter(action="duty.record", object_id=str(record.pk)).exists()


def test_recording_the_same_duty_for_the_same_source_twice_counts_once(p):
    for _ in range(2):
        duty_record(
            member=p.plain.member, kind="training", date=date(2026, 3, 1), source=p.sessions[0]
        )
    assert DutyRecord.objects.filter(member=p.plain.member).count() == 1


def test_duties_without_a_source_are_each_recorded(p):
    for _ in range(2):
        duty_record(member=p.plain.member, kind="other", date=date(2026, 3, 1), note="走访群众")
    assert DutyRecord.objects.filter(member=p.plain.member, kind="other").count() == 2


def test_unknown_duty_kinds_are_refused(p):
    with pytest.raises(ServiceError):
        duty_record(member=p.plain.member, kind="made_up", date=date(2026, 3, 1))
