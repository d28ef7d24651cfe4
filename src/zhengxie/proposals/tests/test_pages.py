from io import BytesIO

from docx import Document
from openpyxl import load_workbook

from zhengxie.core.models import Notification
from zhengxie.proposals import services
from zhengxie.proposals.models import Proposal

from .conftest import at


def test_a_member_writes_a_proposal_in_the_browser_form(cycle, login):
    client = login(cycle.member)
    assert client.get("/proposals/new/").status_code == 200
    response = client.post(
        "/proposals/new/",
        {
            "kind": "individual",
            "title": "关于改善城区停车的建议",
            "situation": "停车难。",
            "suggestions": "新建停车场。",
            "suggested_units": [cycle.p.unit.pk],
        },
    )
    proposal = Proposal.objects.get(title="关于改善城区停车的建议")
    assert response["Location"] == f"/proposals/{proposal.pk}/"
    assert proposal.state == "submitted" and list(proposal.suggested_units.all()) == [cycle.p.unit]


def test_a_draft_is_saved_from_the_form(cycle, login):
    login(cycle.member).post(
        "/proposals/new/",
        {"kind": "individual", "title": "草稿案由", "situation": "x", "draft": "1"},
    )
    assert Proposal.objects.get(title="草稿案由").state == "draft"


def test_the_form_explains_problems_in_chinese(cycle, login):
    page = (
        login(cycle.member)
        .post("/proposals/new/", {"kind": "joint", "title": "联名", "situation": "x"})
        .content.decode()
    )
    assert "联名提案至少需要邀请一位联名委员" in page


def test_cosigners_and_units_are_chosen_with_searchable_pickers(cycle, login):
    client = login(cycle.member)
    page = client.get("/proposals/new/").content.decode()
    assert 'hx-get="/members/pick/?not_me=1"' in page and 'hx-get="/units/pick/"' in page
    # Re-shown after an error, the choice stays as chips; the no-script select offers the rest.
    another = cycle.p.another.member
    page = client.post(
        "/proposals/new/",
        {"kind": "joint", "title": "", "situation": "x", "cosigners": [another.pk]},
    ).content.decode()
    chips = page.split('class="chips"', 2)[2].split("</ul>", 1)[0]
    assert f'value="{another.pk}" checked>{another.name}' in chips
    noscript = page.split("<noscript>", 2)[2].split("</noscript>", 1)[0]
    assert another.name not in noscript and cycle.p.standing.member.name in noscript


def test_collective_fields_only_when_collective(cycle, login):
    client = login(cycle.member)
    page = client.get("/proposals/new/").content.decode()
    collective = page.split('<fieldset class="collective-only">', 1)[1].split("</fieldset>", 1)[0]
    assert all(f'name="{n}"' in collective for n in ("collective_name", "collective_sector"))
    client.post(
        "/proposals/new/",
        {
            "kind": "individual",
            "title": "关于整治河道的建议",
            "situation": "河道淤积。",
            "collective_name": "民盟县委",
            "collective_sector": cycle.p.economy.pk,
        },
    )
    proposal = Proposal.objects.get(title="关于整治河道的建议")
    assert proposal.collective_name == "" and proposal.collective_sector is None
    assert proposal.sector == cycle.p.education  # the member's own sector, not the one sent


def test_detail_shows_only_the_actions_the_user_may_take(cycle, login):
    proposal = cycle.submitted()
    staff_page = login(cycle.staff).get(f"/proposals/{proposal.pk}/").content.decode()
    assert "立案" in staff_page and "不予立案" in staff_page and "签发答复" not in staff_page
    member_page = login(cycle.member).get(f"/proposals/{proposal.pk}/").content.decode()
    assert f"/proposals/{proposal.pk}/act/register/" not in member_page


def test_staff_register_and_decline_from_the_page(cycle, login):
    client = login(cycle.staff)
    first, second = cycle.submitted(), cycle.submitted()
    client.post(f"/proposals/{first.pk}/act/register/", {})
    client.post(
        f"/proposals/{second.pk}/act/decline/",
        {"reason": "不属于本县职权范围", "convert_to": "letter"},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.serial == 1 and second.decline_kind == "letter"


def test_a_refused_step_comes_back_as_a_chinese_message(cycle, login):
    proposal = cycle.assigned()
    client = login(cycle.unit)
    services.proposal_mark_key(actor=cycle.staff, proposal=proposal, supervisor=cycle.p.chair)
    services.proposal_contact(actor=cycle.unit, proposal=proposal, mode="phone", note="电话沟通")
    response = client.post(
        f"/proposals/{proposal.pk}/act/reply/", {"category": "A", "text": "已解决"}, follow=True
    )
    assert "重点提案须先与提案人当面沟通" in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).state == "assigned"


def test_units_cannot_open_proposals_not_assigned_to_them(cycle, login):
    proposal = cycle.assigned()
    assert login(cycle.co_unit).get(f"/proposals/{proposal.pk}/").status_code == 404
    assert login(cycle.unit).get(f"/proposals/{proposal.pk}/").status_code == 200


def test_the_unit_inbox_lists_open_assignments_by_deadline(cycle, login):
    later = cycle.assigned(now=at(2026, 5, 1))
    sooner = cycle.assigned(now=at(2026, 3, 10))
    page = login(cycle.unit).get("/proposals/").content.decode()
    assert page.index(sooner.title) <= page.index(later.title)
    assert "待办提案" in page


def test_staff_assign_several_proposals_at_once(cycle, login):
    first, second = cycle.registered(), cycle.registered()
    page = login(cycle.staff).get("/proposals/assign/").content.decode()
    assert 'hx-get="/units/pick/"' in page  # 会办单位 from a searchable picker
    detail = login(cycle.staff).get(f"/proposals/{first.pk}/").content.decode()
    assert 'id="f-assign-co_unit_ids"' in detail and 'hx-get="/units/pick/"' in detail
    response = login(cycle.staff).post(
        "/proposals/assign/",
        {
            "proposals": [first.pk, second.pk],
            "lead_unit": cycle.p.unit.pk,
            "co_units": [cycle.p.other_unit.pk],
        },
    )
    assert response.status_code == 302
    assert Proposal.objects.filter(state="assigned").count() == 2
    assert Notification.objects.filter(recipient=cycle.co_unit).count() == 2


def test_bulk_assignment_without_a_lead_unit_is_refused(cycle, login):
    proposal = cycle.registered()
    response = login(cycle.staff).post(
        "/proposals/assign/", {"proposals": [proposal.pk]}, follow=True
    )
    assert "请勾选提案并选择主办单位" in response.content.decode()


def test_the_overdue_board_lists_late_proposals_by_unit(cycle, login):
    cycle.assigned(now=at(2025, 1, 6))
    page = login(cycle.staff).get("/proposals/overdue/").content.decode()
    assert "超期未办结的提案(1件)" in page and "县教育局" in page


def test_statistics_page_and_export(cycle, login):
    services.proposal_evaluate(actor=cycle.member, proposal=cycle.replied(), rating="satisfied")
    client = login(cycle.staff)
    page = client.get("/proposals/stats/").content.decode()
    assert "办复率" in page and "100.0%" in page
    sheet = load_workbook(
        BytesIO(client.get("/proposals/stats/", {"format": "xlsx"}).content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "项目" and rows[1][0] == "合计" and rows[1][1] == 1
    assert login(cycle.member).get("/proposals/stats/").status_code == 403


def test_the_register_exports_to_xlsx(cycle, login):
    cycle.registered(title="=cmd|' /C calc'!A0")
    sheet = load_workbook(
        BytesIO(login(cycle.staff).get("/proposals/", {"format": "xlsx"}).content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("编号", "会议", "案由")
    assert rows[1][2].startswith("'=")


def _docx_text(content: bytes) -> str:
    document = Document(BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_proposal_form_is_a_word_document_with_chinese_fonts(cycle, login):
    proposal = cycle.registered()
    response = login(cycle.member).get(f"/proposals/{proposal.pk}/form.docx")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    text = _docx_text(response.content)
    assert "关于加强农村学校寄宿条件建设的建议" in text and "第1号" in text
    assert b'w:eastAsia="Noto Serif CJK SC"' in _document_xml(response.content)


def _document_xml(content: bytes) -> bytes:
    from zipfile import ZipFile

    return ZipFile(BytesIO(content)).read("word/document.xml")


def test_the_assignment_notice_lists_a_units_proposals(cycle, login):
    cycle.assigned()
    response = login(cycle.unit).get(f"/units/{cycle.p.unit.pk}/notice.docx")
    text = _docx_text(response.content)
    assert "县教育局:" in text and "一件" in text and "关于加强农村学校寄宿条件建设的建议" in text
    assert login(cycle.co_unit).get(f"/units/{cycle.p.unit.pk}/notice.docx").status_code == 403


def test_published_proposals_show_no_personal_data(cycle, client):
    proposal = cycle.replied()
    assert client.get(f"/public/proposals/{proposal.pk}/").status_code == 404
    services.proposal_publish(actor=cycle.staff, proposal=proposal)
    listing = client.get("/public/proposals/", follow=True).content.decode()
    page = client.get(f"/public/proposals/{proposal.pk}/").content.decode()
    assert proposal.title in listing and "李委员" in page and "教育界" in page
    assert "已纳入年度计划并落实资金" in page
    for private in ["13800000003", "110105197001010011", "李委员的单位"]:
        assert private not in page and private not in listing


def test_public_list_shows_only_this_committee(cycle, other, client):
    from .conftest import Cycle

    ours = cycle.replied()
    theirs = Cycle(other).replied(title="关于邻县修缮水渠的建议")
    for proposal, staff in ((ours, cycle.staff), (theirs, other.staff)):
        services.proposal_publish(actor=staff, proposal=proposal)
    listing = client.get(f"/public/{cycle.p.committee.pk}/proposals/").content.decode()
    assert ours.title in listing and theirs.title not in listing
    assert "测试县政协提案及办理情况公开" in listing
    chooser = client.get("/public/proposals/").content.decode()
    assert "中国人民政治协商会议测试县政协" in chooser and "中国人民政治协商会议邻县政协" in chooser
    assert client.get("/public/999999/proposals/").status_code == 404


def test_home_pages_show_what_needs_action(cycle, login):
    cycle.submitted()
    assert "待审查" in login(cycle.staff).get("/").content.decode()
    cycle.assigned()
    unit_home = login(cycle.unit).get("/").content.decode()
    assert "本单位提案办理" in unit_home


def test_submitted_list_and_unit_inbox_query_counts_do_not_grow(
    cycle, login, django_assert_num_queries
):
    for _ in range(2):
        cycle.submitted()
        cycle.assigned()
    staff, unit = login(cycle.staff), login(cycle.unit)
    staff.get("/proposals/", {"state": "submitted"})
    unit.get("/proposals/")
    counts = {}
    for name, client, params in [("staff", staff, {"state": "submitted"}), ("unit", unit, {})]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            client.get("/proposals/", params)
        counts[name] = len(captured)
    for _ in range(3):
        cycle.submitted()
        cycle.assigned()
    with django_assert_num_queries(counts["staff"]):
        staff.get("/proposals/", {"state": "submitted"})
    with django_assert_num_queries(counts["unit"]):
        unit.get("/proposals/")


def test_members_find_the_write_button_on_the_list(cycle, login):
    assert "写提案" in login(cycle.member).get("/proposals/").content.decode()
    assert "写提案" not in login(cycle.unit).get("/proposals/").content.decode()


def test_statistics_break_down_by_unit_sector_member_and_special_committee(cycle):
    from zhengxie.proposals.stats import Scope, proposal_breakdown

    p = cycle.p
    cycle.replied()
    services.proposal_create(
        actor=p.standing.member.user, kind="individual", title="常委提案", situation="内容"
    )
    scope = Scope(p.committee)
    by_unit = proposal_breakdown(scope, "unit")
    assert [(r["name"], r["registered"], r["replied"], r["reply_rate"]) for r in by_unit] == [
        ("县教育局", 1, 1, 1.0)
    ]
    by_sector = {r["name"]: r["collected"] for r in proposal_breakdown(scope, "sector")}
    assert by_sector == {"教育界": 1, "经济界": 1}
    by_member = [(r["name"], r["collected"]) for r in proposal_breakdown(scope, "member")]
    assert by_member == [("王常委", 1), ("李委员", 1)]  # 姓氏笔画: 王 (4) before 李 (7)
    by_committee = [
        (r["name"], r["collected"]) for r in proposal_breakdown(scope, "special_committee")
    ]
    assert by_committee == [("提案委员会", 1)]  # only 王常委 sits on it
