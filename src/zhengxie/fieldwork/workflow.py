"""The steps of a fieldwork as one table on the engine (core.workflow). The group, the
schedule, attendance, findings and drafts are recorded by steps that do not move the state
(target None) so that each is checked, offered and audited like the others. Every row names
the audit action it writes, so that grepping for one finds its step."""

from zhengxie.core.errors import Problem
from zhengxie.core.workflow import Guard, Workflow, t

from .models import Fieldwork
from .permissions import ACTORS

S = Fieldwork.State
PREPARING = frozenset({S.PLANNED, S.UNDER_WAY})
# Which fieldwork counts as going on: the lists, the home counters and next visits read it.
OPEN = PREPARING
DONE = frozenset({S.REPORTED})

FORBIDDEN = Problem("fieldwork_forbidden", "您不能对该视察调研进行此操作。", 403)
WRONG_STATE = Problem("fieldwork_wrong_state", "视察调研当前状态不允许此操作。", 409)
NO_FINAL_DRAFT = Problem(
    "no_final_draft", "请先从调研组成员撰写的报告稿中优选定稿一篇,再形成最终报告。", 409
)
NOT_IN_GROUP = Problem("draft_not_in_group", "只有调研组成员才能撰写报告稿。", 403)
NO_DRAFTS = Problem("no_drafts", "调研组成员尚未提交报告稿。", 409)
NO_VISITS = Problem("no_visits", "尚未安排任何走访,不能形成报告(坚决杜绝蜻蜓点水式调研)。", 409)


def refused(user, fieldwork: Fieldwork, transition) -> Problem:
    """A member outside the group asking to write a draft hears why, not a bare no."""
    return NOT_IN_GROUP if "group_member" in transition.actors else FORBIDDEN


def _has_final_draft(fieldwork: Fieldwork) -> bool:
    return fieldwork.drafts.filter(final=True).exists()


def _has_visits(fieldwork: Fieldwork) -> bool:
    return fieldwork.visits.exists()


def _has_drafts(fieldwork: Fieldwork) -> bool:
    return fieldwork.drafts.exists()


FIELDWORK = Workflow(
    name="fieldwork",
    model=Fieldwork,
    noun="视察调研",
    actors=ACTORS,
    forbidden=refused,
    wrong_state=WRONG_STATE,
    link=lambda f: f"/fieldwork/{f.pk}/",
    summary=lambda f: f.title,
    transitions=[
        t("start", "开始实施", {S.PLANNED}, S.UNDER_WAY, "staff", audit="fieldwork.start"),
        t(
            "add_participant",
            "加入调研组",
            PREPARING,
            None,
            "staff",
            audit="fieldwork.add_participant",
        ),
        t(
            "remove_participant",
            "移出调研组",
            PREPARING,
            None,
            "staff",
            audit="fieldwork.remove_participant",
        ),
        t("add_visit", "安排走访", PREPARING, None, "staff", audit="fieldwork.add_visit"),
        t(
            "attendance",
            "记录走访出勤",
            {S.UNDER_WAY},
            None,
            "staff",
            audit="fieldwork.attendance",
            guards=[Guard(_has_visits, NO_VISITS)],
        ),
        t(
            "add_finding",
            "记录发现的问题",
            {S.UNDER_WAY},
            None,
            "staff",
            audit="fieldwork.add_finding",
            guards=[Guard(_has_visits, NO_VISITS)],
        ),
        t(
            "write_draft",
            "提交报告稿",
            {S.UNDER_WAY},
            None,
            "group_member",
            audit="fieldwork.write_draft",
        ),
        t(
            "select_draft",
            "优选定稿",
            {S.UNDER_WAY},
            None,
            "staff",
            audit="fieldwork.select_draft",
            guards=[Guard(_has_drafts, NO_DRAFTS)],
        ),
        t(
            "report",
            "形成最终报告",
            {S.UNDER_WAY},
            S.REPORTED,
            "staff",
            audit="fieldwork.report",
            guards=[Guard(_has_visits, NO_VISITS), Guard(_has_final_draft, NO_FINAL_DRAFT)],
        ),
        t("cancel", "取消", PREPARING, S.CANCELLED, "staff", audit="fieldwork.cancel"),
    ],
)
