from zhengxie.core import roles
from zhengxie.core.models import AuditEvent, User
from zhengxie.members import services
from zhengxie.members.models import HandlingUnit


def test_staff_add_a_handling_unit(p, login):
    response = login(p.staff).post(
        "/units/",
        {"name": "县商务局", "kind": "government", "contact_name": "张科长", "contact_phone": ""},
    )
    assert response.status_code == 302
    assert HandlingUnit.objects.filter(committee=p.committee, name="县商务局").exists()


def test_duplicate_unit_names_are_refused_in_chinese(p, login):
    page = login(p.staff).post("/units/", {"name": "县教育局", "kind": "government"})
    assert "已有同名的承办单位" in page.content.decode()
    assert HandlingUnit.objects.filter(name="县教育局", committee=p.committee).count() == 1


def test_units_cannot_add_units(p, login):
    response = login(p.unit_user).post("/units/", {"name": "县商务局", "kind": "government"})
    assert response.status_code == 403


def test_staff_rename_and_disable_a_unit(p, login):
    client = login(p.staff)
    client.post(f"/units/{p.other_unit.pk}/", {"name": "县水务局", "kind": "government"})
    client.post(f"/units/{p.other_unit.pk}/active/", {"active": "0"})
    unit = HandlingUnit.objects.get(pk=p.other_unit.pk)
    assert unit.name == "县水务局" and not unit.is_active
    rows = client.get("/units/").content.decode().split("<tbody>")[1]
    assert "县水务局" not in rows
    assert AuditEvent.objects.filter(action="unit.update", object_id=str(unit.pk)).count() == 2


def test_system_administrator_creates_a_unit_account_bound_to_its_unit(p, login):
    data = {
        "username": "jyj2",
        "display_name": "教育局审核人",
        "password": "unit-pass-2026",
        "unit": p.unit.pk,
        "is_approver": "on",
    }
    assert login(p.staff).post("/accounts/unit/new/", data).status_code == 403
    assert login(p.sysadmin).post("/accounts/unit/new/", data).status_code == 302
    user = User.objects.get(username="jyj2")
    assert user.roles == {roles.UNIT}
    assert user.unit_account.unit == p.unit and user.unit_account.is_approver
    page = login(p.staff).get(f"/units/{p.unit.pk}/").content.decode()
    assert "教育局审核人" in page and "jyj2" not in page


def test_unit_page_hides_usernames_from_non_administrators(p, login, api):
    services.unit_account_create(
        actor=None,
        unit=p.unit,
        username="jyj-handler-7",
        password="x-pass-2026",
        display_name="赵经办",
    )
    readers = [p.staff, p.chair.member.user, p.plain.member.user, p.unit_user, p.other_unit_user]
    for user in readers:
        assert "jyj-handler-7" not in login(user).get(f"/units/{p.unit.pk}/").content.decode()
        api.login(user)
        assert "jyj-handler-7" not in api.get("/api/v1/units").content.decode()
    for user in (p.staff, p.unit_user):
        assert "赵经办" in login(user).get(f"/units/{p.unit.pk}/").content.decode()
    for user in (p.plain.member.user, p.other_unit_user):
        assert "赵经办" not in login(user).get(f"/units/{p.unit.pk}/").content.decode()
    assert "jyj-handler-7" in login(p.sysadmin).get("/accounts/").content.decode()
