"""How a 社情民意 item, its adoption and a leader's instruction on it read as the sources of
duty records (duty.sources); the last two open the item's page."""

from django.urls import reverse

from zhengxie.core.permissions import is_staff
from zhengxie.duty.sources import register_source

from .models import Adoption, Instruction, OfficerYear, Opinion
from .queries import opinions_for


def _page(opinion_id: int) -> str:
    return reverse("opinion_detail", args=[opinion_id])


register_source(
    Opinion,
    noun="社情民意信息",
    title=lambda opinion: opinion.released_title,
    status=lambda opinion: opinion.get_state_display(),
    url=lambda opinion: _page(opinion.pk),
    audience=opinions_for,
)
register_source(
    Adoption,
    noun="社情民意信息",
    title=lambda adoption: adoption.opinion.released_title,
    status=lambda adoption: adoption.get_level_display(),
    url=lambda adoption: _page(adoption.opinion_id),
    audience=opinions_for,
    through="opinion",
)
register_source(
    Instruction,
    noun="社情民意信息",
    title=lambda instruction: instruction.opinion.released_title,
    status=lambda instruction: f"获{instruction.leader}批示",
    url=lambda instruction: _page(instruction.opinion_id),
    audience=opinions_for,
    through="opinion",
)


def _officer_years_for(user):
    """The roster of 信息员 is on the office's settings page, and only there."""
    if not is_staff(user):
        return OfficerYear.objects.none()
    return OfficerYear.objects.filter(officer__committee_id=user.committee_id)


register_source(
    OfficerYear,
    noun="信息员",
    title=str,
    url=lambda year: reverse("opinion_settings"),
    audience=_officer_years_for,
)
