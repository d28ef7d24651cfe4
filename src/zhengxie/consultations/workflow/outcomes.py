"""Outcomes on the one engine (core.workflow): an outcome's chain from 报送 to the members'
feedback (seeds_001 §3 steps 5–11), a leader's instruction's task, and each suggestion.

Actors of an outcome: `staff` (the office of the outcome's committee) and `participant` (a
member whose work it carries). A task's `handler` is its unit or the office. The tasks' and
suggestions' steps are entries of their outcome's timeline, audited under the rows' names."""

from zhengxie.core import roles
from zhengxie.core.errors import Problem
from zhengxie.core.workflow import Guard, Workflow, t, timeline_row
from zhengxie.members.permissions import unit_account

from ..models import Outcome, OutcomeStep, OutcomeTask, Suggestion

S = Outcome.State
# Sent on and not yet closed: the board's "in the chain" and the steps after 报送.
UNDER_WAY = frozenset({S.SENT, S.INSTRUCTED, S.IMPLEMENTED})
# Instructed and after: new problems met in implementing it may be consulted on again.
IMPLEMENTING = frozenset({S.INSTRUCTED, S.IMPLEMENTED, S.INFORMED})

FORBIDDEN = Problem("outcome_forbidden", "您不能对该协商成果进行此操作。", 403)
WRONG_STATE = Problem("outcome_wrong_state", "协商成果当前状态不允许此操作。", 409)
NOT_RECOMMENDATION = Problem("not_recommendation", "只有建议案须经常委会议表决通过。", 409)
ALREADY_ADOPTED = Problem("recommendation_adopted", "该建议案已经常委会议表决通过。", 409)
VOTE_FIRST = Problem(
    "vote_first", "建议案须经常委会议表决通过后才能通过,请先在常委会议上完成表决。", 409
)
ADOPTION_FIRST = Problem("adoption_first", "建议案须经常委会议表决通过后才能报送。", 409)
TASKS_OPEN = Problem("tasks_open", "还有批示任务未反馈落实情况,不能确认落实。", 409)
NO_TOPIC = Problem("no_topic", "该成果未关联协商议题,不能据此再协商。", 409)

# The office's own bookkeeping (tabling a 建议案 for a vote) is not the members' or units';
# nor is a member's rating of a unit, which only its member reads besides (`ratings_for`).
OFFICE_ONLY = frozenset({"table", "rate"})


def _staff(user, outcome: Outcome) -> bool:
    return user.has_role(roles.STAFF) and user.committee_id == outcome.committee_id


def _participant(user, outcome: Outcome) -> bool:
    member = getattr(user, "member", None)
    return (
        member is not None
        and user.committee_id == outcome.committee_id
        and outcome.members.filter(member=member).exists()
    )


def vote_passed(outcome: Outcome) -> bool:
    """The standing committee's vote on the 建议案 is closed and its motion carried."""
    vote = outcome.vote
    if vote is None or vote.state != vote.State.CLOSED:
        return False
    option = vote.options.first()
    return option is not None and vote.passes(option.votes_for)


def _tasks_fed_back(outcome: Outcome) -> bool:
    return not outcome.tasks.filter(state=OutcomeTask.State.OPEN).exists()


def record_step(actor, outcome: Outcome, action: str, *, before, now, note, unit=None) -> None:
    audience = OutcomeStep.Audience
    timeline_row(
        OutcomeStep,
        actor,
        outcome,
        action,
        before=before,
        now=now,
        note=note,
        outcome=outcome,
        audience=audience.OFFICE if action in OFFICE_ONLY else audience.EVERYONE,
        unit=unit,
    )


RECOMMENDATION = Guard(lambda o: o.is_recommendation, NOT_RECOMMENDATION)
NOT_YET_ADOPTED = Guard(lambda o: o.adopted_at is None, ALREADY_ADOPTED)

OUTCOME = Workflow(
    name="outcome",
    model=Outcome,
    noun="协商成果",
    actors={"staff": _staff, "participant": _participant},
    forbidden=FORBIDDEN,
    wrong_state=WRONG_STATE,
    record=record_step,
    link=lambda o: f"/consultations/outcomes/{o.pk}/",
    summary=lambda o: o.title,
    transitions=[
        t(
            "table",
            "提请常委会议表决",
            {S.DRAFTED},
            None,
            "staff",
            audit="outcome.table",
            guards=[RECOMMENDATION, NOT_YET_ADOPTED],
        ),
        t(
            "adopt",
            "常委会议表决通过",
            {S.DRAFTED},
            None,
            "staff",
            audit="outcome.adopt",
            guards=[RECOMMENDATION, NOT_YET_ADOPTED, Guard(vote_passed, VOTE_FIRST)],
        ),
        t(
            "send",
            "报送",
            {S.DRAFTED, S.SENT},
            S.SENT,
            "staff",
            audit="outcome.send",
            guards=[Guard(lambda o: not o.is_recommendation or o.adopted_at, ADOPTION_FIRST)],
        ),
        t("instruct", "登记领导批示", UNDER_WAY, S.INSTRUCTED, "staff", audit="outcome.instruct"),
        t(
            "conclude",
            "确认落实",
            {S.INSTRUCTED},
            S.IMPLEMENTED,
            "staff",
            audit="outcome.conclude",
            guards=[Guard(_tasks_fed_back, TASKS_OPEN)],
        ),
        t(
            "inform",
            "向参与委员反馈结果",
            {S.IMPLEMENTED},
            S.INFORMED,
            "staff",
            audit="outcome.inform",
        ),
        t("rate", "评价责任单位", {S.INFORMED}, None, "participant", audit="outcome.rate"),
        t(
            "reconsult",
            "就新问题再协商",
            IMPLEMENTING,
            None,
            "staff",
            audit="outcome.reconsult",
            guards=[Guard(lambda o: o.topic_id is not None, NO_TOPIC)],
        ),
    ],
)


def _handler(user, task: OutcomeTask) -> bool:
    """The office of the task's committee, or the unit the instruction tasks."""
    if not user.is_authenticated:
        return False
    if user.has_role(roles.STAFF):
        return user.committee_id == task.outcome.committee_id
    account = unit_account(user)
    return account is not None and account.unit_id == task.unit_id


def _task_staff(user, task: OutcomeTask) -> bool:
    return user.has_role(roles.STAFF) and user.committee_id == task.outcome.committee_id


T = OutcomeTask.State
TASK_FORBIDDEN = Problem("task_forbidden", "您不能办理这项批示任务。", 403)
TASK_STATE = Problem("task_wrong_state", "这项批示任务已反馈,不能再反馈。", 409)

# A leader's instruction is a task for its unit until the unit's written feedback reaches the
# office (由党委、政府督查机构和政协有关机构负责督促落实,并将结果书面反馈政协办公室).
TASK = Workflow(
    name="outcome_task",
    model=OutcomeTask,
    noun="批示任务",
    actors={"handler": _handler, "staff": _task_staff},
    forbidden=TASK_FORBIDDEN,
    wrong_state=TASK_STATE,
    link=lambda task: f"/consultations/outcomes/{task.outcome_id}/",
    summary=lambda task: task.text,
    transitions=[
        t("feedback", "反馈落实情况", {T.OPEN}, T.DONE, "handler", audit="outcome.task_feedback"),
        t("check", "记录督查联合检查", {T.OPEN, T.DONE}, None, "staff", audit="outcome.task_check"),
    ],
)


def _suggestion_staff(user, suggestion: Suggestion) -> bool:
    return user.has_role(roles.STAFF) and user.committee_id == suggestion.outcome.committee_id


G = Suggestion.State
SUGGESTION_FORBIDDEN = Problem("suggestion_forbidden", "您不能处理这条建议。", 403)
SUGGESTION_STATE = Problem("suggestion_wrong_state", "这条建议当前状态不允许此操作。", 409)
OUTCOME_NOT_SENT = Problem("outcome_not_sent", "成果尚未报送,建议还不能认定采纳情况。", 409)
SENT = Guard(lambda s: s.outcome.state != Outcome.State.DRAFTED, OUTCOME_NOT_SENT)
# Still being followed: sent to someone, not yet settled as implemented or not adopted.
FOLLOWED = frozenset({G.MADE, G.ADOPTED, G.IMPLEMENTING})

# Each suggestion of an outcome is tracked on its own: sent to whom, adopted / being
# implemented / implemented / not adopted with the reason, and the evidence.
SUGGESTION = Workflow(
    name="suggestion",
    model=Suggestion,
    noun="建议",
    actors={"staff": _suggestion_staff},
    forbidden=SUGGESTION_FORBIDDEN,
    wrong_state=SUGGESTION_STATE,
    link=lambda s: f"/consultations/outcomes/{s.outcome_id}/",
    summary=lambda s: s.text[:100],
    transitions=[
        t("route", "登记报送对象", FOLLOWED, None, "staff", audit="suggestion.route"),
        t(
            "adopt",
            "认定采纳",
            {G.MADE},
            G.ADOPTED,
            "staff",
            audit="suggestion.adopt",
            guards=[SENT],
        ),
        t(
            "start",
            "开始落实",
            {G.ADOPTED},
            G.IMPLEMENTING,
            "staff",
            audit="suggestion.start",
            guards=[SENT],
        ),
        t(
            "complete",
            "认定已落实",
            {G.ADOPTED, G.IMPLEMENTING},
            G.IMPLEMENTED,
            "staff",
            audit="suggestion.complete",
            guards=[SENT],
        ),
        t(
            "decline",
            "认定未采纳",
            {G.MADE, G.ADOPTED},
            G.NOT_ADOPTED,
            "staff",
            audit="suggestion.decline",
            guards=[SENT],
        ),
    ],
)
