"""The proposal workflow as data: every action, the states it starts from, where it leads,
who may take it, the rules beyond those (guards) and the audit action it writes. Services
take its steps with `PROPOSAL.begin`/`finish`, pages and the API offer `PROPOSAL.offered`,
`tests/test_workflow.py` walks it.

Alternatives: a reply skips the committee's review when the committee has switched it off;
an unsatisfied first-round evaluation keeps the proposal open for a second round.
Actors are named roles relative to the proposal, resolved by `permissions.ACTORS`.
"""

from zhengxie.core.errors import Problem
from zhengxie.core.workflow import Guard, Workflow, t, timeline_row

from .models import Proposal, Step
from .permissions import ACTORS, awaits_evaluation
from .states import (
    ANSWERED,
    AT_UNIT,
    AWAITING_REPLY,  # noqa: F401  (re-exported: the app reads its state sets from here)
    BEFORE_REGISTRATION,
    IN_REVIEW,
    OPEN_FOR_HANDLING,
    UNDER_WAY,
)

S = Proposal.State

FORBIDDEN = Problem("proposal_forbidden", "您不能对该提案进行此操作。", 403)
WRONG_STATE = Problem("proposal_wrong_state", "提案当前状态不允许此操作。", 409)
ALREADY_EVALUATED = Problem("already_evaluated", "本轮答复已经评价过,不能重复评价。", 409)


def record_step(
    actor,
    proposal: Proposal,
    action: str,
    *,
    before: str,
    now,
    note: str,
    audience: str = Step.Audience.EVERYONE,
    unit=None,
    reply=None,
) -> None:
    """The timeline entry of a step, read by `audience` (see `queries.steps_for`)."""
    timeline_row(
        Step,
        actor,
        proposal,
        action,
        before=before,
        now=now,
        note=note,
        proposal=proposal,
        audience=audience,
        unit=unit,
        reply=reply,
    )


HANDLERS = ("lead_unit", "co_unit")

PROPOSAL = Workflow(
    name="proposal",
    model=Proposal,
    noun="提案",
    actors=ACTORS,
    forbidden=FORBIDDEN,
    wrong_state=WRONG_STATE,
    record=record_step,
    link=lambda p: f"/proposals/{p.pk}/",
    summary=lambda p: p.title,
    transitions=[
        t("submit", "提交", {S.DRAFT}, S.SUBMITTED, "proposer", audit="proposal.submit"),
        t(
            "confirm_cosign",
            "确认联名",
            BEFORE_REGISTRATION,
            None,
            "invited_cosigner",
            audit="proposal.confirm_cosign",
        ),
        t(
            "refuse_cosign",
            "谢绝联名",
            BEFORE_REGISTRATION,
            None,
            "invited_cosigner",
            audit="proposal.refuse_cosign",
        ),
        t(
            "endorse",
            "附议",
            {S.SUBMITTED, S.REGISTERED, S.ASSIGNED},
            None,
            "other_member",
            audit="proposal.endorse",
        ),
        t(
            "unendorse",
            "撤回附议",
            {S.SUBMITTED, S.REGISTERED, S.ASSIGNED},
            None,
            "endorser",
            audit="proposal.unendorse",
        ),
        t("register", "立案", {S.SUBMITTED}, S.REGISTERED, "staff", audit="proposal.register"),
        t("decline", "不予立案", {S.SUBMITTED}, S.DECLINED, "staff", audit="proposal.decline"),
        t(
            "merge",
            "并案",
            IN_REVIEW,
            S.MERGED,
            "staff",
            audit="proposal.merge",
        ),
        t(
            "correct",
            "更正审查结果",
            {S.REGISTERED, S.DECLINED, S.MERGED},
            S.SUBMITTED,
            "staff",
            audit="proposal.correct",
        ),
        t("assign", "交办", {S.REGISTERED}, S.ASSIGNED, "staff", audit="proposal.assign"),
        t("relieve", "申请退回", OPEN_FOR_HANDLING, None, *HANDLERS, audit="proposal.relieve"),
        t("reassign", "重新交办", OPEN_FOR_HANDLING, None, "staff", audit="proposal.reassign"),
        t(
            "contact",
            "记录沟通",
            AT_UNIT,
            None,
            *HANDLERS,
            audit="proposal.contact",
        ),
        t(
            "confirm_contact",
            "确认见面",
            UNDER_WAY | ANSWERED,
            None,
            "proposer",
            audit="proposal.confirm_contact",
        ),
        t(
            "co_opinion",
            "提交会办意见",
            OPEN_FOR_HANDLING,
            None,
            "co_unit",
            audit="proposal.co_opinion",
        ),
        t("countersign", "会签", OPEN_FOR_HANDLING, None, "co_unit", audit="proposal.countersign"),
        t(
            "reply",
            "提交答复",
            OPEN_FOR_HANDLING,
            S.REPLY_PENDING,
            "lead_unit",
            audit="proposal.reply",
        ),
        t(
            "return_reply",
            "退回修改",
            {S.REPLY_PENDING},
            S.ASSIGNED,
            "unit_approver",
            audit="proposal.return_reply",
        ),
        t(
            "approve_reply",
            "签发答复",
            {S.REPLY_PENDING},
            S.REPLY_REVIEW,
            "unit_approver",
            alt={S.REPLIED},
            audit="proposal.approve_reply",
        ),
        t(
            "accept_reply",
            "审核通过答复",
            {S.REPLY_REVIEW},
            S.REPLIED,
            "staff",
            audit="proposal.accept_reply",
        ),
        t(
            "evaluate",
            "评价答复",
            {S.REPLIED},
            S.CLOSED,
            "proposer",
            alt={S.REPLIED},
            guards=[Guard(awaits_evaluation, ALREADY_EVALUATED)],
            audit="proposal.evaluate",
        ),
        t(
            "rate_quality",
            "评议提案质量",
            ANSWERED,
            None,
            "lead_unit",
            audit="proposal.rate_quality",
        ),
        t("rehandle", "二次办理", ANSWERED, S.ASSIGNED, "staff", audit="proposal.rehandle"),
        t(
            "mark_key",
            "列为重点提案",
            UNDER_WAY,
            None,
            "staff",
            "leader",
            audit="proposal.mark_key",
        ),
        t("supervise", "记录督办", UNDER_WAY, None, "staff", "leader", audit="proposal.supervise"),
        t("publish", "公开", ANSWERED, None, "staff", audit="proposal.publish"),
        t("award", "评为优秀提案", ANSWERED, None, "staff", audit="proposal.award"),
        t(
            "follow_up",
            "回头看反馈",
            ANSWERED,
            None,
            "lead_unit",
            "proposer",
            audit="proposal.follow_up",
        ),
    ],
)
