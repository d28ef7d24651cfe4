from zhengxie.core.auditlabels import ACTIONS as ACTIONS_LABELLED
from zhengxie.core.workflow import problems
from zhengxie.opinions import audit_actions
from zhengxie.opinions.actions import ACTIONS, INSTRUCTION_ACTIONS, ISSUE_ACTIONS
from zhengxie.opinions.workflow import BULLETIN_ISSUE, INSTRUCTION, OPINION


def test_every_opinion_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(OPINION, ACTIONS) == []


def test_every_opinion_audit_name_outside_the_table_has_a_chinese_label():
    names = {v for k, v in vars(audit_actions).items() if k.isupper() and isinstance(v, str)}
    names |= {tr.audit for tr in INSTRUCTION.transitions.values()}
    assert {"opinion.submit", "opinion.task_feedback", "bulletin.save"} <= names
    assert sorted(names - ACTIONS_LABELLED.keys()) == []


def test_every_instruction_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(INSTRUCTION, INSTRUCTION_ACTIONS) == []


def test_every_bulletin_issue_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(BULLETIN_ISSUE, ISSUE_ACTIONS) == []
    # Forwarding a printed issue is the items' own step, taken from the same table.
    assert set(ISSUE_ACTIONS) - set(BULLETIN_ISSUE.transitions) == {"forward"}
