"""The handling deadline (办理期限): computed here and written here, nowhere else.

It is stored twice, on purpose. `Assignment.deadline` is each unit's own: a unit brought in
by reassignment gets its full window from the day it was assigned, and the reminders count
down per assignment (`reminded` holds the ones already sent for that deadline).
`Proposal.deadline` is the lead unit's deadline of the current round, kept on the proposal
so the lists, the overdue counts and `replied_late` filter and sort on one column of one
table instead of a join per row. Neither copy can be derived from the other, so both stay,
and only `deadline_set` writes them.
"""

from collections.abc import Iterable
from datetime import date

from zhengxie.core.calendar import Deadline, deadline_after_months, next_working_day

from .models import Assignment, CollectionCall, Proposal
from .queries import policy_for


def deadline_for(proposal: Proposal, *, today: date, requested: date | None = None) -> Deadline:
    """The date staff asked for, else the session's fixed date (plenary proposals only:
    between sessions the months count), else the call's or the committee's months from
    `today`; always moved onto a working day of the committee's calendar."""
    committee = proposal.committee
    if requested:
        return next_working_day(committee, requested)
    call = CollectionCall.objects.filter(session_id=proposal.session_id).first()
    if call and call.fixed_deadline and not proposal.between_sessions:
        return next_working_day(committee, call.fixed_deadline)
    months = call.deadline_months if call and call.deadline_months else None
    months = months or policy_for(proposal.committee_id).deadline_months
    return deadline_after_months(committee, today, months)


def deadline_set(
    proposal: Proposal, due: Deadline, *, assignments: Iterable[Assignment] | None = None
) -> None:
    """Write `due` on `assignments` (new ones are created; by default every active one of
    the current round), their reminders starting over, and on the proposal when the lead's
    deadline is among them. Call inside the service's transaction, the proposal locked."""
    if assignments is None:
        assignments = proposal.assignments.filter(active=True, round=proposal.round)
    leads = False
    for assignment in assignments:
        assignment.deadline, assignment.deadline_unconfirmed = due.date, not due.confirmed
        assignment.reminded = []
        if assignment.pk is None:
            assignment.save()
        else:
            assignment.save(update_fields=["deadline", "deadline_unconfirmed", "reminded"])
        leads |= assignment.role == Assignment.Role.LEAD and assignment.round == proposal.round
    if leads:
        proposal.deadline = due.date
        proposal.save(update_fields=["deadline"])
