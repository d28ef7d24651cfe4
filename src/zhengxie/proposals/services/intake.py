"""Collection, submission, cosigning, endorsement and review (立案, 不予立案, 并案)."""

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from zhengxie.core import errors, roles
from zhengxie.core.audit import audit_log, snapshot
from zhengxie.core.errors import Problem, ServiceError, require
from zhengxie.core.models import Committee, Session, Term, User
from zhengxie.core.queries import staff_users
from zhengxie.duty.services import duty_record, duty_retract
from zhengxie.members.models import HandlingUnit, Member, Membership, Sector, SpecialCommittee
from zhengxie.opinions.services import opinion_from_proposal

from .. import audit_actions
from ..models import Category, CollectionCall, Cosigner, Endorsement, Proposal, SerialCounter
from ..queries import policy_for
from ..workflow import IN_REVIEW, PROPOSAL
from .base import proposer_users
from .handling import WRONG_UNIT

S = Proposal.State
NOT_A_MEMBER = Problem("not_a_member", "只有本届委员可以提交提案。", 403)
NO_SESSION = Problem("no_session", "尚未设立全体会议,暂不能提交提案。", 409)
TITLE_REQUIRED = Problem("title_required", "请填写案由。")
BODY_REQUIRED = Problem("body_required", "请填写提案内容(情况与问题)。")
JOINT_NEEDS_COSIGNERS = Problem("joint_needs_cosigners", "联名提案至少需要邀请一位联名委员。")
BAD_COSIGNER = Problem("bad_cosigner", "联名委员须为本届其他委员。")
COLLECTIVE_NEEDS_NAME = Problem(
    "collective_needs_name", "集体提案须写明提案单位(界别、专委会或党派)。"
)
WINDOW_CLOSED = Problem("window_closed", "提案征集已截止,不能再附议。", 409)
ALREADY_ENDORSED = Problem("already_endorsed", "您已附议过该提案。", 409)
UNENDORSE_CLOSED = Problem("unendorse_window_closed", "提案征集已截止,不能撤回附议。", 409)
REASON_REQUIRED = Problem("reason_required", "请填写理由。")
BAD_MERGE = Problem("bad_merge", "只能并入同一次会议中尚在审查或已立案的另一件提案。", 409)
CORRECT_AFTER_ASSIGN = Problem("correct_after_assign", "提案已交办,不能再更正审查结果。", 409)
COSIGN_DONE = Problem("cosign_done", "您已答复过联名邀请。", 409)


def current_membership(user: User) -> Membership | None:
    member = getattr(user, "member", None)
    if member is None:
        return None
    return (
        member.memberships.filter(term__is_current=True, left_on=None)
        .select_related("sector", "term")
        .first()
    )


def intake_session(committee: Committee, today: date) -> tuple[Session, bool]:
    """The session a new proposal belongs to, and whether it is a 平时提案: the session whose
    collection window is open, else the latest session of the current term."""
    call = (
        CollectionCall.objects.filter(
            session__term__committee=committee, opens_on__lte=today, closes_on__gte=today
        )
        .select_related("session")
        .first()
    )
    if call:
        return call.session, False
    session = (
        Session.objects.filter(term__committee=committee, term__is_current=True)
        .order_by("-number")
        .first()
    )
    if session is None:
        raise ServiceError(NO_SESSION)
    return session, True


def _cosigner_members(
    committee: Committee, term: Term, ids: Iterable[int], proposer: Member | None
) -> list[Member]:
    wanted = set(ids)
    found = list(
        Member.objects.filter(
            pk__in=wanted, committee=committee, memberships__term=term, memberships__left_on=None
        )
    )
    require(len(found) == len(wanted), BAD_COSIGNER)
    require(proposer is None or proposer.pk not in wanted, BAD_COSIGNER)
    return found


def proposal_create(
    *,
    actor: User,
    kind: str,
    title: str,
    situation: str,
    analysis: str = "",
    suggestions: str = "",
    category: Category | None = None,
    suggested_units: Iterable[HandlingUnit] = (),
    cosigner_ids: Iterable[int] = (),
    collective_name: str = "",
    collective_sector: Sector | None = None,
    collective_special_committee: SpecialCommittee | None = None,
    submit: bool = True,
    now: datetime | None = None,
) -> Proposal:
    now = now or timezone.now()
    title, situation = title.strip(), situation.strip()
    require(bool(title), TITLE_REQUIRED)
    require(len(title) <= 200, TITLE_REQUIRED, "案由不能超过200字。")
    require(bool(situation), BODY_REQUIRED)
    membership = current_membership(actor)
    committee = actor.committee
    if kind == Proposal.Kind.COLLECTIVE:
        require(actor.has_role(roles.STAFF, roles.MEMBER), NOT_A_MEMBER)
        require(bool(collective_name.strip()), COLLECTIVE_NEEDS_NAME)
    else:
        require(membership is not None, NOT_A_MEMBER)
        # A member's own proposal names no collective proposer, whatever a form sent along.
        collective_name, collective_sector, collective_special_committee = "", None, None
    cosigner_ids = list(cosigner_ids)
    require(kind != Proposal.Kind.JOINT or bool(cosigner_ids), JOINT_NEEDS_COSIGNERS)
    session, between = intake_session(committee, timezone.localdate(now))
    proposer = membership.member if membership and kind != Proposal.Kind.COLLECTIVE else None
    cosigners = _cosigner_members(committee, session.term, cosigner_ids, proposer)
    # Not durable: the demo loader runs it inside its one transaction, and the engine's
    # tests (core/tests/test_workflow.py) inside the one they begin a step in.
    with transaction.atomic():
        proposal = Proposal.objects.create(
            committee=committee,
            session=session,
            between_sessions=between,
            kind=kind,
            proposer=proposer,
            submitted_by=actor,
            title=title,
            situation=situation,
            analysis=analysis.strip(),
            suggestions=suggestions.strip(),
            category=category,
            collective_name=collective_name.strip(),
            collective_sector=collective_sector,
            collective_special_committee=collective_special_committee,
            sector=collective_sector if proposer is None else membership.sector,
        )
        proposal.suggested_units.set(list(suggested_units))
        Cosigner.objects.bulk_create(
            Cosigner(proposal=proposal, member=m, invited_at=now) for m in cosigners
        )
        audit_log(
            actor=actor,
            action=audit_actions.CREATE,
            target=proposal,
            committee=committee,
            after={
                **snapshot(proposal, ["kind", "title", "session_id"]),
                "cosigners": [m.pk for m in cosigners],
            },
            now=now,
        )
        if cosigners:
            invited = [m.user for m in cosigners if m.user]
            PROPOSAL.tell(invited, proposal, f"{proposal.proposer_label}邀请您联名提案", title)
        if submit:
            return proposal_submit(actor=actor, proposal=proposal, now=now)
    return proposal


DRAFT_FIELDS = {"title", "situation", "analysis", "suggestions", "category"}


def proposal_edit_draft(
    *,
    actor: User,
    proposal: Proposal,
    suggested_units: Iterable[HandlingUnit] | None = None,
    cosigner_ids: Iterable[int] | None = None,
    submit: bool = False,
    now: datetime | None = None,
    **changes,
) -> Proposal:
    """The proposer revises their own draft (the fields given; units and cosigners when
    given, inviting the new cosigners and withdrawing the dropped), then keeps it as a
    draft or submits it. Whoever may submit the draft may edit it, and only while it is one."""
    require(set(changes) <= DRAFT_FIELDS, errors.BAD_INPUT)
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        locked, _ = PROPOSAL.begin(actor, proposal, "submit")
        after = _revise(locked, changes)
        if suggested_units is not None:
            after["suggested_units"] = _resuggest(locked, list(suggested_units))
        if cosigner_ids is not None:
            after["cosigners"] = _reinvite(locked, set(cosigner_ids), now)
        require(
            locked.kind != Proposal.Kind.JOINT or locked.cosigners.exists(), JOINT_NEEDS_COSIGNERS
        )
        audit_log(
            actor=actor,
            action=audit_actions.EDIT_DRAFT,
            target=locked,
            committee=locked.committee,
            after=after,
            now=now,
        )
        if submit:
            return proposal_submit(actor=actor, proposal=locked, now=now)
    return locked


def _revise(proposal: Proposal, changes: dict) -> dict:
    for name, value in changes.items():
        setattr(proposal, name, value.strip() if isinstance(value, str) else value)
    require(bool(proposal.title), TITLE_REQUIRED)
    require(len(proposal.title) <= 200, TITLE_REQUIRED, "案由不能超过200字。")
    require(bool(proposal.situation), BODY_REQUIRED)
    category = changes.get("category")
    require(category is None or category.committee_id == proposal.committee_id, errors.BAD_INPUT)
    proposal.save(update_fields=list(changes))
    return snapshot(proposal, list(changes))


def _resuggest(proposal: Proposal, units: list[HandlingUnit]) -> list[int]:
    for unit in units:
        require(unit.committee_id == proposal.committee_id and unit.is_active, WRONG_UNIT)
    proposal.suggested_units.set(units)
    return [u.pk for u in units]


def _reinvite(proposal: Proposal, wanted: set[int], now: datetime) -> list[int]:
    """Invitations follow the names on the draft: a dropped cosigner's invitation (answered
    or not) goes, a new one is sent; those kept keep their answer."""
    members = _cosigner_members(
        proposal.committee, proposal.session.term, wanted, proposal.proposer
    )
    proposal.cosigners.exclude(member__in=members).delete()
    invited = set(proposal.cosigners.values_list("member_id", flat=True))
    new = [m for m in members if m.pk not in invited]
    Cosigner.objects.bulk_create(Cosigner(proposal=proposal, member=m, invited_at=now) for m in new)
    if new:
        PROPOSAL.tell(
            [m.user for m in new if m.user],
            proposal,
            f"{proposal.proposer_label}邀请您联名提案",
            proposal.title,
        )
    return sorted(m.pk for m in members)


def proposal_submit(*, actor: User, proposal: Proposal, now: datetime | None = None) -> Proposal:
    now = now or timezone.now()
    # Not durable: proposal_create and proposal_edit_draft submit inside theirs.
    with transaction.atomic():
        locked, transition = PROPOSAL.begin(actor, proposal, "submit")
        locked.submitted_at = now
        PROPOSAL.finish(actor, locked, transition, now=now, fields=("submitted_at",))
        PROPOSAL.tell(staff_users(locked.committee_id), locked, "收到新提案,请审查", locked.title)
    return locked


def _answer_invitation(actor: User, proposal: Proposal, action: str, now: datetime) -> Proposal:
    # Not durable: the demo loader confirms cosigners inside its transaction.
    with transaction.atomic():
        locked, transition = PROPOSAL.begin(actor, proposal, action)
        # Confirming and refusing at once (two tabs): the second sees the first's answer.
        invitation = locked.cosigners.select_for_update().get(member=actor.member)
        if invitation.confirmed_at or invitation.refused_at:
            raise ServiceError(COSIGN_DONE)
        if action == "confirm_cosign":
            invitation.confirmed_at = now
        else:
            invitation.refused_at = now
        invitation.save(update_fields=["confirmed_at", "refused_at"])
        return PROPOSAL.finish(actor, locked, transition, now=now, note=str(actor))


def proposal_confirm_cosign(
    *, actor: User, proposal: Proposal, now: datetime | None = None
) -> Proposal:
    return _answer_invitation(actor, proposal, "confirm_cosign", now or timezone.now())


def proposal_refuse_cosign(
    *, actor: User, proposal: Proposal, now: datetime | None = None
) -> Proposal:
    return _answer_invitation(actor, proposal, "refuse_cosign", now or timezone.now())


def _endorsement_open(proposal: Proposal, today: date) -> bool:
    call = CollectionCall.objects.filter(session_id=proposal.session_id).first()
    if call is None or proposal.between_sessions:
        return proposal.state in IN_REVIEW
    return call.opens_on <= today <= call.closes_on


def proposal_endorse(*, actor: User, proposal: Proposal, now: datetime | None = None) -> Proposal:
    """附议 in the collection window: the share who submitted or endorsed is reported (seed 004
    L62: 提交和附议提案的委员128人)."""
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, transition = PROPOSAL.begin(actor, proposal, "endorse")
        require(_endorsement_open(locked, timezone.localdate(now)), WINDOW_CLOSED)
        require(not locked.endorsements.filter(member=actor.member).exists(), ALREADY_ENDORSED)
        Endorsement.objects.create(proposal=locked, member=actor.member, at=now)
        duty_record(
            member=actor.member,
            kind="proposal_endorsed",
            date=timezone.localdate(now),
            source=locked,
            actor=actor,
        )
        return PROPOSAL.finish(actor, locked, transition, now=now, note=str(actor))


def proposal_unendorse(*, actor: User, proposal: Proposal, now: datetime | None = None) -> Proposal:
    """撤回附议 while endorsing is still open: the endorsement and its duty record go. A
    proposal declined or merged keeps its endorsements: seed 004 L62 counts the members who
    submitted or endorsed over the proposals received (83件), not those registered (81件)."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        locked, transition = PROPOSAL.begin(actor, proposal, "unendorse")
        require(_endorsement_open(locked, timezone.localdate(now)), UNENDORSE_CLOSED)
        locked.endorsements.filter(member=actor.member).delete()
        duty_retract(member=actor.member, kind="proposal_endorsed", source=locked, actor=actor)
        return PROPOSAL.finish(actor, locked, transition, now=now, note=str(actor))


def _next_serial(session: Session) -> int:
    counter, _ = SerialCounter.objects.get_or_create(session=session)
    # Two registrations in one session at once must not draw the same 提案号.
    counter = SerialCounter.objects.select_for_update().get(pk=counter.pk)
    if counter.released:
        serial = min(counter.released)
        counter.released = sorted(set(counter.released) - {serial})
    else:
        counter.last += 1
        serial = counter.last
    counter.save(update_fields=["last", "released"])
    return serial


def _release_serial(session: Session, serial: int) -> None:
    # A number released while another registration draws one is not lost or handed twice.
    counter = SerialCounter.objects.select_for_update().get(session=session)
    counter.released = sorted(set(counter.released) | {serial})
    counter.save(update_fields=["released"])


def credited_members(proposal: Proposal) -> list[Member]:
    """Members a registration counts for: proposer and confirmed cosigners, of this proposal
    and of every proposal merged into it; a collective proposal's group members when the
    committee says so."""
    members = [proposal.proposer] if proposal.proposer else []
    members += [
        c.member for c in proposal.cosigners.exclude(confirmed_at=None).select_related("member")
    ]
    if (
        proposal.kind == Proposal.Kind.COLLECTIVE
        and policy_for(proposal.committee_id).collective_duty_for_members
    ):
        group = Membership.objects.filter(term=proposal.session.term, left_on=None)
        if proposal.collective_sector_id:
            members += [m.member for m in group.filter(sector=proposal.collective_sector_id)]
        elif proposal.collective_special_committee_id:
            members += [
                m.member
                for m in group.filter(special_committees=proposal.collective_special_committee_id)
            ]
    for merged in proposal.merged_proposals.all():
        members += credited_members(merged)
    return list({m.pk: m for m in members}.values())


def credit(proposal: Proposal, kind: str, *, source: Proposal, now: datetime, actor: User) -> None:
    """Record duty of `kind`, dated the committee's day of `now`, for every member the
    proposal counts for (`credited_members`)."""
    for member in credited_members(proposal):
        duty_record(
            member=member, kind=kind, date=timezone.localdate(now), source=source, actor=actor
        )


def proposal_register(
    *,
    actor: User,
    proposal: Proposal,
    category: Category | None = None,
    now: datetime | None = None,
) -> Proposal:
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, transition = PROPOSAL.begin(actor, proposal, "register")
        locked.serial = _next_serial(locked.session)
        locked.registered_at = now
        locked.category = category or locked.category
        PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=("serial", "registered_at", "category"),
            note=f"立案编号第{locked.serial}号",
            audit={"serial": locked.serial},
        )
        credit(locked, "proposal_registered", source=locked, now=now, actor=actor)
        PROPOSAL.tell(proposer_users(locked), locked, f"您的提案已立案(第{locked.serial}号)")
    return locked


def proposal_decline(
    *,
    actor: User,
    proposal: Proposal,
    reason: str,
    convert_to: str | None,
    now: datetime | None = None,
) -> Proposal:
    """不予立案 with a reason, or turned into a 社情民意 item or a 委员来信 sent to the bodies
    that hold the matter (未予立案的提案作为委员来信: seed 002 L100)."""
    require(bool(reason.strip()), REASON_REQUIRED)
    kind = convert_to or Proposal.DeclineKind.DECLINED
    require(kind in Proposal.DeclineKind.values, errors.BAD_INPUT, "convert_to 取值不正确。")
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, transition = PROPOSAL.begin(actor, proposal, "decline")
        locked.decline_kind, locked.decline_reason, locked.declined_at = kind, reason.strip(), now
        PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=("decline_kind", "decline_reason", "declined_at"),
            note=f"{locked.get_decline_kind_display()}:{reason}",
            audit={"kind": kind},
        )
        if kind == Proposal.DeclineKind.OPINION:
            opinion_from_proposal(actor=actor, proposal=locked, now=now)
        PROPOSAL.tell(
            proposer_users(locked),
            locked,
            f"您的提案未予立案({locked.get_decline_kind_display()})",
            reason,
        )
    return locked


def proposal_merge(
    *, actor: User, proposal: Proposal, into: Proposal, now: datetime | None = None
) -> Proposal:
    """并案: `proposal` is handled as part of `into`; its proposers keep their credit."""
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, transition = PROPOSAL.begin(actor, proposal, "merge")
        # The proposal merged into must not be declined or merged itself meanwhile.
        target = Proposal.objects.select_for_update().get(pk=into.pk)
        require(
            target.pk != locked.pk
            and target.session_id == locked.session_id
            and target.state in IN_REVIEW,
            BAD_MERGE,
        )
        if locked.serial:
            _release_serial(locked.session, locked.serial)
            locked.serial = None
        locked.merged_into, locked.merged_at = target, now
        PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=("merged_into", "merged_at", "serial"),
            note=f"并入“{target.title}”",
            audit={"into": target.pk},
        )
        if target.registered_at:
            credit(locked, "proposal_registered", source=target, now=now, actor=actor)
        PROPOSAL.tell(proposer_users(locked), locked, "您的提案已与同类提案并案办理", target.title)
    return locked


def proposal_correct(
    *, actor: User, proposal: Proposal, reason: str, now: datetime | None = None
) -> Proposal:
    """Undo a review decision; only as a logged correction, and not once handling began."""
    require(bool(reason.strip()), REASON_REQUIRED)
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        locked, transition = PROPOSAL.begin(actor, proposal, "correct")
        require(locked.assigned_at is None, CORRECT_AFTER_ASSIGN)
        previous = snapshot(locked, ["state", "serial", "decline_kind", "merged_into_id"])
        if locked.serial:
            _release_serial(locked.session, locked.serial)
        for member in credited_members(locked):
            duty_retract(member=member, kind="proposal_registered", source=locked, actor=actor)
        locked.serial = locked.registered_at = locked.declined_at = locked.merged_at = None
        locked.merged_into, locked.decline_kind, locked.decline_reason = None, "", ""
        return PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=(
                "serial",
                "registered_at",
                "declined_at",
                "merged_at",
                "merged_into",
                "decline_kind",
                "decline_reason",
            ),
            note=f"更正:{reason}",
            audit={"corrected": previous, "reason": reason},
        )
