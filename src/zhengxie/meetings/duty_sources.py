"""How a meeting and a speech read as the sources of duty records (duty.sources)."""

from django.urls import reverse

from zhengxie.duty.sources import register_source

from .models import Meeting, Speech
from .queries import meetings_for


def _page(meeting_id: int) -> str:
    return reverse("meeting_detail", args=[meeting_id])


register_source(
    Meeting,
    noun="会议",
    title=lambda meeting: meeting.title,
    status=lambda meeting: meeting.get_kind_display(),
    url=lambda meeting: _page(meeting.pk),
    audience=meetings_for,
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
