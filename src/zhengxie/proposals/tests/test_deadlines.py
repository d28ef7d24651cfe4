"""One module owns the handling deadline: `deadlines.deadline_for` computes it,
`deadlines.deadline_set` writes it on the proposal, its assignments and their reminders."""

from datetime import date

from django.db import transaction

from zhengxie.core.calendar import Deadline
from zhengxie.members import services as members
from zhengxie.proposals import services
from zhengxie.proposals.deadlines import deadline_set
from zhengxie.proposals.models import Assignment

from .conftest import at


def _third_unit(p):
    return members.handling_unit_create(actor=None, committee=p.committee, name="县财政局")


def _reminded_everywhere(proposal):
    proposal.assignments.update(reminded=["15", "5"])


def test_assigning_writes_one_deadline_on_the_proposal_and_every_unit(cycle):
    proposal = cycle.assigned(co=True, now=at(2026, 3, 10))
    deadlines = set(proposal.assignments.values_list("deadline", flat=True))
    assert deadlines == {proposal.deadline} == {date(2026, 6, 10)}


def test_deadline_set_updates_the_proposal_and_every_active_assignment(cycle):
    proposal = cycle.assigned(co=True, now=at(2026, 3, 10))
    _reminded_everywhere(proposal)
    with transaction.atomic():
        deadline_set(proposal, Deadline(date(2026, 9, 1), confirmed=False))
    proposal.refresh_from_db()
    assert proposal.deadline == date(2026, 9, 1)
    for assignment in proposal.assignments.all():
        assert assignment.deadline == date(2026, 9, 1)
        assert assignment.deadline_unconfirmed and assignment.reminded == []


def test_deadline_set_leaves_a_replaced_units_assignment_alone(cycle):
    p = cycle.p
    proposal = services.proposal_reassign(
        actor=cycle.staff,
        proposal=cycle.assigned(now=at(2026, 3, 10)),
        from_unit=p.unit,
        to_unit=p.other_unit,
        now=at(2026, 3, 12),
    )
    with transaction.atomic():
        deadline_set(proposal, Deadline(date(2026, 9, 1), confirmed=True))
    replaced = Assignment.objects.get(proposal=proposal, unit=p.unit)
    assert not replaced.active and replaced.deadline == date(2026, 6, 10)


def test_a_reassigned_lead_gets_its_own_window_and_the_proposal_follows_it(cycle):
    p = cycle.p
    proposal = cycle.assigned(co=True, now=at(2026, 3, 10))
    moved = services.proposal_reassign(
        actor=cycle.staff,
        proposal=proposal,
        from_unit=p.unit,
        to_unit=_third_unit(p),
        now=at(2026, 4, 7),
    )
    moved.refresh_from_db()
    lead = moved.assignments.get(active=True, role="lead")
    co = moved.assignments.get(active=True, role="co")
    assert lead.deadline == moved.deadline == date(2026, 7, 7)
    assert co.deadline == date(2026, 6, 10)


def test_a_second_round_sets_the_deadline_asked_for_on_the_proposal_and_the_lead(cycle):
    proposal = services.proposal_rehandle(
        actor=cycle.staff,
        proposal=cycle.replied(),
        reason="出现新情况",
        deadline=date(2026, 8, 15),  # a Saturday: moved to Monday
        now=at(2026, 6, 1),
    )
    proposal.refresh_from_db()
    lead = proposal.assignments.get(round=2)
    assert lead.deadline == proposal.deadline == date(2026, 8, 17)


def test_reminders_start_over_for_a_new_deadline(cycle):
    proposal = cycle.assigned(now=at(2026, 3, 10))
    assert services.deadline_reminders_send(today=date(2026, 6, 3)) == 1
    assert services.deadline_reminders_send(today=date(2026, 6, 3)) == 0
    with transaction.atomic():
        deadline_set(proposal, Deadline(date(2026, 6, 12), confirmed=True))
    assert services.deadline_reminders_send(today=date(2026, 6, 3)) == 1
