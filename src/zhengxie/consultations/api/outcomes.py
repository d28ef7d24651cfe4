"""/api/v1/outcomes: the outcomes a user reads, their detail, entering one, and one endpoint
per step of an outcome, of its leaders' instructions' tasks and of each suggestion."""

from datetime import date, datetime

from django.http import Http404
from django.utils import timezone
from ninja import Body, Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from zhengxie.core.actionforms import in_committee, run_action
from zhengxie.core.inputs import EARLIEST, LATEST, Id, InSchema, ModelText, Pagination, SearchText

from ..actions.outcomes import ACTIONS, SUGGESTION_ACTIONS, TASK_ACTIONS
from ..models import Outcome, Topic
from ..queries import outcomes as queries
from ..services import outcomes as services
from ..workflow.outcomes import OUTCOME, SUGGESTION

router = Router(tags=["协商"])


class OutcomeIn(InSchema):
    kind: Outcome.Kind
    title: ModelText(Outcome, "title")
    text: ModelText(Outcome, "text")
    written_on: date
    topic_id: Id | None = None
    suggestions: list[ModelText(Outcome, "text")] = Field([], description="建议,按顺序编号")
    author_ids: list[Id] = Field([], description="执笔委员编号")
    participant_ids: list[Id] = Field([], description="参加委员编号")


class OutcomeOut(Schema):
    id: int
    kind: str
    kind_label: str
    state: str
    state_label: str
    title: str
    topic_id: int | None
    written_on: date


class SuggestionOut(Schema):
    id: int
    number: int
    text: str
    state: str
    state_label: str
    sent_to: str
    reason: str
    evidence: str
    decided_on: date | None
    actions: list[str]


class TaskOut(Schema):
    id: int
    outcome_id: int
    leader: str
    main_leader: bool
    given_on: date
    text: str
    unit: str
    due_on: date
    overdue: bool
    state: str
    state_label: str
    feedback: str
    checked_on: date | None
    check_note: str


class OutcomeDetailOut(OutcomeOut):
    text: str
    result: str
    adopted_at: datetime | None
    vote_id: int | None
    origin_id: int | None
    members: list[dict]
    suggestions: list[SuggestionOut]
    sendings: list[dict]
    tasks: list[TaskOut]
    ratings: list[dict]
    history: list[dict]
    actions: list[str]


def _summary(o: Outcome) -> dict:
    return {
        "id": o.pk,
        "kind": o.kind,
        "kind_label": o.get_kind_display(),
        "state": o.state,
        "state_label": o.get_state_display(),
        "title": o.title,
        "topic_id": o.topic_id,
        "written_on": o.written_on,
    }


def _task(task, today: date) -> dict:
    return {
        "id": task.pk,
        "outcome_id": task.outcome_id,
        "leader": task.leader,
        "main_leader": task.main_leader,
        "given_on": task.given_on,
        "text": task.text,
        "unit": task.unit.name,
        "due_on": task.due_on,
        "overdue": task.is_overdue(today),
        "state": task.state,
        "state_label": task.get_state_display(),
        "feedback": task.feedback,
        "checked_on": task.checked_on,
        "check_note": task.check_note,
    }


def _suggestion(user, s) -> dict:
    return {
        "id": s.pk,
        "number": s.number,
        "text": s.text,
        "state": s.state,
        "state_label": s.get_state_display(),
        "sent_to": s.sent_to,
        "reason": s.reason,
        "evidence": s.evidence,
        "decided_on": s.decided_on,
        "actions": [tr.action for tr in SUGGESTION.offered(user, s)],
    }


def _detail(o: Outcome, user) -> dict:
    today = timezone.localdate()
    return {
        **_summary(o),
        "text": o.text,
        "result": o.result,
        "adopted_at": o.adopted_at,
        "vote_id": o.vote_id,
        "origin_id": o.origin_id,
        "members": [
            {"id": m.member_id, "name": m.member.name, "role": m.role}
            for m in queries.members_of(o)
        ],
        "suggestions": [_suggestion(user, s) for s in queries.suggestions_of(o)],
        "sendings": [
            {"to": s.to, "recipient": s.recipient, "at": s.at, "copy_id": s.copy_id}
            for s in queries.sendings_for(user, o)
        ],
        "tasks": [_task(t, today) for t in queries.tasks_for(user, o)],
        "ratings": [
            {"member": r.member.name, "unit": r.unit.name, "level": r.level, "note": r.note}
            for r in queries.ratings_for(user, o)
        ],
        "history": [
            {"at": s.at, "actor": s.actor_label, "action": s.action, "note": s.note}
            for s in queries.steps_for(user, o)
        ],
        "actions": [tr.action for tr in OUTCOME.offered(user, o)],
    }


class OutcomeFilter(InSchema):
    state: ModelText(Outcome, "state") | None = None
    kind: ModelText(Outcome, "kind") | None = None
    year: int | None = Field(None, ge=EARLIEST.year, le=LATEST.year)
    q: SearchText = ""


@router.get("/outcomes", response=list[OutcomeOut], summary="协商成果列表")
@paginate(Pagination)
def outcome_list(request, filters: Query[OutcomeFilter]):
    criteria = queries.OutcomeFilter(**filters.dict())
    return [_summary(o) for o in queries.filtered(queries.outcomes_for(request.auth), criteria)]


@router.post("/outcomes", response={201: OutcomeDetailOut}, summary="录入协商成果")
def create(request, payload: OutcomeIn):
    actor = request.auth
    people = queries.members_by_id(actor, [*payload.author_ids, *payload.participant_ids])
    outcome = services.outcome_record(
        actor=actor,
        kind=payload.kind,
        title=payload.title,
        text=payload.text,
        written_on=payload.written_on,
        topic=in_committee(actor, Topic, payload.topic_id),
        suggestions=payload.suggestions,
        authors=[people[pk] for pk in payload.author_ids],
        participants=[people[pk] for pk in payload.participant_ids],
    )
    return Status(201, _detail(outcome, actor))


class TaskFilter(InSchema):
    open: bool | None = None
    overdue: bool = False


@router.get("/outcomes/tasks", response=list[TaskOut], summary="成果批示落实任务")
@paginate(Pagination)
def task_list(request, filters: Query[TaskFilter]):
    today = timezone.localdate()
    rows = queries.task_list(request.auth)
    if filters.overdue:
        rows = queries.overdue_tasks(request.auth, today)
    elif filters.open is not None:
        rows = rows.filter(state=queries.OPEN) if filters.open else rows.exclude(state=queries.OPEN)
    return [_task(t, today) for t in rows]


@router.post(
    "/outcomes/tasks/{task_id}/actions/{action}",
    response=TaskOut,
    summary="批示任务的办理步骤",
    description="动作:" + "、".join(TASK_ACTIONS),
)
def task_action(request, task_id: Id, action: str, payload: Body[dict] = None):
    if action not in TASK_ACTIONS:
        raise Http404
    task = queries.task_for_user(request.auth, task_id)
    run_action(TASK_ACTIONS, request.auth, task, action, payload or {})
    return _task(queries.task_for_user(request.auth, task_id), timezone.localdate())


@router.get("/outcomes/{outcome_id}", response=OutcomeDetailOut, summary="协商成果详情")
def detail(request, outcome_id: Id):
    return _detail(queries.outcome_for_user(request.auth, outcome_id), request.auth)


@router.post(
    "/outcomes/{outcome_id}/actions/{action}",
    response=OutcomeDetailOut,
    summary="协商成果的处理步骤",
    description="动作:" + "、".join(ACTIONS),
)
def take_action(request, outcome_id: Id, action: str, payload: Body[dict] = None):
    if action not in ACTIONS:
        raise Http404
    outcome = queries.outcome_for_user(request.auth, outcome_id)
    run_action(ACTIONS, request.auth, outcome, action, payload or {})
    return _detail(queries.outcome_for_user(request.auth, outcome_id), request.auth)


@router.post(
    "/outcomes/{outcome_id}/suggestions/{suggestion_id}/actions/{action}",
    response=SuggestionOut,
    summary="逐条建议的跟踪步骤",
    description="动作:" + "、".join(SUGGESTION_ACTIONS),
)
def suggestion_action(
    request, outcome_id: Id, suggestion_id: Id, action: str, payload: Body[dict] = None
):
    if action not in SUGGESTION_ACTIONS:
        raise Http404
    outcome = queries.outcome_for_user(request.auth, outcome_id)
    suggestion = queries.suggestion_for_user(request.auth, outcome, suggestion_id)
    run_action(SUGGESTION_ACTIONS, request.auth, suggestion, action, payload or {})
    return _suggestion(
        request.auth, queries.suggestion_for_user(request.auth, outcome, suggestion_id)
    )
