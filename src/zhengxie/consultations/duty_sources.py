"""How a consultation, a 书面协商 request, an outcome and one of its suggestions read as the
sources of duty records (duty.sources)."""

from django.urls import reverse

from zhengxie.duty.sources import register_source

from .models import Consultation, Outcome, Suggestion, WrittenRequest
from .queries.activities import consultations_for, written_requests_for
from .queries.outcomes import outcomes_for


def _outcome_page(outcome_id: int) -> str:
    return reverse("outcome_detail", args=[outcome_id])


register_source(
    Consultation,
    noun="协商活动",
    title=lambda consultation: consultation.title,
    status=lambda consultation: consultation.get_state_display(),
    url=lambda consultation: reverse("consultation_detail", args=[consultation.pk]),
    audience=consultations_for,
)
register_source(
    WrittenRequest,
    noun="书面协商",
    title=lambda request: request.document,
    status=lambda request: request.get_state_display(),
    url=lambda request: reverse("written_request_detail", args=[request.pk]),
    audience=written_requests_for,
)
register_source(
    Outcome,
    noun="协商成果",
    title=lambda outcome: outcome.title,
    status=lambda outcome: outcome.get_state_display(),
    url=lambda outcome: _outcome_page(outcome.pk),
    audience=outcomes_for,
)
register_source(
    Suggestion,
    noun="协商成果建议",
    title=lambda suggestion: f"{suggestion.outcome.title}(建议{suggestion.number})",
    status=lambda suggestion: suggestion.get_state_display(),
    url=lambda suggestion: _outcome_page(suggestion.outcome_id),
    audience=outcomes_for,
    through="outcome",
)
