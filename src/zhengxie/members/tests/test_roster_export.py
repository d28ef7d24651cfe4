"""The roster export masks ID numbers; the full file is for staff with a reason, audited."""

from io import BytesIO

from openpyxl import load_workbook

from zhengxie.core.models import AuditEvent


def _rows(response):
    return list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))


def _id_numbers(response) -> dict:
    rows = _rows(response)
    column = rows[0].index("身份证号")
    return {row[1]: row[column] for row in rows[1:]}


def test_roster_export_masks_id_numbers(p, login):
    for reader in (p.staff, p.chair.member.user, p.plain.member.user):
        ids = _id_numbers(login(reader).get("/members/", {"format": "xlsx"}))
        assert ids["王常委"] == "1101**********0017"
        assert "110105196001010017" not in ids.values()


def test_full_roster_export_needs_a_reason_and_is_audited(p, login):
    client = login(p.staff)
    refused = client.post("/members/export/", {"reason": ""}, follow=True)
    assert "须写明用途" in refused.content.decode()
    assert not AuditEvent.objects.filter(action="member.export_full").exists()
    query = f"sector={p.education.pk}"
    response = client.post("/members/export/", {"reason": "报送换届考察材料", "query": query})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert _id_numbers(response) == {"李委员": "110105197001010011", "丁委员": "110105198001010016"}
    event = AuditEvent.objects.get(action="member.export_full")
    assert event.actor == p.staff
    assert event.after == {
        "reason": "报送换届考察材料",
        "rows": 2,
        "filters": {"sector": str(p.education.pk)},
    }


def test_only_staff_take_the_full_roster(p, login):
    for reader in (p.chair.member.user, p.plain.member.user, p.unit_user, p.security):
        response = login(reader).post("/members/export/", {"reason": "报送换届考察材料"})
        assert response.status_code == 403
    assert login(p.staff).get("/members/export/").status_code == 405
    assert not AuditEvent.objects.filter(action="member.export_full").exists()


def test_directory_offers_the_full_export_to_staff_only(p, login):
    assert "导出含完整身份证号的名册" in login(p.staff).get("/members/").content.decode()
    page = login(p.plain.member.user).get("/members/").content.decode()
    assert "导出含完整身份证号的名册" not in page
