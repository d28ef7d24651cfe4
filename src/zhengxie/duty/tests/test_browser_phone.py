"""The duty pages on a phone (390 px wide) in Debian's chromium: the scores table with a long
breakdown and the member's record fit the screen, their tables scrolling inside their frame."""

from datetime import date

import pytest
from django.utils import timezone

from zhengxie.duty import services
from zhengxie.duty.kinds import DUTY_KINDS
from zhengxie.testing import build_committee
from zhengxie.testing_browser import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = 390


def _scored(p) -> None:
    """A member with a record of every kind that earns points (a long breakdown), scored."""
    year = timezone.localdate().year
    for kind in [k for k in DUTY_KINDS.values() if k.default_points > 0]:
        services.duty_record(member=p.plain.member, kind=kind.code, date=date(year, 1, 5))
    services.scoring_rule_create(actor=p.staff, term=p.term, year=year)


def _fits(person: Person, path: str) -> None:
    page = person.open(path)
    assert page.locator("table").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE, path


def test_the_scores_and_the_record_fit_a_phone(live_server, browser):
    p = build_committee()
    _scored(p)
    staff = Person(browser, live_server.url, p.staff, phone=True)
    _fits(staff, "/duty/scores/")
    _fits(staff, f"/duty/record/members/{p.plain.member.pk}/")
    staff.close()
    member = Person(browser, live_server.url, p.plain.member.user, phone=True)
    _fits(member, "/duty/record/")
    member.close()
