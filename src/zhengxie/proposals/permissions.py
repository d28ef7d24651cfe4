"""Who may act on a proposal. Actor names are those of `workflow.PROPOSAL`; who may read
one is `queries.proposals_for`."""

from zhengxie.core import roles
from zhengxie.members.permissions import unit_account

from .models import Assignment, Attachment, Proposal
from .states import AT_UNIT, BEFORE_REGISTRATION


def _member_id(user) -> int | None:
    member = getattr(user, "member", None)
    return member.pk if member else None


def is_proposer(user, proposal: Proposal) -> bool:
    if proposal.kind == Proposal.Kind.COLLECTIVE:
        return proposal.submitted_by_id == user.pk
    return proposal.proposer_id is not None and proposal.proposer_id == _member_id(user)


def is_cosigner(user, proposal: Proposal, confirmed_only: bool = False) -> bool:
    cosigners = proposal.cosigners.filter(member_id=_member_id(user), refused_at=None)
    if confirmed_only:
        cosigners = cosigners.exclude(confirmed_at=None)
    return _member_id(user) is not None and cosigners.exists()


def active_assignment(user, proposal: Proposal, role: str | None = None) -> Assignment | None:
    account = unit_account(user)
    if account is None:
        return None
    found = proposal.assignments.filter(unit=account.unit, active=True, round=proposal.round)
    if role:
        found = found.filter(role=role)
    return found.first()


def _same_committee(user, proposal: Proposal) -> bool:
    return user.committee_id == proposal.committee_id


ACTORS = {
    "staff": lambda u, p: u.has_role(roles.STAFF) and _same_committee(u, p),
    "leader": lambda u, p: u.has_role(roles.LEADER) and _same_committee(u, p),
    "proposer": is_proposer,
    "invited_cosigner": lambda u, p: (
        _member_id(u) is not None and p.cosigners.filter(member_id=_member_id(u)).exists()
    ),
    "other_member": lambda u, p: (
        u.has_role(roles.MEMBER)
        and _same_committee(u, p)
        and not is_proposer(u, p)
        and not is_cosigner(u, p)
    ),
    "endorser": lambda u, p: (
        _member_id(u) is not None and p.endorsements.filter(member_id=_member_id(u)).exists()
    ),
    "lead_unit": lambda u, p: active_assignment(u, p, Assignment.Role.LEAD) is not None,
    "co_unit": lambda u, p: active_assignment(u, p, Assignment.Role.CO) is not None,
    "unit_approver": lambda u, p: (
        active_assignment(u, p, Assignment.Role.LEAD) is not None and unit_account(u).is_approver
    ),
}


def awaits_evaluation(proposal: Proposal) -> bool:
    """One evaluation per round: after 不满意 in round 1 the proposal stays replied, so its
    state alone does not tell whether this round was evaluated."""
    return not proposal.evaluations.filter(round=proposal.round).exists()


def may_attach(user, proposal: Proposal, purpose: str) -> bool:
    """The proposer adds material until the proposal is registered; the lead unit adds its
    signed reply (复文) while it handles the proposal."""
    if purpose == Attachment.Purpose.PROPOSAL:
        return is_proposer(user, proposal) and proposal.state in BEFORE_REGISTRATION
    lead = active_assignment(user, proposal, Assignment.Role.LEAD)
    return lead is not None and proposal.state in AT_UNIT
