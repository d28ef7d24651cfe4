"""Every piece of a proposal has an audience: files by their purpose and the state of what
they belong to, timeline entries by who wrote them and whether the reply is released,
drafts by their authors, and a proposal by the units of its active assignment. Each rule is
tried as an attacker would: sequential file ids, other members, other units, page and API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengxie.proposals import queries, services
from zhengxie.proposals.models import Attachment, Proposal
from zhengxie.testing import api_read, page_read

from .conftest import at

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
DOC_NUMBER = "云教复〔2026〕3号"
RETURN_NOTE = "数据口径需与财政局核实"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _pdf(name="复文.pdf"):
    return SimpleUploadedFile(name, PDF)


def _sees_file(client_or_api, proposal, attachment) -> bool:
    """Whether the page download, tried by the file's sequential id, hands the file out."""
    response = client_or_api.get(f"/proposals/{proposal.pk}/files/{attachment.pk}/")
    assert response.status_code in (200, 404)
    return response.status_code == 200


def _api_sees_file(api, user, proposal, attachment) -> bool:
    api.login(user)
    response = api.get(f"/api/v1/proposals/{proposal.pk}/files/{attachment.pk}")
    assert response.status_code in (200, 404)
    listed = [f["id"] for f in api.get(f"/api/v1/proposals/{proposal.pk}").json()["files"]]
    assert (attachment.pk in listed) == (response.status_code == 200)
    return response.status_code == 200


def _post_file(client, api, path, upload, **data):
    """A multipart upload with the API token (the `api` fixture speaks JSON)."""
    return client.post(
        path, {"file": upload, **data}, headers={"Authorization": f"Bearer {api.token}"}
    )


def _docx_text(content: bytes) -> str:
    from io import BytesIO

    from docx import Document

    doc = Document(BytesIO(content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _page(login, user, proposal) -> str:
    return page_read(login(user), f"/proposals/{proposal.pk}/")


def _api_detail(api, user, proposal) -> dict:
    return api_read(api.login(user), f"/api/v1/proposals/{proposal.pk}")


def _release(cycle, proposal) -> Proposal:
    services.proposal_approve_reply(actor=cycle.unit, proposal=proposal, now=at(2026, 5, 7))
    return services.proposal_accept_reply(actor=cycle.staff, proposal=proposal, now=at(2026, 5, 8))


def test_pending_reply_file_is_hidden_from_members(cycle, login, api):
    proposal = cycle.pending()
    signed = services.attachment_add(
        actor=cycle.unit, proposal=proposal, upload=_pdf(), purpose="reply"
    )
    proposer, another = cycle.member, cycle.p.another.member.user
    for user in (proposer, another, cycle.co_unit):
        assert not _sees_file(login(user), proposal, signed)
    for user in (proposer, another):
        assert not _api_sees_file(api, user, proposal, signed)
        assert "复文.pdf" not in _page(login, user, proposal)
    for user in (cycle.staff, cycle.unit):
        assert _sees_file(login(user), proposal, signed)
        assert _api_sees_file(api, user, proposal, signed)
    _release(cycle, proposal)
    for user in (proposer, another):
        assert _sees_file(login(user), proposal, signed)
        assert _api_sees_file(api, user, proposal, signed)


def test_reply_file_uploaded_before_the_reply_waits_for_it(cycle, login):
    proposal = cycle.assigned()
    early = services.attachment_add(
        actor=cycle.unit, proposal=proposal, upload=_pdf(), purpose="reply"
    )
    assert early.reply is None
    assert not _sees_file(login(cycle.member), proposal, early)
    assert _sees_file(login(cycle.unit), proposal, early)
    cycle.contact(proposal)
    reply = services.proposal_reply(
        actor=cycle.unit, proposal=proposal, category="A", text="已落实。", now=at(2026, 5, 6)
    )
    early.refresh_from_db()
    assert early.reply == reply
    _release(cycle, proposal)
    assert _sees_file(login(cycle.member), proposal, early)


def test_a_returned_reply_takes_its_signed_file_along(cycle):
    proposal = cycle.pending()
    services.attachment_add(actor=cycle.unit, proposal=proposal, upload=_pdf(), purpose="reply")
    services.proposal_return_reply(actor=cycle.unit, proposal=proposal, reason=RETURN_NOTE)
    assert not Attachment.objects.filter(purpose="reply").exists()


def test_proposal_material_goes_wherever_the_proposal_goes(cycle, login, api):
    proposal = cycle.submitted()
    material = services.attachment_add(
        actor=cycle.member, proposal=proposal, upload=_pdf("调研材料.pdf"), purpose="proposal"
    )
    for user in (cycle.staff, cycle.member, cycle.p.another.member.user):
        assert _sees_file(login(user), proposal, material)
        assert _api_sees_file(api, user, proposal, material)
    assert "调研材料.pdf" in _page(login, cycle.p.another.member.user, proposal)


def test_pending_reply_details_are_hidden_from_the_proposer_until_released(cycle, login, api):
    proposal = cycle.pending()
    for user in (cycle.member, cycle.p.another.member.user):
        assert DOC_NUMBER not in _page(login, user, proposal)
        body = _api_detail(api, user, proposal)
        assert DOC_NUMBER not in str(body) and "A类" not in str(body)
        assert "reply" not in [s["action"] for s in body["history"]] and body["replies"] == []
    for user in (cycle.staff, cycle.unit):
        assert DOC_NUMBER in _page(login, user, proposal)
        assert "reply" in [s["action"] for s in _api_detail(api, user, proposal)["history"]]
    _release(cycle, proposal)
    assert DOC_NUMBER in _page(login, cycle.member, proposal)
    body = _api_detail(api, cycle.member, proposal)
    assert "reply" in [s["action"] for s in body["history"]]
    assert body["replies"][0]["doc_number"] == DOC_NUMBER


def test_unit_internal_return_note_is_never_shown_to_members(cycle, login, api):
    proposal = cycle.pending()
    services.proposal_return_reply(actor=cycle.unit, proposal=proposal, reason=RETURN_NOTE)
    services.proposal_reply(
        actor=cycle.unit,
        proposal=proposal,
        category="B",
        text="已列入计划。",
        doc_number="云教复〔2026〕4号",
        now=at(2026, 5, 6, 15, 0),
    )
    _release(cycle, proposal)
    for user in (cycle.member, cycle.p.another.member.user):
        assert RETURN_NOTE not in _page(login, user, proposal)
        body = _api_detail(api, user, proposal)
        assert RETURN_NOTE not in str(body)
        assert "return_reply" not in [s["action"] for s in body["history"]]
        # The reply that was returned never reaches them either, only the one released.
        assert DOC_NUMBER not in str(body) and "云教复〔2026〕4号" in str(body)
    for user in (cycle.staff, cycle.unit):
        assert RETURN_NOTE in _page(login, user, proposal)
        assert RETURN_NOTE in str(_api_detail(api, user, proposal)["history"])


def test_a_relief_request_stays_between_the_unit_and_the_committee(cycle, login, api):
    proposal = cycle.assigned()
    services.proposal_relieve(
        actor=cycle.unit, proposal=proposal, reason="职能已划转县农业局", now=at(2026, 3, 12)
    )
    for user in (cycle.member, cycle.p.another.member.user):
        assert "职能已划转" not in _page(login, user, proposal)
        assert "职能已划转" not in str(_api_detail(api, user, proposal))
    assert "职能已划转" in _page(login, cycle.staff, proposal)


def _relieved_and_reassigned(cycle) -> Proposal:
    proposal = cycle.assigned()
    services.proposal_relieve(
        actor=cycle.unit, proposal=proposal, reason="不属本单位职责", now=at(2026, 3, 12)
    )
    return services.proposal_reassign(
        actor=cycle.staff, proposal=proposal, from_unit=cycle.p.unit, to_unit=cycle.p.other_unit
    )


def test_relieved_unit_loses_the_proposal(cycle, login, api):
    proposal = _relieved_and_reassigned(cycle)
    cycle.contact(proposal, unit=cycle.co_unit)
    services.proposal_reply(
        actor=cycle.co_unit,
        proposal=proposal,
        category="A",
        text="水利局的答复草稿。",
        doc_number="云水复〔2026〕1号",
        now=at(2026, 5, 6),
    )
    draft_file = services.attachment_add(
        actor=cycle.co_unit, proposal=proposal, upload=_pdf(), purpose="reply"
    )
    old = login(cycle.unit)
    for path in ("", "form.docx", f"files/{draft_file.pk}/"):
        assert old.get(f"/proposals/{proposal.pk}/{path}").status_code == 404
    assert "不属本单位职责" not in old.get("/proposals/", {"all": "1"}).content.decode()
    assert proposal.title not in old.get("/proposals/", {"all": "1"}).content.decode()
    api.login(cycle.unit)
    assert api.get(f"/api/v1/proposals/{proposal.pk}").status_code == 404
    assert api.get(f"/api/v1/proposals/{proposal.pk}/files/{draft_file.pk}").status_code == 404
    assert proposal.pk not in [p["id"] for p in api.get("/api/v1/proposals").json()["items"]]
    assert "云水复" in _page(login, cycle.co_unit, proposal)


def test_unit_sees_only_its_own_draft_reply(cycle, login, api):
    proposal = cycle.assigned(co=True)
    services.proposal_co_opinion(actor=cycle.co_unit, proposal=proposal, text="同意主办意见")
    services.proposal_countersign(actor=cycle.co_unit, proposal=proposal)
    cycle.contact(proposal)
    services.proposal_reply(
        actor=cycle.unit,
        proposal=proposal,
        category="A",
        text="教育局的答复草稿。",
        doc_number=DOC_NUMBER,
        now=at(2026, 5, 6),
    )
    co_page = _page(login, cycle.co_unit, proposal)
    assert DOC_NUMBER not in co_page and "教育局的答复草稿" not in co_page
    body = _api_detail(api, cycle.co_unit, proposal)
    assert body["replies"] == [] and DOC_NUMBER not in str(body["history"])
    assert "教育局的答复草稿" in _page(login, cycle.unit, proposal)
    _release(cycle, proposal)
    assert "教育局的答复草稿" in _page(login, cycle.co_unit, proposal)


def test_a_unit_never_reads_a_proposal_of_another_round(cycle, login):
    proposal = cycle.assigned(co=True)
    services.proposal_co_opinion(actor=cycle.co_unit, proposal=proposal, text="同意")
    services.proposal_countersign(actor=cycle.co_unit, proposal=proposal)
    cycle.contact(proposal)
    services.proposal_reply(actor=cycle.unit, proposal=proposal, category="B", text="已列入计划。")
    proposal = _release(cycle, proposal)
    services.proposal_evaluate(
        actor=cycle.member, proposal=proposal, rating="unsatisfied", comment="未解决"
    )
    services.proposal_rehandle(actor=cycle.staff, proposal=proposal, reason="提案人不满意")
    assert login(cycle.co_unit).get(f"/proposals/{proposal.pk}/").status_code == 404
    assert login(cycle.unit).get(f"/proposals/{proposal.pk}/").status_code == 200
    assert list(queries.unit_inbox(cycle.co_unit)) == []
    assert list(queries.unit_inbox(cycle.unit)) == [proposal]
    notice = login(cycle.co_unit).get(f"/units/{cycle.p.other_unit.pk}/notice.docx")
    assert notice.status_code == 200
    assert proposal.title not in _docx_text(notice.content)


def test_draft_is_its_authors_alone(cycle, login, api):
    draft = cycle.submitted(submit=False, cosigner_ids=[cycle.p.standing.member.pk])
    material = services.attachment_add(
        actor=cycle.member, proposal=draft, upload=_pdf("草稿材料.pdf"), purpose="proposal"
    )
    chair = cycle.p.chair.member.user
    outsiders = [cycle.staff, chair, cycle.p.another.member.user, cycle.unit]
    for user in outsiders:
        client = login(user)
        for path in ("", "form.docx", f"files/{material.pk}/"):
            assert client.get(f"/proposals/{draft.pk}/{path}").status_code == 404
        assert draft.title not in client.get("/proposals/", {"all": "1"}).content.decode()
        api.login(user)
        assert api.get(f"/api/v1/proposals/{draft.pk}").status_code == 404
        assert draft.pk not in [p["id"] for p in api.get("/api/v1/proposals").json()["items"]]
        response = api.post(f"/api/v1/proposals/{draft.pk}/actions/submit")
        assert response.status_code == 404
    for author in (cycle.member, cycle.p.standing.member.user):
        assert login(author).get(f"/proposals/{draft.pk}/").status_code == 200
        assert _api_detail(api, author, draft)["state"] == "draft"
    services.proposal_submit(actor=cycle.member, proposal=draft)
    assert login(cycle.staff).get(f"/proposals/{draft.pk}/").status_code == 200


def test_members_attach_material_from_the_page(cycle, login):
    proposal = cycle.submitted()
    client = login(cycle.member)
    page = client.get(f"/proposals/{proposal.pk}/").content.decode()
    assert 'type="file"' in page and 'name="purpose" value="proposal"' in page
    response = client.post(
        f"/proposals/{proposal.pk}/attach/", {"file": _pdf("现场照片.pdf"), "purpose": "proposal"}
    )
    assert response.status_code == 302
    assert "现场照片.pdf" in client.get(f"/proposals/{proposal.pk}/").content.decode()
    other_page = _page(login, cycle.p.another.member.user, proposal)
    assert "现场照片.pdf" in other_page and 'type="file"' not in other_page


def test_unit_attaches_signed_reply_file(cycle, login, api):
    proposal = cycle.pending()
    client = login(cycle.unit)
    page = client.get(f"/proposals/{proposal.pk}/").content.decode()
    assert 'name="purpose" value="reply"' in page
    response = client.post(
        f"/proposals/{proposal.pk}/attach/", {"file": _pdf("盖章复文.pdf"), "purpose": "reply"}
    )
    assert response.status_code == 302
    signed = Attachment.objects.get(name="盖章复文.pdf")
    assert signed.reply == proposal.replies.get() and signed.purpose == "reply"
    assert "盖章复文.pdf" in client.get(f"/proposals/{proposal.pk}/").content.decode()
    api.login(cycle.unit)
    uploaded = _post_file(
        client,
        api,
        f"/api/v1/proposals/{proposal.pk}/files",
        _pdf("复文扫描件.pdf"),
        purpose="reply",
    )
    assert uploaded.status_code == 201, uploaded.content
    assert uploaded.json()["purpose"] == "reply"
    download = api.get(uploaded.json()["url"])
    assert b"".join(download.streaming_content) == PDF


def test_only_the_lead_unit_attaches_a_reply_file(cycle, client, api):
    proposal = cycle.pending()
    api.login(cycle.member)
    refused = _post_file(
        client, api, f"/api/v1/proposals/{proposal.pk}/files", _pdf(), purpose="reply"
    )
    assert refused.status_code == 403 and refused.json()["code"] == "attach_forbidden"
    api.login(cycle.co_unit)
    hidden = _post_file(client, api, f"/api/v1/proposals/{proposal.pk}/files", _pdf())
    assert hidden.status_code == 404


def test_members_attach_material_when_writing_a_proposal(cycle, login):
    client = login(cycle.member)
    page = client.get("/proposals/new/").content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="material"' in page
    fields = {"kind": "individual", "title": "关于改善城区停车的建议", "situation": "停车难。"}
    refused = client.post("/proposals/new/", {**fields, "material": _executable("病毒.exe")})
    assert refused.status_code == 200 and "只能上传" in refused.content.decode()
    assert not Proposal.objects.filter(title=fields["title"]).exists()
    client.post("/proposals/new/", {**fields, "material": _pdf("停车场选址.pdf")})
    proposal = Proposal.objects.get(title=fields["title"])
    assert [a.name for a in proposal.attachments.all()] == ["停车场选址.pdf"]
    assert "停车场选址.pdf" in _page(login, cycle.p.another.member.user, proposal)


def _executable(name):
    return SimpleUploadedFile(name, b"MZ\x90\x00")


def test_contacts_are_between_the_units_and_the_proposer(cycle, login, api):
    proposal = cycle.assigned(co=True)
    services.proposal_contact(
        actor=cycle.unit, proposal=proposal, mode="phone", note="提案人同意分两年实施"
    )
    for user in (cycle.member, cycle.staff, cycle.unit, cycle.co_unit):
        assert "提案人同意分两年实施" in _page(login, user, proposal)
        assert "提案人同意分两年实施" in str(_api_detail(api, user, proposal))
    another = cycle.p.another.member.user
    assert "提案人同意分两年实施" not in _page(login, another, proposal)
    body = _api_detail(api, another, proposal)
    assert body["contacts"] == [] and "提案人同意分两年实施" not in str(body)
