"""The consultation statistics on the city-sized year (bench/city.py): the page, its XLSX
and the endpoint."""

from django.test import Client

from bench import city
from zhengxie.testing import PASSWORD


def run(timed) -> None:
    p = city.year(timed)
    staff = Client()
    staff.force_login(p.staff)
    year = {"from": f"{city.YEAR}-01-01", "to": f"{city.YEAR}-12-31"}
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
