"""Reads of the core app."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from django.db.models import Model, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from . import roles
from .models import (
    AuditEvent,
    CalendarDay,
    CalendarYear,
    Committee,
    Notification,
    PasswordReset,
    Session,
    Term,
    User,
)

M = TypeVar("M", bound=Model)


def committee_rules(model: type[M], committee_id: int) -> M:
    """A committee's row of per-committee rules (`model` has one per committee); a committee
    that somehow lacks it reads the defaults, unsaved, so that reading never writes."""
    return model.objects.filter(committee_id=committee_id).first() or model(
        committee_id=committee_id
    )


def sessions_of(committee: Committee) -> QuerySet[Session]:
    return (
        Session.objects.filter(term__committee=committee)
        .select_related("term")
        .order_by("-term__number", "-number")
    )


def inbox(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at=None).count()


@dataclass(frozen=True)
class AuditFilter:
    q: str = ""
    kind: str = ""  # object type, e.g. proposals.proposal
    action: str = ""
    actor: str = ""
    start: date | None = None
    end: date | None = None


def audit_events(criteria: AuditFilter) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("committee")
    if criteria.action:
        events = events.filter(action__startswith=criteria.action)
    if criteria.actor:
        events = events.filter(actor_label__contains=criteria.actor)
    if criteria.kind:
        events = events.filter(object_type=criteria.kind)
    if criteria.q:
        events = events.filter(Q(object_repr__contains=criteria.q) | Q(object_id=criteria.q))
    if criteria.start:
        events = events.filter(at__date__gte=criteria.start)
    if criteria.end:
        events = events.filter(at__date__lte=criteria.end)
    return events


def audit_actions() -> list[str]:
    return list(AuditEvent.objects.values_list("action", flat=True).distinct().order_by("action"))


def accounts(committee: Committee | None, q: str = "") -> QuerySet[User]:
    users = User.objects.prefetch_related("groups").order_by("username")
    if committee is not None:
        users = users.filter(committee=committee)
    if q:
        users = users.filter(Q(username__contains=q) | Q(display_name__contains=q))
    return users


def account_for_user(user: User, user_id: int) -> User:
    """An account `user` administers: of their committee, any for a deployment-wide
    administrator (no committee); 404 otherwise."""
    return get_object_or_404(accounts(user.committee), pk=user_id)


def locked_accounts(committee: Committee | None, now: datetime | None = None) -> QuerySet[User]:
    return accounts(committee).filter(locked_until__gt=now or timezone.now())


def calendar_overrides(committee: Committee) -> QuerySet[CalendarDay]:
    return CalendarDay.objects.filter(committee=committee)


def national_days(year: int) -> QuerySet[CalendarDay]:
    return CalendarDay.objects.filter(committee=None, date__year=year)


def confirmed_years() -> list[int]:
    return list(CalendarYear.objects.order_by("year").values_list("year", flat=True))


def terms_with_sessions(committee: Committee) -> QuerySet[Term]:
    return Term.objects.filter(committee=committee).prefetch_related("sessions")


def current_term(committee: Committee) -> Term | None:
    return Term.objects.filter(committee=committee, is_current=True).first()


def pending_resets(committee: Committee | None) -> QuerySet[PasswordReset]:
    resets = PasswordReset.objects.filter(state=PasswordReset.State.PENDING).select_related(
        "user", "requested_by"
    )
    return resets.filter(user__committee=committee) if committee is not None else resets


def reset_for_user(user: User, reset_id: int) -> PasswordReset:
    """A pending password reset of an account `user` administers; 404 otherwise."""
    return get_object_or_404(pending_resets(user.committee), pk=reset_id)


def staff_users(committee_id: int) -> QuerySet[User]:
    """The committee's active staff: whom a new item or a unit's request is announced to."""
    return User.objects.filter(committee_id=committee_id, groups__name=roles.STAFF, is_active=True)


def hosted(committee: Committee | None) -> bool:
    """A (parent) committee is hosted here when its office works in this deployment: what is
    forwarded up to it arrives in its queue as a copy."""
    return committee is not None and staff_users(committee.pk).exists()
