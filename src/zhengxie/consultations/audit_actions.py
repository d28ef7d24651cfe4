"""The audit actions of consultation, in Chinese (see core.auditlabels)."""

from zhengxie.core.auditlabels import (
    declare_fields,
    declare_labels,
    declare_object,
    declare_transitions,
)

from .workflow.activities import CONSULTATION, MATERIAL, WRITTEN_REQUEST
from .workflow.outcomes import OUTCOME, SUGGESTION, TASK
from .workflow.topics import PLAN, TOPIC

# Written outside the workflow tables (grep finds the write by its name).
CONSULTATION_CREATE = "consultation.create"
TOPIC_RESEARCH_EXEMPT = "topic.research_exempt"
WRITTEN_CREATE = "written.create"
WRITTEN_ATTACH = "written.attach"
OUTCOME_CREATE = "outcome.create"
OUTCOME_RECEIVED = "outcome.received"
INDICATOR_SAVE = "outcome.indicator"
TOPIC_EVALUATE = "topic.evaluate"
TOPIC_RESEARCH_REPORTED = "topic.research_reported"
TOPIC_SUGGEST = "topic.suggest"
SOLICITATION_SEND = "topic.solicitation_send"
CATEGORY_ADD = "topic.category_add"
PLAN_CREATE = "plan.create"

declare_labels(
    {
        CONSULTATION_CREATE: "新建协商活动",
        TOPIC_RESEARCH_EXEMPT: "记录议题免于先行调研",
        WRITTEN_CREATE: "登记书面协商来函",
        WRITTEN_ATTACH: "上传征求意见稿",
        OUTCOME_CREATE: "形成协商成果",
        OUTCOME_RECEIVED: "收到下级政协报送的协商成果",
        INDICATOR_SAVE: "设定协商工作评价指标",
        TOPIC_EVALUATE: "协商成效评估",
        TOPIC_RESEARCH_REPORTED: "议题调研报告定稿",
        TOPIC_SUGGEST: "提出协商议题建议",
        SOLICITATION_SEND: "发出征集议题通知",
        CATEGORY_ADD: "增加协商内容",
        PLAN_CREATE: "建立年度协商工作计划",
    }
)

declare_transitions(CONSULTATION)
declare_transitions(MATERIAL)
declare_transitions(WRITTEN_REQUEST)
declare_object("consultations.consultation", "协商活动", "consultation_detail")
declare_object("consultations.writtenrequest", "书面协商", "written_request_detail")
declare_transitions(TOPIC)
declare_transitions(PLAN)
declare_object("consultations.topic", "协商议题", "topic_detail")
declare_object("consultations.consultationplan", "年度协商工作计划", "plan_detail")
declare_object("consultations.solicitation", "征集议题通知", "solicitation_detail")
for _workflow in (OUTCOME, TASK, SUGGESTION):
    declare_transitions(_workflow)
declare_object("consultations.outcome", "协商成果", "outcome_detail")
declare_object("consultations.evaluation", "协商成效评估")
declare_object("consultations.indicator", "协商工作评价指标")
declare_fields(
    {
        "suggestions": "建议条数",
        "suggestion": "建议序号",
        "suggestion_state": "建议状态",
        "satisfaction": "满意度",
        "grade": "评估等次",
        "conclusion": "评估结论",
        "scores": "各项指标得分",
    }
)
