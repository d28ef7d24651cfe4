"""The opinions API and pages: shapes, errors, roles, documents."""

import html
from datetime import date
from io import BytesIO
from urllib.parse import unquote

import pytest
from docx import Document
from openpyxl import load_workbook

from zhengxie.opinions import services
from zhengxie.opinions.models import Bulletin, BulletinIssue, Opinion
from zhengxie.opinions.panels import staff_panel

pytestmark = pytest.mark.django_db


def test_api_submit_and_read(p, flow, api):
    api.login(flow.member)
    response = api.post(
        "/api/v1/opinions",
        {
            "title": "关于农贸市场食品安全的反映",
            "text": "群众反映:部分摊点无证经营。建议加强巡查。",
            "channel": "reception",
            "author_ids": [p.another.member.pk],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "submitted" and body["authors"] == ["李委员", "丁委员"]
    assert api.get(f"/api/v1/opinions/{body['id']}").json()["original_text"].startswith("群众")


def test_api_bad_input_is_a_structured_error(flow, api):
    api.login(flow.member)
    response = api.post("/api/v1/opinions", {"title": "", "text": "x", "channel": "visit"})
    assert response.status_code == 400
    assert response.json()["code"] == "title_required"
    response = api.post("/api/v1/opinions", {"title": "a", "text": "x", "channel": "pigeon"})
    assert response.status_code == 400 and "detail" in response.json()
    assert not Opinion.objects.exists()


def test_api_actions_walk_the_workflow_with_role_and_state_errors(p, flow, api):
    item = flow.submitted()
    api.login(flow.member)
    denied = api.post(f"/api/v1/opinions/{item.pk}/actions/accept")
    assert denied.status_code == 403 and denied.json()["code"] == "opinion_forbidden"
    api.login(flow.staff)
    accepted = api.post(
        f"/api/v1/opinions/{item.pk}/actions/accept", {"edited_text": "编辑稿", "urgent": True}
    )
    assert accepted.json()["state"] == "accepted" and accepted.json()["urgent"] is True
    own = api.post(f"/api/v1/opinions/{item.pk}/actions/approve")
    assert own.status_code == 403 and own.json()["code"] == "four_eyes"
    api.login(flow.reviewer)
    assert api.post(f"/api/v1/opinions/{item.pk}/actions/approve").json()["state"] == "approved"
    again = api.post(f"/api/v1/opinions/{item.pk}/actions/approve")
    assert again.status_code == 409
    adopted = api.post(
        f"/api/v1/opinions/{item.pk}/actions/adopt", {"level": "city", "note": "市委信息刊用"}
    )
    assert adopted.json()["adoptions"][0]["label"] == "市级采用"
    instructed = api.post(
        f"/api/v1/opinions/{item.pk}/actions/instruct",
        {"leader": "县长 孙某", "text": "请落实。", "unit_id": p.unit.pk, "main_leader": True},
    )
    assert instructed.json()["instructions"][0]["unit"] == "县教育局"
    forwarded = api.post(
        f"/api/v1/opinions/{item.pk}/actions/forward", {"to": "leader", "recipient": "县委书记"}
    )
    assert forwarded.json()["forwardings"][0]["recipient"] == "县委书记"
    assert api.post(f"/api/v1/opinions/{item.pk}/actions/fly").status_code == 404
    bad = api.post(f"/api/v1/opinions/{item.pk}/actions/adopt", {"level": "moon"})
    assert bad.status_code == 400


def test_api_return_merge_decline(p, flow, api):
    first, second, third = flow.submitted(), flow.submitted(), flow.submitted()
    api.login(flow.staff)
    assert (
        api.post(f"/api/v1/opinions/{first.pk}/actions/return", {"reason": "补充"}).json()[
            "return_reason"
        ]
        == "补充"
    )
    merged = api.post(f"/api/v1/opinions/{second.pk}/actions/merge", {"into": third.pk})
    assert merged.json()["merged_into"] == third.pk
    missing = api.post(f"/api/v1/opinions/{third.pk}/actions/decline", {})
    assert missing.status_code == 400
    assert (
        api.post(f"/api/v1/opinions/{third.pk}/actions/decline", {"reason": "不实"}).json()["state"]
        == "declined"
    )


def test_api_items_of_another_committee_are_not_found(p, other, flow, api):
    item = flow.submitted()
    api.login(other.staff)
    assert api.get(f"/api/v1/opinions/{item.pk}").status_code == 404
    assert api.post(f"/api/v1/opinions/{item.pk}/actions/accept").status_code == 404


def test_members_see_only_their_own_items(p, flow, api):
    mine = flow.submitted()
    theirs = flow.submitted(actor=p.another.member.user)
    api.login(flow.member)
    ids = [row["id"] for row in api.get("/api/v1/opinions").json()["items"]]
    assert ids == [mine.pk]
    assert api.get(f"/api/v1/opinions/{theirs.pk}").status_code == 404


def test_api_stats_for_a_period(p, flow, api):
    item = flow.approved()
    issue = services.bulletin_issue_create(
        actor=flow.staff,
        bulletin=Bulletin.objects.get(committee=p.committee, name="各界反映"),
        title="本期",
        opinions=[item],
    )
    services.bulletin_issue_publish(actor=flow.staff, issue=issue)
    services.opinion_instruct(
        actor=flow.staff, opinion=item, leader="县委书记", main_leader=True, text="阅", unit=p.unit
    )
    flow.submitted()
    api.login(flow.member)
    assert api.get("/api/v1/opinions/stats").status_code == 403
    api.login(flow.staff)
    today = date.today().isoformat()
    stats = api.get("/api/v1/opinions/stats", **{"from": today, "to": today}).json()
    assert stats["received"] == 2 and stats["adopted"] == 1
    assert stats["adoptions"]["本级刊物采用"] == 1 and stats["issues_by_bulletin"] == {
        "各界反映": 1
    }
    assert stats["main_leader_instructions"] == 1 and stats["tasks_open"] == 1
    empty = api.get("/api/v1/opinions/stats", **{"from": "2000-01-01", "to": "2000-12-31"})
    assert empty.json()["received"] == 0


def test_submission_page_with_attachment(p, flow, login):
    client = login(flow.member)
    assert client.get("/opinions/new/").status_code == 200
    upload = BytesIO(b"%PDF-1.4 test")
    upload.name = "现场照片说明.pdf"
    response = client.post(
        "/opinions/new/",
        {
            "title": "关于路灯损坏的反映",
            "text": "多盏路灯不亮。",
            "channel": "visit",
            "file": upload,
        },
    )
    item = Opinion.objects.get()
    assert response.status_code == 302 and item.attachments.get().name == "现场照片说明.pdf"
    page = client.get(f"/opinions/{item.pk}/").content.decode()
    assert "原稿" in page and "现场照片说明.pdf" in page


def test_detail_page_shows_edited_and_original_side_by_side(flow, login):
    item = flow.accepted()
    page = login(flow.staff).get(f"/opinions/{item.pk}/").content.decode()
    assert "编辑后的正文。" in page and "家长反映" in page
    services.opinion_approve(actor=flow.reviewer, opinion=item)
    page = login(flow.member).get(f"/opinions/{item.pk}/").content.decode()
    assert "编辑后的正文。" in page and "家长反映" in page


def _box(page: str, action: str, name: str) -> str:
    """What the action form's field starts with (a textarea's text or an input's value)."""
    tag = page.split(f'id="f-{action}-{name}"', 1)[1]
    if tag.startswith(' name="' + name + '" rows'):
        return html.unescape(tag.split(">", 1)[1].split("</textarea>", 1)[0])
    return html.unescape(tag.split('value="', 1)[1].split('"', 1)[0])


def test_edit_box_starts_with_the_current_text(flow, login):
    submitted = flow.submitted(title="关于“护学岗”的反映")
    page = login(flow.staff).get(f"/opinions/{submitted.pk}/").content.decode()
    assert _box(page, "accept", "edited_text") == submitted.text
    assert _box(page, "accept", "edited_title") == "关于“护学岗”的反映"
    accepted = flow.accepted()
    page = login(flow.staff).get(f"/opinions/{accepted.pk}/").content.decode()
    assert _box(page, "edit", "edited_text") == "编辑后的正文。"
    services.opinion_return(actor=flow.staff, opinion=accepted, reason="请补充涉及学校名单")
    page = login(flow.member).get(f"/opinions/{accepted.pk}/").content.decode()
    assert _box(page, "resubmit", "text") == accepted.text  # the author's own text, to add to


def test_an_edit_sent_back_unchanged_is_no_edit(flow):
    item = flow.submitted()
    item = services.opinion_accept(
        actor=flow.staff, opinion=item, edited_title=item.title, edited_text=item.text
    )
    assert (item.edited_title, item.edited_text) == ("", "")
    item = services.opinion_edit(actor=flow.staff, opinion=item, edited_text="压缩后的正文。")
    assert item.current_text == "压缩后的正文。" and item.text.startswith("家长反映")


def test_page_action_and_four_eyes_message(flow, login):
    item = flow.submitted()
    client = login(flow.staff)
    client.post(f"/opinions/{item.pk}/act/accept/", {"edited_text": "编辑"})
    page = client.get(f"/opinions/{item.pk}/").content.decode()
    assert "审核通过" not in page  # the editor is not offered the approval
    response = client.post(f"/opinions/{item.pk}/act/approve/", follow=True)
    assert "编辑人不能审核自己编辑的信息" in response.content.decode()


def test_issue_page_publish_and_docx(p, flow, login):
    item = flow.approved(title="关于老旧小区加装电梯的建议")
    client = login(flow.staff)
    bulletin = Bulletin.objects.get(committee=p.committee, name="各界反映")
    response = client.post(
        "/opinions/bulletins/", {"bulletin": bulletin.pk, "title": "民生关注", "recipients": ""}
    )
    issue_url = response["Location"]
    client.post(issue_url, {"step": "add", "opinion": item.pk})
    client.post(issue_url, {"step": "publish", "on": "2026-11-20"})
    issue = bulletin.issues.get()
    assert (issue.year, issue.number) == (2026, 1)
    docx = client.get(f"/opinions/issues/{issue.pk}.docx")
    text = "\n".join(par.text for par in Document(BytesIO(docx.content)).paragraphs)
    assert "各界反映" in text and "2026年第1期" in text and "关于老旧小区加装电梯的建议" in text
    assert "报:党委、人大常委会、政府、政协领导" in text


def _printed_issue(p, flow, number: int | None = None):
    bulletin = Bulletin.objects.get(committee=p.committee, name="各界反映")
    issue = services.bulletin_issue_create(
        actor=flow.staff, bulletin=bulletin, title="民生关注", opinions=[flow.approved()]
    )
    issue = services.bulletin_issue_publish(actor=flow.staff, issue=issue, on=date(2026, 11, 20))
    if number:  # as if ten issues had been printed before it this year
        BulletinIssue.objects.filter(pk=issue.pk).update(number=number)
        issue.refresh_from_db()
    return issue


def test_docx_download_name_keeps_book_title_marks(p, flow, login):
    issue = _printed_issue(p, flow)
    response = login(flow.staff).get(f"/opinions/issues/{issue.pk}.docx")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=UTF-8''")
    assert unquote(disposition.split("''", 1)[1]) == "《各界反映》2026年第1期.docx"


def test_issue_number_is_the_same_on_web_and_docx(p, flow, login):
    issue = _printed_issue(p, flow, number=11)
    client = login(flow.staff)
    assert "2026年第11期" in client.get(f"/opinions/issues/{issue.pk}/").content.decode()
    assert "2026年第11期" in client.get("/opinions/bulletins/").content.decode()
    docx = client.get(f"/opinions/issues/{issue.pk}.docx")
    lines = [par.text for par in Document(BytesIO(docx.content)).paragraphs]
    assert "2026年第11期" in lines and not any("十一" in line for line in lines)


def test_instruction_page_for_the_unit(p, flow, login):
    task = services.opinion_instruct(
        actor=flow.staff, opinion=flow.approved(), leader="县长", text="请办", unit=p.unit
    )
    client = login(p.unit_user)
    assert "请办" in client.get("/opinions/instructions/").content.decode()
    client.post(f"/opinions/instructions/{task.pk}/feedback/", {"text": "已办结"})
    task.refresh_from_db()
    assert task.feedback == "已办结"
    other = login(p.other_unit_user)
    assert (
        other.post(f"/opinions/instructions/{task.pk}/feedback/", {"text": "x"}).status_code == 404
    )


def test_stats_page_xlsx_and_circular(p, flow, login):
    services.opinion_adopt(actor=flow.staff, opinion=flow.approved(), level="own")
    services.opinion_quota_set(
        actor=flow.staff, committee=p.committee, year=date.today().year, target=4, station=p.station
    )
    client = login(flow.staff)
    assert "被采用" in client.get("/opinions/stats/").content.decode()
    book = load_workbook(BytesIO(client.get("/opinions/stats/?format=xlsx").content))
    cells = [c.value for row in book.active.iter_rows() for c in row]
    assert "按作者" in cells and "李委员" in cells
    docx = client.get("/opinions/circular.docx")
    text = "\n".join(par.text for par in Document(BytesIO(docx.content)).paragraphs)
    assert "共收到社情民意信息1条" in text and "被采用1条" in text
    quotas = client.get("/opinions/quotas/").content.decode()
    assert p.station.name in quotas and "25%" in quotas


def test_circular_title_has_no_quanbu(flow, login):
    flow.approved()
    client = login(flow.staff)
    response = client.get("/opinions/circular.docx")
    lines = [par.text for par in Document(BytesIO(response.content)).paragraphs]
    assert lines[0].replace("\n", "") == "关于社情民意信息报送及采用情况的通报"
    assert not any("全部" in line for line in lines) and "全部" not in unquote(
        response["Content-Disposition"]
    )
    assert any(line.startswith("截至") and "共收到社情民意信息1条" in line for line in lines)
    spanned = client.get("/opinions/circular.docx", {"from": "2026-01-01", "to": "2026-06-30"})
    title = Document(BytesIO(spanned.content)).paragraphs[0].text.replace("\n", "")
    assert title == "关于2026年1月1日至2026年6月30日社情民意信息报送及采用情况的通报"


def test_settings_page_saves_a_bulletin_and_an_officer(p, flow, login):
    client = login(flow.staff)
    client.post(
        "/opinions/settings/",
        {
            "form": "bulletin",
            "name": "委员建言",
            "default_recipients": "区五套班子领导",
            "is_active": "on",
        },
    )
    assert Bulletin.objects.filter(committee=p.committee, name="委员建言").exists()
    client.post(
        "/opinions/settings/",
        {"form": "officer", "user": p.another.member.user.pk, "appointed_on": "2026-01-01"},
    )
    assert "丁委员" in client.get("/opinions/settings/").content.decode()


def test_pages_are_closed_to_administrators(p, login):
    client = login(p.sysadmin)
    for url in ("/opinions/", "/opinions/new/", "/opinions/bulletins/", "/opinions/stats/"):
        assert client.get(url).status_code == 403, url


def test_home_panel_counts_items_awaiting_review_by_others(flow, login):
    flow.accepted()

    def awaiting(user):
        rows = staff_panel(user)[0].rows
        return next(r.value for r in rows if r.label.startswith("待我审核"))

    assert awaiting(flow.reviewer) == 1 and awaiting(flow.staff) == 0
    assert "待我审核" in login(flow.reviewer).get("/").content.decode()
