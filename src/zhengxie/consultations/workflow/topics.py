"""The topic and plan workflows as data on the one engine (core.workflow).

A topic is suggested, screened by the office (accepted into the pool or declined with a
reason), and put in the year's plan. The plan is drafted by the office, goes to 主席会议 and
is decided with the party committee (党委定题, seeds_001 §1.3); once decided its items change
only as amendments with a reason."""

from django.db.models import Q

from zhengxie.core import roles
from zhengxie.core.errors import Problem
from zhengxie.core.workflow import Guard, Workflow, t

from ..models import ConsultationPlan, Form, Topic

S = Topic.State
P = ConsultationPlan.State

# Seen by the office and the proposer only (the pool before screening, and what was declined).
UNSCREENED = frozenset({S.SUGGESTED, S.DECLINED})
# The plan changes item by item while the office drafts it and, as amendments, once decided.
EDITABLE = frozenset({P.DRAFTING, P.DECIDED})
# From here on the plan is the committee's: leaders read it before 主席会议.
BEFORE_LEADERS = frozenset({P.SUBMITTED, P.PASSED, P.DECIDED})
# seeds_001 §1.3 (347): topics of these forms go into the plan as one of the four plan types.
TYPED_FORMS = frozenset({Form.STANDING_THEMATIC, Form.THEMATIC})

TOPIC_FORBIDDEN = Problem("topic_forbidden", "您不能对该协商议题进行此操作。", 403)
TOPIC_WRONG_STATE = Problem("topic_wrong_state", "议题当前状态不允许此操作。", 409)
COSIGNERS_UNCONFIRMED = Problem(
    "cosigners_unconfirmed", "委员联名议题须至少有一位联名委员确认后才能采纳。", 409
)
PLAN_FORBIDDEN = Problem("plan_forbidden", "您不能对该协商计划进行此操作。", 403)
PLAN_WRONG_STATE = Problem("plan_wrong_state", "计划当前状态不允许此操作。", 409)
PLAN_NEEDS_SUPERVISORY = Problem(
    "plan_needs_supervisory", "年度协商工作计划应当包含至少一个监督性议题。", 409
)
PLAN_UNTYPED = Problem(
    "plan_untyped",
    "专题议政性常委会议、专题协商会议题和重要议题须列为专题协商、对口协商、界别协商或"
    "重点提案办理协商。",
    409,
)
PLAN_EMPTY = Problem("plan_empty", "计划中还没有议题。", 409)


def _staff(user, obj) -> bool:
    return user.has_role(roles.STAFF) and user.committee_id == obj.committee_id


def _member_id(user) -> int | None:
    member = getattr(user, "member", None)
    return member.pk if member else None


def is_proposer(user, topic: Topic) -> bool:
    return topic.submitted_by_id == user.pk


def is_invited_cosigner(user, topic: Topic) -> bool:
    """A member asked to co-sign who has not answered yet."""
    member_id = _member_id(user)
    return (
        member_id is not None
        and topic.cosigners.filter(member_id=member_id, confirmed_at=None, refused_at=None).exists()
    )


def joint_confirmed(topic: Topic) -> bool:
    """Only confirmed co-signers count: a 委员联名 topic without one is one member's."""
    return (
        topic.source != Topic.Source.MEMBERS or topic.cosigners.exclude(confirmed_at=None).exists()
    )


TOPIC_ACTORS = {"staff": _staff, "proposer": is_proposer, "cosigner": is_invited_cosigner}

TOPIC = Workflow(
    name="topic",
    model=Topic,
    noun="议题",
    actors=TOPIC_ACTORS,
    forbidden=TOPIC_FORBIDDEN,
    wrong_state=TOPIC_WRONG_STATE,
    link=lambda topic: f"/consultations/topics/{topic.pk}/",
    summary=lambda topic: topic.title,
    transitions=[
        t(
            "confirm_cosign",
            "确认联名",
            {S.SUGGESTED},
            None,
            "cosigner",
            audit="topic.cosign_confirm",
        ),
        t(
            "refuse_cosign",
            "谢绝联名",
            {S.SUGGESTED},
            None,
            "cosigner",
            audit="topic.cosign_refuse",
        ),
        t(
            "accept",
            "采纳入库",
            {S.SUGGESTED},
            S.ACCEPTED,
            "staff",
            audit="topic.accept",
            guards=[Guard(joint_confirmed, COSIGNERS_UNCONFIRMED)],
        ),
        t(
            "decline",
            "不予采纳",
            {S.SUGGESTED, S.ACCEPTED},
            S.DECLINED,
            "staff",
            audit="topic.decline",
        ),
        t("reconsider", "重新筛选", {S.DECLINED}, S.SUGGESTED, "staff", audit="topic.reconsider"),
        t(
            "arrange",
            "完善议题要素",
            {S.SUGGESTED, S.ACCEPTED, S.PLANNED},
            None,
            "staff",
            audit="topic.arrange",
        ),
        t("plan", "列入年度计划", {S.ACCEPTED}, S.PLANNED, "staff", audit="topic.plan"),
        t("unplan", "调出年度计划", {S.PLANNED}, S.ACCEPTED, "staff", audit="topic.unplan"),
    ],
)


def has_items(plan: ConsultationPlan) -> bool:
    return plan.items.filter(dropped_at=None).exists()


def has_supervisory(plan: ConsultationPlan) -> bool:
    """seeds_001 §1.1 (379): 年度协商工作计划…应当包含监督性议题."""
    return plan.items.filter(dropped_at=None, topic__supervisory=True).exists()


def untyped_items(plan: ConsultationPlan):
    needs_type = Q(form__in=TYPED_FORMS) | Q(topic__important=True)
    return plan.items.filter(needs_type, dropped_at=None, plan_type="")


def all_typed(plan: ConsultationPlan) -> bool:
    return not untyped_items(plan).exists()


PLAN_ACTORS = {
    "staff": _staff,
    "leader": lambda user, plan: (
        user.has_role(roles.LEADER) and user.committee_id == plan.committee_id
    ),
}

PLAN = Workflow(
    name="plan",
    model=ConsultationPlan,
    noun="计划",
    actors=PLAN_ACTORS,
    forbidden=PLAN_FORBIDDEN,
    wrong_state=PLAN_WRONG_STATE,
    link=lambda plan: f"/consultations/plans/{plan.pk}/",
    summary=lambda plan: plan.title,
    transitions=[
        t("add_item", "增加议题", EDITABLE, None, "staff", audit="plan.add_item"),
        t("change_item", "调整议题安排", EDITABLE, None, "staff", audit="plan.change_item"),
        t("drop_item", "调出议题", EDITABLE, None, "staff", audit="plan.drop_item"),
        t(
            "submit",
            "提交主席会议审议",
            {P.DRAFTING},
            P.SUBMITTED,
            "staff",
            audit="plan.submit",
            guards=[
                Guard(has_items, PLAN_EMPTY),
                Guard(has_supervisory, PLAN_NEEDS_SUPERVISORY),
                Guard(all_typed, PLAN_UNTYPED),
            ],
        ),
        t("return", "退回修改", {P.SUBMITTED, P.PASSED}, P.DRAFTING, "staff", audit="plan.return"),
        t(
            "pass",
            "登记主席会议通过",
            {P.SUBMITTED},
            P.PASSED,
            "staff",
            "leader",
            audit="plan.pass",
        ),
        t("decide", "登记党委定题", {P.PASSED}, P.DECIDED, "staff", audit="plan.decide"),
    ],
)
