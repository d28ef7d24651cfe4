"""The proposal workflow as data: every action, the states it starts from, where it leads
and who may take it. Services enforce it, pages draw their buttons from it, tests walk it.

Alternatives: a reply skips the committee's review when the committee has switched it off;
an unsatisfied first-round evaluation keeps the proposal open for a second round.
Actors are named roles relative to the proposal; `permissions.may_act` resolves them.
"""

from zhengxie.core.workflow import Transition
from zhengxie.core.workflow import transition as _t

from .models import Proposal

S = Proposal.State
OPEN_FOR_HANDLING = frozenset({S.ASSIGNED})
UNDER_WAY = frozenset({S.REGISTERED, S.ASSIGNED, S.REPLY_PENDING, S.REPLY_REVIEW, S.REPLIED})
ANSWERED = frozenset({S.REPLIED, S.CLOSED})


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        _t("submit", "提交", {S.DRAFT}, S.SUBMITTED, "proposer"),
        _t("confirm_cosign", "确认联名", {S.DRAFT, S.SUBMITTED}, None, "invited_cosigner"),
        _t("refuse_cosign", "谢绝联名", {S.DRAFT, S.SUBMITTED}, None, "invited_cosigner"),
        _t("endorse", "附议", {S.SUBMITTED, S.REGISTERED, S.ASSIGNED}, None, "other_member"),
        _t("register", "立案", {S.SUBMITTED}, S.REGISTERED, "staff"),
        _t("decline", "不予立案", {S.SUBMITTED}, S.DECLINED, "staff"),
        _t("merge", "并案", {S.SUBMITTED, S.REGISTERED}, S.MERGED, "staff"),
        _t("correct", "更正审查结果", {S.REGISTERED, S.DECLINED, S.MERGED}, S.SUBMITTED, "staff"),
        _t("assign", "交办", {S.REGISTERED}, S.ASSIGNED, "staff"),
        _t("relieve", "申请退回", OPEN_FOR_HANDLING, None, "lead_unit", "co_unit"),
        _t("reassign", "重新交办", OPEN_FOR_HANDLING, None, "staff"),
        _t("contact", "记录沟通", {S.ASSIGNED, S.REPLY_PENDING}, None, "lead_unit", "co_unit"),
        _t("confirm_contact", "确认见面", UNDER_WAY | ANSWERED, None, "proposer"),
        _t("co_opinion", "提交会办意见", OPEN_FOR_HANDLING, None, "co_unit"),
        _t("countersign", "会签", OPEN_FOR_HANDLING, None, "co_unit"),
        _t("reply", "提交答复", OPEN_FOR_HANDLING, S.REPLY_PENDING, "lead_unit"),
        _t("return_reply", "退回修改", {S.REPLY_PENDING}, S.ASSIGNED, "unit_approver"),
        _t(
            "approve_reply",
            "签发答复",
            {S.REPLY_PENDING},
            S.REPLY_REVIEW,
            "unit_approver",
            alt={S.REPLIED},
        ),
        _t("accept_reply", "审核通过答复", {S.REPLY_REVIEW}, S.REPLIED, "staff"),
        _t("evaluate", "评价答复", {S.REPLIED}, S.CLOSED, "proposer", alt={S.REPLIED}),
        _t("rate_quality", "评议提案质量", ANSWERED, None, "lead_unit"),
        _t("rehandle", "二次办理", ANSWERED, S.ASSIGNED, "staff"),
        _t("mark_key", "列为重点提案", UNDER_WAY, None, "staff", "leader"),
        _t("supervise", "记录督办", UNDER_WAY, None, "staff", "leader"),
        _t("publish", "公开", ANSWERED, None, "staff"),
        _t("award", "评为优秀提案", ANSWERED, None, "staff"),
        _t("follow_up", "回头看反馈", ANSWERED, None, "lead_unit", "proposer"),
    ]
}
