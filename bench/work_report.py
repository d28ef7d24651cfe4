"""The yearly work report (GET /api/v1/reports/work and /reports/work/): for the demo
committee, and for a city-sized year — bench/city.py's consultation year with, on the same
committee, 1,000 members in office, 2,000 proposals, 5,000 社情民意 items and 1,000 meetings
with 4,000 duty records, and the year before it half as busy (the report compares with it).

Rows are written with bulk_create; their fields are those the services would set."""

import random
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.test import Client

from bench import city
from zhengxie.core.models import User
from zhengxie.duty.models import DutyRecord
from zhengxie.meetings.models import Meeting
from zhengxie.members.models import Member, Membership
from zhengxie.opinions.models import Adoption, Opinion, OpinionAuthor, OpinionCategory
from zhengxie.proposals.models import Proposal
from zhengxie.testing import PASSWORD

TZ = ZoneInfo("Asia/Shanghai")
MEMBERS, PROPOSALS, OPINIONS, MEETINGS, RECORDS = 1_000, 2_000, 5_000, 1_000, 4_000
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def _members(p, rng) -> list[int]:
    sector = p.economy
    Member.objects.bulk_create(
        Member(
            committee=p.committee,
            name=f"{rng.choice(SURNAMES)}委员{i}",
            sort_key=f"{i:06d}",
            gender="男",
            party="无党派",
            employer_title="压测单位",
        )
        for i in range(MEMBERS)
    )
    members = list(
        Member.objects.filter(committee=p.committee, employer_title="压测单位").values_list(
            "pk", flat=True
        )
    )
    Membership.objects.bulk_create(
        Membership(member_id=pk, term=p.term, sector=sector) for pk in members
    )
    return members


def _proposals(p, rng, members: list[int], year: int, total: int) -> None:
    session = p.sessions[-1]
    start = datetime(year, 1, 5, 10, tzinfo=TZ)
    rows = []
    for i in range(total):
        at = start + timedelta(hours=4 * i)
        registered = i % 10 != 0
        replied = registered and i % 3 != 0
        rows.append(
            Proposal(
                committee=p.committee,
                session=session,
                kind="individual",
                proposer_id=rng.choice(members),
                submitted_by=p.staff,
                sector=p.economy,
                title=f"关于第{year}{i}项民生事项的建议",
                situation="情况与问题",
                state="replied" if replied else "registered" if registered else "declined",
                submitted_at=at,
                registered_at=at if registered else None,
                declined_at=None if registered else at,
                assigned_at=at if registered else None,
                lead_unit=p.unit if registered else None,
                replied_at=at + timedelta(days=60) if replied else None,
                reply_category=rng.choice("AABC") if replied else "",
                met_in_person=registered and rng.random() < 0.7,
                supervised=registered and rng.random() < 0.2,
                key=i % 200 == 0,
            )
        )
    Proposal.objects.bulk_create(rows, batch_size=2000)


def _opinions(p, rng, members: list[int], year: int, total: int) -> None:
    categories = list(OpinionCategory.objects.filter(committee=p.committee))
    start = datetime(year, 1, 1, 9, tzinfo=TZ)
    created = Opinion.objects.bulk_create(
        (
            Opinion(
                committee=p.committee,
                year=year,
                state=rng.choice(["submitted", "approved", "approved", "declined"]),
                title=f"压测信息{year}-{i}",
                text="基本情况与建议。",
                category=rng.choice(categories),
                channel="visit",
                source="member",
                submitted_by=p.staff,
                submitted_at=start + timedelta(minutes=90 * i),
            )
            for i in range(total)
        ),
        batch_size=2000,
    )
    OpinionAuthor.objects.bulk_create(
        (OpinionAuthor(opinion=o, member_id=rng.choice(members)) for o in created),
        batch_size=5000,
    )
    Adoption.objects.bulk_create(
        Adoption(opinion=o, level="own", adopted_on=date(year, 1, 1) + timedelta(days=i % 330))
        for i, o in enumerate(created[::3])
    )


def _meetings(p, rng, members: list[int], year: int, total: int) -> None:
    kinds = ["standing", "chairs", "party_group", "special_committee", "symposium", "training"]
    start = datetime(year, 1, 2, 9, tzinfo=TZ)
    Meeting.objects.bulk_create(
        Meeting(
            committee=p.committee,
            kind=rng.choice(kinds),
            title=f"压测会议{year}-{i}",
            starts_at=start + timedelta(hours=8 * i),
            ends_at=start + timedelta(hours=8 * i + 2),
            checkin_opens_at=start + timedelta(hours=8 * i - 1),
            checkin_closes_at=start + timedelta(hours=8 * i + 1),
            place="会议室",
            invite_rule="none",
            created_by=p.staff,
        )
        for i in range(total)
    )
    DutyRecord.objects.bulk_create(
        (
            DutyRecord(
                committee=p.committee,
                member_id=rng.choice(members),
                kind=rng.choice(["meeting_attendance", "training_attendance", "opinion_adopted"]),
                date=date(year, 1, 1) + timedelta(days=i % 330),
            )
            for i in range(RECORDS * total // MEETINGS)
        ),
        batch_size=5000,
    )


def _fill(p) -> None:
    rng = random.Random(23)
    members = _members(p, rng)
    for year, share in ((city.YEAR, 1), (city.YEAR - 1, 2)):
        _proposals(p, rng, members, year, PROPOSALS // share)
        _opinions(p, rng, members, year, OPINIONS // share)
        _meetings(p, rng, members, year, MEETINGS // share)


def _bearer(client: Client, username: str, password: str) -> dict:
    token = client.post(
        "/api/v1/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
    ).json()["token"]
    return {"Authorization": f"Bearer {token}"}


def _time(timed, label: str, client: Client, headers: dict, query: dict) -> None:
    timed(
        f"GET /api/v1/reports/work ({label})",
        lambda: client.get("/api/v1/reports/work", query, headers=headers),
        repeat=10,
    )
    timed(f"GET /reports/work/ ({label})", lambda: client.get("/reports/work/", query), repeat=10)


def run(timed) -> None:
    if not User.objects.filter(username="staff").exists():
        timed("demo load", lambda: call_command("demo", stdout=StringIO()))
    demo = Client()
    demo.force_login(User.objects.get(username="staff"))
    year = {"period": "year", "year": city.YEAR}
    _time(timed, "demo year", demo, _bearer(demo, "staff", "zhengxie-demo"), year)
    p = city.year(timed)
    timed(
        f"fill the report's city year ({MEMBERS} members, {PROPOSALS} proposals, "
        f"{OPINIONS} opinions, {MEETINGS} meetings)",
        lambda: _fill(p),
    )
    staff = Client()
    staff.force_login(p.staff)
    _time(timed, "city year", staff, _bearer(staff, p.staff.username, PASSWORD), year)
