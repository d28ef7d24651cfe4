"""Reads of proposals for pages, API, exports and statistics."""

from collections import Counter
from datetime import date

from django.db.models import QuerySet

from zhengxie.core import roles
from zhengxie.core.models import User

from .models import CollectionCall, Proposal, ProposalPolicy, Reply
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


def registered_for_assignment(user: User) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(committee_id=user.committee_id, state=Proposal.State.REGISTERED)
        .select_related(*LIST_RELATED)
        .prefetch_related("suggested_units")
        .order_by("session", "serial")
    )


OPEN = [Proposal.State.ASSIGNED, Proposal.State.REPLY_PENDING, Proposal.State.REPLY_REVIEW]


def overdue(committee, today: date) -> list[Proposal]:
    """Open proposals past their deadline, longest overdue first."""
    return list(
        Proposal.objects.filter(committee=committee, state__in=OPEN, deadline__lt=today)
        .select_related(*LIST_RELATED)
        .order_by("deadline", "serial")
    )


def overdue_by_unit(rows: list[Proposal]) -> list[tuple[str, int]]:
    counts = Counter(p.lead_unit.name for p in rows if p.lead_unit)
    return counts.most_common()


def published(q: str = "") -> QuerySet[Proposal]:
    rows = (
        Proposal.objects.filter(published=True)
        .select_related("session__term", "sector", "proposer", "lead_unit", "committee")
        .order_by("-replied_at", "-id")
    )
    return rows.filter(title__contains=q.strip()) if q.strip() else rows


def public_replies(proposal: Proposal) -> QuerySet[Reply]:
    """Replies the proposer has been shown: approved, and reviewed where the committee reviews."""
    replies = proposal.replies.exclude(approved_at=None).select_related("unit")
    policy = ProposalPolicy.objects.filter(committee_id=proposal.committee_id).first()
    if policy is None or policy.review_replies:
        replies = replies.exclude(reviewed_at=None)
    return replies


def open_call(committee, today: date) -> CollectionCall | None:
    return (
        CollectionCall.objects.filter(
            session__term__committee=committee, opens_on__lte=today, closes_on__gte=today
        )
        .select_related("session__term")
        .first()
    )


def replies_for(user: User, proposal: Proposal) -> QuerySet[Reply]:
    """Staff, leaders and the handling units see drafts under review; the proposer and other
    members see a reply only once it has passed the unit's and the committee's sign-off."""
    if user.has_role(roles.STAFF, roles.LEADER) or unit_account(user) is not None:
        return proposal.replies.select_related("unit")
    return public_replies(proposal)
