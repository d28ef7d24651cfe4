"""Each piece of a 社情民意 item has an audience: the office's edits and notes stay in the
office until released, files are the authors' and the office's, a unit reads only its own
instruction, and a parent committee only the copy forwarded to it."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengxie.opinions import services
from zhengxie.testing import api_read, page_read

from .conftest import second_staff

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
EDITED = "编辑后的正文。"
ORIGINAL = "家长反映"
FLAG_NOTE = "涉及未公开的统计数据"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _flagged(flow):
    item = flow.submitted()
    material = services.opinion_attach(
        actor=flow.member, opinion=item, upload=SimpleUploadedFile("现场照片.pdf", PDF)
    )
    item = services.opinion_accept(actor=flow.staff, opinion=item, edited_text=EDITED)
    item = services.opinion_flag(actor=flow.reviewer, opinion=item, reason=FLAG_NOTE)
    return item, material


def _page(login, user, item) -> str:
    return page_read(login(user), f"/opinions/{item.pk}/")


def _api(api, user, item) -> dict:
    return api_read(api.login(user), f"/api/v1/opinions/{item.pk}")


def test_office_edits_and_notes_are_hidden_from_authors(flow, login, api):
    item, _ = _flagged(flow)
    page = _page(login, flow.member, item)
    assert FLAG_NOTE not in page and "敏感" not in page and EDITED not in page
    assert "接收编辑" not in page and ORIGINAL in page
    body = _api(api, flow.member, item)
    assert FLAG_NOTE not in str(body) and EDITED not in str(body)
    assert body["sensitive"] is None and body["sensitive_reason"] == ""
    assert [s["action"] for s in body["history"]] == ["submit"]
    listed = api.get("/api/v1/opinions").json()["items"]
    assert [o["sensitive"] for o in listed] == [None]
    office = _page(login, flow.staff, item)
    assert FLAG_NOTE in office and EDITED in office
    assert {"accept", "flag"} <= {s["action"] for s in _api(api, flow.staff, item)["history"]}
    item = services.opinion_approve(actor=flow.reviewer, opinion=item)
    page = _page(login, flow.member, item)
    assert EDITED in page and FLAG_NOTE not in page
    assert _api(api, flow.member, item)["text"] == EDITED


def test_unit_reads_only_its_own_instruction_and_not_the_files(p, flow, login, api):
    item, material = _flagged(flow)
    item = services.opinion_approve(actor=flow.reviewer, opinion=item)
    for unit, text in ((p.unit, "请县教育局落实护学岗。"), (p.other_unit, "请县水利局排查积水。")):
        services.opinion_instruct(
            actor=flow.staff,
            opinion=item,
            leader="县委书记 赵某",
            text=text,
            unit=unit,
            given_on=date(2026, 11, 2),
        )
    page = _page(login, p.unit_user, item)
    assert "请县教育局落实护学岗" in page and "请县水利局排查积水" not in page
    assert EDITED in page and ORIGINAL not in page and "现场照片.pdf" not in page
    file_url = f"/opinions/{item.pk}/files/{material.pk}/"
    assert login(p.unit_user).get(file_url).status_code == 404
    body = _api(api, p.unit_user, item)
    assert [i["text"] for i in body["instructions"]] == ["请县教育局落实护学岗。"]
    assert body["original_text"] == "" and FLAG_NOTE not in str(body)
    assert login(flow.member).get(file_url).status_code == 200
    assert login(flow.staff).get(file_url).status_code == 200


def test_parent_committee_sees_only_what_was_forwarded(p, parent, flow, login, api):
    item, material = _flagged(flow)
    item = services.opinion_approve(actor=flow.reviewer, opinion=item)
    copy = services.opinion_forward(actor=flow.staff, opinion=item, to="parent").copy
    for user in (parent.staff, second_staff(parent), parent.chair.member.user):
        client = login(user)
        assert client.get(f"/opinions/{item.pk}/").status_code == 404
        assert client.get(f"/opinions/{item.pk}/files/{material.pk}/").status_code == 404
        assert client.get(f"/opinions/{copy.pk}/files/{material.pk}/").status_code == 404
        assert api.login(user).get(f"/api/v1/opinions/{item.pk}").status_code == 404
    page = _page(login, parent.staff, copy)
    assert EDITED in page and ORIGINAL not in page
    assert FLAG_NOTE not in page and "现场照片.pdf" not in page
    body = _api(api, parent.staff, copy)
    assert body["text"] == EDITED and FLAG_NOTE not in str(body) and ORIGINAL not in str(body)


def test_authors_are_never_told_the_editors_working_title(flow):
    from zhengxie.core.models import Notification

    item = services.opinion_accept(
        actor=flow.staff, opinion=flow.submitted(), edited_title="编辑拟定的标题"
    )
    services.opinion_return(actor=flow.staff, opinion=item, reason="请补充具体路段")
    told = Notification.objects.filter(recipient=flow.member).values_list("title", "body")
    assert told and not any("编辑拟定的标题" in t + b for t, b in told)
