"""The audit actions of fieldwork, in Chinese (see core.auditlabels)."""

from zhengxie.core.auditlabels import (
    declare_fields,
    declare_labels,
    declare_object,
    declare_transitions,
)

from .workflow import FIELDWORK

# Written outside the workflow table (grep finds the write by its name).
CREATE = "fieldwork.create"
RULES = "fieldwork.rules"

declare_transitions(FIELDWORK)
declare_labels({CREATE: "新建视察调研", RULES: "修改视察调研工作规则"})
declare_object("fieldwork.fieldwork", "视察调研", "fieldwork_detail")
declare_object("fieldwork.fieldworkrules", "视察调研工作规则")
declare_fields(
    {
        "group_limit": "调研组人数上限",
        "participant": "调研组成员",
        "visit": "走访",
        "present": "出勤人员",
        "draft": "报告稿",
        "outcome": "最终报告",
        "suggestions": "建议条数",
    }
)
