from zhengxie.core.auditlabels import ACTIONS as ACTIONS_LABELLED
from zhengxie.core.workflow import problems
from zhengxie.proposals import audit_actions
from zhengxie.proposals.actions import ACTIONS
from zhengxie.proposals.workflow import PROPOSAL


def test_every_proposal_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(PROPOSAL, ACTIONS) == []


def test_every_proposal_audit_name_outside_the_table_has_a_chinese_label():
    declared = {v for k, v in vars(audit_actions).items() if k.isupper() and isinstance(v, str)}
    assert {"proposal.create", "proposal.attach"} <= declared
    assert sorted(declared - ACTIONS_LABELLED.keys()) == []
