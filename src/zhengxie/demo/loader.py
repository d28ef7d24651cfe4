"""Load the demo committee through the same services the pages use."""

import random
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import transaction

from zhengxie.core import roles
from zhengxie.core.models import Committee, Session, Term, User
from zhengxie.core.services import committee_create, user_create
from zhengxie.lib.idnumbers import id_check_digit
from zhengxie.members import services as members
from zhengxie.members.models import Membership

from . import data
from .consultations import demo_consultations
from .duty import demo_duty
from .meetings import demo_meetings
from .opinions import demo_opinions
from .proposals import demo_proposals
from .reports import demo_reports

DEFAULT_PASSWORD = "zhengxie-demo"
TERM_START = date(2022, 1, 10)
SESSION_DATES = [
    date(2022, 1, 10),
    date(2023, 1, 9),
    date(2024, 1, 15),
    date(2025, 1, 13),
    date(2026, 1, 12),
]
FIXED_USERS = [
    ("admin", "系统管理员", roles.SYSTEM_ADMIN),
    ("security", "安全管理员", roles.SECURITY_ADMIN),
    ("auditor", "安全审计员", roles.AUDITOR),
    ("staff", "李静", roles.STAFF),
    ("staff2", "赵明远", roles.STAFF),
]


@dataclass
class DemoLogins:
    password: str
    rows: list[tuple[str, str, str]] = field(default_factory=list)
    member_usernames: str = ""


def _names(rng: random.Random, count: int) -> list[str]:
    weights = [max(1, 40 - i // 3) for i in range(len(data.SURNAMES))]
    names: set[str] = set()
    ordered = []
    while len(ordered) < count:
        surname = rng.choices(data.SURNAMES, weights)[0]
        given = rng.choice(data.GIVEN) + (rng.choice(data.GIVEN) if rng.random() < 0.7 else "")
        name = surname + given
        if name not in names:
            names.add(name)
            ordered.append(name)
    return ordered


def _person(rng: random.Random, name: str, sector: str, party: str | None) -> dict:
    birth = date(rng.randint(1962, 1992), rng.randint(1, 12), 1)
    gender = "女" if rng.random() < 0.32 else "男"
    body = f"{data.REGION_CODE}{birth:%Y%m}{rng.randint(1, 28):02d}{rng.randint(10, 99)}"
    body += str(rng.randrange(1, 10, 2) if gender == "男" else rng.randrange(0, 10, 2))
    templates = data.EMPLOYERS.get(sector, data.DEFAULT_EMPLOYERS)
    return {
        "name": name,
        "gender": gender,
        "ethnicity": "汉族"
        if rng.random() < 0.85
        else rng.choice(["彝族", "白族", "回族", "苗族"]),
        "birth_month": birth,
        "party": party or rng.choice(["中共党员", "群众", "群众", "无党派人士"]),
        "education": rng.choice(["大学本科", "大学本科", "研究生", "大专"]),
        "employer_title": rng.choice(templates).format(
            **{key: rng.choice(words) for key, words in data.FILLERS.items()}
        ),
        "phone": f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
        "id_number": body + id_check_digit(body),
    }


def _organisation(committee: Committee) -> dict:
    sectors = {
        name: members.sector_create(actor=None, committee=committee, name=name, position=i)
        for i, (name, _, _) in enumerate(data.SECTORS)
    }
    groups = {}
    for name, sector_names in data.SECTOR_GROUPS:
        group = members.sector_group_create(
            actor=None, committee=committee, name=name, sectors=[sectors[s] for s in sector_names]
        )
        groups.update({s: group for s in sector_names})
    units = {
        name: members.handling_unit_create(
            actor=None,
            committee=committee,
            name=name,
            kind=kind,
            contact_name="办公室",
            contact_phone=f"0870-61{i:05d}",
        )
        for i, (name, kind) in enumerate(data.UNITS)
    }
    specials = [
        members.special_committee_create(
            actor=None, committee=committee, name=name, paired_units=[units[u] for u in paired]
        )
        for name, paired in data.SPECIAL_COMMITTEES
    ]
    stations = [
        members.liaison_station_create(
            actor=None,
            committee=committee,
            name=f"{town}政协委员联络工作站",
            township=town,
            address=address,
        )
        for town, address in data.STATIONS
    ]
    return {
        "sectors": sectors,
        "groups": groups,
        "units": units,
        "specials": specials,
        "stations": stations,
    }


def _members(rng: random.Random, committee: Committee, term: Term, org: dict) -> list[Membership]:
    total = sum(count for _, count, _ in data.SECTORS)
    names = iter(_names(rng, total))
    created = []
    for sector, count, party in data.SECTORS:
        for _ in range(count):
            name = next(names)
            created.append(
                members.member_create(
                    actor=None,
                    committee=committee,
                    term=term,
                    sector=org["sectors"][sector],
                    station=rng.choice(org["stations"]),
                    sector_group=org["groups"][sector],
                    special_committees=[rng.choice(org["specials"])] if rng.random() < 0.45 else [],
                    **_person(rng, name, sector, party),
                )
            )
    return created


def _posts_and_liaisons(rng: random.Random, memberships: list[Membership]) -> None:
    party = [m for m in memberships if m.sector.name == "中共"]
    others = [m for m in memberships if m.sector.name != "中共"]
    chair = party[0]
    vice_chairs = party[1:4] + [others[0], others[20]]
    secretary = party[4]
    members.membership_update(actor=None, membership=chair, post="chair", standing=True)
    for vice in vice_chairs:
        members.membership_update(actor=None, membership=vice, post="vice_chair", standing=True)
    members.membership_update(
        actor=None, membership=secretary, post="secretary_general", standing=True
    )
    leaders = [chair, *vice_chairs]
    posts = {m.pk for m in [*leaders, secretary]}
    candidates = [m for m in memberships if m.pk not in posts]
    standing = rng.sample(candidates, 40)
    for membership in standing:
        members.membership_update(actor=None, membership=membership, standing=True)
    standing.append(secretary)
    for i, membership in enumerate(standing):
        members.liaison_set(actor=None, contact=leaders[i % len(leaders)], member=membership)
    covered = {m.pk for m in [*leaders, *standing]}
    ordinary = [m for m in memberships if m.pk not in covered]
    for i, membership in enumerate(ordinary):
        members.liaison_set(actor=None, contact=standing[i % len(standing)], member=membership)


def _logins(
    committee: Committee, memberships: list[Membership], units: dict, password: str
) -> DemoLogins:
    logins = DemoLogins(password)
    for username, display, role in FIXED_USERS:
        user_create(
            actor=None,
            username=username,
            password=password,
            display_name=display,
            committee=committee,
            role_names=[role],
            validate_password=False,
        )
        logins.rows.append((username, roles.LABELS[role], display))
    members.unit_account_create(
        actor=None,
        unit=units["县教育局"],
        username="unit",
        password=password,
        display_name="县教育局 王建华",
        is_approver=True,
        validate_password=False,
    )
    logins.rows.append(("unit", "承办单位(经办人、审核人)", "县教育局"))
    # Hash once for the bulk of member accounts: argon2 is deliberately slow.
    hashed = make_password(password)
    chair = next(m for m in memberships if m.post == "chair")
    standing = next(m for m in memberships if m.standing and not m.post)
    for i, membership in enumerate(memberships, start=1):
        username = {chair.pk: "chair", standing.pk: "member"}.get(membership.pk, f"wy{i:03d}")
        user = members.member_grant_login(
            actor=None,
            membership=membership,
            username=username,
            password=password,
            validate_password=False,
            password_hash=hashed,
        )
        if username in ("chair", "member"):
            logins.rows.append((username, "、".join(user.role_labels), membership.member.name))
    logins.member_usernames = f"wy001 至 wy{len(memberships):03d}(每位委员一个账号)"
    return logins


def demo_load(*, password: str, seed: int = 10) -> DemoLogins | None:
    """Load the demo committee; returns None when it is already there."""
    if Committee.objects.filter(name=data.COMMITTEE[0]).exists():
        return None
    rng = random.Random(seed)
    with transaction.atomic():
        parent = committee_create(
            actor=None, name=data.PARENT[0], full_name=data.PARENT[1], level=Committee.Level.CITY
        )
        committee = committee_create(
            actor=None, name=data.COMMITTEE[0], full_name=data.COMMITTEE[1], parent=parent
        )
        term = Term.objects.create(
            committee=committee, number=10, start_date=TERM_START, is_current=True
        )
        for number, start in enumerate(SESSION_DATES, start=1):
            Session.objects.create(
                term=term,
                number=number,
                start_date=start,
                end_date=date.fromordinal(start.toordinal() + 3),
            )
        org = _organisation(committee)
        memberships = _members(rng, committee, term, org)
        _posts_and_liaisons(rng, memberships)
        for membership in memberships:
            membership.refresh_from_db()
        logins = _logins(committee, memberships, org["units"], password)
        hashed = make_password(password)
        demo_proposals(committee, hashed)
        demo_meetings(committee)
        demo_opinions(committee, hashed)
        demo_consultations(committee)
        demo_duty(committee)
        demo_reports(committee)
        logins.rows.append(("city", "上级政协(云州市政协)机关工作人员", "city、city2"))
        return logins


def existing_logins(password_note: str) -> DemoLogins:
    logins = DemoLogins(password_note)
    for username in [
        "admin",
        "security",
        "auditor",
        "staff",
        "staff2",
        "unit",
        "chair",
        "member",
        "city",
    ]:
        user = User.objects.filter(username=username).first()
        if user:
            logins.rows.append((username, "、".join(user.role_labels), str(user)))
    usernames = User.objects.filter(username__regex=r"^wy\d+$").order_by("username")
    first, last = usernames.first(), usernames.last()
    if first and last:
        logins.member_usernames = f"{first.username} 至 {last.username}(每位委员一个账号)"
    return logins
