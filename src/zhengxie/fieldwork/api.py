from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Body, Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from zhengxie.consultations.models import Topic
from zhengxie.core import roles
from zhengxie.core.actionforms import in_committee
from zhengxie.core.inputs import Id, InSchema, ModelText, Pagination, PeriodFilter
from zhengxie.core.stats import Scope, response_schema
from zhengxie.members.models import SectorGroup, SpecialCommittee
from zhengxie.members.queries import member_for_user

from . import permissions, queries, services, stats
from .actions import ACTIONS, run_action
from .models import Fieldwork
from .workflow import FIELDWORK

router = Router(tags=["视察调研考察"])


class FieldworkIn(InSchema):
    kind: Fieldwork.Kind
    title: ModelText(Fieldwork, "title")
    topic_id: Id | None = None
    mode: Fieldwork.Mode = Fieldwork.Mode.SPECIAL
    partners: ModelText(Fieldwork, "partners") = Field("", description="联合方式:联合的单位")
    purpose: ModelText(Fieldwork, "purpose") = ""
    chair_id: Id | None = Field(None, description="负总责的主席(委员编号)")
    vice_chair_id: Id | None = Field(None, description="分管副主席(委员编号)")
    lead_committee_id: Id | None = None
    member_group_id: Id | None = None
    starts_on: date | None = None
    ends_on: date | None = None


class FieldworkOut(Schema):
    id: int
    kind: str
    kind_label: str
    mode: str
    mode_label: str
    partners: str
    state: str
    state_label: str
    title: str
    topic_id: int | None
    starts_on: date | None
    ends_on: date | None
    outcome_id: int | None
    outcome_url: str | None = Field(description="最终报告(协商成果)页面")

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_mode_label(obj) -> str:
        return obj.get_mode_display()

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_outcome_url(obj) -> str | None:
        return f"/consultations/outcomes/{obj.outcome_id}/" if obj.outcome_id else None


class ParticipantOut(Schema):
    id: int
    role: str
    member_id: int | None
    name: str
    unit: str
    is_leader: bool


class VisitOut(Schema):
    id: int
    date: date
    place: str
    unit_visited: str
    note: str
    present_ids: list[int]
    findings: list[str]


class DraftOut(Schema):
    id: int
    author_id: int
    author: str
    title: str
    text: str
    suggestions: list[str]
    final: bool


class FieldworkDetailOut(FieldworkOut):
    """Each list is read under its audience for the user who asks (`context`)."""

    purpose: str
    chair_id: int | None
    vice_chair_id: int | None
    lead_committee_id: int | None
    member_group_id: int | None
    group: list[ParticipantOut]
    visits: list[VisitOut] = Field(description="调研组、机关和负责领导可见")
    drafts: list[DraftOut] = Field(description="调研组和机关可见")
    actions: list[str] = Field(description="当前用户现在可进行的步骤")

    @staticmethod
    def resolve_group(obj) -> list[dict]:
        return [_person(p) for p in queries.group_of(obj)]

    @staticmethod
    def resolve_visits(obj, context) -> list[dict]:
        return [_visit(v) for v in queries.visits_for(context["request"].auth, obj)]

    @staticmethod
    def resolve_drafts(obj, context) -> list[dict]:
        return [_draft(d) for d in queries.drafts_for(context["request"].auth, obj)]

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        return [tr.action for tr in FIELDWORK.offered(context["request"].auth, obj)]


def _person(p) -> dict:
    return {
        "id": p.pk,
        "role": p.role,
        "member_id": p.member_id,
        "name": p.display_name,
        "unit": p.display_unit,
        "is_leader": p.is_leader,
    }


def _visit(v) -> dict:
    return {
        "id": v.pk,
        "date": v.date,
        "place": v.place,
        "unit_visited": v.unit_visited,
        "note": v.note,
        "present_ids": [p.pk for p in v.present.all()],
        "findings": [f.text for f in v.findings.all()],
    }


def _draft(d) -> dict:
    return {
        "id": d.pk,
        "author_id": d.author_id,
        "author": d.author.name,
        "title": d.title,
        "text": d.text,
        "suggestions": d.suggestion_list,
        "final": d.final,
    }


@router.get("/fieldwork", response=list[FieldworkOut], summary="视察调研考察列表")
@paginate(Pagination)
def fieldwork_list(request):
    return queries.fieldwork_list(request.auth)


@router.post("/fieldwork", response={201: FieldworkDetailOut}, summary="新建视察调研考察")
def fieldwork_create(request, payload: FieldworkIn):
    user = request.auth
    if not permissions.can_create(user):
        raise PermissionDenied
    fieldwork = services.fieldwork_create(
        actor=user,
        kind=payload.kind,
        title=payload.title,
        mode=payload.mode,
        partners=payload.partners,
        purpose=payload.purpose,
        topic=in_committee(user, Topic, payload.topic_id),
        chair=payload.chair_id and member_for_user(user, payload.chair_id),
        vice_chair=payload.vice_chair_id and member_for_user(user, payload.vice_chair_id),
        lead_committee=in_committee(user, SpecialCommittee, payload.lead_committee_id),
        member_group=in_committee(user, SectorGroup, payload.member_group_id),
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
    )
    return Status(201, queries.fieldwork_for_user(user, fieldwork.pk))


# One field per registered statistic (stats.py); declared before /fieldwork/{fieldwork_id}
# so "stats" is not read as an id.
StatsOut = response_schema(
    "FieldworkStatsOut",
    stats.APP,
    period=(str, Field(description="统计期间,如“2026年1月1日至2026年6月30日”")),
)


@router.get("/fieldwork/stats", response=StatsOut, summary="视察调研考察统计")
def fieldwork_stats(request, filters: Query[PeriodFilter]):
    user = request.auth
    if not user.has_role(roles.STAFF, roles.LEADER):
        raise PermissionDenied
    return stats.fieldwork_stats(Scope(user.committee, start=filters.start, end=filters.end))


@router.get("/fieldwork/{fieldwork_id}", response=FieldworkDetailOut, summary="视察调研考察详情")
def fieldwork_detail(request, fieldwork_id: Id):
    return queries.fieldwork_for_user(request.auth, fieldwork_id)


@router.post(
    "/fieldwork/{fieldwork_id}/actions/{action}",
    response=FieldworkDetailOut,
    summary="视察调研考察的步骤",
    description="动作:" + "、".join(ACTIONS) + "。report 形成最终报告,其议题此后可以协商。",
)
def take_action(request, fieldwork_id: Id, action: str, payload: Body[dict] = None):
    if action not in ACTIONS:
        raise Http404
    fieldwork = queries.fieldwork_for_user(request.auth, fieldwork_id)
    run_action(request.auth, fieldwork, action, payload or {})
    return queries.fieldwork_for_user(request.auth, fieldwork_id)
