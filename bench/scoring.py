"""The scores of a city-sized committee: 1,000 members and 25,000 ledger rows in the year
(proposals, some made key proposals, 社情民意 adopted, plenary attendance and absence,
training, fieldwork), scored under rules with points, a cap, a multiplier, deductions and
minimums. The issue's target: one recompute under 5 s.

Members and ledger rows are written with bulk_create; their fields are those the services
would set (the ledger's points are the kinds' defaults)."""

import random
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType

from zhengxie.core.models import Session
from zhengxie.duty import services
from zhengxie.duty.kinds import DUTY_KINDS
from zhengxie.duty.models import (
    Audience,
    DutyRecord,
    ScoringMinimum,
    ScoringMultiplier,
    ScoringPoints,
)
from zhengxie.members.models import Member, Membership
from zhengxie.testing import build_committee

MEMBERS, ROWS = 1_000, 25_000
YEAR = 2026
KINDS = [
    ("proposal_registered", ""),
    ("opinion_submitted", ""),
    ("opinion_adopted_city", ""),
    ("meeting_attendance", "plenary"),
    ("meeting_attendance", "standing"),
    ("meeting_absent", "plenary"),
    ("training", "training"),
    ("fieldwork_visit", ""),
    ("speech_selected", ""),
]


def _members(p):
    Member.objects.bulk_create(
        Member(
            committee=p.committee,
            name=f"压测委员{i}",
            sort_key=f"{i:06d}",
            gender="男",
            party="群众",
            employer_title="单位",
        )
        for i in range(MEMBERS)
    )
    ids = list(Member.objects.filter(name__startswith="压测委员").values_list("pk", flat=True))
    sectors = [p.economy, p.education]
    Membership.objects.bulk_create(
        Membership(
            member_id=m,
            term=p.term,
            sector=sectors[i % 2],
            standing=i % 10 == 0,
            heads=p.special if i % 100 == 0 else None,
            station=p.station if i % 3 == 0 else None,
        )
        for i, m in enumerate(ids)
    )
    return ids


def _ledger(p, rng, members):
    # A source per row, as the services give (the proposal, the meeting…); sessions stand in.
    source_type = ContentType.objects.get_for_model(Session)
    rows = []
    for i in range(ROWS):
        kind, qualifier = KINDS[i % len(KINDS)]
        member = rng.choice(members)
        rows.append(
            DutyRecord(
                committee=p.committee,
                member_id=member,
                kind=kind,
                qualifier=qualifier,
                date=date(YEAR, 1, 1) + timedelta(days=i % 360),
                points=DUTY_KINDS[kind].default_points,
                source_type=source_type,
                source_id=i + 1,
            )
        )
        if kind == "proposal_registered" and i % 4 == 0:  # a key proposal: the same source
            rows.append(
                DutyRecord(
                    committee=p.committee,
                    member_id=member,
                    kind="proposal_key",
                    date=date(YEAR, 6, 1),
                    points=DUTY_KINDS["proposal_key"].default_points,
                    source_type=source_type,
                    source_id=i + 1,
                )
            )
    DutyRecord.objects.bulk_create(rows, batch_size=2_000)
    return len(rows)


def _rules(p):
    rule = services.scoring_rule_create(actor=p.staff, term=p.term, year=YEAR)
    lines = [
        ScoringPoints(kind="proposal_registered", points=6),
        ScoringPoints(kind="opinion_submitted", cap=10),
        ScoringPoints(kind="meeting_absent", qualifier="plenary", points=-10),
        ScoringPoints(
            kind="meeting_attendance", qualifier="standing", points=3, applies_to=Audience.STANDING
        ),
        ScoringMultiplier(kind="proposal_registered", with_kind="proposal_key", factor=1.5),
        ScoringMinimum(kind="proposal_registered", count=1),
        ScoringMinimum(kind="meeting_attendance", qualifier="plenary", count=1),
        ScoringMinimum(kind="training", count=1),
    ]
    for line in lines:
        services.scoring_line_add(actor=p.staff, rule=rule, line=line)
    return rule


def run(timed) -> None:
    p = build_committee("履职考核压测政协", prefix="scbench_")
    rng = random.Random(12)
    members = _members(p)
    rows = _ledger(p, rng, members)
    rule = _rules(p)
    timed(
        f"scores_recompute ({MEMBERS} members, {rows} ledger rows)",
        lambda: services.scores_recompute(actor=p.staff, rule=rule),
        repeat=7,
    )
