"""The public-opinion workflows as data on the one engine (core.workflow): an item's steps,
a leader's instruction's and a bulletin issue's.

Actors of an item: `author` (who submitted it or is credited), `staff`, `reviewer` (staff
other than the item's editor: the four-eyes rule). Publication in a bulletin issue is a
bulletin step and needs the item approved."""

from zhengxie.core import errors
from zhengxie.core.errors import Problem
from zhengxie.core.workflow import Workflow, t, timeline_row

from .models import BulletinIssue, Instruction, Opinion, OpinionStep
from .permissions import ACTORS, INSTRUCTION_ACTORS, ISSUE_ACTORS

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
    timeline_row(
        OpinionStep,
        actor,
        opinion,
        action,
        before=before,
        now=now,
        note=note,
        opinion=opinion,
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

INSTRUCTION_FORBIDDEN = Problem("instruction_forbidden", "您不能办理这项批示。", 403)
INSTRUCTION_STATE = Problem("instruction_wrong_state", "这项批示已反馈,不能再办理。", 409)

T = Instruction.State
# A leader's instruction is a task for the instructed department (or the office) until its
# feedback (件件有办理,件件有反馈). Its steps are entries of the item's timeline, audited
# under the names below (labelled as those entries, opinions.models.EXTRA_STEP_LABELS).
INSTRUCTION = Workflow(
    name="instruction",
    model=Instruction,
    noun="批示",
    actors=INSTRUCTION_ACTORS,
    forbidden=INSTRUCTION_FORBIDDEN,
    wrong_state=INSTRUCTION_STATE,
    link=lambda i: f"/opinions/{i.opinion_id}/",
    summary=lambda i: i.text,
    transitions=[
        t(
            "coordinate",
            "记录协调会",
            {T.OPEN},
            None,
            "handler",
            audit="opinion.task_coordinate",
        ),
        t("feedback", "反馈办理结果", {T.OPEN}, T.DONE, "handler", audit="opinion.task_feedback"),
    ],
)

ISSUE_PUBLISHED = Problem("issue_published", "本期已印发,不能再修改。", 409)

B = BulletinIssue.State
# A bulletin issue is assembled as a draft, then published under the year's next number;
# only the office edits or prints it. Forwarding a printed issue forwards each item (the
# items' own `forward` step), outside this table.
BULLETIN_ISSUE = Workflow(
    name="bulletin",
    model=BulletinIssue,
    noun="本期刊物",
    actors=ISSUE_ACTORS,
    forbidden=errors.FORBIDDEN,
    wrong_state=ISSUE_PUBLISHED,
    link=lambda issue: f"/opinions/issues/{issue.pk}/",
    summary=str,
    transitions=[
        t("add", "编入本期", {B.DRAFT}, None, "staff", audit="bulletin.add"),
        t("remove", "移出本期", {B.DRAFT}, None, "staff", audit="bulletin.remove"),
        t(
            "update",
            "修改本期标题和报送范围",
            {B.DRAFT},
            None,
            "staff",
            audit="bulletin.update",
        ),
        t("publish", "刊发", {B.DRAFT}, B.PUBLISHED, "staff", audit="bulletin.publish"),
    ],
)
