"""How a proposal reads as the source of a duty record (duty.sources)."""

from django.urls import reverse

from zhengxie.duty.sources import register_source

from .models import Proposal
from .queries import proposals_for


def _status(proposal: Proposal) -> str:
    parts = ["重点提案"] if proposal.key else []
    parts.append(proposal.get_state_display())
    if proposal.reply_category:
        parts.append(f"{proposal.reply_category}类")
    return ",".join(parts)


register_source(
    Proposal,
    noun="提案",
    title=lambda proposal: proposal.title,
    status=_status,
    url=lambda proposal: reverse("proposal_detail", args=[proposal.pk]),
    audience=proposals_for,
)
