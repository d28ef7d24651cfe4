"""How a meeting, a speech and an opinion printed in a briefing read as the sources of duty
records (duty.sources)."""

from django.urls import reverse

from zhengxie.duty.sources import register_source

from .models import BriefingItem, Meeting, Speech
from .permissions import can_read_briefings
from .queries import meetings_for


def _page(meeting_id: int) -> str:
    return reverse("meeting_detail", args=[meeting_id])


def _briefings_for(user):
    if not can_read_briefings(user):
        return BriefingItem.objects.none()
    return BriefingItem.objects.filter(issue__session__term__committee_id=user.committee_id)


register_source(
    Meeting,
    noun="会议",
    title=lambda meeting: meeting.title,
    status=lambda meeting: meeting.get_kind_display(),
    url=lambda meeting: _page(meeting.pk),
    audience=meetings_for,
)
register_source(
    BriefingItem,
    noun="会议简报",
    title=lambda item: f"{item.issue}:{item.opinion[:40]}",
    status=lambda item: item.issue.title,
    url=lambda item: reverse("briefing_docx", args=[item.issue_id]),
    audience=_briefings_for,
    related=["issue"],
)
register_source(
    Speech,
    noun="大会发言",
    title=lambda speech: speech.title,
    status=lambda speech: speech.get_state_display(),
    url=lambda speech: _page(speech.meeting_id),
    audience=meetings_for,
    through="meeting",
)
