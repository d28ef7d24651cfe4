"""The public-opinion workflow as data (see proposals/workflow.py for the idea).

Actors: `author` (who submitted it or is credited), `staff`, `reviewer` (staff other than the
item's editor: the four-eyes rule). Publication in a bulletin issue is a bulletin step and
needs the item approved."""

from zhengxie.core.errors import Problem
from zhengxie.core.workflow import Workflow, t

from .models import Instruction, Opinion, OpinionStep
from .permissions import ACTORS

S = Opinion.State
OPEN = frozenset({S.SUBMITTED, S.ACCEPTED})

FORBIDDEN = Problem("opinion_forbidden", "您不能对该社情民意信息进行此操作。", 403)
FOUR_EYES = Problem("four_eyes", "编辑人不能审核自己编辑的信息,请由另一位工作人员审核。", 403)
WRONG_STATE = Problem("opinion_wrong_state", "信息当前状态不允许此操作。", 409)

# Editing is the office's work until the item is approved, and the reviewer's note on
# sensitive content never leaves the office: authors and units do not read these entries.
OFFICE_ONLY = frozenset({"accept", "edit", "flag"})


def refused(user, opinion: Opinion, transition) -> Problem:
    """The item's own editor asking to review it hears the four-eyes rule, not a bare no."""
    own_edit = "reviewer" in transition.actors and opinion.editor_id == user.pk
    return FOUR_EYES if own_edit else FORBIDDEN


def record_step(actor, opinion: Opinion, action: str, *, before, now, note, unit=None) -> None:
    audience = OpinionStep.Audience
    OpinionStep.objects.create(
        opinion=opinion,
        at=now,
        actor=actor,
        actor_label=str(actor) if actor else "系统",
        action=action,
        state_before=before,
        state_after=opinion.state,
        note=note,
        audience=audience.COMMITTEE if action in OFFICE_ONLY else audience.EVERYONE,
        unit=unit,
    )


OPINION = Workflow(
    name="opinion",
    model=Opinion,
    noun="信息",
    actors=ACTORS,
    forbidden=refused,
    wrong_state=WRONG_STATE,
    record=record_step,
    link=lambda o: f"/opinions/{o.pk}/",
    summary=lambda o: o.released_title,
    transitions=[
        t(
            "resubmit",
            "补充后重新报送",
            {S.RETURNED},
            S.SUBMITTED,
            "author",
            audit="opinion.resubmit",
        ),
        t("accept", "接收编辑", {S.SUBMITTED}, S.ACCEPTED, "staff", audit="opinion.accept"),
        t("return", "退回补充", OPEN, S.RETURNED, "staff", audit="opinion.return"),
        t("merge", "合并", OPEN, S.MERGED, "staff", audit="opinion.merge"),
        t("decline", "不予采用", OPEN, S.DECLINED, "staff", audit="opinion.decline"),
        t(
            "edit",
            "修改编辑稿",
            {S.ACCEPTED, S.APPROVED},
            S.ACCEPTED,
            "staff",
            audit="opinion.edit",
        ),
        t("flag", "标记敏感内容", {S.ACCEPTED}, None, "reviewer", audit="opinion.flag"),
        t("approve", "审核通过", {S.ACCEPTED}, S.APPROVED, "reviewer", audit="opinion.approve"),
        t("forward", "报送", {S.APPROVED}, None, "staff", audit="opinion.forward"),
        t("adopt", "登记采用", {S.APPROVED}, None, "staff", audit="opinion.adopt"),
        t("instruct", "登记批示", {S.APPROVED}, None, "staff", audit="opinion.instruct"),
    ],
)

T = Instruction.State
# action → (from states, to state, label); the instructed unit or staff take them.
INSTRUCTION_TRANSITIONS = {
    "coordinate": ({T.OPEN}, T.OPEN, "记录协调会"),
    "feedback": ({T.OPEN}, T.DONE, "反馈办理结果"),
}
