"""A topic's year in Debian's chromium, through the pages only: a member suggests it, the
office puts it in the year's plan, the chair registers 主席会议's pass, a research group visits
and reports, the consultation is held (the plan's row shows it and the report), the outcome
is sent and instructed, the unit feeds back, and the member who wrote the report sees the
result. It lives with fieldwork because only fieldwork may know both apps."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhengxie.consultations.models import Outcome, Topic
from zhengxie.testing import build_committee
from zhengxie.testing_browser import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TOPIC = "关于推进城乡义务教育优质均衡发展的建议"
REPORT = "城乡义务教育优质均衡发展调研报告"


def _field(page, label: str):
    """A form field by its label, which ends in * when the field is required."""
    return page.get_by_label(re.compile(rf"^{label}( \*)?$"))


def _from_home(person: Person, counter: str, value: str):
    """Each person starts from their home page: the counter says how many wait, its link
    opens them."""
    page = person.open("/")
    row = page.locator(".panel li", has=page.get_by_role("link", name=counter, exact=True))
    expect(row).to_contain_text(value)
    row.get_by_role("link", name=counter, exact=True).click()
    return page


def _suggest(member: Person) -> Topic:
    page = member.open("/consultations/topics/new/")
    _field(page, "议题").fill(TOPIC)
    _field(page, "说明").fill("乡村学校师资流失,城区学校大班额。")
    _field(page, "来源").select_option(label="界别")
    _field(page, "界别").select_option(label="教育界")
    _field(page, "建议协商形式").select_option(label="对口协商")
    _field(page, "监督性议题").check()
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".messages")).to_contain_text("议题建议已提交")
    expect(page.get_by_text("待筛选", exact=True)).to_be_visible()
    return Topic.objects.get(title=TOPIC)


def _plan(staff: Person, chair: Person, year: int) -> None:
    page = _from_home(staff, "待筛选的议题建议", "1")
    page.get_by_role("link", name=TOPIC).click()
    staff.act("采纳入库")
    page = staff.open("/consultations/plans/")
    _field(page, "年度").fill(str(year))
    page.get_by_role("button", name="建立").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{year}年度协商工作计划")
    staff.act("增加议题", topic_id=TOPIC)
    expect(page.get_by_role("link", name=TOPIC)).to_be_visible()
    staff.act("提交主席会议审议")
    expect(page.get_by_text("待主席会议审议", exact=True)).to_be_visible()

    page = _from_home(chair, "待主席会议审议的协商计划", "1")
    page.get_by_role("link", name=f"{year}年度协商工作计划").click()
    expect(page.get_by_role("link", name=TOPIC)).to_be_visible()
    chair.act("登记主席会议通过", passed_on=timezone.localdate().isoformat())
    expect(page.get_by_text("主席会议已通过", exact=True)).to_be_visible()


def _research(staff: Person, member: Person, member_name: str) -> None:
    today = timezone.localdate()
    page = staff.open("/fieldwork/new/")
    _field(page, "类型").select_option(label="调研")
    _field(page, "名称").fill("义务教育优质均衡专题调研")
    _field(page, "协商议题").select_option(label=TOPIC)
    page.get_by_role("button", name="建立").click()
    expect(page.locator(".messages")).to_contain_text("已新建")
    staff.act("加入调研组", role="委员", member_id=member_name, is_leader="是")
    staff.act("安排走访", date=today.isoformat(), place="城关镇中心小学", unit_visited="县教育局")
    staff.act("开始实施")
    staff.act("记录走访出勤", present_ids=member_name)

    page = _from_home(member, "待我撰写报告稿", "1")
    page.get_by_role("table").get_by_role("link", name="义务教育优质均衡专题调研").click()
    member.act(
        "提交报告稿",
        title=REPORT,
        text="乡村学校教师结构性缺员,城区学校学位紧张。",
        suggestions="建立县域教师交流轮岗制度\n新建城区学校两所",
    )
    staff.page.reload()
    staff.act("优选定稿", draft_id=f"{REPORT}({member_name})")
    staff.act("形成最终报告")


def _consult(staff: Person) -> None:
    page = staff.open("/consultations/activities/new/")
    _field(page, "协商议题").select_option(label=TOPIC)
    _field(page, "协商形式").select_option(label="对口协商")
    _field(page, "活动名称").fill("义务教育优质均衡对口协商会")
    _field(page, "协商日期").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="创建").click()
    expect(page.locator(".messages")).to_contain_text("协商活动已创建")
    staff.act("登记已开展")


def _instruct_and_feed_back(staff: Person, unit: Person, outcome: Outcome) -> None:
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    page = staff.open("/consultations/outcomes/")
    page.get_by_role("link", name=outcome.title).click()
    staff.act("报送", to="政府", recipient="县人民政府")
    staff.act(
        "登记领导批示",
        leader="县长 赵某",
        unit_id="县教育局",
        text="请县教育局研究落实。",
        due_on=due,
    )
    page = _from_home(unit, "待反馈落实情况", "1")
    expect(page.get_by_text("请县教育局研究落实。")).to_be_visible()
    unit.act("反馈落实情况", text="已制定县域教师交流轮岗实施办法。")
    expect(page.get_by_text("落实情况:已制定县域教师交流轮岗实施办法。")).to_be_visible()
    staff.page.reload()
    staff.act("确认落实")
    staff.act("向参与委员反馈结果", result="县政府出台教师交流轮岗实施办法。")


def test_a_member_suggested_topic_goes_through_the_plan_and_research_to_its_consultation(
    live_server, browser
):
    p = build_committee()
    base = live_server.url
    member = Person(browser, base, p.plain.member.user)
    staff = Person(browser, base, p.staff)
    chair = Person(browser, base, p.chair.member.user)
    unit = Person(browser, base, p.unit_user)

    _suggest(member)
    _plan(staff, chair, timezone.localdate().year)
    _research(staff, member, p.plain.member.name)
    _consult(staff)

    page = staff.open("/consultations/plans/")
    page.get_by_role("link", name="年度协商工作计划").click()
    row = page.get_by_role("row", name=TOPIC)
    expect(row).to_contain_text("义务教育优质均衡对口协商会")
    expect(row).to_contain_text("已举行")
    expect(row).to_contain_text(REPORT)
    _instruct_and_feed_back(staff, unit, Outcome.objects.get(title=REPORT))

    page = member.open("/consultations/outcomes/mine/")
    row = page.get_by_role("row", name=REPORT)
    expect(row).to_contain_text("已反馈委员")
    row.get_by_role("link", name=REPORT).click()
    expect(page.get_by_text("县政府出台教师交流轮岗实施办法。", exact=True)).to_be_visible()
    result = page.get_by_text("落实情况:已制定县域教师交流轮岗实施办法。", exact=True)
    expect(result).to_be_visible()
    expect(page.get_by_role("button", name="登记领导批示")).to_have_count(0)
    for person in (member, staff, chair, unit):
        person.close()
