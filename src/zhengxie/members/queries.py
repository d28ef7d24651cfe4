"""Reads of members and organisation for pages, API and exports."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from zhengxie.core.models import Committee, Term
from zhengxie.core.queries import current_term  # noqa: F401  (re-exported for this app)

from .models import (
    HandlingUnit,
    Liaison,
    LiaisonStation,
    Member,
    Membership,
    Sector,
    SpecialCommittee,
)


@dataclass(frozen=True)
class DirectoryFilter:
    q: str = ""
    sector: int | None = None
    special_committee: int | None = None
    station: int | None = None
    standing: bool | None = None
    include_left: bool = False
    # Members whom this membership keeps in touch with (the home counter 我联系的委员).
    contact: int | None = None


def my_contacts_filter(user, term: Term) -> DirectoryFilter | None:
    """`?filter=my_contacts` of the directory: the members `user` liaises with this term."""
    membership = Membership.objects.filter(member__user=user, term=term).first()
    return DirectoryFilter(contact=membership.pk) if membership else None


def directory(term: Term, criteria: DirectoryFilter = DirectoryFilter()) -> QuerySet[Membership]:
    """Memberships of a term in 姓氏笔画 order, filtered."""
    rows = (
        Membership.objects.filter(term=term)
        .select_related("member", "sector", "station", "sector_group")
        .prefetch_related("special_committees")
        .order_by("member__sort_key", "member_id")
    )
    if not criteria.include_left:
        rows = rows.filter(left_on=None)
    if criteria.q:
        text = criteria.q.strip()
        rows = rows.filter(
            Q(member__name__contains=text) | Q(member__employer_title__contains=text)
        )
    if criteria.sector:
        rows = rows.filter(sector_id=criteria.sector)
    if criteria.special_committee:
        rows = rows.filter(special_committees=criteria.special_committee)
    if criteria.station:
        rows = rows.filter(station_id=criteria.station)
    if criteria.standing is not None:
        rows = rows.filter(standing=criteria.standing)
    if criteria.contact:
        rows = rows.filter(contacted_by__contact_id=criteria.contact)
    return rows


def current_memberships(committee: Committee | int) -> QuerySet[Membership]:
    """The memberships in force now: of the committee's current term, and not ended by the
    member's leaving (退出, `left_on`)."""
    return Membership.objects.filter(term__committee=committee, term__is_current=True, left_on=None)


def current_members(committee: Committee | int) -> QuerySet[Member]:
    """The members offered wherever members are chosen (invitations, briefings, cosigners,
    coauthors, pickers, leaders and supervisors): those with a membership in force now."""
    # Both conditions sit in one filter() so that they hold for the same membership.
    return Member.objects.filter(
        committee=committee, memberships__term__is_current=True, memberships__left_on=None
    )


def member_for_user(user, member_id: int) -> Member:
    """A member of `user`'s committee; 404 otherwise, so ids reveal nothing."""
    return get_object_or_404(Member, committee_id=user.committee_id, pk=member_id)


def unit_for_user(user, unit_id: int) -> HandlingUnit:
    """A handling unit of `user`'s committee, disabled ones too; 404 otherwise."""
    return get_object_or_404(handling_units(user.committee, active_only=False), pk=unit_id)


def member_memberships(member: Member) -> QuerySet[Membership]:
    return (
        member.memberships.select_related("term", "sector", "station", "sector_group")
        .prefetch_related("special_committees")
        .order_by("-term__number")
    )


def sectors(committee: Committee, term: Term | None) -> QuerySet[Sector]:
    active = Q(memberships__term=term, memberships__left_on=None)
    return Sector.objects.filter(committee=committee).annotate(
        member_count=Count("memberships", filter=active)
    )


def special_committees(committee: Committee, term: Term | None) -> QuerySet[SpecialCommittee]:
    active = Q(memberships__term=term, memberships__left_on=None)
    return (
        SpecialCommittee.objects.filter(committee=committee)
        .annotate(member_count=Count("memberships", filter=active))
        .prefetch_related("paired_units")
    )


def liaison_stations(committee: Committee, term: Term | None) -> QuerySet[LiaisonStation]:
    active = Q(memberships__term=term, memberships__left_on=None)
    return LiaisonStation.objects.filter(committee=committee).annotate(
        member_count=Count("memberships", filter=active)
    )


def handling_units(
    committee: Committee, q: str = "", active_only: bool = True
) -> QuerySet[HandlingUnit]:
    # Django drops Meta.ordering from GROUP BY queries, so the annotated list needs its own.
    units = (
        HandlingUnit.objects.filter(committee=committee)
        .annotate(account_count=Count("accounts"))
        .order_by("kind", "id")
    )
    if active_only:
        units = units.filter(is_active=True)
    if q:
        units = units.filter(name__contains=q.strip())
    return units


PICK_LIMIT = 20


def pick_members(committee: Committee, q: str, *, not_user=None) -> list[Membership]:
    """The current members a picker offers for `q` (name or employer), in 姓氏笔画 order."""
    # The current term's memberships, those who left excluded: `current_memberships`, read
    # through the directory's ordering and search.
    term = current_term(committee)
    if term is None:
        return []
    rows = directory(term, DirectoryFilter(q=q))
    if not_user is not None:
        rows = rows.exclude(member__user=not_user)
    return list(rows[:PICK_LIMIT])


def pick_units(committee: Committee, q: str) -> list[HandlingUnit]:
    return list(handling_units(committee, q).order_by("name")[:PICK_LIMIT])


@dataclass
class LiaisonCoverage:
    """The liaison network: chairs → standing members → members, with who is not covered."""

    contacts: dict[int, list[Membership]]
    uncovered_standing: list[Membership]
    uncovered_members: list[Membership]

    @property
    def complete(self) -> bool:
        return not self.uncovered_standing and not self.uncovered_members


def liaison_coverage(term: Term) -> LiaisonCoverage:
    """Every standing member must be liaised by a chair or vice chair, every other member
    by a standing member (or a leader)."""
    memberships = list(directory(term))
    by_id = {m.pk: m for m in memberships}
    links = Liaison.objects.filter(term=term).values_list("contact_id", "member_id")
    contacts: dict[int, list[Membership]] = {}
    for contact_id, member_id in links:
        if contact_id in by_id and member_id in by_id:
            contacts.setdefault(member_id, []).append(by_id[contact_id])
    uncovered_standing, uncovered_members = [], []
    for membership in memberships:
        if membership.is_leader:
            continue
        mine = contacts.get(membership.pk, [])
        if membership.standing:
            if not any(c.is_leader for c in mine):
                uncovered_standing.append(membership)
        elif not any(c.standing or c.is_leader for c in mine):
            uncovered_members.append(membership)
    return LiaisonCoverage(contacts, uncovered_standing, uncovered_members)
