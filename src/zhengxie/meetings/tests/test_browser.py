"""A member checks in on a phone by the QR on the hall screen while the screen counts."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhengxie.meetings import services
from zhengxie.testing import PASSWORD, build_committee

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(browser, base, user, size):
    context = browser.new_context(viewport=size, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="您好")).to_be_visible()
    return context, page


def test_a_member_checks_in_by_the_screen_qr_on_a_phone_and_the_screen_counts(live_server, browser):
    p = build_committee()
    meeting = services.meeting_create(
        actor=p.staff,
        kind="standing",
        title="十届第十六次常委会议",
        starts_at=timezone.now() + timedelta(minutes=20),
        place="县政协会议室",
        invite_rule="standing",
        notify_invitees=False,
    )
    base = live_server.url
    hall, screen = _login(browser, base, p.staff, {"width": 1280, "height": 800})
    screen.goto(f"{base}/meetings/{meeting.pk}/screen/")
    expect(screen.locator("[data-count=present]")).to_have_text("0")
    expect(screen.locator("[data-quorum=no]")).to_be_visible()
    expect(screen.locator(".hall-qr svg")).to_be_visible()
    scanned = screen.locator("[data-scan-url]").get_attribute("data-scan-url")

    phone, page = _login(browser, base, p.standing.member.user, {"width": 390, "height": 844})
    page.goto(f"{base}/meetings/{meeting.pk}/")
    expect(page.get_by_text("由工作人员扫描签到")).to_be_visible()  # the personal code
    page.goto(scanned)
    page.get_by_role("button", name="签到").click()
    expect(page.get_by_text("王常委 签到成功")).to_be_visible()

    expect(screen.locator("[data-count=present]")).to_have_text("1", timeout=10_000)
    expect(screen.locator("[data-count=missing]")).to_have_text("1")
    expect(screen.locator("[data-count=rate]")).to_have_text("50.0%")
    hall.close()
    phone.close()
