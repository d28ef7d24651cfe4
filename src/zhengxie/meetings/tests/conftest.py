from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from zhengxie.meetings import services

TZ = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 3, 20, 9, 0, tzinfo=TZ)


@pytest.fixture
def meeting(p):
    """A standing-committee meeting: the chair and the standing member are invited."""
    return services.meeting_create(
        actor=p.staff,
        kind="standing",
        title="十届第十五次常委会议",
        starts_at=START,
        ends_at=START + timedelta(hours=3),
        place="县政协四楼会议室",
        invite_rule="standing",
    )


def chairs_meeting(p, **extra):
    """A 主席会议 at START: the chairs are invited, nobody else."""
    return services.meeting_create(
        actor=p.staff,
        kind="chairs",
        title="主席会议",
        starts_at=START,
        place="x",
        invite_rule="chairs",
        **extra,
    )


def materials_meeting(p, **extra):
    """A 提案委员会会议 in half an hour with 李委员 its one invitee: who reads its materials."""
    return services.meeting_create(
        actor=p.staff,
        kind="special_committee",
        title="提案委员会会议",
        starts_at=timezone.now() + timedelta(minutes=30),
        place="会议室",
        invite_rule="none",
        invitee_ids=[p.plain.member.pk],
        **extra,
    )


def arrive(user, meeting, now=START):
    """A member checks in by scanning the hall screen's current code."""
    code = services.hall_code(meeting, now)
    return services.check_in(actor=user, meeting=meeting, code=code, now=now)
