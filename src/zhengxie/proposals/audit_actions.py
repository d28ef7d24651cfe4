"""The audit actions of proposals, in Chinese (see core.auditlabels): every step of the
workflow table under its own label, and the writes outside it."""

from zhengxie.core.auditlabels import (
    declare_fields,
    declare_labels,
    declare_object,
    declare_reference,
    declare_transitions,
)

from .workflow import PROPOSAL

# Written outside the workflow table (grep finds the write by its name).
CREATE = "proposal.create"
EDIT_DRAFT = "proposal.edit_draft"
ATTACH = "proposal.attach"
POLICY = "proposal.policy"
COLLECTION_CALL = "proposal.collection_call"

declare_transitions(PROPOSAL)
declare_labels(
    {
        CREATE: "新建提案",
        EDIT_DRAFT: "修改提案草稿",
        ATTACH: "上传附件",
        POLICY: "修改提案办理规则",
        COLLECTION_CALL: "发布提案征集",
    }
)
declare_object("proposals.proposal", "提案", "proposal_detail")
declare_object("proposals.collectioncall", "提案征集")
declare_object("proposals.proposalpolicy", "提案办理规则")
declare_fields(
    {
        "into": "并入",
        "lead_unit": "主办单位",
        "co_units": "会办单位",
        "deadline": "办理期限",
        "proposal_policy": "提案办理规则",
        "serial": "提案号",
        "doc_number": "文号",
        "cosigners": "联名人",
        "session": "会议",
        "kind": "类别",
        "category": "类别",
    }
)
declare_reference("proposals.proposal", "into", "proposals.Proposal")
