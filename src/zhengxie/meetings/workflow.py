"""The leave-request workflow as data (see proposals/workflow.py for the idea)."""

from .models import LeaveRequest, Speech

S = LeaveRequest.State

# action → (from states, to state, label)
LEAVE_TRANSITIONS = {
    "approve": ({S.PENDING}, S.APPROVED, "批准请假"),
    "refuse": ({S.PENDING, S.APPROVED}, S.REFUSED, "不批准"),
}

P = Speech.State

# action → (from states, to state, label); staff take every speech step.
SPEECH_TRANSITIONS = {
    "select_oral": ({P.SUBMITTED, P.SELECTED_WRITTEN, P.DECLINED}, P.SELECTED_ORAL, "安排口头发言"),
    "select_written": (
        {P.SUBMITTED, P.SELECTED_ORAL, P.DECLINED},
        P.SELECTED_WRITTEN,
        "作为书面发言",
    ),
    "decline": ({P.SUBMITTED}, P.DECLINED, "不予采用"),
    "deliver": ({P.SELECTED_ORAL}, P.DELIVERED, "已发言"),
}
