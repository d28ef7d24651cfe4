"""Reads of fieldwork for pages, the API and the home panels, and who reads what.

Audiences: the committee's office and leaders open every fieldwork of their committee; a
member opens those whose group they are in or for which they are responsible (主席, 分管副主席).
The schedule (visits, attendance, findings) is the group's, the office's and the responsible
leaders'; drafts are the group's and the office's. Another committee's fieldwork is a 404."""

from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from zhengxie.core import roles
from zhengxie.core.queries import committee_rules

from . import permissions
from .models import Draft, Fieldwork, FieldworkRules, Participant, Visit
from .workflow import OPEN, S


def rules_for(committee_id: int) -> FieldworkRules:
    return committee_rules(FieldworkRules, committee_id)


def _member_id(user) -> int | None:
    member = getattr(user, "member", None)
    return member.pk if member else None


def _involving(member_id: int | None) -> Q:
    """In the group or in the responsible chain; nobody's without a member record (the
    group's staff and experts have none either)."""
    if member_id is None:
        return Q(pk__in=[])
    in_group = Participant.objects.filter(member_id=member_id).values("fieldwork")
    return Q(pk__in=in_group) | Q(chair_id=member_id) | Q(vice_chair_id=member_id)


def readable(user) -> QuerySet[Fieldwork]:
    if not permissions.can_open(user):
        return Fieldwork.objects.none()
    rows = Fieldwork.objects.filter(committee_id=user.committee_id)
    if user.has_role(roles.STAFF, roles.LEADER):
        return rows
    return rows.filter(_involving(_member_id(user)))


def _count(model, via: str = "fieldwork") -> Coalesce:
    counted = (
        model.objects.filter(**{via: OuterRef("pk")})
        .order_by()
        .values(via)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def fieldwork_list(user) -> QuerySet[Fieldwork]:
    """The office's list is the committee's; a leader's and a member's are their own (the
    fieldwork they are in or responsible for)."""
    rows = readable(user)
    if not user.has_role(roles.STAFF):
        rows = rows.filter(_involving(_member_id(user)))
    return rows.select_related("topic", "lead_committee", "outcome").annotate(
        group_size=_count(Participant),
        visit_count=_count(Visit),
        draft_count=_count(Draft),
    )


def fieldwork_for_user(user, fieldwork_id: int) -> Fieldwork:
    rows = readable(user).select_related(
        "topic", "chair", "vice_chair", "lead_committee", "member_group", "outcome"
    )
    return get_object_or_404(rows, pk=fieldwork_id)


def sees_schedule(user, fieldwork: Fieldwork) -> bool:
    return (
        permissions.runs(user, fieldwork)
        or permissions.in_chain(user, fieldwork)
        or permissions.in_group(user, fieldwork)
    )


def sees_drafts(user, fieldwork: Fieldwork) -> bool:
    return permissions.runs(user, fieldwork) or permissions.in_group(user, fieldwork)


def group_of(fieldwork: Fieldwork) -> QuerySet[Participant]:
    return fieldwork.group.select_related("member")


def visits_for(user, fieldwork: Fieldwork) -> QuerySet[Visit]:
    if not sees_schedule(user, fieldwork):
        return Visit.objects.none()
    return fieldwork.visits.prefetch_related("present__member", "findings")


def drafts_for(user, fieldwork: Fieldwork) -> QuerySet[Draft]:
    if not sees_drafts(user, fieldwork):
        return Draft.objects.none()
    return fieldwork.drafts.select_related("author")


def in_open_group(member_id: int) -> bool:
    return Participant.objects.filter(member_id=member_id, fieldwork__state__in=OPEN).exists()


def next_visits(member_id: int, today: date) -> QuerySet[Visit]:
    """The coming visits of the fieldwork a member's group is on."""
    return (
        Visit.objects.filter(
            fieldwork__group__member_id=member_id, fieldwork__state__in=OPEN, date__gte=today
        )
        .select_related("fieldwork")
        .order_by("date", "id")
    )


def drafts_due(user) -> QuerySet[Fieldwork]:
    """Fieldwork under way whose group the member is in and for which they wrote no draft."""
    member_id = _member_id(user)
    if member_id is None:
        return Fieldwork.objects.none()
    written = Draft.objects.filter(author_id=member_id).values("fieldwork")
    return (
        fieldwork_list(user)
        .filter(
            pk__in=Participant.objects.filter(member_id=member_id).values("fieldwork"),
            state=S.UNDER_WAY,
        )
        .exclude(pk__in=written)
    )


# What a home counter counts and the list its link opens (`?filter=<name>`).
NAMED_LISTS = {
    "under_way": ("实施中的视察调研", lambda user: fieldwork_list(user).filter(state=S.UNDER_WAY)),
    "drafts_due": ("待我撰写报告稿", drafts_due),
}
