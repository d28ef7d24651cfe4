from zhengxie.consultations import audit_actions
from zhengxie.consultations.actions.outcomes import ACTIONS, SUGGESTION_ACTIONS, TASK_ACTIONS
from zhengxie.consultations.models import EXTRA_STEP_LABELS
from zhengxie.consultations.workflow.outcomes import OUTCOME, SUGGESTION, TASK
from zhengxie.core.auditlabels import ACTIONS as ACTIONS_LABELLED
from zhengxie.core.workflow import problems


def test_every_outcome_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(OUTCOME, ACTIONS) == []
    assert set(ACTIONS) == set(OUTCOME.transitions)


def test_every_outcome_task_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(TASK, TASK_ACTIONS) == []
    assert set(TASK_ACTIONS) == set(TASK.transitions)


def test_every_suggestion_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(SUGGESTION, SUGGESTION_ACTIONS) == []
    assert set(SUGGESTION_ACTIONS) == set(SUGGESTION.transitions)


def test_every_outcome_audit_name_outside_the_table_has_a_chinese_label():
    names = {v for k, v in vars(audit_actions).items() if k.isupper() and isinstance(v, str)}
    assert sorted(names - ACTIONS_LABELLED.keys()) == []


def test_every_timeline_entry_of_a_task_or_suggestion_step_has_a_label():
    logged = {f"task_{a}" for a in TASK.transitions} | {
        f"suggestion_{a}" for a in SUGGESTION.transitions
    }
    assert logged <= EXTRA_STEP_LABELS.keys()
