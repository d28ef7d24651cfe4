"""The rules of fieldwork, each named after the rule (seeds_001 §3 step 1, §7.3, §10)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from zhengxie.consultations.models import Outcome, OutcomeMember
from zhengxie.core.errors import ServiceError
from zhengxie.core.models import AuditEvent
from zhengxie.duty.models import DutyRecord
from zhengxie.fieldwork import services, workflow
from zhengxie.fieldwork.models import Draft, Fieldwork

from .conftest import fieldwork_of, join, write


def _refused(problem, call):
    with pytest.raises(ServiceError) as exc:
        call()
    assert exc.value.code == problem.code
    return exc.value


def test_a_group_never_grows_past_the_committee_limit(p, flow):
    services.rules_set(actor=p.staff, group_limit=5)
    join(p, flow.fieldwork, p.another)  # the fifth
    error = _refused(
        services.GROUP_FULL,
        lambda: services.participant_add(
            actor=p.staff, fieldwork=flow.fieldwork, role="expert", name="孙工", unit="设计院"
        ),
    )
    assert error.status == 409 and "5人" in error.detail
    assert flow.fieldwork.group.count() == 5


def test_the_group_limit_is_the_committees_own(p, other):
    services.rules_set(actor=p.staff, group_limit=1)
    mine, theirs = fieldwork_of(p), fieldwork_of(other)
    join(p, mine, p.plain)
    _refused(services.GROUP_FULL, lambda: join(p, mine, p.standing))
    join(other, theirs, other.plain)
    join(other, theirs, other.standing)
    assert theirs.group.count() == 2


def test_a_member_is_in_a_group_once_and_it_has_one_leader(p, flow):
    _refused(services.ALREADY_IN_GROUP, lambda: join(p, flow.fieldwork, p.plain))
    _refused(services.LEADER_TAKEN, lambda: join(p, flow.fieldwork, p.another, is_leader=True))


def test_a_group_member_is_a_current_member_of_the_committee(p, other, flow):
    _refused(services.BAD_MEMBER, lambda: join(p, flow.fieldwork, other.plain))


def test_only_group_members_write_drafts(p, flow):
    error = _refused(workflow.NOT_IN_GROUP, lambda: write(p, flow, p.another))
    assert error.status == 403
    _refused(workflow.NOT_IN_GROUP, lambda: write(p, flow, p.chair))
    assert write(p, flow).author == p.plain.member
    assert Draft.objects.count() == 1


def test_drafts_are_written_while_the_fieldwork_is_under_way(p):
    fieldwork = fieldwork_of(p)
    join(p, fieldwork, p.plain)
    with pytest.raises(ServiceError) as exc:
        services.draft_write(
            actor=p.plain.member.user, fieldwork=fieldwork, title="稿", text="正文"
        )
    assert exc.value.status == 409


def test_one_final_draft(p, flow):
    first, second = write(p, flow), write(p, flow, p.standing)
    services.draft_select(actor=p.staff, fieldwork=flow.fieldwork, draft=first)
    services.draft_select(actor=p.staff, fieldwork=flow.fieldwork, draft=second)
    assert list(flow.fieldwork.drafts.filter(final=True)) == [second]


def test_no_report_without_a_final_draft(p, flow):
    write(p, flow)
    error = _refused(
        workflow.NO_FINAL_DRAFT,
        lambda: services.fieldwork_report(actor=p.staff, fieldwork=flow.fieldwork),
    )
    assert error.status == 409
    assert "report" not in {t.action for t in workflow.FIELDWORK.offered(p.staff, flow.fieldwork)}


def test_no_report_without_visits(p):
    fieldwork = fieldwork_of(p)
    join(p, fieldwork, p.plain)
    services.fieldwork_start(actor=p.staff, fieldwork=fieldwork)
    _refused(
        workflow.NO_VISITS, lambda: services.fieldwork_report(actor=p.staff, fieldwork=fieldwork)
    )


def _reported(p, flow, **fields):
    draft = write(p, flow)
    services.draft_select(actor=p.staff, fieldwork=flow.fieldwork, draft=draft)
    return services.fieldwork_report(actor=p.staff, fieldwork=flow.fieldwork, **fields)


def test_report_numbers_suggestions_and_opens_the_topics_consultations(p, flow):
    assert not flow.topic.research_ready
    outcome = _reported(p, flow, written_on=date(2026, 6, 1))
    assert outcome.kind == Outcome.Kind.RESEARCH_REPORT
    assert outcome.topic == flow.topic and outcome.written_on == date(2026, 6, 1)
    numbered = list(outcome.suggestions.values_list("number", "text"))
    assert numbered == [(1, "加大财政投入"), (2, "完善人才政策")]
    flow.topic.refresh_from_db()
    assert flow.topic.research_ready and flow.topic.research_reported_at is not None
    flow.fieldwork.refresh_from_db()
    assert flow.fieldwork.state == Fieldwork.State.REPORTED
    assert flow.fieldwork.outcome == outcome


def test_the_outcome_the_report_forms_is_dated_on_its_timeline_when_the_report_was(p, flow):
    # Read from the clock it would sort after the steps the office records later at their
    # own times (the demo's year, a report entered afterwards).
    at = datetime(2026, 6, 1, 16, tzinfo=ZoneInfo("Asia/Shanghai"))
    outcome = _reported(p, flow, now=at)
    assert list(outcome.steps.values_list("action", "at")) == [("create", at)]


def test_the_reports_authors_and_the_groups_members_follow_the_outcome(p, flow):
    outcome = _reported(p, flow)
    roles = dict(OutcomeMember.objects.filter(outcome=outcome).values_list("member", "role"))
    assert roles == {
        p.plain.member.pk: OutcomeMember.Role.AUTHOR,
        p.standing.member.pk: OutcomeMember.Role.PARTICIPANT,
    }


def test_the_reports_authors_are_members_of_the_group(p, flow):
    draft = write(p, flow)
    services.draft_select(actor=p.staff, fieldwork=flow.fieldwork, draft=draft)
    _refused(
        services.BAD_AUTHOR,
        lambda: services.fieldwork_report(
            actor=p.staff, fieldwork=flow.fieldwork, authors=[p.another.member]
        ),
    )


@pytest.mark.parametrize(
    ("kind", "report"),
    [("inspection", "inspection_report"), ("study_tour", "study_report")],
)
def test_each_kind_reports_as_its_own_kind_of_outcome(p, kind, report):
    fieldwork = services.fieldwork_create(actor=p.staff, kind=kind, title="视察")
    join(p, fieldwork, p.plain)
    services.visit_add(actor=p.staff, fieldwork=fieldwork, date=date(2026, 5, 6), place="某地")
    services.fieldwork_start(actor=p.staff, fieldwork=fieldwork)
    draft = services.draft_write(
        actor=p.plain.member.user, fieldwork=fieldwork, title="报告", text="正文"
    )
    services.draft_select(actor=p.staff, fieldwork=fieldwork, draft=draft)
    assert services.fieldwork_report(actor=p.staff, fieldwork=fieldwork).kind == report


def _duties(kind):
    return sorted(DutyRecord.objects.filter(kind=kind).values_list("member__name", flat=True))


def test_taking_part_in_a_visit_is_a_duty_record_for_each_member_present(p, flow):
    present = [flow.plain, flow.standing, flow.expert]
    services.attendance_record(
        actor=p.staff, fieldwork=flow.fieldwork, visit=flow.visit, present=present
    )
    assert _duties("fieldwork_visit") == sorted(["李委员", "王常委"])
    assert DutyRecord.objects.filter(kind="fieldwork_visit").first().date == date(2026, 5, 6)
    # The list is replaced as a whole: who is taken off loses the record.
    services.attendance_record(
        actor=p.staff, fieldwork=flow.fieldwork, visit=flow.visit, present=[flow.plain]
    )
    assert _duties("fieldwork_visit") == ["李委员"]
    assert list(flow.visit.present.all()) == [flow.plain]


def test_attendance_is_of_the_groups_participants(p, flow):
    stranger = join(p, fieldwork_of(p, "另一项调研"), p.another)
    _refused(
        services.NOT_IN_GROUP,
        lambda: services.attendance_record(
            actor=p.staff, fieldwork=flow.fieldwork, visit=flow.visit, present=[stranger]
        ),
    )


def test_writing_a_draft_and_authoring_the_report_are_duty_records(p, flow):
    write(p, flow, p.standing)
    _reported(p, flow)
    assert _duties("fieldwork_draft") == sorted(["李委员", "王常委"])
    assert _duties("outcome_research_report") == ["李委员"]


def test_authoring_the_report_is_one_duty_record_not_two(p, flow):
    outcome = _reported(p, flow)
    authored = DutyRecord.objects.filter(member=p.plain.member).exclude(
        kind__in=["fieldwork_visit", "fieldwork_draft"]
    )
    assert [(r.kind, r.points, r.source) for r in authored] == [
        ("outcome_research_report", 5, outcome)
    ]


def test_leaving_the_group_takes_back_the_visit_duty(p, flow):
    services.attendance_record(
        actor=p.staff, fieldwork=flow.fieldwork, visit=flow.visit, present=[flow.standing]
    )
    services.participant_remove(actor=p.staff, fieldwork=flow.fieldwork, participant=flow.standing)
    assert _duties("fieldwork_visit") == []


def test_a_joint_fieldwork_names_its_partners(p):
    _refused(
        services.PARTNERS_REQUIRED,
        lambda: services.fieldwork_create(
            actor=p.staff, kind="inspection", title="联合视察", mode="joint"
        ),
    )
    joint = services.fieldwork_create(
        actor=p.staff, kind="inspection", title="联合视察", mode="joint", partners="县人大代表"
    )
    assert joint.partners == "县人大代表"


def test_the_responsible_chain_holds_the_posts_it_names(p):
    _refused(services.BAD_CHAIR, lambda: fieldwork_of(p, chair=p.plain.member))
    _refused(services.BAD_VICE_CHAIR, lambda: fieldwork_of(p, vice_chair=p.chair.member))


def test_findings_are_recorded_at_a_visit(p, flow):
    services.finding_add(actor=p.staff, fieldwork=flow.fieldwork, visit=flow.visit, text="道路破损")
    assert list(flow.visit.findings.values_list("text", flat=True)) == ["道路破损"]


def test_a_cancelled_fieldwork_takes_no_more_steps(p, flow):
    services.fieldwork_cancel(actor=p.staff, fieldwork=flow.fieldwork, reason="议题调整")
    with pytest.raises(ServiceError) as exc:
        services.visit_add(
            actor=p.staff, fieldwork=flow.fieldwork, date=date(2026, 7, 1), place="某地"
        )
    assert exc.value.status == 409


def test_every_step_is_audited(p, flow):
    _reported(p, flow)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "fieldwork.create",
        "fieldwork.add_participant",
        "fieldwork.add_visit",
        "fieldwork.start",
        "fieldwork.write_draft",
        "fieldwork.select_draft",
        "fieldwork.report",
        "outcome.create",
        "topic.research_reported",
    } <= actions


def test_only_the_office_runs_fieldwork(p, flow):
    for user in (p.plain.member.user, p.chair.member.user, p.unit_user):
        with pytest.raises(ServiceError) as exc:
            services.visit_add(
                actor=user, fieldwork=flow.fieldwork, date=date(2026, 7, 1), place="某地"
            )
        assert exc.value.status == 403


def test_the_topics_consultation_is_held_only_after_the_report(p, flow):
    from zhengxie.consultations.services.activities import consultation_create, consultation_hold

    consultation = consultation_create(
        actor=p.staff, topic=flow.topic, form="thematic", title="专题协商会", date=date(2026, 6, 9)
    )
    with pytest.raises(ServiceError) as exc:
        consultation_hold(actor=p.staff, consultation=consultation)
    assert exc.value.code == "research_first" and exc.value.status == 409
    _reported(p, flow)
    assert consultation_hold(actor=p.staff, consultation=consultation).held_at is not None
