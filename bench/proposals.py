"""100,000 proposals over 10 sessions: review queue, unit inbox and statistics.

The rows are written with bulk_create (the services would take hours for this volume);
their fields are those the services would set at each step.
"""

import random
import time
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.test import Client

from zhengxie.core.models import Committee, Session, Term
from zhengxie.members.models import HandlingUnit, Membership
from zhengxie.members.services import handling_unit_create
from zhengxie.proposals.models import Assignment, Proposal
from zhengxie.proposals.stats import Scope, proposal_stats
from zhengxie.testing import build_committee

TZ = ZoneInfo("Asia/Shanghai")
TOTAL, SESSIONS = 100_000, 10
STATES = [
    "submitted",
    "registered",
    "assigned",
    "reply_pending",
    "reply_review",
    "replied",
    "closed",
    "closed",
    "closed",
    "declined",
]


def _fill() -> tuple[Committee, list[Session], list[HandlingUnit]]:
    p = build_committee("压测县政协", prefix="bench_")
    term: Term = p.term
    sessions = list(p.sessions)
    for number in range(len(sessions) + 1, SESSIONS + 1):
        sessions.append(
            Session.objects.create(
                term=term,
                number=number,
                start_date=date(2014 + number, 1, 10),
                end_date=date(2014 + number, 1, 13),
            )
        )
    units = [p.unit, p.other_unit] + [
        handling_unit_create(actor=None, committee=p.committee, name=f"压测单位{i:02d}")
        for i in range(38)
    ]
    members = list(Membership.objects.filter(term=term).select_related("member", "sector"))
    rng = random.Random(1)
    per_session = TOTAL // SESSIONS
    for session in sessions:
        rows, leads = [], []
        start = datetime(session.start_date.year, 1, 5, 10, tzinfo=TZ)
        for serial in range(1, per_session + 1):
            state = rng.choice(STATES)
            who = rng.choice(members)
            at = start + timedelta(minutes=serial)
            registered = state not in ("submitted", "declined")
            assigned = registered and state != "registered"
            replied = state in ("replied", "closed")
            unit = rng.choice(units) if assigned else None
            rows.append(
                Proposal(
                    committee=p.committee,
                    session=session,
                    kind="individual",
                    proposer=who.member,
                    submitted_by=p.staff,
                    sector=who.sector,
                    title=f"关于第{serial}项民生事项的建议",
                    situation="情况与问题",
                    state=state,
                    serial=serial if registered else None,
                    submitted_at=at,
                    registered_at=at if registered else None,
                    declined_at=at if state == "declined" else None,
                    assigned_at=at if assigned else None,
                    lead_unit=unit,
                    deadline=(at + timedelta(days=90)).date() if assigned else None,
                    replied_at=at + timedelta(days=60) if replied else None,
                    reply_category=rng.choice("AABC") if replied else "",
                    rating=rng.choice(["satisfied", "basically_satisfied", "unsatisfied"])
                    if state == "closed"
                    else "",
                    met_in_person=assigned and rng.random() < 0.7,
                    supervised=assigned and rng.random() < 0.2,
                    chair_supervised=assigned and rng.random() < 0.1,
                )
            )
            leads.append(unit)
        created = Proposal.objects.bulk_create(rows, batch_size=2000)
        Assignment.objects.bulk_create(
            [
                Assignment(
                    proposal=proposal,
                    unit=unit,
                    role="lead",
                    assigned_at=proposal.assigned_at,
                    deadline=proposal.deadline,
                )
                for proposal, unit in zip(created, leads, strict=True)
                if unit is not None
            ],
            batch_size=2000,
        )
    return p, sessions, units


def run(timed) -> None:
    start = time.perf_counter()
    p, sessions, units = _fill()
    call_command("tick", stdout=StringIO())  # as the hourly tick would: PRAGMA optimize
    print(
        f"\nfill {Proposal.objects.count():,} proposals over {len(sessions)} sessions: "
        f"{time.perf_counter() - start:.1f} s"
    )
    staff, unit = Client(), Client()
    staff.force_login(p.staff)
    unit.force_login(p.unit_user)
    api = Client()
    token = api.post(
        "/api/v1/auth/token",
        {"username": p.staff.username, "password": "test-password-1"},
        content_type="application/json",
    ).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    last = sessions[-1]
    inbox = Proposal.objects.filter(lead_unit=p.unit, state__in=["assigned", "reply_pending"])
    print(f"the unit's open proposals: {inbox.count():,}")
    timed(
        "review queue page (state=submitted)",
        lambda: staff.get("/proposals/", {"state": "submitted"}),
        repeat=20,
    )
    timed("unit inbox page", lambda: unit.get("/proposals/"), repeat=20)
    timed(
        "stats, one session (API)",
        lambda: api.get("/api/v1/proposals/stats", {"session_id": last.pk}, headers=auth),
        repeat=20,
    )
    timed(
        "stats, all sessions (API)",
        lambda: api.get("/api/v1/proposals/stats", headers=auth),
        repeat=10,
    )
    timed(
        "stats, one session (function)", lambda: proposal_stats(Scope(p.committee, last)), repeat=20
    )
    timed(
        "stats page with breakdowns, one session",
        lambda: staff.get("/proposals/stats/", {"session": last.pk}),
        repeat=5,
    )
    timed(
        "stats page with breakdowns, all sessions", lambda: staff.get("/proposals/stats/"), repeat=3
    )
