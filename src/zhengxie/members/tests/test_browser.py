"""Browser journey in Debian's chromium: staff log in and find a member by name."""

import pytest
from playwright.sync_api import expect

from zhengxie.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    yield context.new_page()
    context.close()


def test_staff_log_in_and_find_a_member_by_name(live_server, page):
    from zhengxie.testing import build_committee

    p = build_committee()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill(p.staff.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="您好,staff")).to_be_visible()

    page.locator("nav summary", has_text="委员").click()
    page.get_by_role("link", name="委员名录").click()
    expect(page.get_by_text("共4人")).to_be_visible()
    page.get_by_placeholder("输入姓名查找").fill("李委")
    expect(page.get_by_text("共1人")).to_be_visible()
    page.get_by_role("link", name="李委员").click()
    expect(page.get_by_role("heading", name="李委员")).to_be_visible()
    expect(page.get_by_text("13800000003")).to_be_visible()
