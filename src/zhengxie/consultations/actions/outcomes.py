"""The actions on an outcome, its leaders' instructions' tasks and its suggestions, as both
the API and the pages take them: a payload schema and the service call, per action name of
`workflow.outcomes.OUTCOME`, `TASK` and `SUGGESTION`."""

from collections.abc import Callable
from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field

from zhengxie.core.actionforms import Empty, in_committee
from zhengxie.core.inputs import Id, ModelText
from zhengxie.core.inputs import InSchema as Schema
from zhengxie.meetings.models import Vote
from zhengxie.members.models import HandlingUnit

from ..models import (
    Consultation,
    Outcome,
    OutcomeRating,
    OutcomeSending,
    OutcomeTask,
    Reconsultation,
    Suggestion,
)
from ..services import outcomes as services


class Table(Schema):
    vote_id: Id = Field(description="常委会议上关于该建议案的表决事项编号")


class Send(Schema):
    to: ModelText(OutcomeSending, "to") = Field(
        description="party 党委 / government 政府 / department 有关部门 / parent 上级政协"
    )
    recipient: ModelText(OutcomeSending, "recipient") = ""
    unit_id: Id | None = Field(None, description="报送有关部门时:本会的承办单位编号")


class Instruct(Schema):
    leader: ModelText(OutcomeTask, "leader") = Field(description="批示领导(职务、姓名)")
    text: ModelText(OutcomeTask, "text")
    unit_id: Id = Field(description="责任单位(承办单位编号)")
    due_on: date = Field(description="落实期限")
    main_leader: bool = False
    given_on: date | None = None


class Inform(Schema):
    result: ModelText(Outcome, "result") = Field(
        title="最终结果", description="向参与委员反馈的最终结果和决策形式"
    )


class Rate(Schema):
    unit_id: Id = Field(description="评价的责任单位编号")
    level: ModelText(OutcomeRating, "level") = Field(
        description="satisfied 满意 / basic 基本满意 / unsatisfied 不满意"
    )
    note: ModelText(OutcomeRating, "note") = ""


class Reconsult(Schema):
    reason: ModelText(Reconsultation, "reason") = Field(title="需再协商的新问题")
    form: ModelText(Consultation, "form") = Field(title="协商形式", description="见协商活动的 form")
    title: ModelText(Consultation, "title") = Field(title="协商活动名称")
    on: date = Field(title="协商日期")


def _vote(actor, pk: int) -> Vote:
    """A vote of a meeting of the actor's committee; another committee's is a 404."""
    return get_object_or_404(Vote, pk=pk, meeting__committee_id=actor.committee_id)


Action = Callable[..., object]
ACTIONS: dict[str, tuple[type[Schema], Action]] = {
    "table": (
        Table,
        lambda a, o, d: services.outcome_table(actor=a, outcome=o, vote=_vote(a, d.vote_id)),
    ),
    "adopt": (Empty, lambda a, o, d: services.outcome_adopt(actor=a, outcome=o)),
    "send": (
        Send,
        lambda a, o, d: services.outcome_send(
            actor=a,
            outcome=o,
            to=d.to,
            recipient=d.recipient,
            unit=in_committee(a, HandlingUnit, d.unit_id),
        ),
    ),
    "instruct": (
        Instruct,
        lambda a, o, d: services.outcome_instruct(
            actor=a,
            outcome=o,
            leader=d.leader,
            text=d.text,
            unit=in_committee(a, HandlingUnit, d.unit_id),
            due_on=d.due_on,
            main_leader=d.main_leader,
            given_on=d.given_on,
        ),
    ),
    "conclude": (Empty, lambda a, o, d: services.outcome_conclude(actor=a, outcome=o)),
    "inform": (
        Inform,
        lambda a, o, d: services.outcome_inform(actor=a, outcome=o, result=d.result),
    ),
    "reconsult": (
        Reconsult,
        lambda a, o, d: services.outcome_reconsult(
            actor=a, outcome=o, reason=d.reason, form=d.form, title=d.title, on=d.on
        ),
    ),
    "rate": (
        Rate,
        lambda a, o, d: services.outcome_rate(
            actor=a,
            outcome=o,
            unit=in_committee(a, HandlingUnit, d.unit_id),
            level=d.level,
            note=d.note,
        ),
    ),
}


class Feedback(Schema):
    text: ModelText(OutcomeTask, "feedback") = Field(title="落实情况")


class Check(Schema):
    on: date = Field(title="检查日期")
    note: ModelText(OutcomeTask, "check_note") = Field(title="督查检查情况")


# A leader's instruction's task (`workflow.outcomes.TASK`).
TASK_ACTIONS: dict[str, tuple[type[Schema], Action]] = {
    "feedback": (
        Feedback,
        lambda a, task, d: services.task_feedback(actor=a, task=task, text=d.text),
    ),
    "check": (
        Check,
        lambda a, task, d: services.task_check(actor=a, task=task, on=d.on, note=d.note),
    ),
}


class Route(Schema):
    sent_to: ModelText(Suggestion, "sent_to") = Field(title="报送对象")


class Adopt(Schema):
    evidence: ModelText(Suggestion, "evidence") = Field(title="采纳依据")
    decided_on: date | None = Field(None, title="认定日期")


class Progress(Schema):
    evidence: ModelText(Suggestion, "evidence") = Field("", title="落实依据")


class Complete(Schema):
    evidence: ModelText(Suggestion, "evidence") = Field(title="落实依据")


class Decline(Schema):
    reason: ModelText(Suggestion, "reason") = Field(title="未采纳理由")
    decided_on: date | None = Field(None, title="认定日期")


# Each suggestion's steps (`workflow.outcomes.SUGGESTION`).
SUGGESTION_ACTIONS: dict[str, tuple[type[Schema], Action]] = {
    "route": (
        Route,
        lambda a, s, d: services.suggestion_route(actor=a, suggestion=s, sent_to=d.sent_to),
    ),
    "adopt": (
        Adopt,
        lambda a, s, d: services.suggestion_adopt(
            actor=a, suggestion=s, evidence=d.evidence, decided_on=d.decided_on
        ),
    ),
    "start": (
        Progress,
        lambda a, s, d: services.suggestion_start(actor=a, suggestion=s, evidence=d.evidence),
    ),
    "complete": (
        Complete,
        lambda a, s, d: services.suggestion_complete(actor=a, suggestion=s, evidence=d.evidence),
    ),
    "decline": (
        Decline,
        lambda a, s, d: services.suggestion_decline(
            actor=a, suggestion=s, reason=d.reason, decided_on=d.decided_on
        ),
    ),
}
