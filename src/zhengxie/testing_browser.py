"""A person in their own browser session, for the Playwright journeys."""

import re

from playwright.sync_api import expect

from zhengxie.testing import PASSWORD


class Person:
    def __init__(self, browser, base: str, user=None, phone: bool = False):
        size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
        self.context = browser.new_context(viewport=size, locale="zh-CN")
        self.page = self.context.new_page()
        self.base = base
        if user is not None:
            self.page.goto(f"{base}/login/")
            self.page.get_by_label("用户名").fill(user.username)
            self.page.get_by_label("密码").fill(PASSWORD)
            self.page.get_by_role("button", name="登录").click()
            expect(self.page.get_by_role("heading", name="您好")).to_be_visible()

    def open(self, path: str):
        self.page.goto(self.base + path)
        return self.page

    def act(self, label: str, **fields):
        """Open the action's panel on a workflow page, fill it and take the step. The label
        matches whole: 报送 is not 登记报送对象."""
        summary = self.page.locator("summary", has_text=re.compile(f"^{re.escape(label)}$"))
        panel = self.page.locator("details.action", has=summary).first
        if panel.get_attribute("open") is None:
            panel.locator("summary").click()
        for name, value in fields.items():
            field = panel.locator(f"[name={name}]")
            if field.evaluate("e => e.tagName") == "SELECT":
                field.select_option(label=value)
            else:
                field.fill(value)
        panel.get_by_role("button", name=label).click()
        expect(self.page.locator(".messages")).to_contain_text(f"已{label}")

    def close(self):
        self.context.close()
