"""The audit actions of 社情民意, in Chinese (see core.auditlabels)."""

from zhengxie.core.auditlabels import (
    declare_actions,
    declare_fields,
    declare_labels,
    declare_object,
    declare_reference,
    declare_transitions,
)

from .models import EXTRA_STEP_LABELS
from .workflow import BULLETIN_ISSUE, OPINION

# Written outside the workflow table (grep finds the write by its name).
ATTACH = "opinion.attach"
SUBMIT = "opinion.submit"
ADOPTED_ABOVE = "opinion.adopted_above"
INSTRUCTED_ABOVE = "opinion.instructed_above"
CATEGORY = "opinion.category"
OFFICER_APPOINT = "opinion.officer_appoint"
OFFICER_END = "opinion.officer_end"
POLICY = "opinion.policy"
QUOTA = "opinion.quota"
BULLETIN_SAVE = "bulletin.save"

# A bulletin issue's draft (its steps are rows of workflow.BULLETIN_ISSUE).
ISSUE_DRAFT = "bulletin.draft"

declare_transitions(OPINION)
declare_actions("opinion", EXTRA_STEP_LABELS)
declare_labels(
    {
        ATTACH: "上传附件",
        CATEGORY: "设定信息类别",
        OFFICER_APPOINT: "聘任信息员",
        OFFICER_END: "解聘信息员",
        POLICY: "修改社情民意工作规则",
        QUOTA: "设定信息报送任务",
        BULLETIN_SAVE: "保存刊物",
    }
)
declare_labels({ISSUE_DRAFT: "编排刊物"})
declare_transitions(BULLETIN_ISSUE)
declare_object("opinions.opinion", "社情民意信息", "opinion_detail")
declare_object("opinions.bulletinissue", "刊物", "bulletin_issue")
declare_object("opinions.opinionquota", "信息报送任务")
declare_fields(
    {
        "into": "并入",
        "opinion_categories": "信息类别",
        "bulletins": "刊物",
        "opinion_policy": "社情民意工作规则",
        "holder": "承担者",
        "target": "任务数",
        "year": "年度",
        "bulletin": "刊物",
        "issue": "期号",
        "items": "信息",
        "opinion": "信息",
        "recipients": "报送范围",
    }
)
declare_reference("opinions.opinion", "into", "opinions.Opinion")
for _key in ("opinion", "items"):
    declare_reference("opinions.bulletinissue", _key, "opinions.Opinion")
