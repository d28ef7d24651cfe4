"""The proposals API: create, read, one endpoint per action, statistics."""

from collections.abc import Callable
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Body, Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import ValidationError as PydanticError

from zhengxie.core import errors, roles
from zhengxie.core.errors import ServiceError
from zhengxie.core.models import Session
from zhengxie.members.models import HandlingUnit, Membership

from . import queries, services
from .models import Category, Contact, Proposal
from .permissions import can_view
from .stats import Scope, proposal_stats

router = Router(tags=["提案"])


class ProposalIn(Schema):
    title: str
    body: str = Field("", description="正文;也可分别提交 situation、analysis、suggestions")
    kind: Proposal.Kind = Proposal.Kind.INDIVIDUAL
    situation: str = ""
    analysis: str = ""
    suggestions: str = ""
    cosigner_ids: list[int] = []
    category_id: int | None = None
    suggested_unit_ids: list[int] = []
    collective_name: str = ""
    draft: bool = False


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


def _detail(p: Proposal) -> dict:
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
            for c in p.contacts.select_related("unit")
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
            for r in p.replies.select_related("unit")
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
            for s in p.steps.all()
        ],
    }


def _get(request, proposal_id: int) -> Proposal:
    proposal = get_object_or_404(
        Proposal.objects.select_related(*queries.LIST_RELATED), pk=proposal_id
    )
    if not can_view(request.auth, proposal):
        raise Http404
    return proposal


def _in_committee(request, model, pk):
    if pk is None:
        return None
    return get_object_or_404(model, pk=pk, committee_id=request.auth.committee_id)


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
        category=_in_committee(request, Category, payload.category_id),
        suggested_units=[
            _in_committee(request, HandlingUnit, pk) for pk in payload.suggested_unit_ids
        ],
        cosigner_ids=payload.cosigner_ids,
        collective_name=payload.collective_name,
        submit=not payload.draft,
    )
    return Status(201, _detail(proposal))


class ProposalFilter(Schema):
    state: str | None = None
    session_id: int | None = None
    unit_id: int | None = None
    key: bool | None = None
    q: str = ""
    mine: bool = False


@router.get("/proposals", response=list[ProposalOut], summary="提案列表")
@paginate(LimitOffsetPagination)
def proposal_list(request, filters: Query[ProposalFilter]):
    rows = queries.proposals_for(request.auth).order_by("-id")
    if filters.state:
        rows = rows.filter(state=filters.state)
    if filters.session_id:
        rows = rows.filter(session_id=filters.session_id)
    if filters.unit_id:
        rows = rows.filter(lead_unit_id=filters.unit_id)
    if filters.key is not None:
        rows = rows.filter(key=filters.key)
    if filters.q:
        rows = rows.filter(title__contains=filters.q)
    if filters.mine:
        rows = rows.filter(proposer__user=request.auth) | rows.filter(submitted_by=request.auth)
    return [_summary(p) for p in rows]


class StatsOut(Schema):
    collected: int
    registered: int
    declined: int
    merged: int
    replied: int
    endorsers: int
    participation_rate: float
    reply_rate: float
    meeting_rate: float
    satisfaction_rate: float
    implementation_rate: float
    supervision_rate: float
    chair_supervision_rate: float
    overdue: int
    by_category: dict[str, int]


class StatsFilter(Schema):
    session_id: int | None = None
    start: date | None = Field(None, alias="from")
    end: date | None = Field(None, alias="to")


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
def detail(request, proposal_id: int):
    return _detail(_get(request, proposal_id))


# Actions ------------------------------------------------------------------------------------


class Empty(Schema):
    pass


class Reason(Schema):
    reason: str


class Decline(Schema):
    reason: str
    convert_to: str | None = None


class Merge(Schema):
    into: int


class Register(Schema):
    category_id: int | None = None


class Assign(Schema):
    lead_unit_id: int
    co_unit_ids: list[int] = []
    deadline: date | None = None


class Reassign(Schema):
    from_unit_id: int
    to_unit_id: int


class ContactIn(Schema):
    mode: str
    note: str


class ConfirmContact(Schema):
    contact_id: int


class Text(Schema):
    text: str


class ReplyIn(Schema):
    category: str
    text: str
    doc_number: str = ""


class AcceptReply(Schema):
    category: str = ""
    reason: str = ""


class Evaluate(Schema):
    rating: str
    comment: str = ""


class Quality(Schema):
    grade: str
    comment: str = ""


class Rehandle(Schema):
    reason: str
    deadline: date | None = None


class MarkKey(Schema):
    leader_id: int = Field(description="督办的主席或副主席(委员编号)")
    lead_by: str = Field("", description="阅批、领办的党政领导")


class Supervise(Schema):
    kind: str = "reminder"
    note: str
    on: date | None = Field(None, alias="date")


class Publish(Schema):
    published: bool = True


class AwardIn(Schema):
    title: str = "优秀提案"


class FollowUpIn(Schema):
    response: str


def _unit(request, pk):
    return _in_committee(request, HandlingUnit, pk)


def _supervisor(request, member_id: int) -> Membership:
    return get_object_or_404(
        Membership,
        member_id=member_id,
        term__is_current=True,
        member__committee_id=request.auth.committee_id,
    )


Action = Callable[..., object]
ACTIONS: dict[str, tuple[type[Schema], Action]] = {
    "submit": (Empty, lambda r, p, d: services.proposal_submit(actor=r.auth, proposal=p)),
    "confirm_cosign": (
        Empty,
        lambda r, p, d: services.proposal_confirm_cosign(actor=r.auth, proposal=p),
    ),
    "refuse_cosign": (
        Empty,
        lambda r, p, d: services.proposal_refuse_cosign(actor=r.auth, proposal=p),
    ),
    "endorse": (Empty, lambda r, p, d: services.proposal_endorse(actor=r.auth, proposal=p)),
    "register": (
        Register,
        lambda r, p, d: services.proposal_register(
            actor=r.auth, proposal=p, category=_in_committee(r, Category, d.category_id)
        ),
    ),
    "decline": (
        Decline,
        lambda r, p, d: services.proposal_decline(
            actor=r.auth, proposal=p, reason=d.reason, convert_to=d.convert_to
        ),
    ),
    "merge": (
        Merge,
        lambda r, p, d: services.proposal_merge(actor=r.auth, proposal=p, into=_get(r, d.into)),
    ),
    "correct": (
        Reason,
        lambda r, p, d: services.proposal_correct(actor=r.auth, proposal=p, reason=d.reason),
    ),
    "assign": (
        Assign,
        lambda r, p, d: services.proposal_assign(
            actor=r.auth,
            proposal=p,
            lead_unit=_unit(r, d.lead_unit_id),
            co_units=[_unit(r, pk) for pk in d.co_unit_ids],
            deadline=d.deadline,
        ),
    ),
    "relieve": (
        Reason,
        lambda r, p, d: services.proposal_relieve(actor=r.auth, proposal=p, reason=d.reason),
    ),
    "reassign": (
        Reassign,
        lambda r, p, d: services.proposal_reassign(
            actor=r.auth,
            proposal=p,
            from_unit=_unit(r, d.from_unit_id),
            to_unit=_unit(r, d.to_unit_id),
        ),
    ),
    "contact": (
        ContactIn,
        lambda r, p, d: services.proposal_contact(
            actor=r.auth, proposal=p, mode=d.mode, note=d.note
        ),
    ),
    "confirm_contact": (
        ConfirmContact,
        lambda r, p, d: services.proposal_confirm_contact(
            actor=r.auth,
            proposal=p,
            contact=get_object_or_404(Contact, pk=d.contact_id, proposal=p),
        ),
    ),
    "co_opinion": (
        Text,
        lambda r, p, d: services.proposal_co_opinion(actor=r.auth, proposal=p, text=d.text),
    ),
    "countersign": (Empty, lambda r, p, d: services.proposal_countersign(actor=r.auth, proposal=p)),
    "reply": (
        ReplyIn,
        lambda r, p, d: services.proposal_reply(
            actor=r.auth, proposal=p, category=d.category, text=d.text, doc_number=d.doc_number
        ),
    ),
    "return_reply": (
        Reason,
        lambda r, p, d: services.proposal_return_reply(actor=r.auth, proposal=p, reason=d.reason),
    ),
    "approve_reply": (
        Empty,
        lambda r, p, d: services.proposal_approve_reply(actor=r.auth, proposal=p),
    ),
    "accept_reply": (
        AcceptReply,
        lambda r, p, d: services.proposal_accept_reply(
            actor=r.auth, proposal=p, category=d.category, reason=d.reason
        ),
    ),
    "evaluate": (
        Evaluate,
        lambda r, p, d: services.proposal_evaluate(
            actor=r.auth, proposal=p, rating=d.rating, comment=d.comment
        ),
    ),
    "rate_quality": (
        Quality,
        lambda r, p, d: services.proposal_rate_quality(
            actor=r.auth, proposal=p, grade=d.grade, comment=d.comment
        ),
    ),
    "rehandle": (
        Rehandle,
        lambda r, p, d: services.proposal_rehandle(
            actor=r.auth, proposal=p, reason=d.reason, deadline=d.deadline
        ),
    ),
    "mark_key": (
        MarkKey,
        lambda r, p, d: services.proposal_mark_key(
            actor=r.auth, proposal=p, supervisor=_supervisor(r, d.leader_id), lead_by=d.lead_by
        ),
    ),
    "supervise": (
        Supervise,
        lambda r, p, d: services.proposal_supervise(
            actor=r.auth, proposal=p, kind=d.kind, note=d.note, on=d.on
        ),
    ),
    "publish": (
        Publish,
        lambda r, p, d: services.proposal_publish(actor=r.auth, proposal=p, published=d.published),
    ),
    "award": (
        AwardIn,
        lambda r, p, d: services.proposal_award(actor=r.auth, proposal=p, title=d.title),
    ),
    "follow_up": (
        FollowUpIn,
        lambda r, p, d: services.proposal_follow_up(actor=r.auth, proposal=p, response=d.response),
    ),
}


@router.post(
    "/proposals/{proposal_id}/actions/{action}",
    response=ProposalDetailOut,
    summary="办理步骤",
    description="动作:" + "、".join(ACTIONS),
)
def take_action(request, proposal_id: int, action: str, payload: Body[dict] = None):
    if action not in ACTIONS:
        raise Http404
    proposal = _get(request, proposal_id)
    schema, run = ACTIONS[action]
    try:
        data = schema.model_validate(payload or {})
    except PydanticError as exc:
        fields = "、".join(dict.fromkeys(str(e["loc"][-1]) for e in exc.errors() if e["loc"]))
        raise ServiceError(errors.BAD_INPUT, f"提交的内容有误,请检查:{fields or '格式'}") from exc
    run(request, proposal, data)
    return _detail(_get(request, proposal_id))
