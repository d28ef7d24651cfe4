"""Each meeting workflow table against the actions the pages and the API take."""

from zhengxie.core.workflow import problems
from zhengxie.meetings.actions import LEAVE_ACTIONS, MEETING_ACTIONS, SPEECH_ACTIONS, VOTE_ACTIONS
from zhengxie.meetings.workflow import LEAVE, MEETING, SPEECH, VOTE


def test_every_leave_request_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(LEAVE, LEAVE_ACTIONS) == []


def test_every_speech_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(SPEECH, SPEECH_ACTIONS) == []


def test_every_vote_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(VOTE, VOTE_ACTIONS) == []


def test_every_meeting_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(MEETING, MEETING_ACTIONS) == []


def test_the_tables_offer_exactly_what_they_take():
    for workflow, actions in [
        (LEAVE, LEAVE_ACTIONS),
        (SPEECH, SPEECH_ACTIONS),
        (VOTE, VOTE_ACTIONS),
        (MEETING, MEETING_ACTIONS),
    ]:
        assert set(workflow.transitions) == set(actions), workflow.name
