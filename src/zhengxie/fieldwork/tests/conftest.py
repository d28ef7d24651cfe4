from datetime import date
from types import SimpleNamespace

import pytest
from django.utils import timezone

from zhengxie.consultations.models import Form, Topic
from zhengxie.fieldwork import services
from zhengxie.fieldwork.models import Participant


def topic_of(p, title="乡村振兴议题") -> Topic:
    """A planned topic; the topics area owns their creation, so a test row is enough here."""
    return Topic.objects.create(
        committee=p.committee,
        year=2026,
        state=Topic.State.PLANNED,
        title=title,
        source=Topic.Source.PARTY,
        form=Form.THEMATIC,
        submitted_by=p.staff,
        submitted_at=timezone.now(),
    )


def fieldwork_of(p, title="乡村振兴专题调研", **fields):
    return services.fieldwork_create(actor=p.staff, kind="research", title=title, **fields)


def join(p, fieldwork, membership, **fields) -> Participant:
    return services.participant_add(
        actor=p.staff, fieldwork=fieldwork, role="member", member=membership.member, **fields
    )


@pytest.fixture
def flow(p):
    """A research on a planned topic, the chair responsible: 李委员 leads the group with
    王常委, the staff member 赵干事 and an expert; one visit, the group under way."""
    topic = topic_of(p)
    fieldwork = fieldwork_of(p, topic=topic, chair=p.chair.member, purpose="摸清底数")
    plain = join(p, fieldwork, p.plain, is_leader=True)
    standing = join(p, fieldwork, p.standing)
    staffer = services.participant_add(
        actor=p.staff, fieldwork=fieldwork, role="staff", name="赵干事", unit="政协办公室"
    )
    expert = services.participant_add(
        actor=p.staff, fieldwork=fieldwork, role="expert", name="钱教授", unit="县农科所"
    )
    visit = services.visit_add(
        actor=p.staff,
        fieldwork=fieldwork,
        date=date(2026, 5, 6),
        place="城关镇东村",
        unit_visited="东村村委会",
    )
    services.fieldwork_start(actor=p.staff, fieldwork=fieldwork)
    fieldwork.refresh_from_db()
    return SimpleNamespace(
        topic=topic,
        fieldwork=fieldwork,
        plain=plain,
        standing=standing,
        staffer=staffer,
        expert=expert,
        visit=visit,
    )


def write(p, flow, membership=None, suggestions="加大财政投入\n完善人才政策\n"):
    membership = membership or p.plain
    return services.draft_write(
        actor=membership.member.user,
        fieldwork=flow.fieldwork,
        title="关于乡村振兴的调研报告",
        text="一、基本情况\n二、存在问题",
        suggestions=suggestions,
    )
