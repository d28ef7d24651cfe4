from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhengxie.consultations.models import (
    Consultation,
    Form,
    MaterialRequest,
    Outcome,
    Topic,
    WrittenRequest,
)
from zhengxie.consultations.services import activities as services
from zhengxie.consultations.workflow.activities import CONSULTATION, RESEARCH_FIRST
from zhengxie.core.errors import ServiceError
from zhengxie.core.models import AuditEvent, Notification
from zhengxie.duty.models import DutyRecord
from zhengxie.meetings import services as meetings
from zhengxie.meetings.models import Meeting
from zhengxie.proposals.tests.conftest import cycle_for

from .activities_fixtures import (
    DAY,
    consultation_of,
    leader,
    researched,
    topic_of,
    written_request_of,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def _refused(call, **kwargs) -> ServiceError:
    with pytest.raises(ServiceError) as refused:
        call(**kwargs)
    return refused.value


def test_staff_create_a_planned_consultation_on_a_topic_and_it_is_audited(p):
    topic = topic_of(p)
    consultation = consultation_of(p, topic, title="  专题协商会  ", place="县政协三楼")
    assert consultation.state == Consultation.State.PLANNED
    assert consultation.title == "专题协商会"
    assert list(topic.consultations.all()) == [consultation]
    assert consultation.date == DAY
    assert AuditEvent.objects.filter(action="consultation.create").count() == 1


def test_only_staff_create_a_consultation(p):
    refused = _refused(
        services.consultation_create,
        actor=p.plain.member.user,
        topic=topic_of(p),
        form="thematic",
        title="x",
        date=DAY,
    )
    assert refused.status == 403


def test_no_consultation_on_another_committees_or_a_declined_topic(p, other):
    with pytest.raises(ServiceError) as foreign:
        consultation_of(p, topic_of(other))
    assert foreign.value.code == services.FOREIGN_TOPIC.code
    with pytest.raises(ServiceError) as declined:
        consultation_of(p, topic_of(p, state=Topic.State.DECLINED))
    assert declined.value.code == services.DECLINED_TOPIC.code
    assert not Consultation.objects.exists()


def test_a_consultation_needs_a_title_and_a_known_form(p):
    with pytest.raises(ServiceError):
        consultation_of(p, title="  ")
    with pytest.raises(ServiceError):
        consultation_of(p, form="tea_party")


def test_no_consultation_is_held_before_its_research_report(p):
    consultation = consultation_of(p)
    refused = _refused(services.consultation_hold, actor=p.staff, consultation=consultation)
    assert (refused.code, refused.status) == ("research_first", 409)
    assert refused.detail == RESEARCH_FIRST.detail
    assert "hold" not in [tr.action for tr in CONSULTATION.offered(p.staff, consultation)]
    consultation.refresh_from_db()
    assert consultation.state == Consultation.State.PLANNED and consultation.held_at is None
    held = services.consultation_hold(
        actor=p.staff, consultation=consultation_of(p, researched(p)), summary="协商顺利。"
    )
    assert held.state == Consultation.State.HELD and held.summary == "协商顺利。"
    assert held.steps.get().action == "hold"


def test_only_a_leader_records_why_a_topic_is_consulted_without_research(p):
    consultation = consultation_of(p)
    for actor in (p.staff, p.plain.member.user):
        refused = _refused(
            services.consultation_exempt, actor=actor, consultation=consultation, reason="急需"
        )
        assert refused.status == 403
    services.consultation_exempt(
        actor=leader(p), consultation=consultation, reason="县委急需,调研与协商同步进行。"
    )
    topic = Topic.objects.get(pk=consultation.topic_id)
    assert topic.research_ready and topic.research_exempt_by == leader(p)
    assert topic.research_exempt_reason == "县委急需,调研与协商同步进行。"
    assert AuditEvent.objects.filter(action="topic.research_exempt").count() == 1
    services.consultation_hold(actor=p.staff, consultation=consultation)
    assert Consultation.objects.get(pk=consultation.pk).state == Consultation.State.HELD


def test_an_exception_needs_a_reason_and_is_not_recorded_twice(p):
    consultation = consultation_of(p)
    refused = _refused(
        services.consultation_exempt, actor=leader(p), consultation=consultation, reason=" "
    )
    assert refused.code == services.REASON_REQUIRED.code
    researched_one = consultation_of(p, researched(p))
    refused = _refused(
        services.consultation_exempt, actor=leader(p), consultation=researched_one, reason="x"
    )
    assert (refused.code, refused.status) == ("research_ready", 409)


def test_a_cancelled_consultation_is_not_held(p):
    consultation = services.consultation_cancel(
        actor=p.staff, consultation=consultation_of(p, researched(p)), reason="议题调整"
    )
    assert consultation.state == Consultation.State.CANCELLED
    refused = _refused(services.consultation_hold, actor=p.staff, consultation=consultation)
    assert refused.status == 409


def _online(p, now):
    consultation = consultation_of(p, researched(p), form=Form.ONLINE, title="网络议政")
    return services.consultation_open_online(
        actor=p.staff,
        consultation=consultation,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=1),
    )


def test_online_opinions_are_refused_outside_the_window(p):
    now = timezone.now()
    consultation = _online(p, now)
    member = p.plain.member.user
    for moment in (now - timedelta(hours=2), now + timedelta(hours=2)):
        refused = _refused(
            services.consultation_opine,
            actor=member,
            consultation=consultation,
            text="建议",
            now=moment,
        )
        assert (refused.code, refused.status) == ("online_closed", 409)
    opinion = services.consultation_opine(
        actor=member, consultation=consultation, text="建议增加学位供给。", now=now
    )
    assert opinion.member == p.plain.member and opinion.consultation == consultation


def test_an_online_session_without_a_window_takes_no_opinions(p):
    consultation = consultation_of(p, form=Form.REMOTE)
    refused = _refused(
        services.consultation_opine,
        actor=p.plain.member.user,
        consultation=consultation,
        text="建议",
    )
    assert refused.code == "online_closed"


def test_only_online_forms_have_a_window_and_it_ends_after_it_starts(p):
    now = timezone.now()
    refused = _refused(
        services.consultation_open_online,
        actor=p.staff,
        consultation=consultation_of(p),
        opens_at=now,
        closes_at=now + timedelta(hours=1),
    )
    assert refused.code == services.WRONG_FORM.code
    refused = _refused(
        services.consultation_open_online,
        actor=p.staff,
        consultation=consultation_of(p, form=Form.ONLINE),
        opens_at=now,
        closes_at=now,
    )
    assert refused.code == services.BAD_WINDOW.code


def _material(p, consultation=None, due_on=DAY - timedelta(days=3)):
    return services.consultation_request_material(
        actor=p.staff,
        consultation=consultation or consultation_of(p),
        unit=p.unit,
        title="全县义务教育发展情况汇报",
        due_on=due_on,
    )


def test_pre_meeting_materials_are_due_before_the_consultation(p):
    refused = _refused(
        services.consultation_request_material,
        actor=p.staff,
        consultation=consultation_of(p),
        unit=p.unit,
        title="情况汇报",
        due_on=DAY,
    )
    assert refused.code == services.MATERIAL_AFTER_DATE.code
    request = _material(p)
    assert request.state == MaterialRequest.State.OWED
    assert not request.is_late(DAY - timedelta(days=3))
    assert request.is_late(DAY - timedelta(days=2))


def test_a_material_is_received_from_the_unit_that_owes_it_and_late_past_due(p, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    request = _material(p)
    refused = _refused(
        services.material_submit,
        actor=p.other_unit_user,
        request=request,
        upload=SimpleUploadedFile("汇报.pdf", PDF),
    )
    assert refused.code == "material_forbidden"
    late = timezone.make_aware(
        timezone.datetime.combine(DAY - timedelta(days=1), timezone.datetime.min.time())
    )
    services.material_submit(
        actor=p.unit_user, request=request, upload=SimpleUploadedFile("汇报.pdf", PDF), now=late
    )
    request.refresh_from_db()
    assert request.state == MaterialRequest.State.RECEIVED and request.is_late(DAY)
    assert request.files.get().name == "汇报.pdf"
    event = AuditEvent.objects.get(action="consultation.material_submit")
    assert event.after["late"] is True


def test_a_cancelled_consultation_takes_no_more_materials(p, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    request = _material(p)
    services.consultation_cancel(actor=p.staff, consultation=request.consultation, reason="调整")
    refused = _refused(
        services.material_submit,
        actor=p.unit_user,
        request=request,
        upload=SimpleUploadedFile("汇报.pdf", PDF),
    )
    assert refused.code == "material_closed"


def _assigned(p, **fields):
    return services.written_request_assign(
        actor=p.staff, request=written_request_of(p, **fields), special_committee=p.special
    )


def test_written_request_is_answered_by_a_written_opinion_outcome_with_its_date(p):
    request = _assigned(p)
    services.written_request_opine(
        actor=p.standing.member.user, request=request, text="建议保留老街历史风貌。"
    )
    answered = services.written_request_answer(
        actor=p.staff,
        request=request,
        title="关于城市更新三年行动方案的书面意见",
        text="一、……",
        answered_on=date(2026, 5, 14),
    )
    assert answered.state == WrittenRequest.State.ANSWERED
    reply = Outcome.objects.get(pk=answered.reply_id)
    assert reply.kind == Outcome.Kind.WRITTEN_OPINION and reply.written_on == date(2026, 5, 14)
    assert [m.member for m in reply.members.all()] == [p.standing.member]
    assert not answered.is_late(date(2026, 6, 1))


def test_the_written_reply_is_dated_on_its_timeline_when_it_was_answered(p):
    at = datetime(2026, 5, 14, 17, tzinfo=ZoneInfo("Asia/Shanghai"))
    answered = services.written_request_answer(
        actor=p.staff,
        request=_assigned(p),
        title="书面意见",
        text="意见。",
        answered_on=date(2026, 5, 14),
        now=at,
    )
    steps = Outcome.objects.get(pk=answered.reply_id).steps.values_list("action", "at")
    assert list(steps) == [("create", at)]


def test_written_request_answered_past_its_due_day_is_late(p):
    request = _assigned(p)
    assert not request.is_late(date(2026, 5, 15)) and request.is_late(date(2026, 5, 16))
    answered = services.written_request_answer(
        actor=p.staff,
        request=request,
        title="书面意见",
        text="意见。",
        answered_on=date(2026, 5, 20),
    )
    assert answered.is_late(date(2026, 5, 20))
    assert AuditEvent.objects.get(action="written.answer").after["late"] is True


def test_written_request_due_day_is_not_before_it_was_received(p):
    refused = _refused(written_request_of, p=p, due_on=date(2026, 4, 30))
    assert refused.code == services.DUE_BEFORE_RECEIVED.code


def test_written_request_opinions_come_from_the_assigned_special_committee(p):
    refused = _refused(
        services.written_request_opine,
        actor=p.standing.member.user,
        request=written_request_of(p),
        text="意见",
    )
    assert refused.status == 403  # not yet assigned: nobody is asked
    request = _assigned(p)
    refused = _refused(
        services.written_request_opine, actor=p.plain.member.user, request=request, text="意见"
    )
    assert refused.status == 403


def test_a_written_opinion_counts_once_per_activity_in_the_members_duty_record(p):
    now = timezone.now()
    consultation = _online(p, now)
    for text in ("第一条意见。", "补充意见。"):
        services.consultation_opine(
            actor=p.plain.member.user, consultation=consultation, text=text, now=now
        )
    services.written_request_opine(actor=p.standing.member.user, request=_assigned(p), text="意见")
    records = DutyRecord.objects.filter(kind="consultation_opinion")
    assert sorted(r.member.name for r in records) == ["李委员", "王常委"]


def _convened(p, **fields):
    consultation = consultation_of(
        p, researched(p), time=timezone.datetime.min.time().replace(hour=14), **fields
    )
    return services.consultation_convene(
        actor=p.staff,
        consultation=consultation,
        invite_rule=Meeting.Invite.NONE,
        invitee_ids=[p.plain.member.pk, p.standing.member.pk],
    )


def test_a_consultation_meeting_is_a_meeting_of_the_meetings_app(p):
    consultation = _convened(p, place="县政协三楼会议室")
    meeting = consultation.meeting
    assert meeting.kind == Meeting.Kind.CONSULTATION and meeting.title == consultation.title
    assert timezone.localtime(meeting.starts_at).hour == 14 and meeting.place == "县政协三楼会议室"
    assert sorted(i.member.name for i in meeting.invitations.all()) == ["李委员", "王常委"]
    refused = _refused(
        services.consultation_convene, actor=p.staff, consultation=consultation, invite_rule="none"
    )
    assert refused.code == "has_meeting"
    written = consultation_of(p, form=Form.WRITTEN)
    refused = _refused(
        services.consultation_convene, actor=p.staff, consultation=written, invite_rule="all"
    )
    assert refused.code == "not_a_meeting"


def test_only_invitees_of_a_consultation_meeting_take_part_in_it(p):
    consultation = _convened(p)
    refused = _refused(
        services.consultation_opine,
        actor=p.another.member.user,
        consultation=consultation,
        text="意见",
    )
    assert refused.status == 403
    services.consultation_opine(actor=p.plain.member.user, consultation=consultation, text="意见。")


def test_meeting_attendance_of_a_consultation_is_counted_once(p):
    consultation = _convened(p)
    meeting = consultation.meeting
    meetings.check_in(actor=p.staff, meeting=meeting, member=p.plain.member, now=meeting.starts_at)
    after = meeting.ends_at + timedelta(minutes=1)
    meetings.meeting_close(actor=p.staff, meeting=meeting, now=after)
    services.consultation_hold(actor=p.staff, consultation=consultation, now=after)
    present = DutyRecord.objects.filter(member=p.plain.member).values_list("kind", flat=True)
    assert list(present) == ["meeting_attendance"]
    absent = DutyRecord.objects.filter(member=p.standing.member).values_list("kind", flat=True)
    assert list(absent) == ["meeting_absent"]


def test_proposal_handling_consultation_concerns_its_proposals(p):
    proposal = cycle_for(p).registered()
    consultation = consultation_of(p, form=Form.PROPOSAL_HANDLING)
    services.consultation_link_proposals(
        actor=p.staff, consultation=consultation, proposals=[proposal]
    )
    assert list(consultation.proposals.all()) == [proposal]
    refused = _refused(
        services.consultation_link_proposals,
        actor=p.staff,
        consultation=consultation_of(p),
        proposals=[proposal],
    )
    assert refused.code == services.WRONG_FORM.code


def test_interview_and_grassroots_consultations_record_whom_they_involve(p):
    interview = services.consultation_record_interview(
        actor=p.staff,
        consultation=consultation_of(p, form=Form.INTERVIEW),
        interviewee="县教育局局长",
        unit=p.unit,
    )
    assert (interview.interviewee, interview.interview_unit) == ("县教育局局长", p.unit)
    grassroots = consultation_of(p, form=Form.GRASSROOTS, station=p.station, title="有事多商量")
    person = services.consultation_add_participant(
        actor=p.staff, consultation=grassroots, name="陈大伯", affiliation="城关镇东街社区居民"
    )
    assert list(grassroots.local_participants.all()) == [person]
    refused = _refused(
        services.consultation_add_participant,
        actor=p.staff,
        consultation=interview,
        name="陈大伯",
        affiliation="居民",
    )
    assert refused.code == services.WRONG_FORM.code


def test_department_attendance_is_one_line_per_unit(p):
    consultation = consultation_of(p)
    for who in ("副局长 赵某", "局长 钱某"):
        services.consultation_record_attendance(
            actor=p.staff, consultation=consultation, unit=p.unit, attendees=who
        )
    assert [a.attendees for a in consultation.unit_attendance.all()] == ["局长 钱某"]


def test_each_step_tells_the_people_it_concerns(p):
    _material(p)
    told = Notification.objects.get(recipient=p.unit_user)
    assert told.title == "请报送会前材料:全县义务教育发展情况汇报"
    assert told.link == "/consultations/materials/" and "2026年5月3日前" in told.body
    _assigned(p)
    asked = Notification.objects.filter(title__startswith="书面协商征求意见")
    assert [n.recipient for n in asked] == [p.standing.member.user]
    consultation = _online(p, timezone.now())
    online = Notification.objects.filter(title__startswith="网上议政")
    assert online.count() == 4 and online.first().link == f"/consultations/{consultation.pk}/"
