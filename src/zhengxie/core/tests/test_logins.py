"""Failed logins are counted per account and client address; the same rule for page and API."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from zhengxie.core import errors
from zhengxie.core.errors import ServiceError
from zhengxie.core.models import AuditEvent, LoginFailure, Notification, User
from zhengxie.core.services import (
    api_token_issue,
    api_token_resolve,
    login_failures_prune,
    user_authenticate,
    user_unlock,
)
from zhengxie.testing import PASSWORD


def _guess(user, ip, now, times=1, password="wrong-password"):
    codes = []
    for _ in range(times):
        with pytest.raises(ServiceError) as exc:
            user_authenticate(username=user.username, password=password, ip=ip, now=now)
        codes.append(exc.value.code)
    return codes


def _lock_by_ceiling(user, now, settings):
    for n in range(settings.LOGIN_ACCOUNT_CEILING):
        _guess(user, f"10.0.{n // 4}.{n % 4}", now)


def test_wrong_guesses_from_elsewhere_do_not_lock_the_owner_out(p):
    now = timezone.now()
    _guess(p.security, "203.0.113.7", now, times=10)
    owner = user_authenticate(
        username=p.security.username, password=PASSWORD, ip="192.168.1.20", now=now
    )
    assert owner == p.security


def test_guessing_is_bounded_per_account_and_address(p):
    now = timezone.now()
    codes = _guess(p.staff, "203.0.113.7", now, times=7)
    assert codes == ["login_failed"] * 4 + ["login_throttled"] * 3
    # Blocked addresses are not even asked for the password: the right one fails too.
    _guess(p.staff, "203.0.113.7", now, password=PASSWORD)
    assert LoginFailure.objects.filter(username=p.staff.username).count() == 5
    later = now + timedelta(minutes=16)
    user_authenticate(username=p.staff.username, password=PASSWORD, ip="203.0.113.7", now=later)


def test_unknown_usernames_are_throttled_like_known_ones(db):
    now = timezone.now()
    codes = []
    for _ in range(6):
        with pytest.raises(ServiceError) as exc:
            user_authenticate(username="nobody", password="x", ip="203.0.113.7", now=now)
        codes.append(exc.value.code)
    assert codes == ["login_failed"] * 4 + ["login_throttled"] * 2


def test_overall_ceiling_locks_the_account_across_addresses(p, settings):
    now = timezone.now()
    key = api_token_issue(user=p.staff, now=now)
    _lock_by_ceiling(p.staff, now, settings)
    assert _guess(p.staff, "192.168.1.20", now, password=PASSWORD) == [errors.ACCOUNT_LOCKED.code]
    assert AuditEvent.objects.filter(action="auth.lockout", object_id=str(p.staff.pk)).exists()
    assert Notification.objects.filter(recipient=p.security, link__contains=str(p.staff.pk))
    assert api_token_resolve(key=key, now=now) is None


def test_security_admin_can_always_unlock(p, settings):
    now = timezone.now()
    _lock_by_ceiling(p.staff, now, settings)
    user_unlock(actor=p.security, user=User.objects.get(pk=p.staff.pk), now=now)
    assert user_authenticate(username=p.staff.username, password=PASSWORD, ip="10.0.0.0", now=now)
    # The security administrator's own account: the server's command line unlocks it.
    _lock_by_ceiling(p.security, now, settings)
    call_command("account", "unlock", p.security.username)
    assert user_authenticate(username=p.security.username, password=PASSWORD, now=now)
    assert AuditEvent.objects.filter(action="user.unlock", object_id=str(p.security.pk)).exists()


def test_page_and_api_share_one_login_rule(p, client):
    for _ in range(3):
        client.post("/login/", {"username": p.plain.member.user.username, "password": "x"})
    for _ in range(2):
        response = client.post(
            "/api/v1/auth/token",
            {"username": p.plain.member.user.username, "password": "x"},
            content_type="application/json",
        )
    assert response.status_code == 429
    assert response.json()["code"] == errors.LOGIN_THROTTLED.code
    page = client.post("/login/", {"username": p.plain.member.user.username, "password": PASSWORD})
    assert "登录失败次数过多" in page.content.decode()


def test_page_login_counts_by_client_address(p, client):
    for _ in range(5):
        client.post(
            "/login/", {"username": p.staff.username, "password": "x"}, REMOTE_ADDR="203.0.113.7"
        )
    response = client.post(
        "/login/", {"username": p.staff.username, "password": PASSWORD}, REMOTE_ADDR="10.1.1.1"
    )
    assert response.status_code == 302


def test_client_address_comes_from_the_trusted_proxy_header_only_when_configured(
    p, client, settings
):
    headers = {"HTTP_X_REAL_IP": "198.51.100.4"}
    client.post("/login/", {"username": p.staff.username, "password": "x"}, **headers)
    assert LoginFailure.objects.get().ip == "127.0.0.1"
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    client.post("/login/", {"username": p.staff.username, "password": "x"}, **headers)
    assert LoginFailure.objects.filter(ip="198.51.100.4").count() == 1


def test_old_login_failures_are_pruned(p):
    now = timezone.now()
    _guess(p.staff, "203.0.113.7", now - timedelta(days=2))
    _guess(p.staff, "203.0.113.7", now)
    assert login_failures_prune(now=now) == 1
    assert LoginFailure.objects.count() == 1
