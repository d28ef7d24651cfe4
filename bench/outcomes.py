"""A city-sized year of consultation outcomes: 1,000 outcomes with 5,000 suggestions, 600
leaders' instructions as tasks (a third overdue): the tracking board, its overdue list, the
tasks page and the list endpoint.

Rows are written with bulk_create; their fields are those the services would set."""

import random
from datetime import date, timedelta

from django.test import Client

from zhengxie.consultations.models import Outcome, OutcomeMember, OutcomeTask, Suggestion
from zhengxie.members.models import Membership
from zhengxie.testing import build_committee

OUTCOMES = 1_000
SUGGESTIONS = 5_000


def _fill():
    p = build_committee("成果压测政协", prefix="cbench_")
    rng = random.Random(11)
    states = ["drafted", "sent", "instructed", "instructed", "implemented", "informed"]
    kinds = [k for k, _ in Outcome.Kind.choices]
    Outcome.objects.bulk_create(
        (
            Outcome(
                committee=p.committee,
                kind=rng.choice(kinds),
                state=rng.choice(states),
                title=f"压测成果{i}",
                text="调研发现……",
                written_on=date(2026, 1, 1) + timedelta(days=i % 360),
                created_by=p.staff,
            )
            for i in range(OUTCOMES)
        ),
        batch_size=2000,
    )
    outcomes = list(Outcome.objects.filter(committee=p.committee).values_list("pk", "state"))
    Suggestion.objects.bulk_create(
        (
            Suggestion(outcome_id=outcomes[i % OUTCOMES][0], number=i // OUTCOMES + 1, text="建议")
            for i in range(SUGGESTIONS)
        ),
        batch_size=5000,
    )
    members = [m.member_id for m in Membership.objects.filter(term=p.term)]
    OutcomeMember.objects.bulk_create(
        (
            OutcomeMember(outcome_id=pk, member_id=rng.choice(members), role="author")
            for pk, _ in outcomes
        ),
        batch_size=5000,
    )
    instructed = [
        pk for pk, state in outcomes if state in ("instructed", "implemented", "informed")
    ]
    OutcomeTask.objects.bulk_create(
        (
            OutcomeTask(
                outcome_id=pk,
                state="open" if n % 3 else "done",
                leader="市长",
                given_on=date(2026, 2, 1),
                text="请研究落实",
                unit=p.unit,
                due_on=date(2026, 3, 1) + timedelta(days=n % 400),
                recorded_by=p.staff,
            )
            for n, pk in enumerate(instructed[:600])
        ),
        batch_size=5000,
    )
    return p


def run(timed) -> None:
    filled = []
    timed(f"fill {OUTCOMES} outcomes, {SUGGESTIONS} suggestions", lambda: filled.append(_fill()))
    p = filled[0]
    staff = Client()
    staff.force_login(p.staff)
    timed(
        "GET /consultations/outcomes/ (board)",
        lambda: staff.get("/consultations/outcomes/"),
        repeat=20,
    )
    timed(
        "GET /consultations/outcomes/?filter=overdue",
        lambda: staff.get("/consultations/outcomes/", {"filter": "overdue"}),
        repeat=20,
    )
    timed(
        "GET /consultations/outcomes/?filter=feedback…",
        lambda: staff.get("/consultations/outcomes/", {"filter": "feedback_to_forward"}),
        repeat=20,
    )
    unit = Client()
    unit.force_login(p.unit_user)
    timed(
        "GET /consultations/outcomes/tasks/ (unit)",
        lambda: unit.get("/consultations/outcomes/tasks/"),
        repeat=20,
    )
    timed("GET / (staff home, outcome panel)", lambda: staff.get("/"), repeat=10)
    token = staff.post(
        "/api/v1/auth/token",
        {"username": p.staff.username, "password": "test-password-1"},
        content_type="application/json",
    ).json()["token"]
    timed(
        "GET /api/v1/outcomes",
        lambda: staff.get("/api/v1/outcomes", headers={"Authorization": f"Bearer {token}"}),
        repeat=20,
    )
