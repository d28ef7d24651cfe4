"""A city-sized year of consultation: 200 plan topics, 1,000 activities (900 held), 1,000
outcomes with 5,000 suggestions, 10,000 members' opinions and 2,000 department attendances:
the statistics endpoint, page and XLSX.

Rows are written with bulk_create; their fields are those the services would set."""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.test import Client

from zhengxie.consultations.models import (
    Consultation,
    Form,
    Level,
    MemberOpinion,
    Outcome,
    Suggestion,
    Topic,
    UnitAttendance,
)
from zhengxie.members.models import Membership
from zhengxie.testing import PASSWORD, build_committee

TZ = ZoneInfo("Asia/Shanghai")
TOPICS, ACTIVITIES, OUTCOMES, SUGGESTIONS = 200, 1_000, 1_000, 5_000


def _topics(p, rng):
    Topic.objects.bulk_create(
        Topic(
            committee=p.committee,
            year=2026,
            state="planned",
            title=f"压测议题{i}",
            source="party",
            form=rng.choice(Form.values),
            submitted_by=p.staff,
            submitted_at=datetime(2026, 1, 5, 9, tzinfo=TZ),
        )
        for i in range(TOPICS)
    )
    return list(Topic.objects.filter(committee=p.committee).values_list("pk", flat=True))


def _activities(p, rng, topics):
    Consultation.objects.bulk_create(
        (
            Consultation(
                committee=p.committee,
                topic_id=topics[i % TOPICS],
                form=rng.choice(Form.values),
                level=rng.choice(Level.values),
                state="held" if i % 10 else "planned",
                title=f"压测协商{i}",
                date=date(2026, 1, 10) + timedelta(days=i % 340),
                created_by=p.staff,
            )
            for i in range(ACTIVITIES)
        ),
        batch_size=2000,
    )
    return list(Consultation.objects.filter(committee=p.committee).values_list("pk", flat=True))


def _outcomes(p, rng, topics):
    Outcome.objects.bulk_create(
        (
            Outcome(
                committee=p.committee,
                kind=rng.choice(Outcome.Kind.values),
                state="sent" if i % 5 else "drafted",
                title=f"压测成果{i}",
                text="调研发现……",
                topic_id=topics[i % TOPICS],
                written_on=date(2026, 1, 1) + timedelta(days=i % 360),
                created_by=p.staff,
            )
            for i in range(OUTCOMES)
        ),
        batch_size=2000,
    )
    outcomes = list(Outcome.objects.filter(committee=p.committee).values_list("pk", flat=True))
    states = ["made", "adopted", "implementing", "implemented", "not_adopted"]
    Suggestion.objects.bulk_create(
        (
            Suggestion(
                outcome_id=outcomes[i % OUTCOMES],
                number=i // OUTCOMES + 1,
                text="建议",
                state=rng.choice(states),
            )
            for i in range(SUGGESTIONS)
        ),
        batch_size=5000,
    )


def fill():
    p = build_committee("协商统计压测政协", prefix="csbench_")
    rng = random.Random(17)
    topics = _topics(p, rng)
    activities = _activities(p, rng, topics)
    _outcomes(p, rng, topics)
    members = [m.member_id for m in Membership.objects.filter(term=p.term)]
    at = datetime(2026, 3, 1, 10, tzinfo=TZ)
    MemberOpinion.objects.bulk_create(
        (
            MemberOpinion(
                consultation_id=activities[i % ACTIVITIES],
                member_id=rng.choice(members),
                text="意见",
                submitted_at=at,
            )
            for i in range(10 * ACTIVITIES)
        ),
        batch_size=5000,
    )
    UnitAttendance.objects.bulk_create(
        UnitAttendance(consultation_id=pk, unit=unit, attendees="局长")
        for pk in activities
        for unit in (p.unit, p.other_unit)
    )
    return p


def run(timed) -> None:
    filled = []
    timed(
        f"fill {TOPICS} topics, {ACTIVITIES} activities, {SUGGESTIONS} suggestions",
        lambda: filled.append(fill()),
    )
    p = filled[0]
    staff = Client()
    staff.force_login(p.staff)
    year = {"from": "2026-01-01", "to": "2026-12-31"}
    timed(
        "GET /consultations/stats/ (a year)",
        lambda: staff.get("/consultations/stats/", year),
        repeat=20,
    )
    timed(
        "GET /consultations/stats/?format=xlsx",
        lambda: staff.get("/consultations/stats/", {**year, "format": "xlsx"}),
        repeat=10,
    )
    token = staff.post(
        "/api/v1/auth/token",
        {"username": p.staff.username, "password": PASSWORD},
        content_type="application/json",
    ).json()["token"]
    timed(
        "GET /api/v1/consultations/stats (a year)",
        lambda: staff.get(
            "/api/v1/consultations/stats", year, headers={"Authorization": f"Bearer {token}"}
        ),
        repeat=20,
    )
