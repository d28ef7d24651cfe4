"""The rules of an outcome's chain (seeds_001 §3 steps 4–12, §7.4), each named after the rule."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from zhengxie.consultations import services
from zhengxie.consultations.models import Outcome, OutcomeSending, OutcomeTask, Suggestion, Topic
from zhengxie.consultations.queries import outcomes as queries
from zhengxie.core.models import AuditEvent, Notification
from zhengxie.duty.models import DutyRecord
from zhengxie.testing import build_committee

from .outcomes_setup import (
    informed,
    instructed,
    outcome,
    refusal,
    sent,
    standing_vote,
)


@pytest.fixture
def parent(p):
    """The city committee above `p`'s county, hosted in the same deployment."""
    city = build_committee("云州市政协", prefix="c_")
    p.committee.parent = city.committee
    p.committee.save(update_fields=["parent"])
    return city


def test_forwarding_up_lands_a_copy_with_its_suggestions_in_the_parent_committee(p, parent):
    o = outcome(p)
    sending = services.outcome_send(actor=p.staff, outcome=o, to="parent")
    copy = sending.copy
    assert sending.recipient == "云州市政协"
    assert (copy.committee, copy.origin, copy.state) == (parent.committee, o, "drafted")
    assert [s.text for s in copy.suggestions.all()] == [s.text for s in o.suggestions.all()]
    assert not copy.members.exists()  # the members who took part stay with the county's
    assert Notification.objects.filter(recipient=parent.staff, link__endswith=f"/{copy.pk}/")
    # The parent's office reads the copy; the county's own outcome stays out of its reach.
    assert list(queries.outcomes_for(parent.staff)) == [copy]
    assert o not in queries.outcomes_for(parent.staff)


def test_an_outcome_is_forwarded_up_once_and_only_where_there_is_a_parent(p, parent):
    o = outcome(p)
    services.outcome_send(actor=p.staff, outcome=o, to="parent")
    assert refusal(services.outcome_send, actor=p.staff, outcome=o, to="parent") == (
        409,
        "already_forwarded",
    )
    orphan = outcome(parent, title="市级成果")
    assert refusal(services.outcome_send, actor=parent.staff, outcome=orphan, to="parent") == (
        409,
        "no_parent",
    )


def test_an_outcome_sent_to_a_department_is_read_by_that_unit_only(p):
    o = outcome(p)
    services.outcome_send(actor=p.staff, outcome=o, to="department", unit=p.unit)
    assert o.sendings.get().recipient == "县教育局"
    assert list(queries.outcomes_for(p.unit_user)) == [o]
    assert list(queries.outcomes_for(p.other_unit_user)) == []
    assert refusal(services.outcome_send, actor=p.staff, outcome=o, to="department") == (
        400,
        "unit_required",
    )


def test_an_instruction_is_a_task_for_its_unit_until_its_feedback(p):
    o, task = instructed(p)
    assert (Outcome.objects.get(pk=o.pk).state, task.state) == ("instructed", "open")
    assert Notification.objects.filter(recipient=p.unit_user, title__contains="请落实领导批示")
    assert refusal(services.outcome_conclude, actor=p.staff, outcome=o) == (409, "tasks_open")
    # Another unit cannot feed back on 县教育局's task; 县教育局 can, once.
    assert refusal(services.task_feedback, actor=p.other_unit_user, task=task, text="x") == (
        403,
        "task_forbidden",
    )
    services.task_feedback(actor=p.unit_user, task=task, text="已落实。")
    assert refusal(services.task_feedback, actor=p.unit_user, task=task, text="再次") == (
        409,
        "task_wrong_state",
    )
    assert services.outcome_conclude(actor=p.staff, outcome=o).state == "implemented"


def test_feedback_needs_its_text_and_an_instruction_its_unit_and_due_date(p):
    o, task = instructed(p)
    assert refusal(services.task_feedback, actor=p.unit_user, task=task, text=" ") == (
        400,
        "feedback_required",
    )
    today = timezone.localdate()
    assert refusal(
        services.outcome_instruct,
        actor=p.staff,
        outcome=o,
        leader="县长",
        text="阅",
        unit=p.unit,
        due_on=today - timedelta(days=1),
        given_on=today,
    ) == (400, "due_before_given")


def test_the_joint_check_of_the_supervision_office_is_recorded_on_the_task(p):
    o, task = instructed(p)
    services.task_check(actor=p.staff, task=task, on=date(2026, 6, 1), note="与县委督查室联合检查")
    task.refresh_from_db()
    assert (task.checked_on, task.check_note) == (date(2026, 6, 1), "与县委督查室联合检查")
    assert refusal(
        services.task_check, actor=p.unit_user, task=task, on=date(2026, 6, 1), note="x"
    ) == (403, "task_forbidden")


def test_overdue_tasks_are_reminded_once_a_day_until_their_feedback(p):
    today = timezone.localdate()
    o, task = instructed(p)
    OutcomeTask.objects.filter(pk=task.pk).update(due_on=today - timedelta(days=1))
    assert services.task_reminders_send(today=today) == 1
    assert services.task_reminders_send(today=today) == 0
    reminded = Notification.objects.filter(title__startswith="批示落实已超期")
    assert {n.recipient for n in reminded} == {p.unit_user, p.staff}
    services.task_feedback(actor=p.unit_user, task=task, text="已办结。")
    assert services.task_reminders_send(today=today + timedelta(days=1)) == 0


def test_a_recommendation_is_adopted_only_after_the_standing_committee_vote_passed(p):
    o = outcome(p, title="关于加快县域经济发展的建议案", kind=Outcome.Kind.RECOMMENDATION)
    assert refusal(services.outcome_adopt, actor=p.staff, outcome=o) == (409, "vote_first")
    services.outcome_table(actor=p.staff, outcome=o, vote=standing_vote(p, passes=False))
    assert refusal(services.outcome_adopt, actor=p.staff, outcome=o) == (409, "vote_first")
    services.outcome_table(actor=p.staff, outcome=o, vote=standing_vote(p))
    assert services.outcome_adopt(actor=p.staff, outcome=o).adopted_at is not None
    assert refusal(services.outcome_adopt, actor=p.staff, outcome=o) == (
        409,
        "recommendation_adopted",
    )


def test_a_recommendation_is_sent_only_once_adopted(p):
    o = outcome(p, title="建议案", kind=Outcome.Kind.RECOMMENDATION)
    assert refusal(
        services.outcome_send, actor=p.staff, outcome=o, to="party", recipient="县委"
    ) == (409, "adoption_first")


def test_only_a_recommendation_goes_to_the_vote_of_a_standing_committee_meeting(p):
    report = outcome(p)
    assert refusal(
        services.outcome_table, actor=p.staff, outcome=report, vote=standing_vote(p)
    ) == (409, "not_recommendation")


def test_a_suggestion_not_adopted_needs_a_reason(p):
    o = sent(p)
    first = o.suggestions.get(number=1)
    assert refusal(services.suggestion_decline, actor=p.staff, suggestion=first, reason=" ") == (
        400,
        "reason_required",
    )
    services.suggestion_decline(actor=p.staff, suggestion=first, reason="与现行政策不符")
    first.refresh_from_db()
    assert (first.state, first.reason) == ("not_adopted", "与现行政策不符")


def test_each_suggestion_is_tracked_on_its_own_from_adoption_to_implementation(p):
    o = sent(p)
    one, two, three = o.suggestions.all()
    services.suggestion_route(actor=p.staff, suggestion=one, sent_to="县教育局")
    services.suggestion_adopt(actor=p.staff, suggestion=one, evidence="县委书记批示")
    services.suggestion_start(actor=p.staff, suggestion=one)
    services.suggestion_complete(actor=p.staff, suggestion=one, evidence="新建学校两所")
    services.suggestion_adopt(actor=p.staff, suggestion=two, evidence="列入政府工作报告")
    states = dict(o.suggestions.values_list("number", "state"))
    assert states == {1: "implemented", 2: "adopted", 3: "made"}
    one.refresh_from_db()
    assert (one.sent_to, one.evidence) == ("县教育局", "新建学校两所")
    assert refusal(services.suggestion_complete, actor=p.staff, suggestion=three, evidence="x") == (
        409,
        "suggestion_wrong_state",
    )
    assert refusal(services.suggestion_adopt, actor=p.staff, suggestion=three, evidence=" ") == (
        400,
        "evidence_required",
    )


def test_a_suggestion_is_decided_only_after_its_outcome_is_sent(p):
    o = outcome(p)
    first = o.suggestions.get(number=1)
    assert refusal(services.suggestion_adopt, actor=p.staff, suggestion=first, evidence="x") == (
        409,
        "outcome_not_sent",
    )


def test_members_who_took_part_see_the_final_result_and_the_units_progress(p):
    o, task = informed(p)
    for persona in (p.plain, p.another):
        user = persona.member.user
        assert list(queries.outcomes_for(user)) == [o]
        assert list(queries.tasks_for(user, o)) == [task]
        assert Notification.objects.filter(recipient=user, title__contains="最终结果")
    o.refresh_from_db()
    assert o.result == "县委常委会研究采纳,列入年度计划。"
    assert list(queries.outcomes_for(p.standing.member.user)) == []


def test_members_who_took_part_rate_the_units_tasked_with_the_outcome(p):
    o, task = informed(p)
    member = p.another.member.user
    rating = services.outcome_rate(actor=member, outcome=o, unit=p.unit, level="satisfied")
    services.outcome_rate(actor=member, outcome=o, unit=p.unit, level="basic", note="进度偏慢")
    rating.refresh_from_db()
    assert (rating.level, rating.note) == ("basic", "进度偏慢")
    assert refusal(
        services.outcome_rate, actor=member, outcome=o, unit=p.other_unit, level="satisfied"
    ) == (400, "unit_not_tasked")
    assert refusal(
        services.outcome_rate,
        actor=p.standing.member.user,
        outcome=o,
        unit=p.unit,
        level="satisfied",
    ) == (403, "outcome_forbidden")


def test_writing_a_report_is_a_duty_of_each_of_its_authors(p):
    o = outcome(p)
    records = DutyRecord.objects.filter(kind="outcome_research_report")
    assert [(r.member, r.date) for r in records] == [(p.plain.member, o.written_on)]


def test_an_adopted_suggestion_is_a_duty_of_its_outcomes_authors(p):
    o = sent(p)
    first = o.suggestions.get(number=1)
    services.suggestion_adopt(
        actor=p.staff, suggestion=first, evidence="批示", decided_on=date(2026, 5, 6)
    )
    records = DutyRecord.objects.filter(kind="suggestion_adopted")
    assert [(r.member, r.date) for r in records] == [(p.plain.member, date(2026, 5, 6))]


def test_a_suggestion_adopted_then_found_not_adopted_loses_its_duty(p):
    o = sent(p)
    first, second = o.suggestions.order_by("number")[:2]
    for suggestion in (first, second):
        services.suggestion_adopt(actor=p.staff, suggestion=suggestion, evidence="批示")
    services.suggestion_decline(actor=p.staff, suggestion=first, reason="经研究暂不具备条件")
    records = DutyRecord.objects.filter(kind="suggestion_adopted")
    assert [(r.member, r.source_id) for r in records] == [(p.plain.member, second.pk)]


def test_an_adopted_suggestion_of_an_outcome_without_authors_credits_its_participants(p):
    o = sent(p, authors=[], participants=[p.another.member, p.standing.member])
    services.suggestion_adopt(actor=p.staff, suggestion=o.suggestions.first(), evidence="批示")
    records = DutyRecord.objects.filter(kind="suggestion_adopted")
    assert sorted(r.member.name for r in records) == ["丁委员", "王常委"]
    assert not DutyRecord.objects.filter(kind="outcome_research_report").exists()


def test_every_step_of_an_outcome_is_audited_and_on_its_timeline(p):
    o, task = informed(p)
    first = o.suggestions.get(number=1)
    services.suggestion_adopt(actor=p.staff, suggestion=first, evidence="批示")
    actions = list(
        AuditEvent.objects.filter(object_type="consultations.outcome", object_id=str(o.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "outcome.create",
        "outcome.send",
        "outcome.instruct",
        "outcome.task_feedback",
        "outcome.conclude",
        "outcome.inform",
        "suggestion.adopt",
    ]
    labels = [s.label for s in o.steps.all()]
    assert labels[0] == "形成成果" and "责任单位反馈落实情况" in labels and "建议被采纳" in labels


def test_only_the_office_enters_an_outcome_by_hand(p):
    fields = {"kind": "brief", "title": "协商专报", "text": "正文", "written_on": date(2026, 5, 6)}
    assert refusal(services.outcome_record, actor=p.plain.member.user, **fields) == (
        403,
        "forbidden",
    )
    assert services.outcome_record(actor=p.staff, **fields).committee == p.committee


def test_an_outcome_of_an_unknown_kind_is_refused(p):
    assert refusal(outcome, p=p, kind="memo") == (400, "bad_kind")


def test_sending_records_where_it_went(p):
    o = sent(p)
    assert list(o.sendings.values_list("to", "recipient")) == [("party", "县委")]
    assert OutcomeSending.objects.count() == 1
    assert Suggestion.objects.filter(outcome=o).count() == 3


def test_only_a_department_reads_what_is_sent_to_it(p):
    o = outcome(p)
    services.outcome_send(actor=p.staff, outcome=o, to="party", recipient="县委", unit=p.unit)
    assert o.sendings.get().unit is None
    assert list(queries.outcomes_for(p.unit_user)) == []


def _topic(p):
    return Topic.objects.create(
        committee=p.committee,
        year=2026,
        title="义务教育均衡发展",
        source="party",
        form="thematic",
        submitted_by=p.staff,
        submitted_at=timezone.now(),
        state=Topic.State.PLANNED,
    )


def test_new_problems_met_in_implementing_an_outcome_are_consulted_on_again(p):
    o, task = instructed(p, topic=_topic(p))
    row = services.outcome_reconsult(
        actor=p.staff,
        outcome=o,
        reason="学校布局调整中出现学生上学远的新问题",
        form="counterpart",
        title="关于学校布局调整的再协商",
        on=date(2026, 9, 10),
    )
    consultation = row.consultation
    assert (consultation.topic, consultation.form, consultation.state) == (
        o.topic,
        "counterpart",
        "planned",
    )
    assert list(o.topic.consultations.all()) == [consultation]
    assert o.steps.filter(action="reconsult").exists()


def test_an_outcome_without_a_topic_is_not_consulted_on_again(p):
    o, _ = instructed(p)
    assert refusal(
        services.outcome_reconsult,
        actor=p.staff,
        outcome=o,
        reason="新问题",
        form="counterpart",
        title="再协商",
        on=date(2026, 9, 10),
    ) == (409, "no_topic")
