from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

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


def arrive(user, meeting, now=START):
    """A member checks in by scanning the hall screen's current code."""
    code = services.hall_code(meeting, now)
    return services.check_in(actor=user, meeting=meeting, code=code, now=now)
