"""Reads of outcomes for pages, API and documents, with each reader's audience: the office
and leaders read their committee's outcomes; a unit reads those sent to it or instructing it,
and of those only its own tasks and steps; a member reads the outcomes they took part in."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from zhengxie.core import roles
from zhengxie.core.models import User
from zhengxie.members.models import Member
from zhengxie.members.permissions import unit_account

from ..models import (
    Evaluation,
    Indicator,
    Outcome,
    OutcomeRating,
    OutcomeSending,
    OutcomeStep,
    OutcomeTask,
    Suggestion,
    Topic,
)

S = Outcome.State
OPEN = OutcomeTask.State.OPEN


def office(user: User) -> bool:
    """Staff and leaders: the committee's whole record of outcomes."""
    return user.is_authenticated and user.has_role(roles.STAFF, roles.LEADER)


def _member(user: User):
    return getattr(user, "member", None) if user.has_role(roles.MEMBER) else None


def outcomes_for(user: User) -> QuerySet[Outcome]:
    """Every outcome `user` may read; another committee's are never among them."""
    base = Outcome.objects.filter(committee_id=user.committee_id).select_related("topic")
    if office(user):
        return base
    account = unit_account(user)
    if account is not None:
        tasked = OutcomeTask.objects.filter(unit=account.unit_id).values("outcome_id")
        sent = OutcomeSending.objects.filter(unit=account.unit_id).values("outcome_id")
        return base.filter(Q(pk__in=tasked) | Q(pk__in=sent))
    member = _member(user)
    if member is None:
        return base.none()
    return base.filter(members__member=member)


def outcome_for_user(user: User, outcome_id: int) -> Outcome:
    """The outcome if `user` may read it; 404 otherwise (another committee's included)."""
    rows = outcomes_for(user).select_related("committee", "vote__meeting", "origin__committee")
    return get_object_or_404(rows, pk=outcome_id)


def reads_everything(user: User, outcome: Outcome) -> bool:
    return office(user) and user.committee_id == outcome.committee_id


def _own_unit(user: User) -> int | None:
    account = unit_account(user)
    return account.unit_id if account is not None else None


def tasks_for(user: User, outcome: Outcome) -> QuerySet[OutcomeTask]:
    """A unit sees only its own tasks; the office and the members who took part see every
    unit's progress."""
    rows = outcome.tasks.select_related("unit").order_by("given_on", "id")
    unit = _own_unit(user)
    return rows.filter(unit_id=unit) if unit is not None else rows


def sendings_for(user: User, outcome: Outcome) -> QuerySet[OutcomeSending]:
    rows = outcome.sendings.select_related("copy")
    unit = _own_unit(user)
    return rows.filter(unit_id=unit) if unit is not None else rows


def steps_for(user: User, outcome: Outcome) -> QuerySet[OutcomeStep]:
    """The office reads every entry; others the shared ones, and a unit of those only the
    entries that concern no unit or its own, and of the sendings only its own (as
    `sendings_for`)."""
    rows = outcome.steps.all()
    if reads_everything(user, outcome):
        return rows
    rows = rows.filter(audience=OutcomeStep.Audience.EVERYONE)
    unit = _own_unit(user)
    if unit is None:
        return rows
    return rows.filter(Q(unit_id=unit) | Q(unit=None) & ~Q(action="send"))


def ratings_for(user: User, outcome: Outcome) -> QuerySet[OutcomeRating]:
    """Members' satisfaction is the office's measure of the units: a member reads their own."""
    rows = outcome.ratings.select_related("member", "unit")
    if reads_everything(user, outcome):
        return rows
    member = _member(user)
    return rows.filter(member=member) if member is not None else rows.none()


def suggestions_of(outcome: Outcome) -> QuerySet[Suggestion]:
    # The suggestion table's guards read the outcome's state: fetched with it, once.
    return outcome.suggestions.select_related("outcome")


def members_by_id(user: User, ids: list[int]) -> dict[int, Member]:
    """The members of the user's committee by id; an id that is not one of them is a 404."""
    found = Member.objects.filter(committee_id=user.committee_id).in_bulk(set(ids))
    if len(found) != len(set(ids)):
        raise Http404
    return found


def members_of(outcome: Outcome):
    return outcome.members.select_related("member").order_by("role", "member__name")


def count_into(outcomes: list[Outcome], today: date) -> list[Outcome]:
    """The tracking board's figures of each outcome on a page: its suggestions, its tasks,
    those still open and those overdue, in two grouped queries for the whole page (a city's
    year has thousands of suggestions; counting every outcome's before paging is waste)."""
    ids = [o.pk for o in outcomes]
    suggestions = dict(
        Suggestion.objects.filter(outcome_id__in=ids)
        .values_list("outcome_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    late = Q(state=OPEN, due_on__lt=today)
    tasks = {
        row["outcome_id"]: row
        for row in OutcomeTask.objects.filter(outcome_id__in=ids)
        .values("outcome_id")
        .annotate(
            n=Count("pk"), open=Count("pk", filter=Q(state=OPEN)), late=Count("pk", filter=late)
        )
        .order_by()
    }
    for o in outcomes:
        counts = tasks.get(o.pk, {})
        o.suggestion_count = suggestions.get(o.pk, 0)
        o.task_count = counts.get("n", 0)
        o.open_tasks, o.overdue_tasks = counts.get("open", 0), counts.get("late", 0)
    return outcomes


def state_counts(user: User) -> dict[str, int]:
    counts = dict(outcomes_for(user).values_list("state").annotate(n=Count("pk")).order_by())
    return {value: counts.get(value, 0) for value in S.values}


def to_send(user: User, today: date) -> QuerySet[Outcome]:
    return outcomes_for(user).filter(state=S.DRAFTED)


def awaiting_instruction(user: User, today: date) -> QuerySet[Outcome]:
    """Sent and no leader's instruction recorded yet."""
    return outcomes_for(user).filter(state=S.SENT)


def feedback_to_forward(user: User, today: date) -> QuerySet[Outcome]:
    """The units have fed back (every task), and the members who took part are still to be
    told the result."""
    # Uncorrelated: one pass over the tasks, not one per outcome.
    tasked = OutcomeTask.objects.values("outcome_id")
    still_open = tasked.filter(state=OPEN)
    settled = Q(state=S.INSTRUCTED, pk__in=tasked) & ~Q(pk__in=still_open)
    return outcomes_for(user).filter(Q(state=S.IMPLEMENTED) | settled)


def with_overdue_task(user: User, today: date) -> QuerySet[Outcome]:
    late = OutcomeTask.objects.filter(state=OPEN, due_on__lt=today).values("outcome_id")
    return outcomes_for(user).filter(pk__in=late)


# Home-page counters and the board lists their links open (`?filter=<name>`).
NAMED_LISTS: dict[str, tuple[str, Callable[[User, date], QuerySet[Outcome]]]] = {
    "to_send": ("待报送", to_send),
    "awaiting_instruction": ("已报送待批示", awaiting_instruction),
    "feedback_to_forward": ("落实反馈待转告委员", feedback_to_forward),
    "overdue": ("批示落实超期", with_overdue_task),
}


def named_list(user: User, name: str, today: date) -> QuerySet[Outcome] | None:
    entry = NAMED_LISTS.get(name)
    return entry[1](user, today) if entry else None


@dataclass(frozen=True)
class OutcomeFilter:
    """The board's and the list endpoint's search (`?state=&kind=&year=&q=`)."""

    state: str | None = None
    kind: str | None = None
    year: int | None = None
    q: str = ""


def filtered(rows: QuerySet[Outcome], criteria: OutcomeFilter) -> QuerySet[Outcome]:
    if criteria.state:
        rows = rows.filter(state=criteria.state)
    if criteria.kind:
        rows = rows.filter(kind=criteria.kind)
    if criteria.year:
        rows = rows.filter(written_on__year=criteria.year)
    if criteria.q.strip():
        rows = rows.filter(title__contains=criteria.q.strip())
    return rows


def task_list(user: User) -> QuerySet[OutcomeTask]:
    """The tasks `user` handles or follows: a unit its own, the office and leaders all of
    the committee's."""
    rows = OutcomeTask.objects.filter(outcome__committee_id=user.committee_id).select_related(
        "outcome", "unit"
    )
    unit = _own_unit(user)
    if unit is not None:
        return rows.filter(unit_id=unit)
    return rows if office(user) else rows.none()


def open_tasks(user: User, today: date) -> QuerySet[OutcomeTask]:
    return task_list(user).filter(state=OPEN)


def overdue_tasks(user: User, today: date) -> QuerySet[OutcomeTask]:
    return open_tasks(user, today).filter(due_on__lt=today)


NAMED_TASK_LISTS: dict[str, tuple[str, Callable[[User, date], QuerySet[OutcomeTask]]]] = {
    "open": ("待反馈", open_tasks),
    "overdue": ("已超期", overdue_tasks),
}


def task_for_user(user: User, task_id: int) -> OutcomeTask:
    return get_object_or_404(task_list(user), pk=task_id)


def suggestion_for_user(user: User, outcome: Outcome, suggestion_id: int) -> Suggestion:
    return get_object_or_404(suggestions_of(outcome), pk=suggestion_id)


def mine(user: User) -> QuerySet[Outcome]:
    """我参与的协商成果: the outcomes carrying the member's work, with their progress."""
    member = _member(user)
    if member is None:
        return Outcome.objects.none()
    return outcomes_for(user).filter(members__member=member)


def unrated(member) -> Q:
    """Told the result and not yet rated by `member`: the member's next work on an outcome
    (评价责任单位). Informed means instructed first, so there is a unit to rate."""
    rated = OutcomeRating.objects.filter(member=member).values("outcome_id")
    return Q(state=S.INFORMED) & ~Q(pk__in=rated)


def to_rate(user: User) -> QuerySet[Outcome]:
    return mine(user).filter(unrated(_member(user)))  # mine() is empty for a non-member


# The member's own page's named lists (`?filter=<name>`), opened by the home counter.
NAMED_MINE_LISTS: dict[str, tuple[str, Callable[[User], QuerySet[Outcome]]]] = {
    "to_rate": ("待我评价的成果", to_rate),
}


def indicators_of(committee_id: int) -> QuerySet[Indicator]:
    return Indicator.objects.filter(committee_id=committee_id)


def evaluations_of(committee_id: int, year: int) -> QuerySet[Evaluation]:
    return (
        Evaluation.objects.filter(committee_id=committee_id, year=year)
        .select_related("topic", "evaluated_by")
        .prefetch_related("scores__indicator")
    )


def topics_to_evaluate(committee_id: int, year: int) -> QuerySet[Topic]:
    """The year's planned topics, and any topic of the committee with an outcome that year."""
    return (
        Topic.objects.filter(committee_id=committee_id)
        .filter(Q(year=year, state=Topic.State.PLANNED) | Q(outcomes__written_on__year=year))
        .distinct()
        .order_by("id")
    )
