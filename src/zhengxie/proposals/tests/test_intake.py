import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.db import connection

from zhengxie.core.errors import ServiceError
from zhengxie.core.models import AuditEvent, Notification
from zhengxie.duty.models import DutyRecord
from zhengxie.proposals import services
from zhengxie.proposals.models import CollectionCall, Endorsement, Proposal, SerialCounter

from .conftest import at


def codes(fn, **kwargs):
    with pytest.raises(ServiceError) as exc:
        fn(**kwargs)
    return exc.value.status, exc.value.code


def test_a_member_submits_a_proposal_between_sessions(cycle):
    proposal = cycle.submitted()
    assert proposal.state == "submitted" and proposal.submitted_at
    assert proposal.between_sessions and proposal.session == cycle.p.sessions[-1]
    assert proposal.sector == cycle.p.education
    assert Notification.objects.filter(recipient=cycle.staff, title__contains="新提案").exists()


def test_a_proposal_in_the_collection_window_belongs_to_that_session(cycle):
    CollectionCall.objects.filter(session=cycle.p.sessions[-1]).update(
        opens_on=date(2026, 2, 1), closes_on=date(2026, 3, 31)
    )
    assert not cycle.submitted().between_sessions


def test_drafts_wait_until_submitted(cycle):
    draft = cycle.submitted(submit=False)
    assert draft.state == "draft" and draft.submitted_at is None
    services.proposal_edit_draft(actor=cycle.member, proposal=draft, title="修改后的案由")
    submitted = services.proposal_submit(actor=cycle.member, proposal=draft)
    assert submitted.state == "submitted" and submitted.title == "修改后的案由"


def test_proposals_need_a_title_and_a_body(cycle):
    assert codes(cycle.submitted, title=" ") == (400, "title_required")
    assert codes(cycle.submitted, situation="") == (400, "body_required")


def test_only_members_of_the_term_submit(cycle):
    assert codes(
        services.proposal_create, actor=cycle.staff, kind="individual", title="x", situation="y"
    ) == (403, "not_a_member")


def test_a_joint_proposal_needs_cosigners_who_are_members(cycle, other):
    assert codes(cycle.submitted, kind="joint") == (400, "joint_needs_cosigners")
    assert codes(cycle.submitted, kind="joint", cosigner_ids=[other.another.member_id]) == (
        400,
        "bad_cosigner",
    )
    assert codes(cycle.submitted, kind="joint", cosigner_ids=[cycle.p.plain.member_id]) == (
        400,
        "bad_cosigner",
    )


def test_only_confirmed_cosigners_are_credited(cycle):
    p = cycle.p
    proposal = cycle.submitted(
        kind="joint", cosigner_ids=[p.another.member_id, p.standing.member_id]
    )
    services.proposal_confirm_cosign(actor=p.another.member.user, proposal=proposal)
    services.proposal_refuse_cosign(actor=p.standing.member.user, proposal=proposal)
    services.proposal_register(actor=cycle.staff, proposal=proposal)
    credited = set(
        DutyRecord.objects.filter(kind="proposal_registered").values_list("member__name", flat=True)
    )
    assert credited == {"李委员", "丁委员"}


def test_a_cosigner_answers_an_invitation_once(cycle):
    p = cycle.p
    proposal = cycle.submitted(kind="joint", cosigner_ids=[p.another.member_id])
    services.proposal_confirm_cosign(actor=p.another.member.user, proposal=proposal)
    assert codes(
        services.proposal_refuse_cosign, actor=p.another.member.user, proposal=proposal
    ) == (409, "cosign_done")


def test_a_collective_proposal_names_its_group(cycle):
    assert codes(cycle.submitted, kind="collective") == (400, "collective_needs_name")
    proposal = cycle.submitted(kind="collective", collective_name="民盟云溪县委员会")
    assert proposal.proposer is None and proposal.proposer_label == "民盟云溪县委员会"


def _window(p, closes_on=date(2099, 12, 31)):
    CollectionCall.objects.filter(session=p.sessions[-1]).update(
        opens_on=date(2026, 2, 1), closes_on=closes_on
    )


def test_other_members_endorse_once_while_the_window_is_open(cycle):
    p = cycle.p
    _window(p, closes_on=date(2026, 3, 31))
    proposal = cycle.submitted()
    services.proposal_endorse(actor=p.another.member.user, proposal=proposal, now=at(2026, 3, 3))
    assert codes(
        services.proposal_endorse,
        actor=p.another.member.user,
        proposal=proposal,
        now=at(2026, 3, 4),
    ) == (409, "already_endorsed")
    assert codes(
        services.proposal_endorse,
        actor=p.standing.member.user,
        proposal=proposal,
        now=at(2026, 4, 1),
    ) == (409, "window_closed")
    assert codes(services.proposal_endorse, actor=cycle.member, proposal=proposal) == (
        403,
        "proposal_forbidden",
    )
    assert Endorsement.objects.filter(proposal=proposal).count() == 1


def test_only_the_endorser_withdraws_an_endorsement_and_its_duty_record_goes(cycle, api):
    p = cycle.p
    _window(p)
    proposal = cycle.submitted()
    services.proposal_endorse(actor=p.another.member.user, proposal=proposal)
    url = f"/api/v1/proposals/{proposal.pk}/actions/unendorse"
    refused = api.login(p.standing.member.user).post(url)
    assert refused.status_code == 403 and refused.json()["code"] == "proposal_forbidden"
    assert api.login(p.another.member.user).post(url).status_code == 200
    assert not Endorsement.objects.filter(proposal=proposal).exists()
    assert not DutyRecord.objects.filter(kind="proposal_endorsed").exists()
    assert AuditEvent.objects.filter(action="proposal.unendorse").count() == 1
    # Endorsing again is endorsing anew.
    services.proposal_endorse(actor=p.another.member.user, proposal=proposal)
    assert DutyRecord.objects.filter(kind="proposal_endorsed").count() == 1


def test_an_endorsement_stands_once_the_window_has_closed(cycle):
    p = cycle.p
    _window(p, closes_on=date(2026, 3, 31))
    proposal = cycle.submitted()
    services.proposal_endorse(actor=p.another.member.user, proposal=proposal, now=at(2026, 3, 3))
    assert codes(
        services.proposal_unendorse,
        actor=p.another.member.user,
        proposal=proposal,
        now=at(2026, 4, 1),
    ) == (409, "unendorse_window_closed")
    assert DutyRecord.objects.filter(kind="proposal_endorsed").count() == 1


def test_a_declined_proposal_keeps_its_endorsements_in_the_duty_record(cycle):
    """Seed 004 L62 counts those who submitted or endorsed over the 83 proposals received, not
    the 81 registered: an endorsement of a proposal not registered still counts."""
    p = cycle.p
    _window(p)
    proposal = cycle.submitted()
    services.proposal_endorse(actor=p.another.member.user, proposal=proposal)
    services.proposal_decline(
        actor=p.staff, proposal=proposal, reason="不属于本会职责范围", convert_to=None
    )
    assert DutyRecord.objects.filter(kind="proposal_endorsed", source_id=proposal.pk).exists()


def test_serial_numbers_are_gapless_and_unique_per_session(cycle):
    serials = [cycle.registered().serial for _ in range(3)]
    assert serials == [1, 2, 3]


@pytest.mark.django_db(transaction=True)
def test_serial_numbers_stay_gapless_under_concurrent_registration(transactional_db):
    from zhengxie.testing import build_committee

    p = build_committee()
    proposals = [
        services.proposal_create(
            actor=p.plain.member.user, kind="individual", title=f"提案{i}", situation="内容"
        )
        for i in range(12)
    ]
    barrier = threading.Barrier(4)

    def register(proposal):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=5)
        try:
            return services.proposal_register(actor=p.staff, proposal=proposal).serial
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        serials = list(pool.map(register, proposals))
    assert sorted(serials) == list(range(1, 13))
    assert SerialCounter.objects.get().last == 12


def test_registration_records_duty_and_tells_the_proposer(cycle):
    proposal = cycle.registered()
    assert DutyRecord.objects.filter(
        member=cycle.p.plain.member, kind="proposal_registered", source_id=proposal.pk
    ).exists()
    assert Notification.objects.filter(recipient=cycle.member, title__contains="已立案").exists()


def test_declining_needs_a_reason_and_says_what_became_of_it(cycle):
    proposal = cycle.submitted()
    assert codes(
        services.proposal_decline, actor=cycle.staff, proposal=proposal, reason=" ", convert_to=None
    ) == (400, "reason_required")
    declined = services.proposal_decline(
        actor=cycle.staff, proposal=proposal, reason="属于县外事务", convert_to="letter"
    )
    assert declined.state == "declined" and declined.decline_kind == "letter"
    assert Notification.objects.filter(
        recipient=cycle.member, title__contains="转为委员来信"
    ).exists()


def test_merging_keeps_every_proposer_credited(cycle):
    p = cycle.p
    main = cycle.registered()
    other = services.proposal_create(
        actor=p.another.member.user, kind="individual", title="同类建议", situation="内容"
    )
    merged = services.proposal_merge(actor=cycle.staff, proposal=other, into=main)
    assert merged.state == "merged" and merged.merged_into == main
    credited = set(
        DutyRecord.objects.filter(kind="proposal_registered", source_id=main.pk).values_list(
            "member__name", flat=True
        )
    )
    assert credited == {"李委员", "丁委员"}


def test_merging_into_a_proposal_of_another_session_is_refused(cycle):
    main = cycle.registered()
    Proposal.objects.filter(pk=main.pk).update(session=cycle.p.sessions[0])
    assert codes(
        services.proposal_merge, actor=cycle.staff, proposal=cycle.submitted(), into=main
    ) == (409, "bad_merge")


def test_review_is_undone_only_by_a_logged_correction_that_frees_the_serial(cycle):
    first, second = cycle.registered(), cycle.registered()
    corrected = services.proposal_correct(
        actor=cycle.staff, proposal=first, reason="误将同一提案重复立案"
    )
    assert corrected.state == "submitted" and corrected.serial is None
    assert not DutyRecord.objects.filter(source_id=first.pk, kind="proposal_registered").exists()
    assert corrected.steps.last().note == "更正:误将同一提案重复立案"
    assert cycle.registered().serial == 1 and second.serial == 2


def test_review_cannot_be_corrected_after_assignment(cycle):
    proposal = cycle.assigned()
    assert codes(services.proposal_correct, actor=cycle.staff, proposal=proposal, reason="x") == (
        409,
        "proposal_wrong_state",
    )


def test_members_cannot_review(cycle):
    assert codes(services.proposal_register, actor=cycle.member, proposal=cycle.submitted()) == (
        403,
        "proposal_forbidden",
    )


def test_registering_twice_is_a_state_conflict(cycle):
    proposal = cycle.registered()
    status, code = codes(services.proposal_register, actor=cycle.staff, proposal=proposal)
    assert (status, code) == (409, "proposal_wrong_state")


def test_a_sector_proposal_credits_the_sector_when_the_committee_says_so(cycle):
    from zhengxie.proposals.models import ProposalPolicy

    p = cycle.p
    ProposalPolicy.objects.update_or_create(
        committee=p.committee, defaults={"collective_duty_for_members": True}
    )
    proposal = services.proposal_create(
        actor=cycle.staff,
        kind="collective",
        title="界别提案",
        situation="内容",
        collective_name="教育界",
        collective_sector=p.education,
    )
    services.proposal_register(actor=cycle.staff, proposal=proposal)
    credited = set(
        DutyRecord.objects.filter(kind="proposal_registered").values_list("member__name", flat=True)
    )
    assert credited == {"李委员", "丁委员"}
