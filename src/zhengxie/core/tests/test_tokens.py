"""API tokens: revocation, absolute lifetime, and death on lockout, disablement, new password."""

from datetime import timedelta

from django.utils import timezone

from zhengxie.core.models import ApiToken, User
from zhengxie.core.services import (
    api_token_issue,
    api_token_resolve,
    password_reset_request,
    user_change_password,
    user_set_active,
)
from zhengxie.testing import PASSWORD


def _me(client, key):
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"})


def test_revoked_token_stops_working(p, api, client):
    api.login(p.staff)
    assert api.get("/api/v1/me").status_code == 200
    response = client.delete("/api/v1/auth/token", headers={"Authorization": f"Bearer {api.token}"})
    assert response.status_code == 204
    assert api.get("/api/v1/me").status_code == 401
    assert not ApiToken.objects.exists()


def test_revoke_needs_a_valid_token(p, client):
    response = client.delete("/api/v1/auth/token", headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 401
    assert response.json()["code"] == "token_invalid"


def test_page_logout_revokes_the_sessions_tokens(p, client):
    client.post("/login/", {"username": p.staff.username, "password": PASSWORD})
    credentials = {"username": p.staff.username, "password": PASSWORD}
    response = client.post("/api/v1/auth/token", credentials, content_type="application/json")
    in_session = response.json()["token"]
    elsewhere = api_token_issue(user=p.staff)
    client.post("/logout/")
    assert _me(client, in_session).status_code == 401
    assert _me(client, elsewhere).status_code == 200


def test_token_dies_after_its_absolute_lifetime(p):
    # Used a minute ago, it never idles out, but it ends after 30 days all the same.
    start = timezone.now()
    key = api_token_issue(user=p.staff, now=start)
    day_29, day_30 = start + timedelta(days=29), start + timedelta(days=30, minutes=1)
    ApiToken.objects.update(last_used_at=day_29 - timedelta(minutes=1))
    assert api_token_resolve(key=key, now=day_29) == p.staff
    ApiToken.objects.update(last_used_at=day_30 - timedelta(minutes=1))
    assert api_token_resolve(key=key, now=day_30) is None


def test_token_lifetime_is_configurable(p, settings):
    settings.API_TOKEN_MAX_AGE_DAYS = 1
    start = timezone.now()
    key = api_token_issue(user=p.staff, now=start)
    ApiToken.objects.update(last_used_at=start + timedelta(days=1))
    assert api_token_resolve(key=key, now=start + timedelta(days=1, minutes=2)) is None


def test_token_dies_after_password_change(p):
    key = api_token_issue(user=p.staff)
    user_change_password(user=p.staff, current=PASSWORD, new="another-password-9")
    assert api_token_resolve(key=key) is None


def test_token_dies_after_a_password_reset(p):
    key = api_token_issue(user=p.staff)
    password_reset_request(actor=p.security, user=p.staff)
    assert api_token_resolve(key=key) is None


def test_token_dies_after_a_password_change_by_any_path(p):
    key = api_token_issue(user=p.staff)
    user = User.objects.get(pk=p.staff.pk)
    user.set_password("another-password-9")
    user.save()
    assert api_token_resolve(key=key) is None


def test_token_dies_after_disablement(p):
    key = api_token_issue(user=p.staff)
    user_set_active(actor=p.sysadmin, user=p.staff, active=False)
    assert api_token_resolve(key=key) is None


def test_token_dies_after_lockout(p):
    key = api_token_issue(user=p.staff)
    User.objects.filter(pk=p.staff.pk).update(locked_until=timezone.now() + timedelta(hours=1))
    assert api_token_resolve(key=key) is None


def test_a_path_under_the_api_that_no_operation_serves_answers_the_api_404(api, client, p):
    for answer in (
        api.login(p.staff).get("/api/v1/nonexistent"),
        client.post("/api/v1/nonexistent/1", {}, content_type="application/json"),
    ):
        assert answer.status_code == 404
        assert answer.json() == {"detail": "未找到相关内容。", "code": "not_found"}
