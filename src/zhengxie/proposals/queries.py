"""Reads of proposals for pages, API, exports and statistics."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from zhengxie.core import roles
from zhengxie.core.models import User
from zhengxie.core.queries import committee_rules
from zhengxie.members.permissions import unit_account

from .models import (
    Assignment,
    Attachment,
    CollectionCall,
    Contact,
    Cosigner,
    Evaluation,
    Proposal,
    ProposalPolicy,
    Reply,
    Step,
)
from .permissions import is_cosigner, is_proposer
from .workflow import AT_UNIT, AWAITING_REPLY

LIST_RELATED = ("proposer", "session__term", "lead_unit", "category", "sector")


def policy_for(committee_id: int) -> ProposalPolicy:
    """The committee's handling rules (`committee_rules`: never written by a read)."""
    return committee_rules(ProposalPolicy, committee_id)


def _readable(user: User) -> Q:
    """The one rule of who reads a proposal, for lists, pages, files, documents and the API:
    a draft is its authors' alone (the proposer or submitter and the invited cosigners);
    staff, leaders and members read every submitted proposal of their committee; a handling
    unit reads only the proposals of its active assignment in the current round, so a
    relieved or replaced unit loses them."""
    account = unit_account(user)
    if account is not None:
        return Q(
            Exists(
                Assignment.objects.filter(
                    proposal=OuterRef("pk"), unit=account.unit, active=True, round=OuterRef("round")
                )
            )
        )
    authored = Q(submitted_by=user)
    member = getattr(user, "member", None)
    if member is not None:
        invited = Cosigner.objects.filter(proposal=OuterRef("pk"), member=member, refused_at=None)
        authored |= Q(proposer=member) | Q(Exists(invited))
    if user.has_role(roles.STAFF, roles.LEADER, roles.MEMBER):
        return authored | ~Q(state=Proposal.State.DRAFT)
    return authored


def proposals_for(user: User) -> QuerySet[Proposal]:
    """Every proposal `user` may read."""
    if not user.is_authenticated or user.committee_id is None:
        return Proposal.objects.none()
    return Proposal.objects.filter(_readable(user), committee_id=user.committee_id).select_related(
        *LIST_RELATED
    )


@dataclass(frozen=True)
class ProposalFilter:
    """The list's search, one for the page (`?state=&session=&unit=&key=1&q=&mine=1`) and
    the API (`?state=&session_id=&unit_id=&key=&q=&mine=`)."""

    state: str | None = None
    session_id: int | None = None
    unit_id: int | None = None
    key: bool | None = None
    q: str = ""
    mine: bool = False


def filtered(user: User, rows: QuerySet[Proposal], criteria: ProposalFilter) -> QuerySet[Proposal]:
    """`rows` (proposals `user` reads) narrowed to `criteria`."""
    if criteria.state:
        rows = rows.filter(state=criteria.state)
    if criteria.session_id:
        rows = rows.filter(session_id=criteria.session_id)
    if criteria.unit_id:
        rows = rows.filter(lead_unit_id=criteria.unit_id)
    if criteria.key is not None:
        rows = rows.filter(key=criteria.key)
    if criteria.q.strip():
        rows = rows.filter(title__contains=criteria.q.strip())
    if criteria.mine:
        rows = rows.filter(Q(proposer__user=user) | Q(submitted_by=user))
    return rows


def proposal_for_user(user: User, proposal_id: int) -> Proposal:
    """The proposal if `user` may read it; 404 otherwise, so ids reveal nothing."""
    return get_object_or_404(proposals_for(user), pk=proposal_id)


def speaks_for(user: User, proposal: Proposal) -> bool:
    """The proposer (or submitter) and the confirmed cosigners: those the units talk to."""
    return is_proposer(user, proposal) or is_cosigner(user, proposal, confirmed_only=True)


def _reads_everything(user: User, proposal: Proposal) -> bool:
    """The committee's staff and leaders read every step, reply and file of a proposal."""
    return user.has_role(roles.STAFF, roles.LEADER) and user.committee_id == proposal.committee_id


def steps_for(user: User, proposal: Proposal) -> QuerySet[Step]:
    """The timeline as `user` may read it: a unit's internal entries (its relief request, the
    approver's 退回修改 note, a draft reply's category and 文号) stay with the committee and
    that unit; a reply's entry reaches the proposer and members once the reply is released."""
    steps = proposal.steps.all()
    if _reads_everything(user, proposal):
        return steps
    seen = Q(audience=Step.Audience.EVERYONE) | Q(
        audience=Step.Audience.RELEASED, reply__released_at__isnull=False
    )
    account = unit_account(user)
    if account is not None:
        seen |= Q(unit=account.unit) | Q(audience__in=[Step.Audience.UNITS, Step.Audience.PARTIES])
    elif speaks_for(user, proposal):
        seen |= Q(audience=Step.Audience.PARTIES)
    return steps.filter(seen)


def contacts_for(user: User, proposal: Proposal) -> QuerySet[Contact]:
    """沟通 records are between the units and the proposer: other members do not read them."""
    contacts = proposal.contacts.select_related("unit")
    if _reads_everything(user, proposal) or unit_account(user) or speaks_for(user, proposal):
        return contacts
    return contacts.none()


def attachments_for(user: User, proposal: Proposal) -> QuerySet[Attachment]:
    """The files `user` may list and download: the proposer's material goes wherever the
    proposal goes; a signed reply (复文) goes where its reply goes (`replies_for`), and until
    the reply is submitted it stays with the committee and the unit that uploaded it."""
    files = proposal.attachments.select_related("reply").order_by("uploaded_at", "id")
    if _reads_everything(user, proposal):
        return files
    seen = Q(purpose=Attachment.Purpose.PROPOSAL) | Q(reply__released_at__isnull=False)
    account = unit_account(user)
    if account is not None:
        seen |= Q(purpose=Attachment.Purpose.REPLY, uploaded_by__unit_account__unit=account.unit)
    return files.filter(seen)


def unit_inbox(user: User) -> QuerySet[Proposal]:
    """What a unit has to handle now: the open proposals it reads (its active assignments
    of the current round)."""
    account = unit_account(user)
    if account is None:
        return Proposal.objects.none()
    return proposals_for(user).filter(state__in=AT_UNIT).order_by("deadline", "id")


def invited_to_cosign(user: User, today: date) -> QuerySet[Proposal]:
    """Proposals whose proposer asked `user` to cosign, still unanswered."""
    return proposals_for(user).filter(
        cosigners__member__user=user, cosigners__confirmed_at=None, cosigners__refused_at=None
    )


def unit_overdue(user: User, today: date) -> QuerySet[Proposal]:
    return unit_inbox(user).filter(deadline__lt=today)


def unit_reply_to_sign(user: User, today: date) -> QuerySet[Proposal]:
    """A reply drafted by the unit, waiting for its approver's sign-off (签发)."""
    return unit_inbox(user).filter(state=Proposal.State.REPLY_PENDING)


def supervised_by(user: User, today: date) -> QuerySet[Proposal]:
    return proposals_for(user).filter(key=True, supervisor__member__user=user)


def second_round_to_arrange(user: User, today: date) -> QuerySet[Proposal]:
    """Replies the proposer found 不满意 in the first round: staff arrange a second handling."""
    return proposals_for(user).filter(state=Proposal.State.REPLIED, rating="unsatisfied", round=1)


def submitted_by_me(user: User, today: date) -> QuerySet[Proposal]:
    return proposals_for(user).filter(proposer__user=user).exclude(state=Proposal.State.DRAFT)


def replies_to_evaluate(user: User, today: date) -> QuerySet[Proposal]:
    """Replied and not yet evaluated in this round (after 不满意 the proposal stays replied
    until staff start round 2)."""
    evaluated = Evaluation.objects.filter(proposal=OuterRef("pk"), round=OuterRef("round"))
    return proposals_for(user).filter(
        ~Exists(evaluated), proposer__user=user, state=Proposal.State.REPLIED
    )


# What a home-page counter counts and the list its link opens (`?filter=<name>`): one
# definition each, so that the number and the rows cannot drift apart.
NAMED_LISTS: dict[str, tuple[str, Callable[[User, date], QuerySet[Proposal]]]] = {
    "mine": ("我提交的提案", submitted_by_me),
    "to_evaluate": ("待我评价的答复", replies_to_evaluate),
    "invited": ("邀请我联名", invited_to_cosign),
    "second_round": ("二次办理待安排", second_round_to_arrange),
    "unit_overdue": ("本单位已超期", unit_overdue),
    "reply_to_sign": ("答复待签发", unit_reply_to_sign),
    "supervised": ("我督办的重点提案", supervised_by),
}


def named_list(user: User, name: str, today: date) -> QuerySet[Proposal] | None:
    entry = NAMED_LISTS.get(name)
    return entry[1](user, today).distinct() if entry else None


def registered_for_assignment(user: User) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(committee_id=user.committee_id, state=Proposal.State.REGISTERED)
        .select_related(*LIST_RELATED)
        .prefetch_related("suggested_units")
        .order_by("session", "serial")
    )


def overdue(committee, today: date) -> list[Proposal]:
    """Open proposals past their deadline, longest overdue first."""
    return list(
        Proposal.objects.filter(committee=committee, state__in=AWAITING_REPLY, deadline__lt=today)
        .select_related(*LIST_RELATED)
        .order_by("deadline", "serial")
    )


def overdue_by_unit(rows: list[Proposal]) -> list[tuple[str, int]]:
    counts = Counter(p.lead_unit.name for p in rows if p.lead_unit)
    return counts.most_common()


def published_committees() -> list[dict]:
    """The committees of the deployment with published proposals, and how many each."""
    return list(
        Proposal.objects.filter(published=True)
        .values("committee_id", "committee__full_name")
        .annotate(count=Count("id"))
        .order_by("committee__full_name")
    )


def published(committee_id: int | None = None, q: str = "") -> QuerySet[Proposal]:
    """Published proposals, of one committee for its public list (a deployment hosts many)."""
    rows = Proposal.objects.filter(published=True)
    if committee_id is not None:
        rows = rows.filter(committee_id=committee_id)
    rows = rows.select_related(
        "session__term", "sector", "proposer", "lead_unit", "committee"
    ).order_by("-replied_at", "-id")
    return rows.filter(title__contains=q.strip()) if q.strip() else rows


def public_replies(proposal: Proposal) -> QuerySet[Reply]:
    """Replies released to the proposer: signed off by the unit, and reviewed where the
    committee reviews."""
    return proposal.replies.exclude(released_at=None).select_related("unit")


def open_call(committee, today: date) -> CollectionCall | None:
    return (
        CollectionCall.objects.filter(
            session__term__committee=committee, opens_on__lte=today, closes_on__gte=today
        )
        .select_related("session__term")
        .first()
    )


def replies_for(user: User, proposal: Proposal) -> QuerySet[Reply]:
    """The committee reads every reply; a unit its own drafts and the released replies; the
    proposer and members only the released ones."""
    replies = proposal.replies.select_related("unit")
    if _reads_everything(user, proposal):
        return replies
    released = Q(released_at__isnull=False)
    account = unit_account(user)
    if account is not None:
        released |= Q(unit=account.unit)
    return replies.filter(released)
