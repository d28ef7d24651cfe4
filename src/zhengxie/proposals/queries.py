"""Reads of proposals for pages, API, exports and statistics."""

from django.db.models import QuerySet

from zhengxie.core import roles
from zhengxie.core.models import User

from .models import Proposal
from .permissions import unit_account

LIST_RELATED = ("proposer", "session__term", "lead_unit", "category", "sector")


def proposals_for(user: User) -> QuerySet[Proposal]:
    """Every proposal `user` may see (see `permissions.can_view`)."""
    base = Proposal.objects.filter(committee_id=user.committee_id).select_related(*LIST_RELATED)
    if user.has_role(roles.STAFF, roles.LEADER):
        return base
    account = unit_account(user)
    if account is not None:
        return base.filter(assignments__unit=account.unit).distinct()
    member = getattr(user, "member", None)
    if member is None:
        return base.none()
    mine = base.filter(proposer=member) | base.filter(submitted_by=user)
    return (mine | base.exclude(state=Proposal.State.DRAFT)).distinct()


def unit_inbox(user: User) -> QuerySet[Proposal]:
    """What a unit has to handle now: its active assignments of open proposals."""
    account = unit_account(user)
    if account is None:
        return Proposal.objects.none()
    return (
        Proposal.objects.filter(
            assignments__unit=account.unit,
            assignments__active=True,
            state__in=[Proposal.State.ASSIGNED, Proposal.State.REPLY_PENDING],
        )
        .select_related(*LIST_RELATED)
        .distinct()
        .order_by("deadline", "id")
    )


def review_queue(user: User) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(committee_id=user.committee_id, state=Proposal.State.SUBMITTED)
        .select_related(*LIST_RELATED)
        .order_by("submitted_at", "id")
    )
