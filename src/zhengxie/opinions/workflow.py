"""The public-opinion workflow as data (see proposals/workflow.py for the idea).

Actors: `author` (who submitted it or is credited), `staff`, `reviewer` (staff other than the
item's editor: the four-eyes rule). Publication in a bulletin issue is a bulletin step and
needs the item approved."""

from zhengxie.core.workflow import Transition, t

from .models import Instruction, Opinion

S = Opinion.State
OPEN = frozenset({S.SUBMITTED, S.ACCEPTED})


TRANSITIONS: dict[str, Transition] = {
    tr.action: tr
    for tr in [
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
    ]
}

T = Instruction.State
# action → (from states, to state, label); the instructed unit or staff take them.
INSTRUCTION_TRANSITIONS = {
    "coordinate": ({T.OPEN}, T.OPEN, "记录协调会"),
    "feedback": ({T.OPEN}, T.DONE, "反馈办理结果"),
}
