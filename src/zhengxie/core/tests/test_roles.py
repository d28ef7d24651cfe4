"""三员分立 and role checks, through the pages and the API."""

import pytest

from zhengxie.core import errors, roles
from zhengxie.core.errors import ServiceError
from zhengxie.core.models import User
from zhengxie.core.services import user_set_roles


@pytest.mark.parametrize(
    "combination",
    [
        {roles.AUDITOR, roles.STAFF},
        {roles.SYSTEM_ADMIN, roles.SECURITY_ADMIN},
        {roles.SECURITY_ADMIN, roles.MEMBER},
    ],
)
def test_administrators_hold_one_administrative_role_and_no_business_role(p, combination):
    with pytest.raises(ServiceError) as exc:
        user_set_roles(actor=p.security, user=p.staff, role_names=combination)
    assert exc.value.code == errors.ROLE_CONFLICT.code
    assert User.objects.get(pk=p.staff.pk).roles == {roles.STAFF}


def test_business_roles_may_combine(p):
    user_set_roles(actor=p.security, user=p.staff, role_names={roles.STAFF, roles.LEADER})
    assert User.objects.get(pk=p.staff.pk).roles == {roles.STAFF, roles.LEADER}


@pytest.mark.parametrize("persona", ["staff", "sysadmin", "security", "unit_user"])
def test_business_roles_and_other_administrators_cannot_read_the_audit_trail(p, login, persona):
    client = login(getattr(p, persona))
    assert client.get("/audit/").status_code == 403
    assert client.post("/audit/verify/").status_code == 403


def test_members_cannot_read_the_audit_trail(p, login):
    assert login(p.plain.member.user).get("/audit/").status_code == 403


@pytest.mark.parametrize(
    "path", ["/members/", "/organisation/", "/units/", "/members/import/", "/organisation/liaison/"]
)
def test_auditor_cannot_see_or_change_business_data(p, login, path):
    client = login(p.auditor)
    assert client.get(path).status_code == 403
    assert client.post(path).status_code in (403, 405)


def test_auditor_cannot_use_the_business_api(p, api):
    api.login(p.auditor)
    assert api.get("/api/v1/members").status_code == 403
    assert api.get("/api/v1/units").json()["code"] == "forbidden"


def test_only_the_security_administrator_grants_roles(p, login):
    response = login(p.sysadmin).post(f"/accounts/{p.staff.pk}/roles/", {"roles": ["auditor"]})
    assert response.status_code == 403
    response = login(p.security).post(
        f"/accounts/{p.another.member.user_id}/roles/", {"roles": [roles.MEMBER, roles.LEADER]}
    )
    assert response.status_code == 302
    assert User.objects.get(pk=p.another.member.user_id).roles == {roles.MEMBER, roles.LEADER}


def test_only_the_system_administrator_creates_accounts(p, login):
    data = {"username": "clerk", "display_name": "新同事", "password": "clerk-pass-2026"}
    assert login(p.security).post("/accounts/new/", data).status_code == 403
    assert login(p.sysadmin).post("/accounts/new/", data).status_code == 302
    created = User.objects.get(username="clerk")
    assert created.roles == frozenset() and created.committee == p.committee


def test_staff_cannot_manage_accounts(p, login):
    assert login(p.staff).get("/accounts/").status_code == 403


def test_account_pages_stay_within_the_committee(p, other, login):
    assert login(p.security).get(f"/accounts/{other.staff.pk}/").status_code == 404


def test_system_administrator_disables_an_account(p, login):
    login(p.sysadmin).post(f"/accounts/{p.staff.pk}/active/", {"active": "0"})
    assert not User.objects.get(pk=p.staff.pk).is_active


@pytest.mark.parametrize("persona", ["staff", "sysadmin", "security", "auditor", "unit_user"])
def test_every_role_gets_a_home_page(p, login, persona):
    assert login(getattr(p, persona)).get("/").status_code == 200


def test_member_home_shows_who_keeps_in_touch(p, login):
    page = login(p.plain.member.user).get("/").content.decode()
    assert "王常委" in page and "城关镇政协委员联络工作站" in page


def test_wrong_method_is_refused(p, login):
    assert login(p.staff).get("/logout/").status_code == 405
    assert login(p.auditor).get("/audit/verify/").status_code == 405


def test_nobody_changes_their_own_roles(p):
    with pytest.raises(ServiceError) as exc:
        user_set_roles(actor=p.security, user=p.security, role_names={roles.AUDITOR})
    assert exc.value.code == errors.ROLE_SELF.code


def test_account_list_exports_for_administrators(p, login):
    response = login(p.security).get("/accounts/", {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert login(p.staff).get("/accounts/", {"format": "xlsx"}).status_code == 403
