"""Issue 12's journey in Debian's chromium, through the pages only: the office changes the points
of a kind in the year's scoring rule, the member finds the new points on their record, drafts,
edits and submits their 述职, and the office generates the yearly work report, follows a number
to the records it counts and downloads the report as a DOCX, read back with python-docx. The
ledger is two registered proposals built through the services (nothing else is needed for a
number to follow). Three people in chromium make it the suite's slow kind (~10 s)."""

import re

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from zhengxie.duty.models import DutyReport
from zhengxie.lib.dates import cn_date
from zhengxie.proposals.services import proposal_register
from zhengxie.proposals.tests.conftest import Cycle
from zhengxie.testing import build_committee
from zhengxie.testing_browser import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLES = ["关于加强农村学校寄宿条件建设的建议", "关于推进城乡义务教育优质均衡发展的建议"]


def _field(page, label: str):
    return page.get_by_label(re.compile(rf"^{label}( \*)?$"))


def _ledger(p) -> None:
    """Two proposals of the member registered today, so that they count in this year's report
    and record whatever the year the suite runs in."""
    cycle = Cycle(p)
    for title in TITLES:
        proposal = cycle.submitted(title=title, now=timezone.now())
        proposal_register(actor=p.staff, proposal=proposal)


def _set_rule(staff: Person, year: int) -> None:
    """The year's rule set, then 8 points instead of the default 5 for a registered proposal."""
    page = staff.open("/duty/scores/")
    _field(page, "年度").fill(str(year))
    page.get_by_role("button", name="建立").click()
    expect(page.locator(".messages")).to_contain_text("考核细则已建立")
    _field(page, "条目类型").select_option(label="分值/扣分/封顶")
    _field(page, "履职类别").select_option(label="提交提案并立案")
    _field(page, "适用对象").select_option(label="全体委员")
    _field(page, r"每项分值\(负数为扣分\)").fill("8")
    page.get_by_role("button", name="保存并重新计算").click()
    expect(page.locator(".messages")).to_contain_text("条目已保存,积分已重新计算。")
    row = page.get_by_role("row", name=re.compile("^提交提案并立案"))
    expect(row).to_contain_text("8")


def _check_record(member: Person) -> None:
    page = member.open("/duty/record/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("我的履职档案")
    category = page.get_by_role("row", name=re.compile("^提案 "))
    expect(category).to_contain_text("2项")
    expect(category).to_contain_text("16")
    for title in TITLES:
        row = page.get_by_role("row", name=re.compile(re.escape(title)))
        expect(row.locator("td").last).to_have_text(re.compile(r"^8(\.00)?$"))


def _report_duty(member: Person, year: int) -> None:
    page = member.open("/duty/reports/")
    _field(page, "年度").fill(str(year))
    page.get_by_role("button", name="起草述职").click()
    expect(page.locator(".messages")).to_contain_text("已根据履职档案起草述职")
    draft = page.locator("article")
    for title in TITLES:
        expect(draft).to_contain_text(title)
    text = draft.inner_text()
    member.act("修改述职", text=text + "\n今后将更加注重调查研究。")
    expect(page.locator("article")).to_contain_text("今后将更加注重调查研究。")
    member.act("提交述职")
    submitted = f"已提交({cn_date(timezone.localdate())}提交)"
    expect(page.locator("dd", has_text="已提交")).to_have_text(submitted)
    expect(page.locator("summary", has_text="修改述职")).to_have_count(0)


def _follow_a_number(staff: Person, year: int) -> None:
    """The yearly report's count of registered proposals opens a list of exactly as many."""
    page = staff.open("/reports/work/")
    page.locator("select[name=period]").select_option(label="全年")
    page.locator("input[name=year]").fill(str(year))
    page.get_by_role("button", name="生成").click()
    # The year still running reads 今年以来, up to today.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(f"^工作报告 · ({year}年|今年以来)$")
    )
    # The count of this year, not the comparison with last year's, which links too.
    number = page.locator("#proposals a[title^='立案:']", has_text=re.compile("件$"))
    expect(number).to_have_text("2件")
    number.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("提案")
    expect(page.locator("table tbody tr")).to_have_count(2)
    for title in TITLES:
        expect(page.get_by_role("link", name=title)).to_be_visible()
    page.go_back()


def _download(staff: Person, issuer: str) -> None:
    """The report as the office files it: a DOCX titled as the committee's work report, its
    sections under 一、二、 headings, with the number just followed."""
    page = staff.page
    with page.expect_download() as download:
        page.get_by_role("link", name="下载DOCX").click()
    assert download.value.suggested_filename.endswith(".docx")
    lines = [p.text for p in Document(download.value.path()).paragraphs if p.text]
    assert lines[0].startswith(issuer) and lines[0].endswith("工作报告")
    heading = next(line for line in lines if line.endswith("提案工作"))
    assert re.fullmatch(r"[一二三四五六七八九十]+、提案工作", heading)
    assert any("立案2件" in line for line in lines)


def test_office_sets_a_rule_member_reports_duty_office_follows_the_yearly_report(
    live_server, browser
):
    p = build_committee()
    year = timezone.localdate().year
    _ledger(p)
    staff = Person(browser, live_server.url, p.staff)
    member = Person(browser, live_server.url, p.plain.member.user)

    _set_rule(staff, year)
    _check_record(member)
    _report_duty(member, year)
    report = DutyReport.objects.get(member=p.plain.member)
    assert report.state == DutyReport.State.SUBMITTED
    assert report.text.endswith("今后将更加注重调查研究。")
    _follow_a_number(staff, year)
    _download(staff, "政协测试县委员会")
    staff.close()
    member.close()
