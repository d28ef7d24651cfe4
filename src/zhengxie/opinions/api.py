"""The opinions API: submit, read, one endpoint per action, statistics."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Body, Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from zhengxie.core import roles
from zhengxie.core.actionforms import in_committee
from zhengxie.core.api import AttachedFileOut, attached_files_out
from zhengxie.core.http import attachment_response
from zhengxie.core.inputs import (
    EARLIEST,
    LATEST,
    Id,
    InSchema,
    ModelText,
    Pagination,
    PeriodFilter,
    SearchText,
)
from zhengxie.core.stats import response_schema
from zhengxie.members.models import LiaisonStation, SectorGroup

from . import queries, services
from .actions import ACTIONS, run_action
from .models import Opinion, OpinionCategory
from .stats import APP, Period, opinion_stats

router = Router(tags=["社情民意"])


class OpinionIn(InSchema):
    title: ModelText(Opinion, "title")
    text: ModelText(Opinion, "text") = Field(description="反映人、基本情况和意见建议")
    channel: Opinion.Channel
    category_id: Id | None = None
    author_ids: list[Id] = Field([], description="联名委员(本人之外)的委员编号")
    source: Opinion.Source | None = None
    station_id: Id | None = None
    sector_group_id: Id | None = None
    citizen_name: ModelText(Opinion, "citizen_name") = ""
    urgent: bool = False


class OpinionOut(Schema):
    id: int
    year: int
    state: str
    state_label: str
    title: str
    original_title: str
    category: str | None
    channel: str
    source: str
    authors: list[str]
    author_label: str
    urgent: bool
    sensitive: bool | None = Field(None, description="仅机关和领导可见")
    submitted_at: datetime


class AdoptionOut(Schema):
    level: str
    label: str
    adopted_on: date
    note: str
    via_committee: str | None


class InstructionOut(Schema):
    id: int
    leader: str
    main_leader: bool
    given_on: date
    text: str
    unit: str | None
    due_on: date | None
    state: str
    coordination_note: str
    feedback: str


class OpinionDetailOut(OpinionOut):
    text: str
    original_text: str
    edited: bool
    editor: str | None
    approved_by: str | None
    sensitive_reason: str
    return_reason: str
    decline_reason: str
    merged_into: int | None
    origin_id: int | None
    forwarded_copy_id: int | None
    forwardings: list[dict]
    adoptions: list[AdoptionOut]
    instructions: list[InstructionOut]
    issues: list[str]
    history: list[dict]


def _summary(o: Opinion, user) -> dict:
    """Outside the office an item reads as released: no editing draft, no sensitivity flag."""
    office = queries.reads_everything(user, o)
    return {
        "id": o.pk,
        "year": o.year,
        "state": o.state,
        "state_label": o.get_state_display(),
        "title": o.current_title if office else o.released_title,
        "original_title": o.title,
        "category": o.category.name if o.category else None,
        "channel": o.channel,
        "source": o.source,
        "authors": [a.member.name for a in o.authors.all()],
        "author_label": o.author_label,
        "urgent": o.urgent,
        "sensitive": o.sensitive if office else None,
        "submitted_at": o.submitted_at,
    }


def _detail(o: Opinion, user) -> dict:
    office = queries.reads_everything(user, o)
    copy = Opinion.objects.filter(origin=o).values_list("pk", flat=True).first()
    return {
        **_summary(o, user),
        "text": o.current_text if office else o.released_text,
        "original_text": o.text if queries.reads_original(user, o) else "",
        "edited": bool(o.edited_text or o.edited_title),
        "editor": str(o.editor) if o.editor else None,
        "approved_by": str(o.approved_by) if o.approved_by else None,
        "sensitive_reason": o.sensitive_reason if office else "",
        "return_reason": o.return_reason,
        "decline_reason": o.decline_reason,
        "merged_into": o.merged_into_id,
        "origin_id": o.origin_id,
        "forwarded_copy_id": copy,
        "forwardings": [
            {"to": f.to, "recipient": f.recipient, "at": f.at, "copy_id": f.copy_id}
            for f in o.forwardings.all()
        ],
        "adoptions": [
            {
                "level": a.level,
                "label": a.get_level_display(),
                "adopted_on": a.adopted_on,
                "note": a.note,
                "via_committee": a.via.committee.name if a.via else None,
            }
            for a in o.adoptions.select_related("via__committee")
        ],
        "instructions": [
            {
                "id": i.pk,
                "leader": i.leader,
                "main_leader": i.main_leader,
                "given_on": i.given_on,
                "text": i.text,
                "unit": i.unit.name if i.unit else None,
                "due_on": i.due_on,
                "state": i.state,
                "coordination_note": i.coordination_note,
                "feedback": i.feedback,
            }
            for i in queries.instructions_for(user, o)
        ],
        "issues": [str(b.issue) for b in o.bulletin_items.select_related("issue__bulletin")],
        "history": [
            {"at": s.at, "actor": s.actor_label, "action": s.action, "note": s.note}
            for s in queries.steps_for(user, o)
        ],
    }


@router.post("/opinions", response={201: OpinionDetailOut}, summary="报送社情民意信息")
def create(request, payload: OpinionIn):
    actor = request.auth
    opinion = services.opinion_submit(
        actor=actor,
        title=payload.title,
        text=payload.text,
        channel=payload.channel,
        category=in_committee(actor, OpinionCategory, payload.category_id),
        author_ids=payload.author_ids,
        source=payload.source,
        station=in_committee(actor, LiaisonStation, payload.station_id),
        sector_group=in_committee(actor, SectorGroup, payload.sector_group_id),
        citizen_name=payload.citizen_name,
        urgent=payload.urgent,
    )
    return Status(201, _detail(opinion, request.auth))


class OpinionFilter(InSchema):
    state: ModelText(Opinion, "state") | None = None
    year: int | None = Field(None, ge=EARLIEST.year, le=LATEST.year)
    urgent: bool | None = None
    q: SearchText = ""


@router.get("/opinions", response=list[OpinionOut], summary="社情民意信息列表")
@paginate(Pagination)
def opinion_list(request, filters: Query[OpinionFilter]):
    criteria = queries.OpinionFilter(**filters.dict())
    return [
        _summary(o, request.auth)
        for o in queries.filtered(queries.opinions_for(request.auth), criteria)
    ]


# One field per registered statistic: a statistic declared in stats.py is served here as is.
StatsOut = response_schema(
    "OpinionStatsOut",
    APP,
    period=(str, Field(description="统计期间,如“2026年1月1日至2026年6月30日”")),
)


@router.get("/opinions/stats", response=StatsOut, summary="社情民意统计")
def stats(request, filters: Query[PeriodFilter]):
    user = request.auth
    if not user.has_role(roles.STAFF, roles.LEADER):
        raise PermissionDenied
    return opinion_stats(Period(user.committee, filters.start, filters.end))


@router.get("/opinions/{opinion_id}", response=OpinionDetailOut, summary="社情民意信息详情")
def detail(request, opinion_id: Id):
    return _detail(queries.opinion_for_user(request.auth, opinion_id), request.auth)


@router.get(
    "/opinions/{opinion_id}/files",
    response=list[AttachedFileOut],
    summary="附件列表",
    description="作者和机关工作人员可见;承办落实批示的单位只读信息正文,不读附件。",
)
def files(request, opinion_id: Id):
    opinion = queries.opinion_for_user(request.auth, opinion_id)
    url = f"/api/v1/opinions/{opinion.pk}/files"
    return attached_files_out(request.auth, opinion, audience=queries.attachments_for, url=url)


@router.get("/opinions/{opinion_id}/files/{file_id}", summary="下载附件")
def file_download(request, opinion_id: Id, file_id: Id):
    opinion = queries.opinion_for_user(request.auth, opinion_id)
    return attachment_response(request.auth, opinion, file_id, audience=queries.attachments_for)


@router.post(
    "/opinions/{opinion_id}/actions/{action}",
    response=OpinionDetailOut,
    summary="处理步骤",
    description="动作:" + "、".join(ACTIONS),
)
def take_action(request, opinion_id: Id, action: str, payload: Body[dict] = None):
    if action not in ACTIONS:
        raise Http404
    run_action(
        request.auth, queries.opinion_for_user(request.auth, opinion_id), action, payload or {}
    )
    return _detail(queries.opinion_for_user(request.auth, opinion_id), request.auth)
