"""The rules of topics and the yearly plan (seeds_001 §1.1–§1.3), each through its service."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from zhengxie.consultations import services
from zhengxie.consultations.models import (
    DEFAULT_CATEGORIES,
    Consultation,
    ConsultationPlan,
    ContentCategory,
    Form,
    PlanAmendment,
    PlanType,
    Topic,
)
from zhengxie.consultations.queries import topics as queries
from zhengxie.core.errors import ServiceError
from zhengxie.core.models import AuditEvent
from zhengxie.meetings.tests.conftest import chairs_meeting
from zhengxie.members.services import sector_group_create

from .topics_helpers import YEAR, accepted, decided, plan_of, planned, suggested

S = Topic.State
Source = Topic.Source


def refused(call, code: str):
    with pytest.raises(ServiceError) as caught:
        call()
    assert caught.value.code == code
    return caught.value


def test_every_committee_starts_with_the_twelve_contents_of_consultation(p):
    names = list(
        ContentCategory.objects.filter(committee=p.committee).values_list("name", flat=True)
    )
    assert names == DEFAULT_CATEGORIES


def test_a_committee_adds_its_own_content_of_consultation(p):
    own = services.content_category_add(actor=p.staff, name="乡村振兴")
    assert own.position == 12
    refused(lambda: services.content_category_add(actor=p.staff, name="乡村振兴"), "category_taken")
    refused(
        lambda: services.content_category_add(actor=p.plain.member.user, name="文旅"), "forbidden"
    )


def test_a_party_or_organisation_topic_names_who_suggests_it(p):
    call = lambda name: suggested(p, source=Source.PARTY_OR_ORGANISATION, source_name=name)  # noqa: E731
    refused(lambda: call(""), "source_name_required")
    assert call("民盟县委会").source_name == "民盟县委会"


def test_a_public_call_topic_records_the_citizens_name(p):
    refused(lambda: suggested(p, source=Source.PUBLIC, source_name=" "), "source_name_required")
    assert (
        suggested(p, source=Source.PUBLIC, source_name="王某某").get_source_display() == "公开征集"
    )


def test_a_sector_special_committee_or_group_topic_names_its_body(p):
    refused(lambda: suggested(p, source=Source.SECTOR, source_name=""), "sector_required")
    member = p.plain.member.user
    refused(lambda: suggested(p, member, source=Source.SECTOR), "sector_required")
    refused(
        lambda: suggested(p, member, source=Source.SPECIAL_COMMITTEE), "special_committee_required"
    )
    refused(lambda: suggested(p, member, source=Source.MEMBER_GROUP), "member_group_required")
    topic = suggested(p, member, source=Source.MEMBER_GROUP, station=p.station)
    assert topic.station == p.station


def test_a_member_suggests_only_for_a_body_they_belong_to(p):
    member = p.plain.member.user  # 教育界, 城关镇 station, no special committee
    refused(lambda: suggested(p, member, source=Source.SECTOR, sector=p.economy), "not_your_body")
    refused(
        lambda: suggested(p, member, source=Source.SPECIAL_COMMITTEE, special_committee=p.special),
        "not_your_body",
    )
    assert suggested(p, member, source=Source.SECTOR, sector=p.education).sector == p.education
    standing = p.standing.member.user
    topic = suggested(p, standing, source=Source.SPECIAL_COMMITTEE, special_committee=p.special)
    assert topic.special_committee == p.special


def test_office_sources_are_recorded_by_the_office(p):
    refused(lambda: suggested(p, p.plain.member.user), "source_forbidden")
    refused(lambda: suggested(p, p.unit_user, source=Source.SECTOR), "source_forbidden")


def test_proposals_and_opinions_become_topics_only_by_conversion(p):
    refused(lambda: suggested(p, source=Source.PROPOSAL), "conversion_only")
    refused(lambda: suggested(p, source=Source.OPINION), "conversion_only")


def test_a_joint_topic_needs_a_confirmed_cosigner_to_be_accepted(p):
    member = p.plain.member.user
    refused(lambda: suggested(p, member, source=Source.MEMBERS), "cosigners_required")
    refused(
        lambda: suggested(p, member, source=Source.MEMBERS, cosigners=[p.plain.member]),
        "bad_cosigner",
    )
    topic = suggested(
        p, member, source=Source.MEMBERS, cosigners=[p.another.member, p.standing.member]
    )
    refused(lambda: services.topic_accept(actor=p.staff, topic=topic), "cosigners_unconfirmed")
    services.topic_refuse_cosign(actor=p.standing.member.user, topic=topic)
    refused(lambda: services.topic_accept(actor=p.staff, topic=topic), "cosigners_unconfirmed")
    services.topic_confirm_cosign(actor=p.another.member.user, topic=topic)
    refused(
        lambda: services.topic_confirm_cosign(actor=p.another.member.user, topic=topic),
        "topic_forbidden",
    )
    assert services.topic_accept(actor=p.staff, topic=topic).state == S.ACCEPTED


def test_a_cosigner_of_another_committee_is_refused(p, other):
    refused(
        lambda: suggested(
            p, p.plain.member.user, source=Source.MEMBERS, cosigners=[other.plain.member]
        ),
        "bad_cosigner",
    )


def test_a_reference_of_another_committee_is_refused(p, other):
    refused(lambda: suggested(p, source=Source.SECTOR, sector=other.economy), "bad_reference")


def test_a_topic_from_a_proposal_keeps_its_link(p):
    from zhengxie.proposals.tests.conftest import Cycle

    proposal = Cycle(p).submitted()
    topic = services.topic_from_proposal(actor=p.staff, proposal=proposal)
    assert (topic.source, topic.proposal, topic.title) == (
        Source.PROPOSAL,
        proposal,
        proposal.title,
    )
    refused(
        lambda: services.topic_from_proposal(actor=p.plain.member.user, proposal=proposal),
        "forbidden",
    )


def test_a_topic_from_a_public_opinion_keeps_its_link(p):
    from zhengxie.opinions.tests.conftest import Flow

    opinion = Flow(p).approved()
    topic = services.topic_from_opinion(actor=p.staff, opinion=opinion)
    assert (topic.source, topic.opinion_id) == (Source.OPINION, opinion.pk)


def test_screening_declines_with_a_reason_and_may_reconsider(p):
    topic = suggested(p)
    refused(
        lambda: services.topic_decline(actor=p.staff, topic=topic, reason=" "), "reason_required"
    )
    topic = services.topic_decline(actor=p.staff, topic=topic, reason="与去年议题重复")
    assert (topic.state, topic.decline_reason) == (S.DECLINED, "与去年议题重复")
    refused(lambda: services.topic_accept(actor=p.staff, topic=topic), "topic_wrong_state")
    topic = services.topic_reconsider(actor=p.staff, topic=topic)
    assert (topic.state, topic.decline_reason) == (S.SUGGESTED, "")
    assert AuditEvent.objects.filter(action="topic.decline", object_id=str(topic.pk)).exists()


def test_only_the_office_screens_topics(p):
    topic = suggested(p)
    for user in (p.plain.member.user, p.chair.member.user, p.unit_user):
        refused(lambda u=user: services.topic_accept(actor=u, topic=topic), "topic_forbidden")


def test_counterpart_departments_default_from_the_lead_special_committee(p):
    topic = services.topic_arrange(
        actor=p.staff, topic=suggested(p), lead_special_committee=p.special
    )
    assert list(topic.departments.all()) == [p.unit]
    topic = services.topic_arrange(actor=p.staff, topic=topic, departments=[p.other_unit])
    assert list(topic.departments.all()) == [p.other_unit]
    assert topic.lead_label == "提案委员会"


def test_participants_are_a_scope_by_rule(p):
    topic = services.topic_arrange(
        actor=p.staff,
        topic=suggested(p),
        with_standing=True,
        with_sectors=[p.economy],
        with_special_committees=[p.special],
        with_members=[p.plain.member],
        with_experts="县委党校教授2名",
        with_department_heads=True,
    )
    assert queries.topic_scope(topic)["participants"] == (
        "全体常委、经济界委员、提案委员会委员、李委员、专家(县委党校教授2名)、有关部门负责人"
    )


def test_a_topics_time_is_a_month_or_a_day(p):
    topic = services.topic_arrange(actor=p.staff, topic=suggested(p), planned_on=date(2026, 5, 1))
    assert topic.time_label == "2026年5月"
    topic = services.topic_arrange(
        actor=p.staff, topic=topic, planned_on=date(2026, 5, 6), planned_day=True
    )
    assert topic.time_label == "2026年5月6日"


def test_a_solicitation_shows_who_answered_and_who_did_not(p):
    sent = services.solicitation_send(
        actor=p.staff,
        title="关于征集2027年度协商议题的通知",
        due_on=timezone.localdate() + timedelta(days=10),
        year=YEAR + 1,
        special_committees=[p.special],
        sectors=[p.education],
        units=[p.unit],
    )
    by_kind = {str(a): a for a in sent.addressees.all()}
    services.solicitation_answer(
        actor=p.unit_user,
        addressee=by_kind["县教育局"],
        title="关于推进集团化办学",
        form=Form.COUNTERPART,
    )
    topic = services.solicitation_answer(
        actor=p.plain.member.user,
        addressee=by_kind["教育界"],
        title="关于乡村学校师资",
        form=Form.SECTOR,
    )
    assert (topic.source, topic.sector, topic.year) == (Source.SECTOR, p.education, YEAR + 1)
    answered = {str(a): a.answered_at is not None for a in queries.addressees_of(p.staff, sent)}
    assert answered == {"提案委员会": False, "教育界": True, "县教育局": True}
    unit_topic = Topic.objects.get(answering=by_kind["县教育局"])
    assert (unit_topic.source, unit_topic.source_name) == (Source.GOVERNMENT, "县教育局")


def test_only_an_addressee_answers_a_solicitation(p):
    sent = services.solicitation_send(
        actor=p.staff,
        title="征集通知",
        due_on=timezone.localdate(),
        year=YEAR,
        special_committees=[p.special],
    )
    addressee = sent.addressees.get()
    for user in (p.plain.member.user, p.other_unit_user):  # not in 提案委员会
        refused(
            lambda u=user: services.solicitation_answer(
                actor=u, addressee=addressee, title="x", form=Form.COUNTERPART
            ),
            "not_addressee",
        )
    services.solicitation_answer(
        actor=p.standing.member.user, addressee=addressee, title="议题", form=Form.COUNTERPART
    )


def test_a_solicitation_has_addressees_and_a_due_date_to_come(p):
    send = lambda **kw: services.solicitation_send(  # noqa: E731
        actor=p.staff, title="征集", year=YEAR, **kw
    )
    refused(lambda: send(due_on=timezone.localdate()), "addressees_required")
    refused(
        lambda: send(due_on=timezone.localdate() - timedelta(days=1), units=[p.unit]), "due_passed"
    )
    refused(
        lambda: services.solicitation_send(
            actor=p.plain.member.user,
            title="x",
            year=YEAR,
            due_on=timezone.localdate(),
            units=[p.unit],
        ),
        "forbidden",
    )


def test_one_plan_per_committee_and_year(p, other):
    plan_of(p)
    refused(lambda: services.plan_create(actor=p.staff, year=YEAR), "plan_exists")
    assert (
        services.plan_create(actor=other.staff, year=YEAR).title
        == f"邻县政协{YEAR}年度协商工作计划"
    )


def test_the_plan_cannot_go_to_the_chairs_meeting_without_a_supervisory_topic(p):
    plan = plan_of(p)
    refused(lambda: services.plan_submit(actor=p.staff, plan=plan), "plan_empty")
    planned(p, plan)
    error = refused(
        lambda: services.plan_submit(actor=p.staff, plan=plan), "plan_needs_supervisory"
    )
    assert error.status == 409
    planned(p, plan, title="关于河长制落实情况的民主监督", supervisory=True)
    assert services.plan_submit(actor=p.staff, plan=plan).state == ConsultationPlan.State.SUBMITTED


def test_every_thematic_or_important_topic_is_typed_as_one_of_the_four_plan_types(p):
    plan = plan_of(p)
    for fields in ({"form": Form.THEMATIC}, {"form": Form.STANDING_THEMATIC}, {"important": True}):
        topic = accepted(p, supervisory=True, **{k: v for k, v in fields.items() if k == "form"})
        if "important" in fields:
            services.topic_arrange(actor=p.staff, topic=topic, important=True)
        refused(
            lambda t=topic: services.plan_item_add(actor=p.staff, plan=plan, topic=t),
            "plan_type_required",
        )
        services.plan_item_add(actor=p.staff, plan=plan, topic=topic, plan_type=PlanType.THEMATIC)
    written = planned(p, plan, plan_type="", form=Form.WRITTEN)
    assert plan.items.get(topic=written).plan_type == ""
    # A topic marked important once in the plan: the plan cannot go up until it is typed.
    services.topic_arrange(actor=p.staff, topic=written, important=True)
    refused(lambda: services.plan_submit(actor=p.staff, plan=plan), "plan_untyped")
    refused(
        lambda: services.plan_item_change(actor=p.staff, plan=plan, topic=written, lead="办公室"),
        "plan_type_required",
    )
    services.plan_item_change(actor=p.staff, plan=plan, topic=written, plan_type=PlanType.SECTOR)
    services.plan_submit(actor=p.staff, plan=plan)


def test_thematic_consultations_outside_one_or_two_a_year_warn_but_do_not_refuse(p):
    plan = plan_of(p)
    planned(p, plan, supervisory=True)
    assert queries.warnings(plan) == ["专题协商会一般每年召开1—2次,本计划安排了0次。"]
    for n in range(3):
        planned(p, plan, title=f"专题{n}", form=Form.THEMATIC, plan_type=PlanType.THEMATIC)
        assert bool(queries.warnings(plan)) == (n == 2)
    assert services.plan_submit(actor=p.staff, plan=plan).state == ConsultationPlan.State.SUBMITTED


def test_the_plan_is_passed_by_the_chairs_meeting_and_decided_by_the_party_committee(p):
    plan = plan_of(p)
    planned(p, plan, supervisory=True)
    plan = services.plan_submit(actor=p.staff, plan=plan)
    refused(
        lambda: services.plan_decide(
            actor=p.staff, plan=plan, decided_by="县委常委会", decided_on=date(YEAR, 3, 1)
        ),
        "plan_wrong_state",
    )
    meeting = chairs_meeting(p)
    plan = services.plan_pass(
        actor=p.chair.member.user, plan=plan, passed_on=date(YEAR, 2, 10), meeting=meeting
    )
    assert (plan.state, plan.chairs_meeting) == (ConsultationPlan.State.PASSED, meeting)
    refused(
        lambda: services.plan_decide(actor=p.staff, plan=plan, decided_by="", decided_on=None),
        "decider_required",
    )
    refused(
        lambda: services.plan_decide(
            actor=p.chair.member.user, plan=plan, decided_by="县委", decided_on=date(YEAR, 3, 1)
        ),
        "plan_forbidden",
    )
    plan = services.plan_decide(
        actor=p.staff,
        plan=plan,
        decided_by="中共测试县委常委会",
        decided_on=date(YEAR, 3, 1),
        document="测委〔2026〕5号",
    )
    assert (plan.decided_by, plan.decision_document) == ("中共测试县委常委会", "测委〔2026〕5号")
    steps = AuditEvent.objects.filter(object_id=str(plan.pk), action__startswith="plan.")
    assert list(steps.order_by("id").values_list("action", flat=True)) == [
        "plan.create",
        "plan.add_item",
        "plan.submit",
        "plan.pass",
        "plan.decide",
    ]


def test_only_a_chairs_meeting_passes_the_plan(p):
    from zhengxie.meetings.tests.conftest import materials_meeting

    plan = plan_of(p)
    planned(p, plan, supervisory=True)
    plan = services.plan_submit(actor=p.staff, plan=plan)
    refused(
        lambda: services.plan_pass(
            actor=p.staff, plan=plan, passed_on=date(YEAR, 2, 1), meeting=materials_meeting(p)
        ),
        "not_chairs_meeting",
    )


def test_a_plan_before_the_chairs_meeting_is_not_edited(p):
    plan = plan_of(p)
    planned(p, plan, supervisory=True)
    plan = services.plan_submit(actor=p.staff, plan=plan)
    refused(
        lambda: services.plan_item_add(actor=p.staff, plan=plan, topic=accepted(p)),
        "plan_wrong_state",
    )
    plan = services.plan_return(actor=p.staff, plan=plan, reason="请补充对口协商议题")
    assert plan.state == ConsultationPlan.State.DRAFTING
    services.plan_item_add(actor=p.staff, plan=plan, topic=accepted(p))


def test_a_decided_plan_is_amended_only_with_a_logged_reason(p):
    plan = decided(p)
    extra = accepted(p, title="关于老旧小区改造的协商")
    refused(
        lambda: services.plan_item_add(actor=p.staff, plan=plan, topic=extra), "amendment_reason"
    )
    services.plan_item_add(actor=p.staff, plan=plan, topic=extra, reason="县委新交办")
    services.plan_item_change(
        actor=p.staff, plan=plan, topic=extra, planned_on=date(YEAR, 9, 1), reason="调整到9月"
    )
    refused(
        lambda: services.plan_item_drop(actor=p.staff, plan=plan, topic=extra), "amendment_reason"
    )
    services.plan_item_drop(actor=p.staff, plan=plan, topic=extra, reason="已并入其他议题")
    extra.refresh_from_db()
    assert extra.state == S.ACCEPTED
    rows = PlanAmendment.objects.filter(plan=plan).values_list("kind", "reason")
    assert list(rows) == [
        ("add", "县委新交办"),
        ("change", "调整到9月"),
        ("drop", "已并入其他议题"),
    ]
    audited = AuditEvent.objects.filter(object_id=str(plan.pk), action="plan.drop_item").get()
    assert audited.after["topic"] == extra.pk
    assert [i.topic for i in queries.plan_items(plan)] != [extra]


def test_a_topic_of_another_year_is_not_put_in_the_plan(p):
    topic = accepted(p, year=YEAR + 1)
    refused(
        lambda: services.plan_item_add(actor=p.staff, plan=plan_of(p), topic=topic),
        "topic_other_year",
    )


def test_a_planned_topic_past_its_time_and_not_held_is_late(p):
    plan = plan_of(p)
    topic = planned(p, plan, supervisory=True)
    services.plan_item_change(
        actor=p.staff, plan=plan, topic=topic, planned_on=date(2026, 5, 1), planned_day=False
    )
    (row,) = queries.plan_progress(plan, today=date(2026, 5, 31))
    assert (row.status, row.late) == ("列入计划", False)
    (row,) = queries.plan_progress(plan, today=date(2026, 6, 1))
    assert row.late


def test_a_planned_topics_status_follows_its_research_and_outcomes(p):
    plan = plan_of(p)
    topic = planned(p, plan, supervisory=True)
    services.topic_research_reported(topic, at=timezone.now(), actor=p.staff)
    (row,) = queries.plan_progress(plan)
    assert row.status == "会前准备"
    services.outcome_create(
        committee=p.committee,
        kind="research_report",
        title="调研报告",
        text="正文",
        written_on=date(2026, 4, 1),
        actor=p.staff,
        topic=topic,
    )
    (row,) = queries.plan_progress(plan)
    assert row.outcomes[0]["title"] == "调研报告"


def test_a_member_group_topic_may_name_a_sector_group(p):
    group = sector_group_create(
        actor=None, committee=p.committee, name="教育界活动组", sectors=[p.education]
    )
    topic = suggested(p, source=Source.MEMBER_GROUP, sector_group=group, source_name="")
    assert topic.sector_group == group


def test_a_planned_topics_activities_and_their_dates_are_read_against_the_plan(p):
    plan = plan_of(p)
    topic = planned(p, plan, supervisory=True)
    services.plan_item_change(
        actor=p.staff, plan=plan, topic=topic, planned_on=date(2026, 5, 6), planned_day=True
    )
    held = services.consultation_create(
        actor=p.staff, topic=topic, form=Form.COUNTERPART, title="对口协商会", date=date(2026, 5, 6)
    )
    (row,) = queries.plan_progress(plan, today=date(2026, 6, 1))
    assert (row.status, row.late, row.activities[0]["date"]) == ("会前准备", True, date(2026, 5, 6))
    # Holding is the activities' step (their research gate); the row is what it leaves.
    Consultation.objects.filter(pk=held.pk).update(state=Consultation.State.HELD)
    (row,) = queries.plan_progress(plan, today=date(2026, 6, 1))
    assert (row.status, row.late) == ("已协商", False)
