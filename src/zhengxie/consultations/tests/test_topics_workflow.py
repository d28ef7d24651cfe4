from zhengxie.consultations import audit_actions
from zhengxie.consultations.actions.topics import PLAN_ACTIONS, TOPIC_ACTIONS
from zhengxie.consultations.workflow.topics import PLAN, TOPIC
from zhengxie.core.auditlabels import ACTIONS as AUDIT_LABELS
from zhengxie.core.workflow import problems


def test_every_topic_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(TOPIC, TOPIC_ACTIONS) == []
    assert set(TOPIC_ACTIONS) == set(TOPIC.transitions)


def test_every_plan_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(PLAN, PLAN_ACTIONS) == []
    assert set(PLAN_ACTIONS) == set(PLAN.transitions)


def test_every_topic_audit_name_outside_the_tables_has_a_chinese_label():
    names = {v for k, v in vars(audit_actions).items() if k.isupper() and isinstance(v, str)}
    assert {"topic.suggest", "plan.create", "topic.solicitation_send"} <= names
    assert sorted(names - AUDIT_LABELS.keys()) == []
