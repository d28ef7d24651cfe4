"""Whom a proposal's steps concern. The mechanics of a step (lock, check, record, audit,
notify) are the engine's: see `workflow.PROPOSAL`."""

from zhengxie.core.models import User

from ..models import Proposal


def proposer_users(proposal: Proposal) -> list[User]:
    """Everyone who speaks for the proposal: proposer (or submitter) and confirmed cosigners."""
    users = [proposal.submitted_by] if proposal.kind == Proposal.Kind.COLLECTIVE else []
    if proposal.proposer and proposal.proposer.user:
        users.append(proposal.proposer.user)
    for cosigner in proposal.cosigners.exclude(confirmed_at=None).select_related("member__user"):
        if cosigner.member.user:
            users.append(cosigner.member.user)
    return users


def unit_users(unit, approvers_only: bool = False):
    users = User.objects.filter(unit_account__unit=unit, is_active=True)
    return users.filter(unit_account__is_approver=True) if approvers_only else users
