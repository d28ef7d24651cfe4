"""The API of topics and the yearly plan: suggest, read, one endpoint per engine action."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Body, Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from zhengxie.core import roles
from zhengxie.core.actionforms import in_committee, run_action
from zhengxie.core.inputs import EARLIEST, LATEST, Id, InSchema, ModelText, Pagination, SearchText
from zhengxie.members.models import LiaisonStation, Member, Sector, SectorGroup, SpecialCommittee

from .. import services
from ..actions.topics import PLAN_ACTIONS, TOPIC_ACTIONS, all_in
from ..models import ConsultationPlan, ContentCategory, Form, Topic
from ..queries import topics as queries
from ..workflow.topics import PLAN, TOPIC

router = Router(tags=["协商"])

Year = Field(None, ge=EARLIEST.year, le=LATEST.year)


class TopicIn(InSchema):
    title: ModelText(Topic, "title")
    source: Topic.Source
    category: Id | None = Field(None, description="协商内容编号")
    form: Form
    supervisory: bool = False
    before_decision: bool = False
    text: ModelText(Topic, "text") = ""
    year: int | None = Year
    source_name: ModelText(Topic, "source_name") = Field(
        "", description="提出的党派、团体、单位,或公开征集中的群众姓名"
    )
    sector_id: Id | None = None
    special_committee_id: Id | None = None
    sector_group_id: Id | None = None
    station_id: Id | None = None
    cosigner_ids: list[Id] = Field([], description="委员联名:邀请联名的委员编号")


class TopicOut(Schema):
    id: int
    year: int
    state: str
    state_label: str
    title: str
    source: str
    source_label: str
    category: str | None
    category_id: int | None
    form: str
    form_label: str
    supervisory: bool
    important: bool
    time: str
    lead: str
    submitted_at: datetime


class CosignerOut(Schema):
    member_id: int
    name: str
    confirmed: bool
    refused: bool


class TopicDetailOut(TopicOut):
    text: str
    before_decision: bool
    source_name: str
    sector: str | None
    special_committee: str | None
    member_group: str | None
    proposal_id: int | None
    opinion_id: int | None
    decline_reason: str
    planned_on: date | None
    planned_day: bool
    departments: list[str]
    participants: str
    cosigners: list[CosignerOut]
    research_ready: bool
    actions: list[str]


def _summary(t: Topic) -> dict:
    return {
        "id": t.pk,
        "year": t.year,
        "state": t.state,
        "state_label": t.get_state_display(),
        "title": t.title,
        "source": t.source,
        "source_label": t.get_source_display(),
        "category": t.category.name if t.category else None,
        "category_id": t.category_id,
        "form": t.form,
        "form_label": t.get_form_display(),
        "supervisory": t.supervisory,
        "important": t.important,
        "time": t.time_label,
        "lead": t.lead_label,
        "submitted_at": t.submitted_at,
    }


def _detail(user, topic_id: int) -> dict:
    t = queries.topic_for_user(user, topic_id)
    scope = queries.topic_scope(t)
    group = t.sector_group or t.station
    return {
        **_summary(t),
        "text": t.text,
        "before_decision": t.before_decision,
        "source_name": t.source_name,
        "sector": t.sector.name if t.sector else None,
        "special_committee": t.special_committee.name if t.special_committee else None,
        "member_group": group.name if group else None,
        "proposal_id": t.proposal_id,
        "opinion_id": t.opinion_id,
        "decline_reason": t.decline_reason,
        "planned_on": t.planned_on,
        "planned_day": t.planned_day,
        "departments": [u.name for u in scope["departments"]],
        "participants": scope["participants"],
        "cosigners": [
            {
                "member_id": c.member_id,
                "name": c.member.name,
                "confirmed": c.confirmed_at is not None,
                "refused": c.refused_at is not None,
            }
            for c in scope["cosigners"]
        ],
        "research_ready": t.research_ready,
        "actions": [tr.action for tr in TOPIC.offered(user, t)],
    }


@router.post("/consultation-topics", response={201: TopicDetailOut}, summary="提出协商议题建议")
def topic_create(request, payload: TopicIn):
    actor = request.auth
    topic = services.topic_suggest(
        actor=actor,
        title=payload.title,
        source=payload.source,
        form=payload.form,
        text=payload.text,
        category=in_committee(actor, ContentCategory, payload.category),
        supervisory=payload.supervisory,
        before_decision=payload.before_decision,
        source_name=payload.source_name,
        sector=in_committee(actor, Sector, payload.sector_id),
        special_committee=in_committee(actor, SpecialCommittee, payload.special_committee_id),
        sector_group=in_committee(actor, SectorGroup, payload.sector_group_id),
        station=in_committee(actor, LiaisonStation, payload.station_id),
        cosigners=all_in(actor, Member, payload.cosigner_ids),
        year=payload.year,
    )
    return Status(201, _detail(actor, topic.pk))


class TopicFilter(InSchema):
    state: Topic.State | None = None
    year: int | None = Year
    source: Topic.Source | None = None
    q: SearchText = ""


@router.get("/consultation-topics", response=list[TopicOut], summary="协商议题列表")
@paginate(Pagination)
def topic_list(request, filters: Query[TopicFilter]):
    rows = queries.filtered(queries.topic_list(request.auth), **filters.dict())
    return [_summary(t) for t in rows]


@router.get("/consultation-topics/{topic_id}", response=TopicDetailOut, summary="协商议题详情")
def topic_detail(request, topic_id: Id):
    return _detail(request.auth, topic_id)


@router.post(
    "/consultation-topics/{topic_id}/actions/{action}",
    response=TopicDetailOut,
    summary="议题处理步骤",
    description="动作:" + "、".join(TOPIC_ACTIONS),
)
def topic_act(request, topic_id: Id, action: str, payload: Body[dict] = None):
    if action not in TOPIC_ACTIONS:
        raise Http404
    topic = queries.topic_for_user(request.auth, topic_id)
    run_action(TOPIC_ACTIONS, request.auth, topic, action, payload or {})
    return _detail(request.auth, topic_id)


class PlanIn(InSchema):
    year: int = Field(ge=EARLIEST.year, le=LATEST.year)
    title: ModelText(ConsultationPlan, "title") = ""


class PlanOut(Schema):
    id: int
    year: int
    title: str
    state: str
    state_label: str
    passed_on: date | None
    decided_by: str
    decided_on: date | None
    decision_document: str


class ActivityOut(Schema):
    id: int
    title: str
    form_label: str
    date: date
    held: bool


class PlanItemOut(Schema):
    topic_id: int
    title: str
    plan_type: str
    plan_type_label: str
    form: str
    form_label: str
    time: str
    lead: str
    participants: str
    supervisory: bool
    status: str
    late: bool
    activities: list[ActivityOut]
    fieldwork: list[dict]
    outcomes: list[dict]


class AmendmentOut(Schema):
    kind: str
    kind_label: str
    topic_id: int
    title: str
    reason: str
    actor: str
    at: datetime


class PlanDetailOut(PlanOut):
    chairs_meeting_id: int | None
    items: list[PlanItemOut]
    amendments: list[AmendmentOut]
    warnings: list[str] = Field(description="提醒(不阻止提交),如专题协商会次数")
    actions: list[str]


def _plan_summary(plan: ConsultationPlan) -> dict:
    return {
        "id": plan.pk,
        "year": plan.year,
        "title": plan.title,
        "state": plan.state,
        "state_label": plan.get_state_display(),
        "passed_on": plan.passed_on,
        "decided_by": plan.decided_by,
        "decided_on": plan.decided_on,
        "decision_document": plan.decision_document,
    }


def _plan_detail(user, plan_id: int) -> dict:
    plan = queries.plan_for_user(user, plan_id)
    return {
        **_plan_summary(plan),
        "chairs_meeting_id": plan.chairs_meeting_id,
        "items": [
            row.as_dict()
            for row in queries.plan_progress(plan, drafts=queries.sees_draft_outcomes(user))
        ],
        "amendments": [
            {
                "kind": a.kind,
                "kind_label": a.get_kind_display(),
                "topic_id": a.item.topic_id,
                "title": a.item.topic.title,
                "reason": a.reason,
                "actor": str(a.actor),
                "at": a.at,
            }
            for a in queries.plan_amendments(plan)
        ],
        "warnings": queries.warnings(plan),
        "actions": [tr.action for tr in PLAN.offered(user, plan)],
    }


@router.post("/consultation-plans", response={201: PlanDetailOut}, summary="建立年度协商工作计划")
def plan_create(request, payload: PlanIn):
    plan = services.plan_create(actor=request.auth, year=payload.year, title=payload.title)
    return Status(201, _plan_detail(request.auth, plan.pk))


class PlanFilter(InSchema):
    year: int | None = Year


@router.get("/consultation-plans", response=list[PlanOut], summary="年度协商工作计划列表")
@paginate(Pagination)
def plan_list(request, filters: Query[PlanFilter]):
    rows = queries.plans_for(request.auth)
    if filters.year is not None:
        rows = rows.filter(year=filters.year)
    return [_plan_summary(plan) for plan in rows]


@router.get(
    "/consultation-plans/{plan_id}",
    response=PlanDetailOut,
    summary="年度协商工作计划详情(含执行情况)",
)
def plan_detail(request, plan_id: Id):
    return _plan_detail(request.auth, plan_id)


@router.post(
    "/consultation-plans/{plan_id}/actions/{action}",
    response=PlanDetailOut,
    summary="计划处理步骤",
    description="动作:" + "、".join(PLAN_ACTIONS),
)
def plan_act(request, plan_id: Id, action: str, payload: Body[dict] = None):
    if action not in PLAN_ACTIONS:
        raise Http404
    if not request.auth.has_role(roles.STAFF, roles.LEADER):
        raise PermissionDenied
    plan = queries.plan_for_user(request.auth, plan_id)
    run_action(PLAN_ACTIONS, request.auth, plan, action, payload or {})
    return _plan_detail(request.auth, plan_id)
