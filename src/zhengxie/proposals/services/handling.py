"""Assignment (交办), relief, contacts, co-handling, replies and their review."""

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from zhengxie.core import errors
from zhengxie.core.calendar import calendar_exceptions
from zhengxie.core.errors import Problem, ServiceError, require
from zhengxie.core.models import User
from zhengxie.core.queries import staff_users
from zhengxie.lib.dates import cn_date
from zhengxie.lib.workdays import working_days_between
from zhengxie.members.models import HandlingUnit

from ..deadlines import deadline_for, deadline_set
from ..models import Assignment, Attachment, Contact, Proposal, Reply, Step
from ..permissions import active_assignment
from ..queries import policy_for
from ..workflow import PROPOSAL
from .base import proposer_users, unit_users

S = Proposal.State
LEAD_REQUIRED = Problem("lead_required", "请选择一个主办单位。")
UNIT_TWICE = Problem("unit_twice", "同一单位不能既主办又会办。")
WRONG_UNIT = Problem("wrong_unit", "所选单位不属于本政协或已停用。")
RELIEF_LATE = Problem("relief_late", "已超过申请退回的期限({days}个工作日)。", 409)
RELIEF_TWICE = Problem("relief_twice", "已经申请过退回,请等待重新交办。", 409)
NOT_ASSIGNED_UNIT = Problem("not_assigned_unit", "该单位没有承办此提案。", 409)
CO_UNITS_PENDING = Problem(
    "co_units_pending", "会办单位尚未全部提交会办意见并会签,暂不能提交答复。", 409
)
REPLY_NEEDS_CONTACT = Problem(
    "reply_needs_contact",
    "答复前须先与提案人沟通协商并记录(未经沟通协商,提案复文不得进入报批程序)。",
    409,
)
KEY_NEEDS_MEETING = Problem(
    "key_needs_meeting", "重点提案须先与提案人当面沟通(未经面对面协商,复文不得进入报批程序)。", 409
)
REPLY_CATEGORY = Problem("reply_category", "答复类别须为A、B或C。")
REPLY_TEXT = Problem("reply_text", "请填写答复内容;C类答复须写明留作参考的理由。")
RECLASSIFY_REASON = Problem("reclassify_reason", "调整答复类别须写明理由。")
CONTACT_MODE = Problem("contact_mode", "沟通方式不正确。")
NOT_IN_PERSON = Problem("not_in_person", "只有当面沟通需要提案人确认。", 409)
CO_OPINION_TEXT = Problem("co_opinion_text", "请填写会办意见。")


def _check_units(proposal: Proposal, units: Iterable[HandlingUnit]) -> None:
    for unit in units:
        require(unit.committee_id == proposal.committee_id and unit.is_active, WRONG_UNIT)


def new_assignment(proposal: Proposal, unit: HandlingUnit, role: str, now) -> Assignment:
    """Unsaved: `deadline_set` saves it with its deadline."""
    return Assignment(
        proposal=proposal, unit=unit, role=role, round=proposal.round, assigned_at=now
    )


def proposal_assign(
    *,
    actor: User,
    proposal: Proposal,
    lead_unit: HandlingUnit,
    co_units: Iterable[HandlingUnit] = (),
    deadline: date | None = None,
    now: datetime | None = None,
) -> Proposal:
    co_units = list(co_units)
    require(lead_unit is not None, LEAD_REQUIRED)
    require(lead_unit.pk not in {u.pk for u in co_units}, UNIT_TWICE)
    _check_units(proposal, [lead_unit, *co_units])
    now = now or timezone.now()
    # Not durable: the demo loader assigns inside its one load transaction.
    with transaction.atomic():
        locked, transition = PROPOSAL.begin(actor, proposal, "assign")
        due = deadline_for(locked, today=timezone.localdate(now), requested=deadline)
        locked.lead_unit, locked.assigned_at = lead_unit, now
        deadline_set(
            locked,
            due,
            assignments=[
                new_assignment(locked, lead_unit, Assignment.Role.LEAD, now),
                *(new_assignment(locked, unit, Assignment.Role.CO, now) for unit in co_units),
            ],
        )
        names = "、".join(u.name for u in co_units)
        PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=("lead_unit", "assigned_at"),
            note=f"主办:{lead_unit.name}"
            + (f";会办:{names}" if names else "")
            + f";办理期限:{cn_date(due.date)}",
            audit={
                "lead_unit": lead_unit.pk,
                "co_units": [u.pk for u in co_units],
                "deadline": due.date,
            },
        )
        for unit in [lead_unit, *co_units]:
            PROPOSAL.tell(unit_users(unit), locked, f"新交办提案,请于{cn_date(due.date)}前办复")
        PROPOSAL.tell(proposer_users(locked), locked, f"您的提案已交{lead_unit.name}办理")
    return locked


def proposal_relieve(
    *, actor: User, proposal: Proposal, reason: str, now: datetime | None = None
) -> Proposal:
    """A unit that is not responsible asks, within the relief window, to be relieved."""
    require(bool(reason.strip()), errors.BAD_INPUT, "请写明申请退回的理由。")
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        locked, transition = PROPOSAL.begin(actor, proposal, "relieve")
        assignment = active_assignment(actor, locked)
        require(assignment.relief_requested_at is None, RELIEF_TWICE)
        days = policy_for(locked.committee_id).relief_working_days
        start, today = timezone.localdate(assignment.assigned_at), timezone.localdate(now)
        exceptions = calendar_exceptions(locked.committee, start, today)
        if working_days_between(start, today, exceptions) > days:
            raise ServiceError(RELIEF_LATE, RELIEF_LATE.detail.format(days=days))
        assignment.relief_reason, assignment.relief_requested_at = reason.strip(), now
        assignment.save(update_fields=["relief_reason", "relief_requested_at"])
        PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            note=f"{assignment.unit}申请退回:{reason}",
            audience=Step.Audience.UNIT,
            unit=assignment.unit,
        )
        PROPOSAL.tell(
            staff_users(locked.committee_id),
            locked,
            f"{assignment.unit}申请退回提案,请重新交办",
            reason,
        )
    return locked


def proposal_reassign(
    *,
    actor: User,
    proposal: Proposal,
    from_unit: HandlingUnit,
    to_unit: HandlingUnit,
    now: datetime | None = None,
) -> Proposal:
    """Staff move one unit's part of the handling to another unit."""
    _check_units(proposal, [to_unit])
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        locked, transition = PROPOSAL.begin(actor, proposal, "reassign")
        old = locked.assignments.filter(unit=from_unit, active=True, round=locked.round).first()
        require(old is not None, NOT_ASSIGNED_UNIT)
        require(
            not locked.assignments.filter(unit=to_unit, active=True, round=locked.round).exists(),
            UNIT_TWICE,
        )
        old.active = False
        old.save(update_fields=["active"])
        # The new unit gets its full window from today; the others keep theirs.
        due = deadline_for(locked, today=timezone.localdate(now))
        deadline_set(locked, due, assignments=[new_assignment(locked, to_unit, old.role, now)])
        fields: tuple[str, ...] = ()
        if old.role == Assignment.Role.LEAD:
            locked.lead_unit = to_unit
            fields = ("lead_unit",)
        PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=fields,
            note=f"由{from_unit.name}改交{to_unit.name}({old.get_role_display()})",
            audit={"from": from_unit.pk, "to": to_unit.pk},
        )
        PROPOSAL.tell(unit_users(to_unit), locked, f"新交办提案,请于{cn_date(due.date)}前办复")
    return locked


def proposal_contact(
    *,
    actor: User,
    proposal: Proposal,
    mode: str,
    note: str,
    at: datetime | None = None,
    now: datetime | None = None,
) -> Contact:
    require(mode in Contact.Mode.values, CONTACT_MODE)
    require(bool(note.strip()), errors.BAD_INPUT, "请填写沟通情况。")
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, transition = PROPOSAL.begin(actor, proposal, "contact")
        assignment = active_assignment(actor, locked)
        contact = Contact.objects.create(
            proposal=locked,
            unit=assignment.unit,
            mode=mode,
            note=note.strip(),
            at=at or now,
            recorded_by=actor,
        )
        PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            note=f"{assignment.unit}{contact.get_mode_display()}:{note}",
            audience=Step.Audience.PARTIES,
            unit=assignment.unit,
        )
        if mode == Contact.Mode.IN_PERSON:
            PROPOSAL.tell(
                proposer_users(locked), locked, f"{assignment.unit}记录了与您的当面沟通,请确认"
            )
    return contact


def proposal_confirm_contact(
    *, actor: User, proposal: Proposal, contact: Contact, now: datetime | None = None
) -> Proposal:
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, transition = PROPOSAL.begin(actor, proposal, "confirm_contact")
        # Confirmed twice at once, the first confirmation's time is the one kept.
        contact = Contact.objects.select_for_update().get(pk=contact.pk, proposal=locked)
        require(contact.mode == Contact.Mode.IN_PERSON, NOT_IN_PERSON)
        contact.confirmed_at = contact.confirmed_at or now
        contact.save(update_fields=["confirmed_at"])
        locked.met_in_person = True
        return PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=("met_in_person",),
            note=f"确认与{contact.unit}当面沟通",
            audience=Step.Audience.PARTIES,
        )


def proposal_co_opinion(
    *, actor: User, proposal: Proposal, text: str, now: datetime | None = None
) -> Proposal:
    require(bool(text.strip()), CO_OPINION_TEXT)
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        locked, transition = PROPOSAL.begin(actor, proposal, "co_opinion")
        assignment = active_assignment(actor, locked, Assignment.Role.CO)
        assignment.co_opinion, assignment.co_opinion_at = text.strip(), now
        assignment.save(update_fields=["co_opinion", "co_opinion_at"])
        PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            note=f"{assignment.unit}:{text}",
            audience=Step.Audience.UNITS,
            unit=assignment.unit,
        )
        PROPOSAL.tell(unit_users(locked.lead_unit), locked, f"{assignment.unit}已提交会办意见")
    return locked


def proposal_countersign(
    *, actor: User, proposal: Proposal, now: datetime | None = None
) -> Proposal:
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        locked, transition = PROPOSAL.begin(actor, proposal, "countersign")
        assignment = active_assignment(actor, locked, Assignment.Role.CO)
        require(assignment.co_opinion_at is not None, CO_OPINION_TEXT, "请先提交会办意见再会签。")
        assignment.countersigned_at = assignment.countersigned_at or now
        assignment.save(update_fields=["countersigned_at"])
        return PROPOSAL.finish(actor, locked, transition, now=now, note=f"{assignment.unit}已会签")


def _co_units_done(proposal: Proposal) -> bool:
    co = proposal.assignments.filter(role=Assignment.Role.CO, active=True, round=proposal.round)
    return not co.filter(countersigned_at=None).exists()


def _check_communicated(proposal: Proposal) -> None:
    """未经沟通协商特别是重点提案未经面对面协商,提案复文不得进入报批程序 (seed 001 L365): the lead
    unit has recorded a communication with the proposer; for a key proposal, an in-person one."""
    contacts = proposal.contacts.filter(unit=proposal.lead_unit)
    require(contacts.exists(), REPLY_NEEDS_CONTACT)
    if proposal.key:
        require(contacts.filter(mode=Contact.Mode.IN_PERSON).exists(), KEY_NEEDS_MEETING)


def proposal_reply(
    *,
    actor: User,
    proposal: Proposal,
    category: str,
    text: str,
    doc_number: str = "",
    now: datetime | None = None,
) -> Reply:
    """The lead unit submits its reply (复文) for the unit approver's sign-off."""
    require(category in Proposal.ReplyCategory.values, REPLY_CATEGORY)
    require(bool(text.strip()), REPLY_TEXT)
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, transition = PROPOSAL.begin(actor, proposal, "reply")
        require(_co_units_done(locked), CO_UNITS_PENDING)
        _check_communicated(locked)
        reply = Reply.objects.create(
            proposal=locked,
            round=locked.round,
            unit=locked.lead_unit,
            doc_number=doc_number.strip(),
            category=category,
            text=text.strip(),
            drafted_by=actor,
            submitted_at=now,
        )
        PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            note=f"{reply.get_category_display()} {reply.doc_number}".strip(),
            audit={"category": category, "doc_number": reply.doc_number},
            audience=Step.Audience.RELEASED,
            unit=reply.unit,
            reply=reply,
        )
        # The signed reply (复文) uploaded while the reply was drafted goes with it.
        locked.attachments.filter(
            purpose=Attachment.Purpose.REPLY,
            reply=None,
            uploaded_by__unit_account__unit=reply.unit,
        ).update(reply=reply)
        PROPOSAL.tell(unit_users(locked.lead_unit, approvers_only=True), locked, "提案答复待您签发")
    return reply


def pending_reply(proposal: Proposal) -> Reply:
    return proposal.replies.filter(round=proposal.round).order_by("-id").first()


def proposal_return_reply(
    *, actor: User, proposal: Proposal, reason: str, now: datetime | None = None
) -> Proposal:
    require(bool(reason.strip()), errors.BAD_INPUT, "请写明退回修改的理由。")
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        locked, transition = PROPOSAL.begin(actor, proposal, "return_reply")
        pending_reply(locked).delete()
        # The approver's note is the unit's own business: never the proposer's or members'.
        PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            note=f"退回修改:{reason}",
            audience=Step.Audience.UNIT,
            unit=locked.lead_unit,
        )
        PROPOSAL.tell(unit_users(locked.lead_unit), locked, "答复被退回修改", reason)
    return locked


def _mark_replied(proposal: Proposal, reply: Reply, now: datetime) -> tuple[str, ...]:
    if proposal.replied_at is None:
        proposal.replied_at = now
        proposal.replied_late = timezone.localdate(now) > proposal.deadline
    proposal.reply_category = reply.final_category
    reply.copied_to = policy_for(proposal.committee_id).reply_copied_to
    reply.released_at = now
    reply.save(update_fields=["copied_to", "released_at"])
    PROPOSAL.tell(proposer_users(proposal), proposal, "您的提案已答复,请查看并评价")
    return ("replied_at", "replied_late", "reply_category")


def proposal_approve_reply(
    *, actor: User, proposal: Proposal, now: datetime | None = None
) -> Proposal:
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, transition = PROPOSAL.begin(actor, proposal, "approve_reply")
        reply = pending_reply(locked)
        reply.approved_by, reply.approved_at = actor, now
        reply.save(update_fields=["approved_by", "approved_at"])
        if policy_for(locked.committee_id).review_replies:
            PROPOSAL.finish(actor, locked, transition, now=now, note="单位已签发,待提案委审核")
            PROPOSAL.tell(staff_users(locked.committee_id), locked, "提案答复待审核")
        else:
            fields = _mark_replied(locked, reply, now)
            PROPOSAL.finish(
                actor,
                locked,
                transition,
                now=now,
                fields=fields,
                target=S.REPLIED,
                note="单位已签发答复",
            )
    return locked


def proposal_accept_reply(
    *,
    actor: User,
    proposal: Proposal,
    category: str = "",
    reason: str = "",
    now: datetime | None = None,
) -> Proposal:
    """The committee's supervising office accepts the reply, re-classifying it with a reason."""
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, transition = PROPOSAL.begin(actor, proposal, "accept_reply")
        reply = pending_reply(locked)
        if category and category != reply.category:
            require(category in Proposal.ReplyCategory.values, REPLY_CATEGORY)
            require(bool(reason.strip()), RECLASSIFY_REASON)
            reply.review_category, reply.review_reason = category, reason.strip()
        reply.reviewed_by, reply.reviewed_at = actor, now
        reply.save(update_fields=["review_category", "review_reason", "reviewed_by", "reviewed_at"])
        fields = _mark_replied(locked, reply, now)
        note = (
            f"类别由{reply.category}类调整为{reply.review_category}类:{reason}"
            if reply.review_category
            else "审核通过"
        )
        return PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=fields,
            note=note,
            audit={"category": reply.final_category},
        )
