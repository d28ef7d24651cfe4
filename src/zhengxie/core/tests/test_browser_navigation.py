"""On a phone (390 px wide) every page of the navigation can be reached from its menu."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from zhengxie.core.home import nav_groups
from zhengxie.testing import build_committee
from zhengxie.testing_browser import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _reach_every_page(person: Person, user) -> None:
    page = person.open("/")
    for group, items in nav_groups(user):
        for item in items:
            nav = page.get_by_role("navigation", name="导航")
            if len(items) > 1:
                nav.locator("summary", has_text=group).click()
            link = nav.get_by_role("link", name=item.label, exact=True)
            expect(link).to_be_visible()
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (item.label, box)
            link.click()
            page.wait_for_url(f"**{reverse(item.url_name)}")


def test_every_navigation_item_is_reachable_on_a_phone(live_server, browser):
    p = build_committee()
    for user in (p.staff, p.sysadmin, p.auditor, p.plain.member.user):
        person = Person(browser, live_server.url, user, phone=True)
        _reach_every_page(person, user)
        person.close()
