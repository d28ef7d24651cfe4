"""The three pages issue 11 asks figures of, on the city-sized year (bench/city.py): the
plan page (plan vs actual for 200 topics), the outcome-tracking board (first page and its
lists) and the consultation statistics, each checked to answer 200 before it is timed."""

from django.test import Client

from bench import city


def run(timed) -> None:
    p = city.year(timed)
    staff = Client()
    staff.force_login(p.staff)
    year = {"from": f"{city.YEAR}-01-01", "to": f"{city.YEAR}-12-31"}
    pages = [
        (
            f"GET /consultations/plans/<id>/ ({p.plan.items.count()} topics)",
            f"/consultations/plans/{p.plan.pk}/",
            {},
        ),
        ("GET /consultations/outcomes/ (board)", "/consultations/outcomes/", {}),
        (
            "GET /consultations/outcomes/?filter=overdue",
            "/consultations/outcomes/",
            {"filter": "overdue"},
        ),
        (
            "GET /consultations/outcomes/?state=…&page=2",
            "/consultations/outcomes/",
            {"state": "instructed", "page": 2},
        ),
        ("GET /consultations/stats/ (the year)", "/consultations/stats/", year),
    ]
    for label, url, query in pages:
        # A figure for an error page would be no figure at all.
        assert staff.get(url, query).status_code == 200, url
        timed(label, lambda url=url, query=query: staff.get(url, query), repeat=20)
