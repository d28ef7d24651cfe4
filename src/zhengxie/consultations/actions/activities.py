"""The steps of the activities area as both the API and the pages take them: a payload schema
and the service call, per action name of each table in `workflow/activities.py`."""

from collections.abc import Callable
from datetime import date, datetime
from datetime import time as TimeOfDay

from ninja import Field, UploadedFile

from zhengxie.core.actionforms import all_picked, in_committee
from zhengxie.core.inputs import Id, InSchema, ModelText
from zhengxie.meetings.models import Meeting
from zhengxie.members.models import HandlingUnit, Member, SpecialCommittee

from ..models import (
    Consultation,
    LocalParticipant,
    MaterialRequest,
    MemberOpinion,
    Outcome,
    UnitAttendance,
)
from ..queries.activities import linkable_proposals
from ..services import activities as services


class Reschedule(InSchema):
    date: date
    time: TimeOfDay | None = None
    place: ModelText(Consultation, "place") = ""


class Convene(InSchema):
    invite_rule: Meeting.Invite = Field(description="参会范围")
    rule_group_id: Id | None = Field(None, description="参会范围所指的专委会、活动组或工作站编号")
    invitee_ids: list[Id] = Field([], description="另行邀请的委员编号")
    hours: int = Field(3, ge=1, le=12, title="会议时长(小时)")


class OnlineWindow(InSchema):
    opens_at: datetime
    closes_at: datetime


class MaterialIn(InSchema):
    unit_id: Id = Field(description="报送单位(承办单位编号)")
    title: ModelText(MaterialRequest, "title")
    due_on: date


class ProposalsIn(InSchema):
    proposal_ids: list[Id] = Field(min_length=1, max_length=50)


class Interview(InSchema):
    interviewee: ModelText(Consultation, "interviewee")
    unit_id: Id | None = None


class Participant(InSchema):
    name: ModelText(LocalParticipant, "name")
    affiliation: ModelText(LocalParticipant, "affiliation")


class Attendance(InSchema):
    unit_id: Id
    attendees: ModelText(UnitAttendance, "attendees")


class MembersIn(InSchema):
    member_ids: list[Id] = Field([], max_length=500, description="参加的委员编号(整份名单)")


class OpinionIn(InSchema):
    text: ModelText(MemberOpinion, "text")


class ReasonIn(InSchema):
    reason: ModelText(Consultation, "cancel_reason")


class Hold(InSchema):
    summary: ModelText(Consultation, "summary") = ""


Action = Callable[..., object]
ACTIONS: dict[str, tuple[type[InSchema], Action]] = {
    "reschedule": (
        Reschedule,
        lambda a, c, d: services.consultation_reschedule(
            actor=a, consultation=c, date=d.date, time=d.time, place=d.place
        ),
    ),
    "convene": (
        Convene,
        lambda a, c, d: services.consultation_convene(
            actor=a,
            consultation=c,
            invite_rule=d.invite_rule,
            rule_group_id=d.rule_group_id,
            invitee_ids=d.invitee_ids,
            hours=d.hours,
        ),
    ),
    "open_online": (
        OnlineWindow,
        lambda a, c, d: services.consultation_open_online(
            actor=a, consultation=c, opens_at=d.opens_at, closes_at=d.closes_at
        ),
    ),
    "request_material": (
        MaterialIn,
        lambda a, c, d: services.consultation_request_material(
            actor=a,
            consultation=c,
            unit=in_committee(a, HandlingUnit, d.unit_id),
            title=d.title,
            due_on=d.due_on,
        ),
    ),
    "link_proposals": (
        ProposalsIn,
        lambda a, c, d: services.consultation_link_proposals(
            actor=a,
            consultation=c,
            proposals=all_picked(linkable_proposals(a.committee_id), d.proposal_ids),
        ),
    ),
    "record_interview": (
        Interview,
        lambda a, c, d: services.consultation_record_interview(
            actor=a,
            consultation=c,
            interviewee=d.interviewee,
            unit=in_committee(a, HandlingUnit, d.unit_id),
        ),
    ),
    "add_participant": (
        Participant,
        lambda a, c, d: services.consultation_add_participant(
            actor=a, consultation=c, name=d.name, affiliation=d.affiliation
        ),
    ),
    "record_attendance": (
        Attendance,
        lambda a, c, d: services.consultation_record_attendance(
            actor=a,
            consultation=c,
            unit=in_committee(a, HandlingUnit, d.unit_id),
            attendees=d.attendees,
        ),
    ),
    "record_members": (
        MembersIn,
        lambda a, c, d: services.consultation_record_members(
            actor=a,
            consultation=c,
            members=all_picked(Member.objects.filter(committee_id=a.committee_id), d.member_ids),
        ),
    ),
    "opine": (
        OpinionIn,
        lambda a, c, d: services.consultation_opine(actor=a, consultation=c, text=d.text),
    ),
    "exempt": (
        ReasonIn,
        lambda a, c, d: services.consultation_exempt(actor=a, consultation=c, reason=d.reason),
    ),
    "hold": (
        Hold,
        lambda a, c, d: services.consultation_hold(actor=a, consultation=c, summary=d.summary),
    ),
    "cancel": (
        ReasonIn,
        lambda a, c, d: services.consultation_cancel(actor=a, consultation=c, reason=d.reason),
    ),
}


class Assign(InSchema):
    special_committee_id: Id


class Answer(InSchema):
    title: ModelText(Outcome, "title")
    text: ModelText(Outcome, "text")
    answered_on: date


WRITTEN_ACTIONS: dict[str, tuple[type[InSchema], Action]] = {
    "assign": (
        Assign,
        lambda a, w, d: services.written_request_assign(
            actor=a,
            request=w,
            special_committee=in_committee(a, SpecialCommittee, d.special_committee_id),
        ),
    ),
    "opine": (
        OpinionIn,
        lambda a, w, d: services.written_request_opine(actor=a, request=w, text=d.text),
    ),
    "answer": (
        Answer,
        lambda a, w, d: services.written_request_answer(
            actor=a, request=w, title=d.title, text=d.text, answered_on=d.answered_on
        ),
    ),
}


class Upload(InSchema):
    file: UploadedFile


# A department's material arrives as a file (multipart), so the pages and the API hand the
# upload in as the payload's `file`.
MATERIAL_ACTIONS: dict[str, tuple[type[InSchema], Action]] = {
    "submit": (
        Upload,
        lambda a, m, d: services.material_submit(actor=a, request=m, upload=d.file),
    ),
}
