"""The audit actions of 工作报告稿, in Chinese (see core.auditlabels)."""

from zhengxie.core.auditlabels import (
    declare_actions,
    declare_fields,
    declare_labels,
    declare_object,
    declare_transitions,
)

from .workflow import SAVED

declare_actions("reports", {"saved_create": "保存工作报告稿"})
declare_transitions(SAVED)
declare_object("reports.savedreport", "工作报告稿", "saved_report")

SAVED_CREATE = "reports.saved_create"
APPROXIMATION_SET = "reports.approximation_set"

declare_labels({APPROXIMATION_SET: "设置工作报告数字写法"})
declare_object("reports.approximation", "工作报告数字写法", "report_approximations")
declare_fields({"target": "统计项", "style": "写法"})
