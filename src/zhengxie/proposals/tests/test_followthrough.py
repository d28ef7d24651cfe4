from datetime import date

import pytest

from zhengxie.core.errors import ServiceError
from zhengxie.core.models import Notification
from zhengxie.duty.models import DutyRecord
from zhengxie.proposals import services
from zhengxie.proposals.models import Assignment, FollowUp, Proposal

from .conftest import at


def codes(fn, **kwargs):
    with pytest.raises(ServiceError) as exc:
        fn(**kwargs)
    return exc.value.status, exc.value.code


def test_a_satisfied_evaluation_closes_the_proposal(cycle):
    proposal = services.proposal_evaluate(
        actor=cycle.member, proposal=cycle.replied(), rating="basically_satisfied"
    )
    assert proposal.state == "closed" and proposal.closed_at


def test_unsatisfied_needs_a_comment_and_starts_a_second_round(cycle):
    proposal = cycle.replied()
    assert codes(
        services.proposal_evaluate, actor=cycle.member, proposal=proposal, rating="unsatisfied"
    ) == (400, "comment_required")
    kept = services.proposal_evaluate(
        actor=cycle.member, proposal=proposal, rating="unsatisfied", comment="答复未回应核心问题"
    )
    assert kept.state == "replied"
    assert Notification.objects.filter(recipient=cycle.staff, title__contains="二次办理").exists()
    second = services.proposal_rehandle(
        actor=cycle.staff, proposal=kept, reason="提案人不满意", now=at(2026, 6, 1)
    )
    assert second.state == "assigned" and second.round == 2
    services.proposal_reply(actor=cycle.unit, proposal=second, category="B", text="二次答复")
    services.proposal_approve_reply(actor=cycle.unit, proposal=second)
    services.proposal_accept_reply(actor=cycle.staff, proposal=second)
    final = services.proposal_evaluate(
        actor=cycle.member, proposal=second, rating="unsatisfied", comment="仍不满意"
    )
    assert final.state == "closed" and final.replies.count() == 2
    assert final.replies.last().round == 2


def test_staff_start_a_second_round_on_new_facts_after_closing(cycle):
    closed = services.proposal_evaluate(
        actor=cycle.member, proposal=cycle.replied(), rating="satisfied"
    )
    second = services.proposal_rehandle(actor=cycle.staff, proposal=closed, reason="出现新情况")
    assert second.state == "assigned" and second.closed_at is None
    assert second.assignments.filter(round=2, role="lead").exists()


def test_there_is_only_one_second_round(cycle):
    proposal = services.proposal_rehandle(
        actor=cycle.staff, proposal=cycle.replied(), reason="新情况"
    )
    services.proposal_reply(actor=cycle.unit, proposal=proposal, category="A", text="x")
    services.proposal_approve_reply(actor=cycle.unit, proposal=proposal)
    services.proposal_accept_reply(actor=cycle.staff, proposal=proposal)
    assert codes(
        services.proposal_rehandle, actor=cycle.staff, proposal=proposal, reason="again"
    ) == (409, "second_round_once")


def test_the_unit_rates_the_proposal_quality(cycle):
    proposal = cycle.replied()
    services.proposal_rate_quality(
        actor=cycle.unit, proposal=proposal, grade="good", comment="建议具体可行"
    )
    assert codes(
        services.proposal_rate_quality, actor=cycle.member, proposal=proposal, grade="good"
    ) == (403, "proposal_forbidden")


def test_key_proposals_need_a_chair_or_vice_chair_and_credit_the_proposer(cycle):
    p = cycle.p
    proposal = cycle.registered()
    assert codes(
        services.proposal_mark_key, actor=cycle.staff, proposal=proposal, supervisor=p.standing
    ) == (400, "bad_supervisor")
    key = services.proposal_mark_key(
        actor=p.chair.member.user, proposal=proposal, supervisor=p.chair, lead_by="副县长 王强"
    )
    assert key.key and key.supervisor == p.chair and key.lead_by == "副县长 王强"
    assert DutyRecord.objects.filter(kind="proposal_key", member=p.plain.member).exists()


def test_direct_supervision_records_who_supervised(cycle):
    """主席直接督办 is the chosen chair's or vice chair's, whoever types the record."""
    p = cycle.p
    proposal = cycle.assigned()
    services.proposal_supervise(
        actor=p.chair.member.user, proposal=proposal, kind="reminder", note="电话督促"
    )
    proposal.refresh_from_db()
    assert proposal.supervised and not proposal.chair_supervised
    record = services.proposal_supervise(
        actor=cycle.staff,
        proposal=proposal,
        kind="visit",
        note="主席带队实地督办",
        supervisor=p.chair,
    )
    proposal.refresh_from_db()
    assert proposal.chair_supervised
    assert record.supervisor == p.chair and record.by == cycle.staff and record.by_chair
    assert codes(
        services.proposal_supervise,
        actor=cycle.staff,
        proposal=proposal,
        kind="visit",
        note="x",
        supervisor=p.standing,
    ) == (400, "bad_supervisor")


def test_a_supervisor_of_another_committee_is_refused(cycle, other):
    assert codes(
        services.proposal_supervise,
        actor=cycle.staff,
        proposal=cycle.assigned(),
        kind="visit",
        note="x",
        supervisor=other.chair,
    ) == (400, "bad_supervisor")


def test_members_cannot_supervise(cycle):
    assert codes(
        services.proposal_supervise,
        actor=cycle.member,
        proposal=cycle.assigned(),
        kind="visit",
        note="x",
    ) == (403, "proposal_forbidden")


def test_awards_go_to_answered_proposals_and_credit_proposers(cycle):
    assert codes(services.proposal_award, actor=cycle.staff, proposal=cycle.assigned()) == (
        409,
        "proposal_wrong_state",
    )
    services.proposal_award(actor=cycle.staff, proposal=cycle.replied())
    assert DutyRecord.objects.filter(kind="proposal_award").count() == 1


def test_units_are_reminded_15_and_5_working_days_before_and_staff_when_overdue(cycle):
    proposal = cycle.assigned(now=at(2026, 3, 10))
    assert proposal.deadline == date(2026, 6, 10)
    assert services.deadline_reminders_send(today=date(2026, 5, 1)) == 0
    assert services.deadline_reminders_send(today=date(2026, 5, 20)) == 1  # 15 working days
    assert services.deadline_reminders_send(today=date(2026, 5, 21)) == 0  # only once
    assert services.deadline_reminders_send(today=date(2026, 6, 3)) == 1  # 5 working days
    assert services.deadline_reminders_send(today=date(2026, 6, 11)) == 1  # overdue
    assert services.deadline_reminders_send(today=date(2026, 6, 12)) == 0
    titles = list(
        Notification.objects.filter(title__contains="办理期限").values_list(
            "recipient__username", "title"
        )
    )
    assert ("unit", "距提案办理期限还有15个工作日") in titles
    assert ("unit", "距提案办理期限还有5个工作日") in titles
    assert ("staff", "提案已超过办理期限(县教育局)") in titles
    assert Assignment.objects.get().reminded == ["15", "5", "overdue"]


def test_replied_proposals_are_not_reminded(cycle):
    cycle.replied()
    assert services.deadline_reminders_send(today=date(2026, 12, 1)) == 0


def test_b_and_c_replies_are_followed_up_a_year_later(cycle):
    b = cycle.replied(category="B")
    a = cycle.replied(category="A")
    assert services.follow_ups_create_due(today=date(2027, 5, 1)) == 0
    assert services.follow_ups_create_due(today=date(2027, 5, 8)) == 1
    assert services.follow_ups_create_due(today=date(2027, 5, 9)) == 0
    assert list(FollowUp.objects.values_list("proposal", flat=True)) == [b.pk]
    services.proposal_follow_up(actor=cycle.unit, proposal=b, response="项目已开工")
    services.proposal_follow_up(actor=cycle.member, proposal=b, response="基本落实")
    follow_up = FollowUp.objects.get()
    assert follow_up.unit_response == "项目已开工" and follow_up.proposer_response == "基本落实"
    assert codes(services.proposal_follow_up, actor=cycle.unit, proposal=a, response="x") == (
        409,
        "no_follow_up",
    )


def test_every_step_is_on_the_timeline_and_in_the_audit_trail(cycle):
    from zhengxie.core.models import AuditEvent

    proposal = cycle.replied()
    actions = list(proposal.steps.values_list("action", flat=True))
    assert actions == [
        "submit",
        "register",
        "assign",
        "contact",
        "reply",
        "approve_reply",
        "accept_reply",
    ]
    audited = set(
        AuditEvent.objects.filter(
            object_id=str(proposal.pk), object_type="proposals.proposal"
        ).values_list("action", flat=True)
    )
    assert {f"proposal.{a}" for a in actions} <= audited


def test_publication_is_staff_only_and_for_answered_proposals(cycle):
    proposal = cycle.replied()
    assert codes(services.proposal_publish, actor=cycle.member, proposal=proposal) == (
        403,
        "proposal_forbidden",
    )
    assert services.proposal_publish(actor=cycle.staff, proposal=proposal).published
    assert Proposal.objects.filter(published=True).count() == 1


def test_one_evaluation_per_round(cycle):
    proposal = cycle.replied()
    services.proposal_evaluate(
        actor=cycle.member, proposal=proposal, rating="unsatisfied", comment="未回应核心问题"
    )
    assert codes(
        services.proposal_evaluate,
        actor=cycle.member,
        proposal=proposal,
        rating="unsatisfied",
        comment="再次不满意",
    ) == (409, "already_evaluated")
    assert proposal.evaluations.count() == 1


def test_the_database_refuses_a_second_evaluation_of_a_round(cycle):
    from django.db import IntegrityError, transaction

    from zhengxie.proposals.models import Evaluation

    proposal = cycle.replied()
    row = {"proposal": proposal, "round": 1, "rating": "satisfied", "by": cycle.member}
    Evaluation.objects.create(**row, at=at(2026, 5, 9))
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(**row, at=at(2026, 5, 10))


@pytest.mark.django_db(transaction=True)
def test_one_evaluation_per_round_under_concurrency(cycle):
    """50 concurrent 不满意 requests on real threads and connections make one evaluation and
    one set of notifications (the row lock on PostgreSQL, IMMEDIATE transactions and the
    constraint on SQLite)."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from django.db import connection

    proposal = cycle.replied()
    before = Notification.objects.count()
    barrier = Barrier(50)

    def evaluate(_):
        barrier.wait()
        try:
            services.proposal_evaluate(
                actor=cycle.member, proposal=proposal, rating="unsatisfied", comment="不满意"
            )
            return "ok"
        except ServiceError as exc:
            return exc.code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(evaluate, range(50)))
    assert results.count("ok") == 1 and results.count("already_evaluated") == 49
    assert proposal.evaluations.count() == 1
    assert Notification.objects.count() - before == 1  # staff told once to start round 2


def test_an_evaluated_reply_no_longer_waits_for_the_proposers_evaluation(cycle):
    from zhengxie.proposals.queries import replies_to_evaluate

    proposal = cycle.replied()
    assert list(replies_to_evaluate(cycle.member, date(2026, 5, 9))) == [proposal]
    services.proposal_evaluate(
        actor=cycle.member, proposal=proposal, rating="unsatisfied", comment="未回应核心问题"
    )
    assert not replies_to_evaluate(cycle.member, date(2026, 5, 9)).exists()


def test_evaluate_is_not_offered_twice_in_a_round(cycle, client, api):
    """After 不满意 in round 1 the proposal stays replied; the page and the API stop offering
    评价答复, which the service would refuse as already evaluated."""
    proposal = cycle.replied()
    button = f"/proposals/{proposal.pk}/act/evaluate/"
    client.force_login(cycle.member)
    api.login(cycle.member)

    def offered():
        page = client.get(f"/proposals/{proposal.pk}/").content.decode()
        names = [a["name"] for a in api.get(f"/api/v1/proposals/{proposal.pk}").json()["actions"]]
        return button in page, "evaluate" in names

    assert offered() == (True, True)
    services.proposal_evaluate(
        actor=cycle.member, proposal=proposal, rating="unsatisfied", comment="未回应核心问题"
    )
    assert offered() == (False, False)
    assert proposal.evaluations.count() == 1
