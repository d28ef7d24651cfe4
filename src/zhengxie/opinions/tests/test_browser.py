"""From a member's submission to a published bulletin issue, in Debian's chromium: the member
on a phone, the editor, a second staff member for review, the editor printing the issue."""

import pytest
from playwright.sync_api import expect

from zhengxie.opinions.models import BulletinIssue, Opinion
from zhengxie.opinions.tests.conftest import second_staff
from zhengxie.testing import build_committee
from zhengxie.testing_browser import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "关于城区学校周边交通安全隐患的反映"


def test_member_submission_reaches_a_published_bulletin_issue(live_server, browser):
    p = build_committee()
    reviewer = second_staff(p)
    base = live_server.url

    member = Person(browser, base, p.plain.member.user, phone=True)
    page = member.open("/opinions/new/")
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("内容(反映人、基本情况、意见建议)").fill(
        "家长反映:放学时段校门口拥堵。建议设置护学岗。"
    )
    page.get_by_label("来源渠道").select_option(label="走访")
    page.get_by_label("类别").select_option(label="社会民生")
    page.get_by_role("button", name="报送").click()
    expect(page.locator(".messages")).to_contain_text("信息已报送")
    item = Opinion.objects.get(title=TITLE)

    editor = Person(browser, base, p.staff)
    editor.open(f"/opinions/{item.pk}/")
    editor.act("接收编辑", edited_text="城区学校周边交通安全亟待加强。建议设置护学岗、错峰放学。")
    expect(editor.page.get_by_role("button", name="审核通过")).to_have_count(0)

    second = Person(browser, base, reviewer)
    second.open(f"/opinions/{item.pk}/")
    second.act("审核通过")

    page = editor.open("/opinions/bulletins/")
    page.get_by_label("刊物 *").select_option(label="《各界反映》")
    page.get_by_label("本期标题").fill("民生关注")
    page.get_by_role("button", name="新建").click()
    page.get_by_role("button", name="编入").first.click()
    expect(page.locator(".messages")).to_contain_text("已编入本期")
    page.get_by_role("button", name="印发本期").click()
    expect(page.locator(".messages")).to_contain_text("本期已印发")
    issue = BulletinIssue.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{issue.year}年第1期")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载本期(Word)").click()
    assert download.value.suggested_filename.endswith(".docx")

    page = member.open(f"/opinions/{item.pk}/")
    expect(page.get_by_text(f"本级刊物采用:《各界反映》{issue.year}年第1期")).to_be_visible()
    expect(
        page.get_by_text("城区学校周边交通安全亟待加强。建议设置护学岗、错峰放学。")
    ).to_be_visible()
    for person in (member, editor, second):
        person.close()
