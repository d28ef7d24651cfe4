"""The actions of the proposal cycle as both the API and the pages take them: a payload
schema and the service call, per action name of `workflow.PROPOSAL`. Services are called in
the module that holds them, so a new action's service needs no re-export."""

from collections.abc import Callable
from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field

from zhengxie.core import actionforms
from zhengxie.core.actionforms import Empty, Reason, in_committee
from zhengxie.core.inputs import Id, ModelText
from zhengxie.core.inputs import InSchema as Schema
from zhengxie.members.models import HandlingUnit, Membership
from zhengxie.members.queries import current_memberships

from . import queries
from .models import (
    Award,
    Category,
    Contact,
    Evaluation,
    Proposal,
    QualityRating,
    Reply,
    Supervision,
)
from .services import followthrough, handling, intake


class Decline(Schema):
    reason: str
    convert_to: ModelText(Proposal, "decline_kind") | None = None


class Merge(Schema):
    into: Id


class Register(Schema):
    category_id: Id | None = None


class Assign(Schema):
    lead_unit_id: Id
    co_unit_ids: list[Id] = []
    deadline: date | None = None


class Reassign(Schema):
    from_unit_id: Id
    to_unit_id: Id


class ContactIn(Schema):
    mode: ModelText(Contact, "mode")
    note: str


class ConfirmContact(Schema):
    contact_id: Id


class Text(Schema):
    text: str


class ReplyIn(Schema):
    category: ModelText(Reply, "category")
    text: str
    doc_number: ModelText(Reply, "doc_number") = ""


class AcceptReply(Schema):
    category: ModelText(Reply, "review_category") = ""
    reason: str = ""


class Evaluate(Schema):
    rating: ModelText(Evaluation, "rating")
    comment: str = ""


class Quality(Schema):
    grade: ModelText(QualityRating, "grade")
    comment: str = ""


class Rehandle(Schema):
    reason: str
    deadline: date | None = None


class MarkKey(Schema):
    leader_id: Id = Field(description="督办的主席或副主席(委员编号)")
    lead_by: ModelText(Proposal, "lead_by") = Field("", description="阅批、领办的党政领导")


class Supervise(Schema):
    kind: ModelText(Supervision, "kind") = "reminder"
    note: str
    leader_id: int | None = Field(
        None, description="亲自督办的主席或副主席(委员编号);不论由谁录入,主席直接督办以此为准"
    )
    on: date | None = Field(None, alias="date")


class Publish(Schema):
    published: bool = True


class AwardIn(Schema):
    title: ModelText(Award, "title") = "优秀提案"


class FollowUpIn(Schema):
    response: str


def _unit(actor, pk):
    return in_committee(actor, HandlingUnit, pk)


def _visible(actor, proposal_id: int) -> Proposal:
    return queries.proposal_for_user(actor, proposal_id)


def _supervisor(actor, member_id: int) -> Membership:
    return get_object_or_404(current_memberships(actor.committee_id), member_id=member_id)


Action = Callable[..., object]
ACTIONS: dict[str, tuple[type[Schema], Action]] = {
    "submit": (Empty, lambda a, p, d: intake.proposal_submit(actor=a, proposal=p)),
    "confirm_cosign": (
        Empty,
        lambda a, p, d: intake.proposal_confirm_cosign(actor=a, proposal=p),
    ),
    "refuse_cosign": (
        Empty,
        lambda a, p, d: intake.proposal_refuse_cosign(actor=a, proposal=p),
    ),
    "endorse": (Empty, lambda a, p, d: intake.proposal_endorse(actor=a, proposal=p)),
    "unendorse": (Empty, lambda a, p, d: intake.proposal_unendorse(actor=a, proposal=p)),
    "register": (
        Register,
        lambda a, p, d: intake.proposal_register(
            actor=a, proposal=p, category=in_committee(a, Category, d.category_id)
        ),
    ),
    "decline": (
        Decline,
        lambda a, p, d: intake.proposal_decline(
            actor=a, proposal=p, reason=d.reason, convert_to=d.convert_to
        ),
    ),
    "merge": (
        Merge,
        lambda a, p, d: intake.proposal_merge(actor=a, proposal=p, into=_visible(a, d.into)),
    ),
    "correct": (
        Reason,
        lambda a, p, d: intake.proposal_correct(actor=a, proposal=p, reason=d.reason),
    ),
    "assign": (
        Assign,
        lambda a, p, d: handling.proposal_assign(
            actor=a,
            proposal=p,
            lead_unit=_unit(a, d.lead_unit_id),
            co_units=[_unit(a, pk) for pk in d.co_unit_ids],
            deadline=d.deadline,
        ),
    ),
    "relieve": (
        Reason,
        lambda a, p, d: handling.proposal_relieve(actor=a, proposal=p, reason=d.reason),
    ),
    "reassign": (
        Reassign,
        lambda a, p, d: handling.proposal_reassign(
            actor=a,
            proposal=p,
            from_unit=_unit(a, d.from_unit_id),
            to_unit=_unit(a, d.to_unit_id),
        ),
    ),
    "contact": (
        ContactIn,
        lambda a, p, d: handling.proposal_contact(actor=a, proposal=p, mode=d.mode, note=d.note),
    ),
    "confirm_contact": (
        ConfirmContact,
        lambda a, p, d: handling.proposal_confirm_contact(
            actor=a,
            proposal=p,
            contact=get_object_or_404(Contact, pk=d.contact_id, proposal=p),
        ),
    ),
    "co_opinion": (
        Text,
        lambda a, p, d: handling.proposal_co_opinion(actor=a, proposal=p, text=d.text),
    ),
    "countersign": (Empty, lambda a, p, d: handling.proposal_countersign(actor=a, proposal=p)),
    "reply": (
        ReplyIn,
        lambda a, p, d: handling.proposal_reply(
            actor=a, proposal=p, category=d.category, text=d.text, doc_number=d.doc_number
        ),
    ),
    "return_reply": (
        Reason,
        lambda a, p, d: handling.proposal_return_reply(actor=a, proposal=p, reason=d.reason),
    ),
    "approve_reply": (
        Empty,
        lambda a, p, d: handling.proposal_approve_reply(actor=a, proposal=p),
    ),
    "accept_reply": (
        AcceptReply,
        lambda a, p, d: handling.proposal_accept_reply(
            actor=a, proposal=p, category=d.category, reason=d.reason
        ),
    ),
    "evaluate": (
        Evaluate,
        lambda a, p, d: followthrough.proposal_evaluate(
            actor=a, proposal=p, rating=d.rating, comment=d.comment
        ),
    ),
    "rate_quality": (
        Quality,
        lambda a, p, d: followthrough.proposal_rate_quality(
            actor=a, proposal=p, grade=d.grade, comment=d.comment
        ),
    ),
    "rehandle": (
        Rehandle,
        lambda a, p, d: followthrough.proposal_rehandle(
            actor=a, proposal=p, reason=d.reason, deadline=d.deadline
        ),
    ),
    "mark_key": (
        MarkKey,
        lambda a, p, d: followthrough.proposal_mark_key(
            actor=a, proposal=p, supervisor=_supervisor(a, d.leader_id), lead_by=d.lead_by
        ),
    ),
    "supervise": (
        Supervise,
        lambda a, p, d: followthrough.proposal_supervise(
            actor=a,
            proposal=p,
            kind=d.kind,
            note=d.note,
            supervisor=_supervisor(a, d.leader_id) if d.leader_id else None,
            on=d.on,
        ),
    ),
    "publish": (
        Publish,
        lambda a, p, d: followthrough.proposal_publish(actor=a, proposal=p, published=d.published),
    ),
    "award": (
        AwardIn,
        lambda a, p, d: followthrough.proposal_award(actor=a, proposal=p, title=d.title),
    ),
    "follow_up": (
        FollowUpIn,
        lambda a, p, d: followthrough.proposal_follow_up(actor=a, proposal=p, response=d.response),
    ),
}


def run_action(actor, proposal: Proposal, action: str, payload: dict) -> None:
    actionforms.run_action(ACTIONS, actor, proposal, action, payload)
