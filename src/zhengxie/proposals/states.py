"""The proposal's named state sets, in a module of their own so that permissions.py (which
workflow.py imports) reads the same sets; workflow.py re-exports them, the one place others
import them from."""

from .models import Proposal

S = Proposal.State
OPEN_FOR_HANDLING = frozenset({S.ASSIGNED})
UNDER_WAY = frozenset({S.REGISTERED, S.ASSIGNED, S.REPLY_PENDING, S.REPLY_REVIEW, S.REPLIED})
# Still the proposer's to add to, and cosigners answer their invitation: a draft, or
# submitted and not yet registered.
BEFORE_REGISTRATION = frozenset({S.DRAFT, S.SUBMITTED})
ANSWERED = frozenset({S.REPLIED, S.CLOSED})
# Under review (审查): submitted, or registered and not yet assigned; endorsing and merging
# happen here.
IN_REVIEW = frozenset({S.SUBMITTED, S.REGISTERED})
# On a unit's desk: assigned, or its reply drafted and awaiting the unit's sign-off (签发).
AT_UNIT = frozenset({S.ASSIGNED, S.REPLY_PENDING})
# Still owed an accepted reply, so the handling deadline runs (the overdue board, a row's
# deadline shown in red).
AWAITING_REPLY = AT_UNIT | {S.REPLY_REVIEW}
