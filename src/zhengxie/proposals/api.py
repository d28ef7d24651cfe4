"""The proposals API: create, read, one endpoint per action, statistics."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Body, Field, File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from zhengxie.core import roles
from zhengxie.core.actionforms import in_committee
from zhengxie.core.api import AttachedFileOut, attached_file_out
from zhengxie.core.http import attachment_response
from zhengxie.core.inputs import Id, InSchema, ModelText, Pagination, PeriodFilter, SearchText
from zhengxie.core.models import Session
from zhengxie.core.stats import response_schema
from zhengxie.members.models import HandlingUnit, Sector, SpecialCommittee

from . import queries, services
from .actions import ACTIONS, run_action
from .models import Attachment, Category, Proposal
from .stats import APP, Scope, proposal_stats
from .workflow import PROPOSAL

router = Router(tags=["提案"])


class ProposalIn(InSchema):
    title: ModelText(Proposal, "title")
    body: ModelText(Proposal, "situation") = Field(
        "", description="正文;也可分别提交 situation、analysis、suggestions"
    )
    kind: Proposal.Kind = Proposal.Kind.INDIVIDUAL
    situation: ModelText(Proposal, "situation") = ""
    analysis: ModelText(Proposal, "analysis") = ""
    suggestions: ModelText(Proposal, "suggestions") = ""
    cosigner_ids: list[Id] = []
    category_id: Id | None = None
    suggested_unit_ids: list[Id] = []
    collective_name: ModelText(Proposal, "collective_name") = ""
    collective_sector_id: Id | None = None
    collective_special_committee_id: Id | None = None
    draft: bool = False


class DraftIn(InSchema):
    """Only the fields sent change; `submit` submits the draft once revised."""

    title: ModelText(Proposal, "title") | None = None
    situation: ModelText(Proposal, "situation") | None = None
    analysis: ModelText(Proposal, "analysis") | None = None
    suggestions: ModelText(Proposal, "suggestions") | None = None
    category_id: Id | None = None
    suggested_unit_ids: list[Id] | None = None
    cosigner_ids: list[Id] | None = None
    submit: bool = False


class UnitOut(Schema):
    unit_id: int
    name: str
    role: str
    round: int
    deadline: date
    active: bool


class StepOut(Schema):
    at: datetime
    actor: str
    action: str
    state_before: str
    state_after: str
    note: str


class ReplyOut(Schema):
    round: int
    unit: str
    doc_number: str
    category: str
    final_category: str
    text: str
    approved: bool
    reviewed: bool


class ProposalOut(Schema):
    id: int
    serial: int | None
    session: str
    state: str
    state_label: str
    title: str
    kind: str
    proposer: str
    sector: str | None
    lead_unit: str | None
    deadline: date | None
    key: bool
    round: int
    published: bool


class FileOut(AttachedFileOut):
    purpose: str


class ActionOut(Schema):
    name: str
    label: str


class ProposalDetailOut(ProposalOut):
    body: str
    situation: str
    analysis: str
    suggestions: str
    category: str | None
    cosigners: list[dict]
    endorsements: int
    units: list[UnitOut]
    contacts: list[dict]
    replies: list[ReplyOut]
    evaluations: list[dict]
    decline_reason: str
    merged_into: int | None
    history: list[StepOut]
    files: list[FileOut]
    actions: list[ActionOut] = Field(description="当前用户现在可以办理的操作")


def _summary(p: Proposal) -> dict:
    return {
        "id": p.pk,
        "serial": p.serial,
        "session": p.session.label,
        "state": p.state,
        "state_label": p.get_state_display(),
        "title": p.title,
        "kind": p.kind,
        "proposer": p.proposer_label,
        "sector": p.sector.name if p.sector else None,
        "lead_unit": p.lead_unit.name if p.lead_unit else None,
        "deadline": p.deadline,
        "key": p.key,
        "round": p.round,
        "published": p.published,
    }


def _detail(p: Proposal, user) -> dict:
    return {
        **_summary(p),
        "body": p.body,
        "situation": p.situation,
        "analysis": p.analysis,
        "suggestions": p.suggestions,
        "category": p.category.name if p.category else None,
        "cosigners": [
            {
                "member_id": c.member_id,
                "name": c.member.name,
                "confirmed": c.confirmed_at is not None,
                "refused": c.refused_at is not None,
            }
            for c in p.cosigners.select_related("member")
        ],
        "endorsements": p.endorsements.count(),
        "units": [
            {
                "unit_id": a.unit_id,
                "name": a.unit.name,
                "role": a.role,
                "round": a.round,
                "deadline": a.deadline,
                "active": a.active,
            }
            for a in p.assignments.select_related("unit")
        ],
        "contacts": [
            {
                "id": c.pk,
                "unit": c.unit.name,
                "mode": c.mode,
                "note": c.note,
                "at": c.at,
                "confirmed": c.confirmed_at is not None,
            }
            for c in queries.contacts_for(user, p)
        ],
        "replies": [
            {
                "round": r.round,
                "unit": r.unit.name,
                "doc_number": r.doc_number,
                "category": r.category,
                "final_category": r.final_category,
                "text": r.text,
                "approved": r.approved_at is not None,
                "reviewed": r.reviewed_at is not None,
            }
            for r in queries.replies_for(user, p)
        ],
        "evaluations": [
            {"round": e.round, "rating": e.rating, "comment": e.comment}
            for e in p.evaluations.all()
        ],
        "decline_reason": p.decline_reason,
        "merged_into": p.merged_into_id,
        "history": [
            {
                "at": s.at,
                "actor": s.actor_label,
                "action": s.action,
                "state_before": s.state_before,
                "state_after": s.state_after,
                "note": s.note,
            }
            for s in queries.steps_for(user, p)
        ],
        "files": [_file(f) for f in queries.attachments_for(user, p)],
        "actions": [{"name": t.action, "label": t.label} for t in PROPOSAL.offered(user, p)],
    }


def _file(f: Attachment) -> dict:
    url = f"/api/v1/proposals/{f.proposal_id}/files/{f.pk}"
    return {**attached_file_out(f, url), "purpose": f.purpose}


@router.post("/proposals", response={201: ProposalDetailOut}, summary="提交提案")
def create(request, payload: ProposalIn):
    situation = payload.situation or payload.body
    proposal = services.proposal_create(
        actor=request.auth,
        kind=payload.kind,
        title=payload.title,
        situation=situation,
        analysis=payload.analysis,
        suggestions=payload.suggestions,
        category=in_committee(request.auth, Category, payload.category_id),
        suggested_units=[
            in_committee(request.auth, HandlingUnit, pk) for pk in payload.suggested_unit_ids
        ],
        cosigner_ids=payload.cosigner_ids,
        collective_name=payload.collective_name,
        collective_sector=in_committee(request.auth, Sector, payload.collective_sector_id),
        collective_special_committee=in_committee(
            request.auth, SpecialCommittee, payload.collective_special_committee_id
        ),
        submit=not payload.draft,
    )
    return Status(201, _detail(proposal, request.auth))


class ProposalFilter(InSchema):
    state: ModelText(Proposal, "state") | None = None
    session_id: Id | None = None
    unit_id: Id | None = None
    key: bool | None = None
    q: SearchText = ""
    mine: bool = False


@router.get("/proposals", response=list[ProposalOut], summary="提案列表")
@paginate(Pagination)
def proposal_list(request, filters: Query[ProposalFilter]):
    rows = queries.proposals_for(request.auth).order_by("-id")
    rows = queries.filtered(request.auth, rows, queries.ProposalFilter(**filters.dict()))
    return [_summary(p) for p in rows]


# One field per registered statistic: a statistic declared in stats.py is served here as is.
StatsOut = response_schema(
    "ProposalStatsOut",
    APP,
    by_category=(dict[str, int], Field(description="各答复类别(A、B、C类)件数")),
)


class StatsFilter(PeriodFilter):
    session_id: Id | None = None


@router.get("/proposals/stats", response=StatsOut, summary="提案统计")
def stats(request, filters: Query[StatsFilter]):
    user = request.auth
    if not user.has_role(roles.STAFF, roles.LEADER):
        raise PermissionDenied
    session = _in_session(user, filters.session_id)
    result = proposal_stats(Scope(user.committee, session, filters.start, filters.end))
    return {**result, "by_category": {"A": result["a"], "B": result["b"], "C": result["c"]}}


def _in_session(user, session_id: int | None) -> Session | None:
    if session_id is None:
        return None
    return get_object_or_404(Session, pk=session_id, term__committee_id=user.committee_id)


@router.get("/proposals/{proposal_id}", response=ProposalDetailOut, summary="提案详情")
def detail(request, proposal_id: Id):
    return _detail(queries.proposal_for_user(request.auth, proposal_id), request.auth)


@router.patch("/proposals/{proposal_id}", response=ProposalDetailOut, summary="修改提案草稿")
def edit_draft(request, proposal_id: Id, payload: DraftIn):
    user, sent = request.auth, payload.model_dump(exclude_unset=True)
    changes = {k: sent[k] for k in ("title", "situation", "analysis", "suggestions") if k in sent}
    if "category_id" in sent:
        changes["category"] = in_committee(user, Category, sent["category_id"])
    if "suggested_unit_ids" in sent:
        ids = sent["suggested_unit_ids"] or []
        changes["suggested_units"] = [in_committee(user, HandlingUnit, pk) for pk in ids]
    if "cosigner_ids" in sent:
        changes["cosigner_ids"] = sent["cosigner_ids"] or []
    proposal = services.proposal_edit_draft(
        actor=user,
        proposal=queries.proposal_for_user(user, proposal_id),
        submit=payload.submit,
        **changes,
    )
    return _detail(proposal, user)


@router.post(
    "/proposals/{proposal_id}/actions/{action}",
    response=ProposalDetailOut,
    summary="办理步骤",
    description="动作:" + "、".join(ACTIONS),
)
def take_action(request, proposal_id: Id, action: str, payload: Body[dict] = None):
    run_action(
        request.auth, queries.proposal_for_user(request.auth, proposal_id), action, payload or {}
    )
    return _detail(queries.proposal_for_user(request.auth, proposal_id), request.auth)


@router.post(
    "/proposals/{proposal_id}/files",
    response={201: FileOut},
    summary="上传附件",
    description="提案人上传提案附件(purpose=proposal);主办单位上传答复复文(purpose=reply)。",
)
def file_upload(
    request,
    proposal_id: Id,
    file: File[UploadedFile],
    purpose: Form[Attachment.Purpose] = Attachment.Purpose.PROPOSAL,
):
    attachment = services.attachment_add(
        actor=request.auth,
        proposal=queries.proposal_for_user(request.auth, proposal_id),
        upload=file,
        purpose=purpose,
    )
    return Status(201, _file(attachment))


@router.get("/proposals/{proposal_id}/files/{file_id}", summary="下载附件")
def file_download(request, proposal_id: Id, file_id: Id):
    proposal = queries.proposal_for_user(request.auth, proposal_id)
    return attachment_response(request.auth, proposal, file_id, audience=queries.attachments_for)
