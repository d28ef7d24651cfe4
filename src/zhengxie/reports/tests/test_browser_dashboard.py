"""The dashboard in Debian's chromium, on a desktop and on a phone (390 px wide): every chart
with data draws on a canvas as wide as its card, the page does not scroll sideways (the tables
scroll inside their frame) and the browser reports no error."""

from datetime import date

import pytest
from playwright.sync_api import expect

from zhengxie.duty.services import duty_record
from zhengxie.proposals.tests.conftest import Cycle
from zhengxie.testing import build_committee
from zhengxie.testing_browser import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _errors(page) -> list[str]:
    found = []
    page.on(
        "console", lambda message: found.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_dashboard_draws_its_charts_without_errors(live_server, browser, phone):
    p = build_committee()
    Cycle(p).replied(title="关于加强农村学校寄宿条件建设的建议")
    duty_record(member=p.plain.member, kind="training", date=date(2026, 3, 1))
    person = Person(browser, live_server.url, p.chair.member.user, phone=phone)
    errors = _errors(person.page)
    page = person.open("/reports/dashboard/")
    charts = page.locator(".chart")
    expect(charts.first.locator("canvas")).to_be_visible()
    assert charts.count() >= 3
    width = 390 if phone else 1280
    for i in range(charts.count()):
        chart = charts.nth(i)
        expect(chart.locator("canvas")).to_have_count(1)
        box = chart.locator("canvas").bounding_box()
        card = chart.locator("xpath=..").bounding_box()
        assert box["width"] > 100 and box["x"] + box["width"] <= card["x"] + card["width"] + 1
        assert box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    expect(page.get_by_role("table").first).to_be_visible()
    assert errors == []
    person.close()
