from datetime import date

import pytest

from zhengxie.core.errors import ServiceError
from zhengxie.core.models import Notification
from zhengxie.proposals import services
from zhengxie.proposals.models import Assignment, CollectionCall, ProposalPolicy
from zhengxie.proposals.queries import unit_inbox

from .conftest import at


def codes(fn, **kwargs):
    with pytest.raises(ServiceError) as exc:
        fn(**kwargs)
    return exc.value.status, exc.value.code


def test_assignment_deadline_is_three_months_moved_to_the_next_working_day(cycle):
    # 2026-07-03 plus three months is 10月3日, inside 国庆: the deadline moves to 10月8日.
    proposal = cycle.assigned(now=at(2026, 7, 3))
    assert proposal.state == "assigned" and proposal.deadline == date(2026, 10, 8)
    assert Notification.objects.filter(recipient=cycle.unit, title__contains="新交办").exists()


def test_a_session_can_set_its_own_deadline_length(cycle):
    CollectionCall.objects.filter(session=cycle.p.sessions[-1]).update(deadline_months=2)
    assert cycle.assigned(now=at(2026, 3, 10)).deadline == date(2026, 5, 11)


def test_a_deadline_in_an_unconfirmed_year_is_flagged(cycle):
    proposal = cycle.assigned(now=at(2026, 11, 20))
    assignment = proposal.assignments.get()
    assert proposal.deadline.year == 2027 and assignment.deadline_unconfirmed


def test_the_same_unit_cannot_lead_and_co_handle(cycle):
    assert codes(
        services.proposal_assign,
        actor=cycle.staff,
        proposal=cycle.registered(),
        lead_unit=cycle.p.unit,
        co_units=[cycle.p.unit],
    ) == (400, "unit_twice")


def test_units_see_only_what_is_assigned_to_them(cycle):
    mine = cycle.assigned()
    cycle.registered()
    assert list(unit_inbox(cycle.unit)) == [mine]
    assert list(unit_inbox(cycle.co_unit)) == []


def test_a_unit_asks_to_be_relieved_within_seven_working_days(cycle):
    proposal = cycle.assigned(now=at(2026, 3, 10))
    services.proposal_relieve(
        actor=cycle.unit, proposal=proposal, reason="不属于本单位职责", now=at(2026, 3, 19)
    )
    assert Notification.objects.filter(recipient=cycle.staff, title__contains="申请退回").exists()
    assert codes(
        services.proposal_relieve, actor=cycle.unit, proposal=proposal, reason="再次申请"
    ) == (409, "relief_twice")


def test_relief_is_refused_after_the_window(cycle):
    proposal = cycle.assigned(now=at(2026, 3, 10))
    # 3月10日 (Tue) to 3月20日 (Fri) is eight working days.
    assert codes(
        services.proposal_relieve,
        actor=cycle.unit,
        proposal=proposal,
        reason="不属于本单位职责",
        now=at(2026, 3, 20),
    ) == (409, "relief_late")


def test_the_relief_window_is_configurable(cycle):
    ProposalPolicy.objects.update_or_create(
        committee=cycle.p.committee, defaults={"relief_working_days": 10}
    )
    proposal = cycle.assigned(now=at(2026, 3, 10))
    services.proposal_relieve(
        actor=cycle.unit, proposal=proposal, reason="不属于本单位职责", now=at(2026, 3, 20)
    )


def test_staff_reassign_a_relieved_proposal(cycle):
    p = cycle.p
    proposal = cycle.assigned()
    services.proposal_relieve(
        actor=cycle.unit, proposal=proposal, reason="职责不符", now=at(2026, 3, 11)
    )
    moved = services.proposal_reassign(
        actor=cycle.staff, proposal=proposal, from_unit=p.unit, to_unit=p.other_unit
    )
    assert moved.lead_unit == p.other_unit
    assert list(unit_inbox(cycle.co_unit)) == [moved]
    assert codes(
        services.proposal_contact, actor=cycle.unit, proposal=moved, mode="phone", note="x"
    ) == (403, "proposal_forbidden")


def test_co_units_give_opinions_and_countersign_before_the_reply(cycle):
    proposal = cycle.assigned(co=True)
    assert codes(
        services.proposal_reply, actor=cycle.unit, proposal=proposal, category="A", text="已解决"
    ) == (409, "co_units_pending")
    assert (
        codes(services.proposal_countersign, actor=cycle.co_unit, proposal=proposal)[1]
        == "co_opinion_text"
    )
    services.proposal_co_opinion(actor=cycle.co_unit, proposal=proposal, text="同意主办意见")
    services.proposal_countersign(actor=cycle.co_unit, proposal=proposal)
    services.proposal_contact(actor=cycle.unit, proposal=proposal, mode="phone", note="电话沟通")
    reply = services.proposal_reply(
        actor=cycle.unit, proposal=proposal, category="A", text="已解决"
    )
    assert reply.proposal.state == "reply_pending"


def test_every_reply_needs_a_recorded_communication(cycle):
    """未经沟通协商……提案复文不得进入报批程序: any proposal, not only a key one."""
    proposal = cycle.assigned(co=True)
    services.proposal_co_opinion(actor=cycle.co_unit, proposal=proposal, text="同意")
    services.proposal_countersign(actor=cycle.co_unit, proposal=proposal)
    services.proposal_contact(actor=cycle.co_unit, proposal=proposal, mode="phone", note="会办沟通")
    assert codes(
        services.proposal_reply, actor=cycle.unit, proposal=proposal, category="A", text="已解决"
    ) == (409, "reply_needs_contact")  # the co-handling unit's contact is not the lead unit's
    services.proposal_contact(actor=cycle.unit, proposal=proposal, mode="letter", note="书面征求")
    reply = services.proposal_reply(
        actor=cycle.unit, proposal=proposal, category="A", text="已解决"
    )
    assert reply.proposal.state == "reply_pending"


def test_key_proposal_reply_needs_in_person_meeting(cycle):
    p = cycle.p
    proposal = cycle.assigned()
    services.proposal_mark_key(
        actor=cycle.staff, proposal=proposal, supervisor=p.chair, lead_by="副县长 王强"
    )
    services.proposal_contact(actor=cycle.unit, proposal=proposal, mode="phone", note="电话沟通")
    assert codes(
        services.proposal_reply, actor=cycle.unit, proposal=proposal, category="A", text="已解决"
    ) == (409, "key_needs_meeting")
    services.proposal_contact(
        actor=cycle.unit, proposal=proposal, mode="in_person", note="到校实地座谈"
    )
    services.proposal_reply(actor=cycle.unit, proposal=proposal, category="A", text="已解决")


def test_the_proposer_confirms_in_person_meetings(cycle):
    proposal = cycle.assigned()
    contact = services.proposal_contact(
        actor=cycle.unit, proposal=proposal, mode="in_person", note="座谈"
    )
    assert not proposal.met_in_person
    confirmed = services.proposal_confirm_contact(
        actor=cycle.member, proposal=proposal, contact=contact
    )
    assert confirmed.met_in_person
    assert codes(
        services.proposal_confirm_contact,
        actor=cycle.p.another.member.user,
        proposal=proposal,
        contact=contact,
    ) == (403, "proposal_forbidden")


def test_the_unit_approver_signs_then_the_committee_reviews_and_may_reclassify(cycle):
    proposal = cycle.pending(category="A")
    approved = services.proposal_approve_reply(actor=cycle.unit, proposal=proposal)
    assert approved.state == "reply_review"
    assert codes(
        services.proposal_accept_reply, actor=cycle.staff, proposal=proposal, category="B"
    ) == (400, "reclassify_reason")
    accepted = services.proposal_accept_reply(
        actor=cycle.staff, proposal=proposal, category="B", reason="资金尚未到位,属正在解决"
    )
    assert accepted.state == "replied" and accepted.reply_category == "B"
    reply = accepted.replies.get()
    assert reply.category == "A" and reply.final_category == "B"
    assert reply.copied_to == "县委办公室、县政府办公室"
    assert Notification.objects.filter(recipient=cycle.member, title__contains="已答复").exists()


def test_a_handler_who_is_not_an_approver_cannot_sign(cycle):
    from zhengxie.members.models import UnitAccount

    UnitAccount.objects.filter(user=cycle.unit).update(is_approver=False)
    proposal = cycle.pending()
    assert codes(services.proposal_approve_reply, actor=cycle.unit, proposal=proposal) == (
        403,
        "proposal_forbidden",
    )


def test_the_approver_may_send_a_reply_back(cycle):
    proposal = cycle.pending()
    back = services.proposal_return_reply(actor=cycle.unit, proposal=proposal, reason="数据需核实")
    assert back.state == "assigned" and not back.replies.exists()


def test_the_committee_review_can_be_switched_off(cycle):
    ProposalPolicy.objects.update_or_create(
        committee=cycle.p.committee, defaults={"review_replies": False}
    )
    proposal = services.proposal_approve_reply(actor=cycle.unit, proposal=cycle.pending())
    assert proposal.state == "replied" and proposal.replied_at


def test_units_only_handle_their_own_proposals(cycle):
    proposal = cycle.assigned()
    assert codes(
        services.proposal_reply, actor=cycle.co_unit, proposal=proposal, category="A", text="x"
    ) == (403, "proposal_forbidden")


def test_a_c_reply_needs_its_reasons(cycle):
    proposal = cycle.assigned()
    assert codes(
        services.proposal_reply, actor=cycle.unit, proposal=proposal, category="C", text=""
    ) == (400, "reply_text")
    assert codes(
        services.proposal_reply, actor=cycle.unit, proposal=proposal, category="D", text="x"
    ) == (400, "reply_category")


def test_every_assignment_is_recorded_per_round(cycle):
    proposal = cycle.assigned(co=True)
    rows = Assignment.objects.filter(proposal=proposal).order_by("role")
    assert list(rows.values_list("unit__name", "role", "round")) == [
        ("县水利局", "co", 1),
        ("县教育局", "lead", 1),
    ]


def test_the_proposer_sees_a_reply_only_after_the_committee_review(cycle, client):
    from zhengxie.proposals.tests.test_api import login_api

    proposal = cycle.pending()
    services.proposal_approve_reply(actor=cycle.unit, proposal=proposal)
    member = login_api(client, cycle.member)
    assert member("get", f"/api/v1/proposals/{proposal.pk}").json()["replies"] == []
    staff = login_api(client, cycle.staff)
    assert len(staff("get", f"/api/v1/proposals/{proposal.pk}").json()["replies"]) == 1
    services.proposal_accept_reply(actor=cycle.staff, proposal=proposal)
    assert len(member("get", f"/api/v1/proposals/{proposal.pk}").json()["replies"]) == 1
