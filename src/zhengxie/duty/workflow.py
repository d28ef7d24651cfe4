"""The tables of duty on the engine (core.workflow). A self-reported activity's steps: the
office confirms it (it becomes a duty record) or returns it with a reason; the member sends a
returned one again. A duty flag's: the office records the talk of a 谈话提醒, carries out or
declines a 建议退出, confirms or drops a 表彰候选; each step is for one kind of flag (its guard),
so a flag offers only its own. Every row names the audit action it writes."""

from zhengxie.core.errors import Problem
from zhengxie.core.workflow import Guard, Workflow, t

from .models import DutyFlag, DutyReport, SelfReport
from .permissions import ACTORS, FLAG_ACTORS, REPORT_ACTORS

S = SelfReport.State
OPEN = frozenset({S.PENDING, S.RETURNED})

FORBIDDEN = Problem("self_report_forbidden", "您不能对该自报履职活动进行此操作。", 403)
WRONG_STATE = Problem("self_report_wrong_state", "自报履职活动当前状态不允许此操作。", 409)

SELF_REPORT = Workflow(
    name="self_report",
    model=SelfReport,
    noun="自报履职活动",
    actors=ACTORS,
    forbidden=FORBIDDEN,
    wrong_state=WRONG_STATE,
    link=lambda r: f"/self-reports/{r.pk}/",
    summary=lambda r: str(r),
    transitions=[
        t("confirm", "确认", {S.PENDING}, S.CONFIRMED, "office", audit="duty.self_report_confirm"),
        t("return", "退回", {S.PENDING}, S.RETURNED, "office", audit="duty.self_report_return"),
        t(
            "resubmit",
            "修改后重新报送",
            {S.RETURNED},
            S.PENDING,
            "owner",
            audit="duty.self_report_resubmit",
        ),
    ],
)

FS, FK = DutyFlag.State, DutyFlag.Kind
FLAG_OPEN = frozenset({FS.OPEN})

FLAG_FORBIDDEN = Problem("duty_flag_forbidden", "只有政协机关可以办理履职提示。", 403)
FLAG_WRONG_STATE = Problem("duty_flag_wrong_state", "履职提示当前状态不允许此操作。", 409)
NOT_A_TALK = Problem("duty_flag_not_talk", "只有谈话提醒才能记录谈话。", 409)
NOT_AN_EXIT = Problem("duty_flag_not_exit", "只有退出建议才能办理退出或不予退出。", 409)
NOT_A_COMMENDATION = Problem("duty_flag_not_commend", "只有表彰候选才能确认或不予表彰。", 409)
MEMBER_LEFT = Problem(
    "duty_flag_member_left", "该委员已退出本届,请以“不予退出”办结并说明情况。", 409
)


def _kind(kind: str, problem: Problem) -> Guard:
    return Guard(lambda flag: flag.kind == kind, problem)


def _in_office(flag: DutyFlag) -> bool:
    return flag.member.memberships.filter(term=flag.rule.term_id, left_on=None).exists()


TALK = _kind(FK.TALK, NOT_A_TALK)
EXIT = _kind(FK.EXIT, NOT_AN_EXIT)
COMMEND = _kind(FK.COMMEND, NOT_A_COMMENDATION)

FLAG = Workflow(
    name="duty_flag",
    model=DutyFlag,
    noun="履职提示",
    actors=FLAG_ACTORS,
    forbidden=FLAG_FORBIDDEN,
    wrong_state=FLAG_WRONG_STATE,
    link=lambda f: f"/duty/flags/{f.pk}/",
    summary=lambda f: str(f),
    transitions=[
        t("talk", "记录谈话", FLAG_OPEN, FS.DONE, "staff", audit="duty.flag_talk", guards=[TALK]),
        t(
            "exit",
            "办理退出",
            FLAG_OPEN,
            FS.DONE,
            "staff",
            audit="duty.flag_exit",
            guards=[EXIT, Guard(_in_office, MEMBER_LEFT)],
        ),
        t(
            "keep",
            "不予退出",
            FLAG_OPEN,
            FS.DISMISSED,
            "staff",
            audit="duty.flag_keep",
            guards=[EXIT],
        ),
        t(
            "commend",
            "确认表彰",
            FLAG_OPEN,
            FS.DONE,
            "staff",
            audit="duty.flag_commend",
            guards=[COMMEND],
        ),
        t(
            "drop",
            "不予表彰",
            FLAG_OPEN,
            FS.DISMISSED,
            "staff",
            audit="duty.flag_drop",
            guards=[COMMEND],
        ),
    ],
)


# 述职: the member edits the draft written from their record and submits it; the office
# returns it for changes, schedules it at a standing-committee meeting (常委述职) and records
# the assessment.

R = DutyReport.State
REPORT_FORBIDDEN = Problem("duty_report_forbidden", "您不能对该述职进行此操作。", 403)
REPORT_WRONG_STATE = Problem("duty_report_wrong_state", "述职当前状态不允许此操作。", 409)
HEARD = frozenset({R.SUBMITTED, R.SCHEDULED})

REPORT = Workflow(
    name="duty_report",
    model=DutyReport,
    noun="述职",
    actors=REPORT_ACTORS,
    forbidden=REPORT_FORBIDDEN,
    wrong_state=REPORT_WRONG_STATE,
    link=lambda r: f"/duty/reports/{r.pk}/",
    summary=lambda r: r.title,
    transitions=[
        t("edit", "修改述职", {R.DRAFT}, None, "author", audit="duty.report_edit"),
        t("submit", "提交述职", {R.DRAFT}, R.SUBMITTED, "author", audit="duty.report_submit"),
        t("return", "退回修改", HEARD, R.DRAFT, "staff", audit="duty.report_return"),
        t("schedule", "安排常委述职", HEARD, R.SCHEDULED, "staff", audit="duty.report_schedule"),
        t("assess", "评定", HEARD, R.ASSESSED, "staff", audit="duty.report_assess"),
    ],
)
