"""A 工作报告稿 on the engine (core.workflow): while it is drafted the office saves new
versions and restores old ones as new (steps that record without moving); 定稿 closes it, and
重新起草 with a reason opens it again."""

from zhengxie.core.errors import Problem
from zhengxie.core.workflow import Workflow, t

from .models import SavedReport
from .permissions import ACTORS

S = SavedReport.State
FORBIDDEN = Problem("saved_report_forbidden", "只有政协机关可以修改工作报告稿。", 403)
WRONG_STATE = Problem("saved_report_wrong_state", "工作报告稿当前状态不允许此操作。", 409)

SAVED = Workflow(
    name="saved_report",
    model=SavedReport,
    noun="工作报告稿",
    actors=ACTORS,
    forbidden=FORBIDDEN,
    wrong_state=WRONG_STATE,
    link=lambda r: f"/reports/saved/{r.pk}/",
    summary=str,
    transitions=[
        t("save", "保存新版本", {S.DRAFTING}, None, "office", audit="reports.saved_save"),
        t("restore", "恢复为新版本", {S.DRAFTING}, None, "office", audit="reports.saved_restore"),
        t("finalize", "定稿", {S.DRAFTING}, S.FINAL, "office", audit="reports.saved_finalize"),
        t("reopen", "重新起草", {S.FINAL}, S.DRAFTING, "office", audit="reports.saved_reopen"),
    ],
)
