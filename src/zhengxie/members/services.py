"""Writes of members and organisation. Every write is audited."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from zhengxie.core import errors, roles
from zhengxie.core.audit import audit_log, snapshot
from zhengxie.core.errors import ServiceError
from zhengxie.core.models import Committee, Term, User
from zhengxie.core.services import user_create

from .models import (
    HandlingUnit,
    Liaison,
    LiaisonStation,
    Member,
    Membership,
    Sector,
    SectorGroup,
    SpecialCommittee,
    UnitAccount,
)
from .permissions import can_export_full_roster
from .roster import read_roster

MEMBER_FIELDS = [
    "name",
    "gender",
    "ethnicity",
    "birth_month",
    "party",
    "education",
    "employer_title",
    "phone",
    "id_number",
    "email",
    "address",
]
MEMBERSHIP_FIELDS = [
    "sector_id",
    "standing",
    "post",
    "station_id",
    "heads_id",
    "sector_group_id",
    "joined_on",
    "left_on",
    "left_reason",
]

NOT_SAME_COMMITTEE = errors.Problem("wrong_committee", "所选内容不属于本政协。", 400)
LIAISON_SELF = errors.Problem("liaison_self", "不能联系自己。", 400)
LIAISON_TERM = errors.Problem("liaison_term", "联系双方须为同一届委员。", 400)
MEMBER_HAS_LOGIN = errors.Problem("member_has_login", "该委员已有登录账号。", 409)
ALREADY_IN_TERM = errors.Problem("already_in_term", "该委员(身份证号相同)已在本届名册中。", 409)
UNIT_NAME_TAKEN = errors.Problem("unit_name_taken", "已有同名的承办单位。", 409)
ID_NUMBER_TAKEN = errors.Problem("id_number_taken", "身份证号与另一位委员相同。", 409)
EXPORT_REASON = errors.Problem(
    "export_reason_required", "导出含完整身份证号的名册须写明用途(至少4个字)。"
)


def _same_committee(committee: Committee, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.committee_id != committee.pk:
            raise ServiceError(NOT_SAME_COMMITTEE)


def _check_fields(changes: dict, allowed: list[str]) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ServiceError(errors.BAD_INPUT, f"不能修改的字段:{'、'.join(sorted(unknown))}")


def _taken(obj, **lookup) -> bool:
    """Another row of the same committee already has this value."""
    others = type(obj).objects.filter(committee=obj.committee_id, **lookup)
    return others.exclude(pk=obj.pk).exists()


def _update_audited(actor, obj, changes: dict, action: str, *, target=None, also=None):
    """Lock `obj`, apply `changes`, save and audit before → after. `also(locked)` may derive
    more fields and returns their names. Call inside the service's transaction."""
    # Two edits at once: each audits 'before' as the other left it, and neither is lost.
    locked = type(obj).objects.select_for_update().get(pk=obj.pk)
    before = snapshot(locked, list(changes))
    for name, value in changes.items():
        setattr(locked, name, value)
    extra = also(locked) if also else []
    locked.save(update_fields=[*changes, *extra])
    audit_log(
        actor=actor,
        action=action,
        target=target(locked) if target else locked,
        before=before,
        after=snapshot(locked, list(changes)),
    )
    return locked


def _create_audited(actor, model, action: str, fields: list[str], **values):
    obj = model.objects.create(**values)
    audit_log(actor=actor, action=action, target=obj, after=snapshot(obj, fields))
    return obj


def sector_create(
    *, actor: User | None, committee: Committee, name: str, position: int = 0
) -> Sector:
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        return _create_audited(
            actor,
            Sector,
            "sector.create",
            ["name", "position"],
            committee=committee,
            name=name,
            position=position,
        )


def sector_group_create(
    *, actor: User | None, committee: Committee, name: str, sectors: Iterable[Sector]
) -> SectorGroup:
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        group = _create_audited(
            actor, SectorGroup, "sector_group.create", ["name"], committee=committee, name=name
        )
        group.sectors.set(list(sectors))
    return group


def handling_unit_create(
    *,
    actor: User | None,
    committee: Committee,
    name: str,
    kind: str = HandlingUnit.Kind.GOVERNMENT,
    contact_name: str = "",
    contact_phone: str = "",
) -> HandlingUnit:
    if HandlingUnit.objects.filter(committee=committee, name=name).exists():
        raise ServiceError(UNIT_NAME_TAKEN)
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        return _create_audited(
            actor,
            HandlingUnit,
            "unit.create",
            ["name", "kind", "contact_name", "contact_phone"],
            committee=committee,
            name=name,
            kind=kind,
            contact_name=contact_name,
            contact_phone=contact_phone,
        )


UNIT_FIELDS = ["name", "kind", "contact_name", "contact_phone", "is_active"]


def handling_unit_update(*, actor: User, unit: HandlingUnit, **changes) -> HandlingUnit:
    _check_fields(changes, UNIT_FIELDS)
    if changes.get("name") and _taken(unit, name=changes["name"]):
        raise ServiceError(UNIT_NAME_TAKEN)
    with transaction.atomic(durable=True):
        return _update_audited(actor, unit, changes, "unit.update")


def special_committee_create(
    *,
    actor: User | None,
    committee: Committee,
    name: str,
    paired_units: Iterable[HandlingUnit] = (),
) -> SpecialCommittee:
    units = list(paired_units)
    _same_committee(committee, *units)
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        special = _create_audited(
            actor,
            SpecialCommittee,
            "special_committee.create",
            ["name"],
            committee=committee,
            name=name,
        )
        special.paired_units.set(units)
    return special


def liaison_station_create(
    *, actor: User | None, committee: Committee, name: str, township: str, address: str = ""
) -> LiaisonStation:
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        return _create_audited(
            actor,
            LiaisonStation,
            "station.create",
            ["name", "township", "address"],
            committee=committee,
            name=name,
            township=township,
            address=address,
        )


def unit_account_create(
    *,
    actor: User | None,
    unit: HandlingUnit,
    username: str,
    password: str,
    display_name: str,
    is_approver: bool = False,
    validate_password: bool = True,
    password_hash: str = "",
) -> UnitAccount:
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        user = user_create(
            actor=actor,
            username=username,
            password=password,
            committee=unit.committee,
            display_name=display_name,
            role_names=[roles.UNIT],
            validate_password=validate_password,
            password_hash=password_hash,
        )
        account = UnitAccount.objects.create(user=user, unit=unit, is_approver=is_approver)
        audit_log(
            actor=actor,
            action="unit.add_account",
            target=unit,
            after={"user": user.username, "is_approver": is_approver},
        )
    return account


def member_create(
    *,
    actor: User | None,
    committee: Committee,
    term: Term,
    sector: Sector,
    standing: bool = False,
    post: str = "",
    station: LiaisonStation | None = None,
    sector_group: SectorGroup | None = None,
    special_committees: Iterable[SpecialCommittee] = (),
    heads: SpecialCommittee | None = None,
    joined_on: date | None = None,
    **person,
) -> Membership:
    """A member's membership of `term`. A person already on record (same ID number, e.g. from
    the previous term) keeps one record: their details are refreshed and the term added."""
    specials = list(special_committees)
    _same_committee(committee, term, sector, station, sector_group, heads, *specials)
    # Not durable: roster_import creates every row in one transaction.
    with transaction.atomic():
        member = _member_on_record(committee, term, person)
        for name, value in person.items():
            setattr(member, name, value)
        member.refresh_sort_key()
        member.save()
        membership = Membership.objects.create(
            member=member,
            term=term,
            sector=sector,
            standing=standing,
            post=post,
            station=station,
            heads=heads,
            sector_group=sector_group,
            joined_on=joined_on or term.start_date,
        )
        membership.special_committees.set(specials)
        audit_log(
            actor=actor,
            action="member.create",
            target=member,
            after={
                **snapshot(member, MEMBER_FIELDS),
                **snapshot(membership, MEMBERSHIP_FIELDS),
                "special_committees": [s.pk for s in specials],
            },
        )
    return membership


def _member_on_record(committee: Committee, term: Term, person: dict) -> Member:
    id_number = person.get("id_number", "")
    existing = id_number and Member.objects.filter(committee=committee, id_number=id_number).first()
    if not existing:
        return Member(committee=committee)
    if existing.memberships.filter(term=term).exists():
        raise ServiceError(ALREADY_IN_TERM)
    return existing


def _with_sort_key(member: Member) -> list[str]:
    member.refresh_sort_key()
    return ["sort_key"]


def member_update(*, actor: User, member: Member, **changes) -> Member:
    _check_fields(changes, MEMBER_FIELDS)
    if changes.get("id_number") and _taken(member, id_number=changes["id_number"]):
        raise ServiceError(ID_NUMBER_TAKEN)
    # Not durable: member_edit calls it inside its transaction.
    with transaction.atomic():
        return _update_audited(
            actor,
            member,
            changes,
            "member.update",
            also=_with_sort_key,
        )


def membership_update(
    *, actor: User, membership: Membership, special_committees=None, **changes
) -> Membership:
    _check_fields(changes, MEMBERSHIP_FIELDS)
    # Not durable: member_edit calls it inside its transaction.
    with transaction.atomic():
        membership = _update_audited(
            actor, membership, changes, "membership.update", target=lambda m: m.member
        )
        if special_committees is not None:
            membership.special_committees.set(list(special_committees))
    return membership


def member_grant_login(
    *,
    actor: User | None,
    membership: Membership,
    username: str,
    password: str,
    validate_password: bool = True,
    password_hash: str = "",
) -> User:
    """Give a member an account: 委员, plus 主席会议成员 for chair, vice chairs and 秘书长."""
    member = membership.member
    if member.user_id:
        raise ServiceError(MEMBER_HAS_LOGIN)
    role_names = [roles.MEMBER] + ([roles.LEADER] if membership.post else [])
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        user = user_create(
            actor=actor,
            username=username,
            password=password,
            committee=member.committee,
            display_name=member.name,
            email=member.email,
            role_names=role_names,
            validate_password=validate_password,
            password_hash=password_hash,
        )
        member.user = user
        member.save(update_fields=["user"])
        audit_log(
            actor=actor,
            action="member.grant_login",
            target=member,
            after={"user": username, "roles": role_names},
        )
    return user


def liaison_remove(*, actor: User, liaison: Liaison) -> None:
    with transaction.atomic(durable=True):
        audit_log(
            actor=actor,
            action="liaison.remove",
            target=liaison.member.member,
            before={"contact": liaison.contact.member.name, "member": liaison.member.member.name},
        )
        liaison.delete()


def liaison_set(*, actor: User | None, contact: Membership, member: Membership) -> Liaison:
    if contact.pk == member.pk:
        raise ServiceError(LIAISON_SELF)
    if contact.term_id != member.term_id:
        raise ServiceError(LIAISON_TERM)
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        liaison, created = Liaison.objects.get_or_create(
            term=contact.term, contact=contact, member=member
        )
        if created:
            audit_log(
                actor=actor,
                action="liaison.set",
                target=member.member,
                after={"contact": contact.member.name, "member": member.member.name},
            )
    return liaison


ROSTER_INVALID = errors.Problem("roster_invalid", "名册有误,未导入任何数据。", 400)


def roster_import(*, actor: User, committee: Committee, term: Term, content: bytes) -> int:
    """Import a roster: all rows or none. Raises with every problem found, row by row."""
    result = read_roster(content, committee, term)
    if result.errors:
        raise ServiceError(ROSTER_INVALID, errors=result.errors)
    groups = {
        sector.pk: group
        for group in SectorGroup.objects.filter(committee=committee).prefetch_related("sectors")
        for sector in group.sectors.all()
    }
    with transaction.atomic(durable=True):
        for row in result.rows:
            member_create(
                actor=actor,
                committee=committee,
                term=term,
                sector=row.sector,
                standing=row.standing,
                station=row.station,
                sector_group=groups.get(row.sector.pk),
                special_committees=row.special_committees,
                **row.person,
            )
        audit_log(
            actor=actor,
            action="member.import_roster",
            committee=committee,
            after={"term": term.number, "rows": len(result.rows)},
        )
    return len(result.rows)


def member_edit(
    *,
    actor: User,
    membership: Membership,
    person: dict,
    sector: Sector,
    standing: bool,
    post: str,
    station: LiaisonStation | None,
    special_committees: Iterable[SpecialCommittee],
    heads: SpecialCommittee | None = None,
) -> Membership:
    """Staff edit a member and their membership of a term in one step."""
    specials = list(special_committees)
    _same_committee(membership.member.committee, sector, station, heads, *specials)
    with transaction.atomic(durable=True):
        member_update(actor=actor, member=membership.member, **person)
        return membership_update(
            actor=actor,
            membership=membership,
            sector_id=sector.pk,
            standing=standing,
            post=post,
            station_id=station.pk if station else None,
            heads_id=heads.pk if heads else None,
            special_committees=specials,
        )


def member_exit(*, actor: User, membership: Membership, left_on: date, reason: str) -> Membership:
    """退出: the member leaves the term; their record and duty history stay."""
    if membership.left_on:
        raise ServiceError(errors.CONFLICT, "该委员已退出。")
    return membership_update(
        actor=actor, membership=membership, left_on=left_on, left_reason=reason
    )


def roster_export_full(*, actor: User, term: Term, reason: str, rows: int, filters: dict) -> None:
    """Records who takes the roster with full ID numbers, why, and which part of it."""
    if not can_export_full_roster(actor):
        raise ServiceError(errors.FORBIDDEN)
    reason = reason.strip()
    if len(reason) < 4:
        raise ServiceError(EXPORT_REASON)
    audit_log(
        actor=actor,
        action="member.export_full",
        target=term,
        committee=term.committee,
        after={"reason": reason, "rows": rows, "filters": filters},
    )
