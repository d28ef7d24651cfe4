"""The leave-request workflow as data (see proposals/workflow.py for the idea)."""

from .models import LeaveRequest

S = LeaveRequest.State

# action → (from states, to state, label)
LEAVE_TRANSITIONS = {
    "approve": ({S.PENDING}, S.APPROVED, "批准请假"),
    "refuse": ({S.PENDING, S.APPROVED}, S.REFUSED, "不批准"),
}
