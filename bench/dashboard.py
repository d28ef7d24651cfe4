"""The dashboard and the duty statistics on a city-sized year: the consultation year of
bench/city.py (200 plan topics, 1,000 activities, 1,000 outcomes) with the 1,000 members and
25,000 ledger rows of bench/scoring.py on the same committee."""

import random

from django.test import Client

from bench import city, scoring


def run(timed) -> None:
    p = city.year(timed)
    members = scoring._members(p)
    rows = scoring._ledger(p, random.Random(12), members)
    staff = Client()
    staff.force_login(p.staff)
    year = {"from": f"{city.YEAR}-01-01", "to": f"{city.YEAR}-12-31"}
    timed(
        f"GET /reports/dashboard/?year={city.YEAR} ({len(members)} members, {rows} records)",
        lambda: staff.get("/reports/dashboard/", {"year": city.YEAR}),
        repeat=10,
    )
    timed("GET /duty/stats/ (a year)", lambda: staff.get("/duty/stats/", year), repeat=20)
    timed(
        "GET /duty/stats/?format=xlsx",
        lambda: staff.get("/duty/stats/", {**year, "format": "xlsx"}),
        repeat=10,
    )
