"""The steps of meetings as both the pages and the API take them: a payload schema and the
service call, per action name of each table in `workflow.py`."""

from collections.abc import Callable

from zhengxie.core.actionforms import Empty
from zhengxie.core.inputs import InSchema, ModelText

from . import services, speeches, voting
from .models import LeaveRequest


class Decision(InSchema):
    note: ModelText(LeaveRequest, "decision_note") = ""


Action = Callable[..., object]


def _leave(action: str) -> tuple[type[InSchema], Action]:
    return Decision, lambda a, leave, d: services.leave_decide(
        actor=a, leave=leave, action=action, note=d.note
    )


def _speech(action: str) -> tuple[type[InSchema], Action]:
    return Empty, lambda a, speech, d: speeches.speech_decide(actor=a, speech=speech, action=action)


LEAVE_ACTIONS: dict[str, tuple[type[InSchema], Action]] = {
    "approve": _leave("approve"),
    "refuse": _leave("refuse"),
}
SPEECH_ACTIONS = {
    name: _speech(name) for name in ("select_oral", "select_written", "decline", "deliver")
}
VOTE_ACTIONS = {
    "open": (Empty, lambda a, vote, d: voting.vote_open(actor=a, vote=vote)),
    "close": (Empty, lambda a, vote, d: voting.vote_close(actor=a, vote=vote)),
}
MEETING_ACTIONS = {
    "close": (Empty, lambda a, meeting, d: services.meeting_close(actor=a, meeting=meeting)),
}
