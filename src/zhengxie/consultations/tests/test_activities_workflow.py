from zhengxie.consultations import audit_actions
from zhengxie.consultations.actions.activities import ACTIONS, MATERIAL_ACTIONS, WRITTEN_ACTIONS
from zhengxie.consultations.workflow.activities import CONSULTATION, MATERIAL, WRITTEN_REQUEST
from zhengxie.core.auditlabels import ACTIONS as AUDIT_LABELS
from zhengxie.core.workflow import problems


def test_every_consultation_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(CONSULTATION, ACTIONS) == []
    assert set(ACTIONS) == set(CONSULTATION.transitions)


def test_every_material_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(MATERIAL, MATERIAL_ACTIONS) == []


def test_every_written_request_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(WRITTEN_REQUEST, WRITTEN_ACTIONS) == []
    assert set(WRITTEN_ACTIONS) == set(WRITTEN_REQUEST.transitions)


def test_every_activities_audit_name_outside_the_tables_has_a_chinese_label():
    names = {
        audit_actions.CONSULTATION_CREATE,
        audit_actions.TOPIC_RESEARCH_EXEMPT,
        audit_actions.WRITTEN_CREATE,
        audit_actions.WRITTEN_ATTACH,
    }
    assert sorted(names - AUDIT_LABELS.keys()) == []
