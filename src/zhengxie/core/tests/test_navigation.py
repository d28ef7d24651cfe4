"""The staff navigation is grouped by domain into menus; a menu of one page is its link."""

import re

from zhengxie.core.home import _nav, nav_groups

DOMAINS = ["委员", "提案", "社情民意", "会议", "协商", "报告", "系统"]


def _nav_html(client, user) -> str:
    client.force_login(user)
    page = client.get("/").content.decode()
    return re.search(r'<nav aria-label="导航">(.*?)</nav>', page, re.S)[1]


def test_every_page_in_the_navigation_belongs_to_a_domain():
    assert {item.group for item in _nav if item.url_name != "home"} == set(DOMAINS)


def test_staff_navigation_is_grouped_by_domain(client, p):
    nav = _nav_html(client, p.staff)
    menus = re.findall(r"<summary>(.*?)</summary>", nav)
    assert menus == ["委员", "提案", "社情民意", "协商", "报告", "系统"]
    # 会议 has one page for staff: a link, not a menu.
    assert re.search(r'<a href="/meetings/"[^>]*>会议</a>', nav)
    links = re.findall(r"<a href=\"[^\"]+\"[^>]*>([^<]+)</a>", nav)
    expected = [item.label for _, items in nav_groups(p.staff) for item in items]
    assert links == [*expected, "消息"]
    assert len(expected) >= 15


def test_a_domain_with_one_page_for_a_member_is_a_plain_link(client, p):
    nav = _nav_html(client, p.plain.member.user)
    assert "<summary>提案</summary>" not in nav
    assert re.search(r'<a href="/proposals/"[^>]*>提案</a>', nav)
    assert re.search(r'<a href="/meetings/"[^>]*>会议</a>', nav)


def test_the_current_page_is_marked_in_its_menu(client, p):
    client.force_login(p.staff)
    page = client.get("/proposals/stats/").content.decode()
    assert re.search(r'<a href="/proposals/stats/" aria-current="page">提案统计</a>', page)
