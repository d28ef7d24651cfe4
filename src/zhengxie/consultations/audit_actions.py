"""The audit actions of consultation, in Chinese (see core.auditlabels)."""

from zhengxie.core.auditlabels import declare_labels

# Written outside the workflow tables (grep finds the write by its name).
CONSULTATION_CREATE = "consultation.create"
OUTCOME_CREATE = "outcome.create"
TOPIC_RESEARCH_REPORTED = "topic.research_reported"

declare_labels(
    {
        CONSULTATION_CREATE: "新建协商活动",
        OUTCOME_CREATE: "形成协商成果",
        TOPIC_RESEARCH_REPORTED: "议题调研报告定稿",
    }
)
