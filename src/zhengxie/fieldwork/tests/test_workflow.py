from zhengxie.core.auditlabels import ACTIONS as ACTIONS_LABELLED
from zhengxie.core.workflow import problems
from zhengxie.fieldwork import audit_actions
from zhengxie.fieldwork.actions import ACTIONS
from zhengxie.fieldwork.workflow import FIELDWORK


def test_every_fieldwork_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(FIELDWORK, ACTIONS) == []
    assert set(ACTIONS) == set(FIELDWORK.transitions)


def test_every_fieldwork_audit_name_outside_the_table_has_a_chinese_label():
    names = {v for k, v in vars(audit_actions).items() if k.isupper() and isinstance(v, str)}
    assert {"fieldwork.create", "fieldwork.rules"} <= names
    assert sorted(names - ACTIONS_LABELLED.keys()) == []
