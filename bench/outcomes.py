"""The outcomes of the city-sized year (bench/city.py: 1,000 outcomes with 5,000
suggestions, 600 leaders' instructions as tasks): the tracking board and its lists, the
unit's tasks page, the staff home and the list endpoint."""

from django.test import Client

from bench import city
from zhengxie.testing import PASSWORD


def run(timed) -> None:
    p = city.year(timed)
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
        {"username": p.staff.username, "password": PASSWORD},
        content_type="application/json",
    ).json()["token"]
    timed(
        "GET /api/v1/outcomes",
        lambda: staff.get("/api/v1/outcomes", headers={"Authorization": f"Bearer {token}"}),
        repeat=20,
    )
