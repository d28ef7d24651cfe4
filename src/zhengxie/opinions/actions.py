"""The actions on an item as both the API and the pages take them: a payload schema and the
service call, per action name of `workflow.OPINION`."""

from collections.abc import Callable
from datetime import date

from ninja import Field

from zhengxie.core import actionforms
from zhengxie.core.actionforms import Empty, in_committee
from zhengxie.core.inputs import Id, ModelText
from zhengxie.core.inputs import InSchema as Schema
from zhengxie.members.models import HandlingUnit

from . import queries, services
from .models import Adoption, BulletinIssue, Forwarding, Instruction, Opinion, OpinionCategory


class ReturnReason(Schema):
    reason: ModelText(Opinion, "return_reason")


class DeclineReason(Schema):
    reason: ModelText(Opinion, "decline_reason")


class FlagReason(Schema):
    reason: ModelText(Opinion, "sensitive_reason")


class Resubmit(Schema):
    text: ModelText(Opinion, "text")
    title: ModelText(Opinion, "title") = ""


class Accept(Schema):
    category_id: Id | None = None
    edited_title: ModelText(Opinion, "edited_title") = ""
    edited_text: ModelText(Opinion, "edited_text") = ""
    urgent: bool | None = None


class Edit(Schema):
    edited_text: ModelText(Opinion, "edited_text")
    edited_title: ModelText(Opinion, "edited_title") = ""


class Merge(Schema):
    into: Id


class Forward(Schema):
    to: ModelText(Forwarding, "to") = Field(
        description="leader 党政领导 / body 有关部门 / parent 上级政协"
    )
    recipient: ModelText(Forwarding, "recipient") = ""


class Adopt(Schema):
    level: ModelText(Adoption, "level") = Field(
        description="own / parent / city / province / national"
    )
    adopted_on: date | None = None
    note: ModelText(Adoption, "note") = ""


class Instruct(Schema):
    leader: ModelText(Instruction, "leader") = Field(description="批示领导(职务、姓名)")
    text: ModelText(Instruction, "text")
    unit_id: Id = Field(description="负责落实的部门(承办单位编号)")
    main_leader: bool = False
    given_on: date | None = None
    due_on: date | None = None


def _in_queue(actor, pk: int) -> Opinion:
    return queries.opinion_for_user(actor, pk)


Action = Callable[..., object]
ACTIONS: dict[str, tuple[type[Schema], Action]] = {
    "resubmit": (
        Resubmit,
        lambda a, o, d: services.opinion_resubmit(actor=a, opinion=o, text=d.text, title=d.title),
    ),
    "accept": (
        Accept,
        lambda a, o, d: services.opinion_accept(
            actor=a,
            opinion=o,
            category=in_committee(a, OpinionCategory, d.category_id),
            edited_title=d.edited_title,
            edited_text=d.edited_text,
            urgent=d.urgent,
        ),
    ),
    "return": (
        ReturnReason,
        lambda a, o, d: services.opinion_return(actor=a, opinion=o, reason=d.reason),
    ),
    "merge": (
        Merge,
        lambda a, o, d: services.opinion_merge(actor=a, opinion=o, into=_in_queue(a, d.into)),
    ),
    "decline": (
        DeclineReason,
        lambda a, o, d: services.opinion_decline(actor=a, opinion=o, reason=d.reason),
    ),
    "edit": (
        Edit,
        lambda a, o, d: services.opinion_edit(
            actor=a, opinion=o, edited_text=d.edited_text, edited_title=d.edited_title
        ),
    ),
    "flag": (
        FlagReason,
        lambda a, o, d: services.opinion_flag(actor=a, opinion=o, reason=d.reason),
    ),
    "approve": (Empty, lambda a, o, d: services.opinion_approve(actor=a, opinion=o)),
    "forward": (
        Forward,
        lambda a, o, d: services.opinion_forward(
            actor=a, opinion=o, to=d.to, recipient=d.recipient
        ),
    ),
    "adopt": (
        Adopt,
        lambda a, o, d: services.opinion_adopt(
            actor=a, opinion=o, level=d.level, adopted_on=d.adopted_on, note=d.note
        ),
    ),
    "instruct": (
        Instruct,
        lambda a, o, d: services.opinion_instruct(
            actor=a,
            opinion=o,
            leader=d.leader,
            text=d.text,
            unit=in_committee(a, HandlingUnit, d.unit_id),
            main_leader=d.main_leader,
            given_on=d.given_on,
            due_on=d.due_on,
        ),
    ),
}


def run_action(actor, opinion: Opinion, action: str, payload: dict) -> None:
    actionforms.run_action(ACTIONS, actor, opinion, action, payload)


class IssueItem(Schema):
    opinion: Id


class IssueUpdate(Schema):
    title: ModelText(BulletinIssue, "title")
    recipients: ModelText(BulletinIssue, "recipients")


class IssuePublish(Schema):
    on: date | None = None


class IssueForward(Schema):
    to: ModelText(Forwarding, "to")
    recipient: ModelText(Forwarding, "recipient") = ""


# A bulletin issue's steps (`workflow.BULLETIN_ISSUE`), and forwarding a printed issue on.
ISSUE_ACTIONS: dict[str, tuple[type[Schema], Action]] = {
    "add": (
        IssueItem,
        lambda a, issue, d: services.bulletin_issue_add(
            actor=a, issue=issue, opinion=_in_queue(a, d.opinion)
        ),
    ),
    "remove": (
        IssueItem,
        lambda a, issue, d: services.bulletin_issue_remove(
            actor=a, issue=issue, opinion=_in_queue(a, d.opinion)
        ),
    ),
    "update": (
        IssueUpdate,
        lambda a, issue, d: services.bulletin_issue_update(
            actor=a, issue=issue, title=d.title, recipients=d.recipients
        ),
    ),
    "publish": (
        IssuePublish,
        lambda a, issue, d: services.bulletin_issue_publish(actor=a, issue=issue, on=d.on),
    ),
    "forward": (
        IssueForward,
        lambda a, issue, d: services.bulletin_issue_forward(
            actor=a, issue=issue, to=d.to, recipient=d.recipient
        ),
    ),
}


class Feedback(Schema):
    text: ModelText(Instruction, "feedback")


class Coordination(Schema):
    on: date
    note: ModelText(Instruction, "coordination_note")


# A leader's instruction's steps (`workflow.INSTRUCTION`).
INSTRUCTION_ACTIONS: dict[str, tuple[type[Schema], Action]] = {
    "coordinate": (
        Coordination,
        lambda a, task, d: services.instruction_coordinate(
            actor=a, instruction=task, on=d.on, note=d.note
        ),
    ),
    "feedback": (
        Feedback,
        lambda a, task, d: services.instruction_feedback(actor=a, instruction=task, text=d.text),
    ),
}
