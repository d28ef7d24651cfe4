"""The yearly plan of the city-sized year (bench/city.py) read every way: the plan page
(plan vs actual) as the office and as a member, its endpoint, its DOCX, and the topic list."""

from django.test import Client

from bench import city
from zhengxie.core.services import api_token_issue


def run(timed) -> None:
    p = city.year(timed)
    client = Client()
    client.force_login(p.staff)
    url = f"/consultations/plans/{p.plan.pk}/"
    topics = city.TOPICS
    timed(f"GET {url} ({topics} topics, plan vs actual)", lambda: client.get(url), repeat=20)
    timed("GET the plan as DOCX", lambda: client.get(f"/consultations/plans/{p.plan.pk}.docx"), 10)
    timed("GET /consultations/topics/", lambda: client.get("/consultations/topics/"), repeat=20)
    member = Client()
    member.force_login(p.plain.member.user)
    timed("GET the plan page as a member", lambda: member.get(url), repeat=20)
    auth = {"Authorization": f"Bearer {api_token_issue(user=p.staff)}"}
    timed(
        "GET /api/v1/consultation-plans/{id}",
        lambda: client.get(f"/api/v1/consultation-plans/{p.plan.pk}", headers=auth),
        repeat=20,
    )
