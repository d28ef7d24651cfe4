from datetime import date

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from zhengxie.core.inputs import Id, InSchema, Pagination, SearchText

from . import queries
from .models import Membership
from .permissions import can_view_directory, can_view_units
from .presenters import visible_id_number, visible_phone

router = Router(tags=["委员与组织"])


class MemberFilterIn(InSchema):
    q: SearchText = ""
    sector: Id | None = None
    special_committee: Id | None = None
    station: Id | None = None
    standing: bool | None = None


class MemberOut(Schema):
    """One row of the directory, built from a `Membership` of the current term."""

    id: int
    name: str
    gender: str
    sector: str
    sector_id: int
    standing: bool
    post: str
    title: str
    employer_title: str
    phone: str
    station: str | None
    special_committees: list[str]

    @staticmethod
    def resolve_id(m: Membership) -> int:
        return m.member_id

    @staticmethod
    def resolve_name(m: Membership) -> str:
        return m.member.name

    @staticmethod
    def resolve_gender(m: Membership) -> str:
        return m.member.gender

    @staticmethod
    def resolve_sector(m: Membership) -> str:
        return m.sector.name

    @staticmethod
    def resolve_employer_title(m: Membership) -> str:
        return m.member.employer_title

    @staticmethod
    def resolve_phone(m: Membership, context) -> str:
        return visible_phone(context["request"].auth, m.member)

    @staticmethod
    def resolve_station(m: Membership) -> str | None:
        return m.station.name if m.station else None

    @staticmethod
    def resolve_special_committees(m: Membership) -> list[str]:
        return [s.name for s in m.special_committees.all()]


class MembershipOut(Schema):
    term: str
    sector: str
    standing: bool
    title: str
    station: str | None
    special_committees: list[str]
    left_on: date | None


class MemberDetailOut(Schema):
    id: int
    name: str
    gender: str
    ethnicity: str
    birth_month: str
    party: str
    education: str
    employer_title: str
    phone: str
    id_number: str
    email: str
    memberships: list[MembershipOut]


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    contact_name: str
    contact_phone: str


def _require(predicate, user) -> None:
    if not predicate(user) or user.committee is None:
        raise PermissionDenied


@router.get("/members", response=list[MemberOut], summary="委员名录(姓氏笔画排序)")
@paginate(Pagination)
def members(request, filters: Query[MemberFilterIn]):
    _require(can_view_directory, request.auth)
    term = queries.current_term(request.auth.committee)
    if term is None:
        return Membership.objects.none()
    return queries.directory(term, queries.DirectoryFilter(**filters.dict()))


@router.get("/members/{member_id}", response=MemberDetailOut, summary="委员详情")
def member(request, member_id: Id):
    _require(can_view_directory, request.auth)
    found = queries.member_for_user(request.auth, member_id)
    return {
        "id": found.pk,
        "name": found.name,
        "gender": found.gender,
        "ethnicity": found.ethnicity,
        "party": found.party,
        "education": found.education,
        "birth_month": f"{found.birth_month:%Y.%m}" if found.birth_month else "",
        "employer_title": found.employer_title,
        "email": found.email,
        "phone": visible_phone(request.auth, found),
        "id_number": visible_id_number(request.auth, found),
        "memberships": [
            {
                "term": m.term.label,
                "sector": m.sector.name,
                "standing": m.standing,
                "title": m.title,
                "station": m.station.name if m.station else None,
                "special_committees": [s.name for s in m.special_committees.all()],
                "left_on": m.left_on,
            }
            for m in queries.member_memberships(found)
        ],
    }


@router.get("/units", response=list[UnitOut], summary="承办单位")
def units(request, q: SearchText = ""):
    _require(can_view_units, request.auth)
    return [
        {
            "id": u.pk,
            "name": u.name,
            "kind": u.kind,
            "kind_label": u.get_kind_display(),
            "contact_name": u.contact_name,
            "contact_phone": u.contact_phone,
        }
        for u in queries.handling_units(request.auth.committee, q)
    ]
