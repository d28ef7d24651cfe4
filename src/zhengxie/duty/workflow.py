"""A self-reported activity's steps as one table on the engine (core.workflow): the office
confirms it (it becomes a duty record) or returns it with a reason; the member sends a returned
one again. Every row names the audit action it writes."""

from zhengxie.core.errors import Problem
from zhengxie.core.workflow import Workflow, t

from .models import SelfReport
from .permissions import ACTORS

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
