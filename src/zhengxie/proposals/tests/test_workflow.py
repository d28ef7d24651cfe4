from zhengxie.core.workflow import problems
from zhengxie.proposals.actions import ACTIONS
from zhengxie.proposals.workflow import PROPOSAL


def test_every_proposal_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(PROPOSAL, ACTIONS) == []
