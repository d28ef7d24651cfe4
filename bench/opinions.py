"""20,000 public-opinion items in one year (a city hosting its counties' flow): the staff
queue, the statistics with their breakdowns, the circular and the quota table.

Rows are written with bulk_create; their fields are those the services would set."""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.test import Client

from zhengxie.members.models import Membership
from zhengxie.opinions import services
from zhengxie.opinions.models import Adoption, Instruction, Opinion, OpinionAuthor, OpinionCategory
from zhengxie.testing import build_committee

TZ = ZoneInfo("Asia/Shanghai")
TOTAL = 20_000


def _fill():
    p = build_committee("信息压测政协", prefix="obench_")
    rng = random.Random(5)
    categories = list(OpinionCategory.objects.filter(committee=p.committee))
    members = [m.member_id for m in Membership.objects.filter(term=p.term)]
    start = datetime(2026, 1, 1, 9, tzinfo=TZ)
    states = ["submitted", "accepted", "approved", "approved", "approved", "declined"]
    Opinion.objects.bulk_create(
        (
            Opinion(
                committee=p.committee,
                year=2026,
                state=rng.choice(states),
                title=f"压测信息{i}",
                text="基本情况与建议。",
                category=rng.choice(categories),
                channel="visit",
                source="member",
                submitted_by=p.staff,
                submitted_at=start + timedelta(minutes=25 * i),
            )
            for i in range(TOTAL)
        ),
        batch_size=2000,
    )
    items = list(Opinion.objects.filter(committee=p.committee).values_list("pk", "state"))
    OpinionAuthor.objects.bulk_create(
        (OpinionAuthor(opinion_id=pk, member_id=rng.choice(members)) for pk, _ in items),
        batch_size=5000,
    )
    approved = [pk for pk, state in items if state == "approved"]
    Adoption.objects.bulk_create(
        (
            Adoption(
                opinion_id=pk, level="own", adopted_on=date(2026, 1, 1) + timedelta(days=i % 330)
            )
            for i, pk in enumerate(approved[: len(approved) // 2])
        ),
        batch_size=5000,
    )
    Instruction.objects.bulk_create(
        (
            Instruction(
                opinion_id=pk,
                leader="市长",
                given_on=date(2026, 2, 1) + timedelta(days=i % 300),
                text="阅",
                unit=p.unit,
                due_on=date(2026, 3, 1) + timedelta(days=i % 300),
            )
            for i, pk in enumerate(approved[::20])
        ),
        batch_size=5000,
    )
    for station in [p.station]:
        services.opinion_quota_set(
            actor=p.staff, committee=p.committee, year=2026, target=50, station=station
        )
    return p


def run(timed) -> None:
    filled = []
    timed(f"fill {TOTAL} opinion items", lambda: filled.append(_fill()))
    p = filled[0]
    staff = Client()
    staff.force_login(p.staff)
    timed("GET /opinions/ (staff queue)", lambda: staff.get("/opinions/"), repeat=20)
    timed(
        "GET /opinions/stats/ (year, all breakdowns)",
        lambda: staff.get("/opinions/stats/", {"from": "2026-01-01", "to": "2026-12-31"}),
        repeat=5,
    )
    timed(
        "GET /opinions/stats/ (one month)",
        lambda: staff.get("/opinions/stats/", {"from": "2026-06-01", "to": "2026-06-30"}),
        repeat=10,
    )
    timed(
        "GET /opinions/circular.docx (year)",
        lambda: staff.get("/opinions/circular.docx", {"from": "2026-01-01", "to": "2026-12-31"}),
        repeat=3,
    )
    timed(
        "GET /opinions/quotas/?year=2026",
        lambda: staff.get("/opinions/quotas/", {"year": 2026}),
        repeat=5,
    )
    token = staff.post(
        "/api/v1/auth/token",
        {"username": p.staff.username, "password": "test-password-1"},
        content_type="application/json",
    ).json()["token"]
    timed(
        "GET /api/v1/opinions/stats (year)",
        lambda: staff.get(
            "/api/v1/opinions/stats",
            {"from": "2026-01-01", "to": "2026-12-31"},
            headers={"Authorization": f"Bearer {token}"},
        ),
        repeat=10,
    )
