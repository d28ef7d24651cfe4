from zhengxie.core.workflow import problems
from zhengxie.opinions.actions import ACTIONS
from zhengxie.opinions.workflow import OPINION


def test_every_opinion_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(OPINION, ACTIONS) == []
