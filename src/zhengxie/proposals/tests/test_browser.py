"""One proposal through the whole cycle in Debian's chromium: member, staff, chair, handling
unit and the public, each in their own browser session."""

import pytest
from playwright.sync_api import expect

from zhengxie.proposals.models import Proposal
from zhengxie.testing import build_committee
from zhengxie.testing_browser import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "关于在城关镇增设公共停车场的建议"


def test_one_proposal_walks_the_whole_cycle(live_server, browser):
    p = build_committee()
    base = live_server.url

    member = Person(browser, base, p.plain.member.user, phone=True)
    page = member.open("/proposals/new/")
    collective = page.get_by_label("提案单位(集体提案)")
    expect(collective).to_be_hidden()
    page.get_by_role("radio", name="集体提案").check()
    expect(collective).to_be_visible()
    page.get_by_role("radio", name="联名提案").check()
    expect(collective).to_be_hidden()
    page.get_by_label("案由").fill(TITLE)
    page.get_by_label("情况与问题").fill("城关镇老城区停车位严重不足,占道停车影响通行。")
    page.get_by_label("建议", exact=True).fill("利用闲置地块建设公共停车场。")
    # The pickers: type, move with the arrow key, Enter picks; a click picks too.
    cosigners = page.get_by_role("combobox", name="联名委员(联名提案)")
    cosigners.fill("丁")
    expect(page.get_by_role("option", name="丁委员")).to_be_visible()
    cosigners.press("ArrowDown")
    cosigners.press("Enter")
    units = page.get_by_role("combobox", name="建议承办单位")
    units.fill("水利")
    page.get_by_role("option", name="县水利局").click()
    page.get_by_role("button", name="移除县水利局").click()
    units.fill("教育")
    page.get_by_role("option", name="县教育局").click()
    expect(page.locator(".chip")).to_have_text(["县教育局×", "丁委员×"])
    # On a phone nothing is wider than the screen (the textareas were).
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="提交提案").click()
    expect(page.get_by_text("待审查", exact=True)).to_be_visible()
    proposal = Proposal.objects.get(title=TITLE)
    assert [c.member for c in proposal.cosigners.all()] == [p.another.member]
    assert list(proposal.suggested_units.all()) == [p.unit]
    path = f"/proposals/{proposal.pk}/"

    staff = Person(browser, base, p.staff)
    staff.open(path)
    staff.act("立案")
    page = staff.open("/proposals/assign/")
    page.get_by_label(f"选择{TITLE}").check()
    page.get_by_label("主办单位").select_option(label="县教育局")
    page.get_by_role("button", name="交办所选提案").click()
    expect(page.get_by_text("已交办1件提案")).to_be_visible()

    chair = Person(browser, base, p.chair.member.user)
    chair.open(path)
    chair.act("列为重点提案", leader_id="张主席(主席)", lead_by="副县长 王强")
    chair.act("记录督办", kind="实地督办", note="主席带队到现场督办", leader_id="张主席(主席)")

    unit = Person(browser, base, p.unit_user)
    page = unit.open("/proposals/")
    page.get_by_role("link", name=TITLE).click()
    unit.act("记录沟通", mode="当面沟通", note="到现场与提案人面商选址")
    unit.act(
        "提交答复",
        category="A类(已解决或采纳)",
        text="已选定两处地块,年内建成。",
        doc_number="云教复〔2026〕12号",
    )
    unit.act("签发答复")

    member.open(path)
    member.act("确认见面")
    staff.open(path)
    staff.act("审核通过答复")
    staff.act("公开")
    member.open(path)
    member.act("评价答复", rating="满意", comment="办理认真")
    expect(member.page.get_by_text("已办结", exact=True)).to_be_visible()

    public = Person(browser, base)
    page = public.open("/public/proposals/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_text("已选定两处地块,年内建成。")).to_be_visible()
    expect(page.get_by_text("13800000003")).to_have_count(0)
    for person in (member, staff, chair, unit, public):
        person.close()

    proposal.refresh_from_db()
    assert proposal.state == "closed" and proposal.key and proposal.met_in_person
    assert proposal.chair_supervised and proposal.published
