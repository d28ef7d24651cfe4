"""The mechanics every proposal action shares: lock, check the table, record the step."""

from datetime import datetime

from zhengxie.core import roles
from zhengxie.core.audit import audit_log
from zhengxie.core.errors import Problem, ServiceError
from zhengxie.core.models import User
from zhengxie.core.services import notify
from zhengxie.members.models import HandlingUnit

from ..models import Proposal, Reply, Step
from ..permissions import may_act
from ..workflow import TRANSITIONS, Transition

FORBIDDEN = Problem("proposal_forbidden", "您不能对该提案进行此操作。", 403)
WRONG_STATE = Problem("proposal_wrong_state", "提案当前状态不允许此操作。", 409)


def begin(actor: User, proposal: Proposal, action: str) -> tuple[Proposal, Transition]:
    """Lock the proposal and check that `actor` may take `action` in its current state.
    Call inside `transaction.atomic()`."""
    transition = TRANSITIONS[action]
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not may_act(actor, locked, transition.actors):
        raise ServiceError(FORBIDDEN)
    if locked.state not in transition.sources:
        detail = f"提案当前状态为“{locked.get_state_display()}”,不能{transition.label}。"
        raise ServiceError(WRONG_STATE, detail)
    return locked, transition


def finish(
    actor: User | None,
    proposal: Proposal,
    transition: Transition,
    *,
    now: datetime,
    fields: tuple[str, ...] = (),
    target: str | None = None,
    note: str = "",
    audit: dict | None = None,
    audience: str = Step.Audience.EVERYONE,
    unit: HandlingUnit | None = None,
    reply: Reply | None = None,
) -> Proposal:
    """Move to the transition's target (or an allowed alternative), save `fields`, and write
    the timeline step (read by `audience`: see `queries.steps_for`) and the audit event."""
    before = proposal.state
    target = target or transition.target
    if target is not None:
        if not transition.allows(target):
            raise ValueError(f"{transition.action} cannot lead to {target}")
        proposal.state = target
    proposal.save(update_fields=[*fields, "state"])
    Step.objects.create(
        proposal=proposal,
        at=now,
        actor=actor,
        actor_label=str(actor) if actor else "系统",
        action=transition.action,
        state_before=before,
        state_after=proposal.state,
        note=note,
        audience=audience,
        unit=unit,
        reply=reply,
    )
    audit_log(
        actor=actor,
        action=f"proposal.{transition.action}",
        target=proposal,
        committee=proposal.committee,
        before={"state": before},
        after={"state": proposal.state, **(audit or {})},
        now=now,
    )
    return proposal


def proposer_users(proposal: Proposal) -> list[User]:
    """Everyone who speaks for the proposal: proposer (or submitter) and confirmed cosigners."""
    users = [proposal.submitted_by] if proposal.kind == Proposal.Kind.COLLECTIVE else []
    if proposal.proposer and proposal.proposer.user:
        users.append(proposal.proposer.user)
    for cosigner in proposal.cosigners.exclude(confirmed_at=None).select_related("member__user"):
        if cosigner.member.user:
            users.append(cosigner.member.user)
    return users


def staff_users(proposal: Proposal):
    return User.objects.filter(
        committee_id=proposal.committee_id, groups__name=roles.STAFF, is_active=True
    )


def unit_users(unit, approvers_only: bool = False):
    users = User.objects.filter(unit_account__unit=unit, is_active=True)
    return users.filter(unit_account__is_approver=True) if approvers_only else users


def tell(users, proposal: Proposal, title: str, body: str = "") -> None:
    notify(
        recipients=users,
        title=title,
        body=body or proposal.title,
        link=f"/proposals/{proposal.pk}/",
    )


def require(condition: bool, problem: Problem, detail: str | None = None) -> None:
    if not condition:
        raise ServiceError(problem, detail)
