"""The steps of a fieldwork as both the pages and the API take them: a payload schema and
the service call, per action name of `workflow.FIELDWORK`."""

from collections.abc import Callable
from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field

from zhengxie.core import actionforms
from zhengxie.core.actionforms import Empty
from zhengxie.core.inputs import Id, InSchema, ModelText
from zhengxie.members.queries import member_for_user

from . import services
from .models import Draft, Fieldwork, Finding, Participant, Visit


class Cancel(InSchema):
    reason: ModelText(Fieldwork, "cancel_reason")


class AddParticipant(InSchema):
    role: Participant.Role
    member_id: Id | None = Field(None, description="委员、政协领导:本会在任委员")
    name: ModelText(Participant, "name") = Field("", description="非委员:姓名")
    unit: ModelText(Participant, "unit") = Field("", description="非委员:单位职务")
    is_leader: bool = Field(False, title="组长")


class RemoveParticipant(InSchema):
    participant_id: Id


class AddVisit(InSchema):
    date: date
    place: ModelText(Visit, "place")
    unit_visited: ModelText(Visit, "unit_visited") = ""
    note: ModelText(Visit, "note") = ""


class RecordAttendance(InSchema):
    visit_id: Id
    present_ids: list[Id] = Field([], description="出勤的调研组成员(participant)编号")


class AddFinding(InSchema):
    visit_id: Id
    text: ModelText(Finding, "text")


class WriteDraft(InSchema):
    title: ModelText(Draft, "title")
    text: ModelText(Draft, "text")
    suggestions: ModelText(Draft, "suggestions") = Field("", description="每行一条建议")


class SelectDraft(InSchema):
    draft_id: Id


class Report(InSchema):
    title: ModelText(Fieldwork, "title") = Field("", description="不填用定稿的标题")
    written_on: date | None = Field(None, description="成文日期,不填为今天")
    author_ids: list[Id] = Field([], description="执笔委员,不填为定稿的撰写人")


Action = Callable[..., object]


def _participant(fieldwork: Fieldwork, pk: int) -> Participant:
    return get_object_or_404(fieldwork.group.select_related("member"), pk=pk)


def _visit(fieldwork: Fieldwork, pk: int) -> Visit:
    return get_object_or_404(fieldwork.visits, pk=pk)


def _add_participant(actor, fieldwork, d: AddParticipant):
    member = member_for_user(actor, d.member_id) if d.member_id else None
    return services.participant_add(
        actor=actor,
        fieldwork=fieldwork,
        role=d.role,
        member=member,
        name=d.name,
        unit=d.unit,
        is_leader=d.is_leader,
    )


def _attendance(actor, fieldwork, d: RecordAttendance):
    present = [_participant(fieldwork, pk) for pk in dict.fromkeys(d.present_ids)]
    return services.attendance_record(
        actor=actor, fieldwork=fieldwork, visit=_visit(fieldwork, d.visit_id), present=present
    )


def _report(actor, fieldwork, d: Report):
    authors = [member_for_user(actor, pk) for pk in dict.fromkeys(d.author_ids)]
    return services.fieldwork_report(
        actor=actor, fieldwork=fieldwork, title=d.title, written_on=d.written_on, authors=authors
    )


ACTIONS: dict[str, tuple[type[InSchema], Action]] = {
    "start": (Empty, lambda a, f, d: services.fieldwork_start(actor=a, fieldwork=f)),
    "add_participant": (AddParticipant, _add_participant),
    "remove_participant": (
        RemoveParticipant,
        lambda a, f, d: services.participant_remove(
            actor=a, fieldwork=f, participant=_participant(f, d.participant_id)
        ),
    ),
    "add_visit": (
        AddVisit,
        lambda a, f, d: services.visit_add(
            actor=a,
            fieldwork=f,
            date=d.date,
            place=d.place,
            unit_visited=d.unit_visited,
            note=d.note,
        ),
    ),
    "attendance": (RecordAttendance, _attendance),
    "add_finding": (
        AddFinding,
        lambda a, f, d: services.finding_add(
            actor=a, fieldwork=f, visit=_visit(f, d.visit_id), text=d.text
        ),
    ),
    "write_draft": (
        WriteDraft,
        lambda a, f, d: services.draft_write(
            actor=a, fieldwork=f, title=d.title, text=d.text, suggestions=d.suggestions
        ),
    ),
    "select_draft": (
        SelectDraft,
        lambda a, f, d: services.draft_select(
            actor=a, fieldwork=f, draft=get_object_or_404(f.drafts, pk=d.draft_id)
        ),
    ),
    "report": (Report, _report),
    "cancel": (
        Cancel,
        lambda a, f, d: services.fieldwork_cancel(actor=a, fieldwork=f, reason=d.reason),
    ),
}


def run_action(actor, fieldwork: Fieldwork, action: str, payload: dict | None = None):
    """Take `action` on `fieldwork`; an unknown action is a 404."""
    return actionforms.run_action(ACTIONS, actor, fieldwork, action, payload or {})
