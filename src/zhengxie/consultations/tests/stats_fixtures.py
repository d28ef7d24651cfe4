"""Builders for the statistics tests: held activities, sent outcomes and their suggestions,
made through the areas' services (the topic row itself is the topics area's)."""

from datetime import date, time, timedelta

from zhengxie.consultations.models import Form, Level
from zhengxie.consultations.services import activities as services
from zhengxie.consultations.tests.activities_fixtures import DAY, consultation_of, researched
from zhengxie.core import stats
from zhengxie.meetings import services as meetings
from zhengxie.meetings.models import Meeting


def held(p, topic=None, form=Form.COUNTERPART, level=Level.SPECIAL_COMMITTEE, on=DAY, **fields):
    activity = consultation_of(
        p, topic or researched(p), form=form, level=level, date=on, title=f"{form}协商", **fields
    )
    return services.consultation_hold(actor=p.staff, consultation=activity)


def convened(p, topic=None, invitees=()):
    """A consultation held as a meeting of the meetings app, with its invitees."""
    activity = consultation_of(p, topic or researched(p), form=Form.THEMATIC, time=time(14))
    activity = services.consultation_convene(
        actor=p.staff,
        consultation=activity,
        invite_rule=Meeting.Invite.NONE,
        invitee_ids=[m.pk for m in invitees],
    )
    return activity


def close_and_hold(p, activity):
    meeting = activity.meeting
    after = meeting.ends_at + timedelta(minutes=1)
    meetings.meeting_close(actor=p.staff, meeting=meeting, now=after)
    return services.consultation_hold(actor=p.staff, consultation=activity, now=after)


def checked_in(p, activity, member):
    meeting = activity.meeting
    meetings.check_in(actor=p.staff, meeting=meeting, member=member, now=meeting.starts_at)


def figures(p, start: date | None = None, end: date | None = None) -> dict:
    return stats.values("consultations", stats.Scope(p.committee, start=start, end=end))
