"""The audit actions of 工作报告稿, in Chinese (see core.auditlabels)."""

from zhengxie.core.auditlabels import declare_actions, declare_object, declare_transitions

from .workflow import SAVED

declare_actions("reports", {"saved_create": "保存工作报告稿"})
declare_transitions(SAVED)
declare_object("reports.savedreport", "工作报告稿", "saved_report")

SAVED_CREATE = "reports.saved_create"
