"""三员分立 for passwords: a reset sets a one-time password; an administrator's reset needs a
second administrator; the holder is told."""

import pytest

from zhengxie.core import errors
from zhengxie.core.errors import ServiceError
from zhengxie.core.models import AuditEvent, Notification, PasswordReset, User
from zhengxie.core.services import (
    api_token_issue,
    password_reset_confirm,
    password_reset_refuse,
    password_reset_request,
    user_authenticate,
    user_change_password,
)
from zhengxie.testing import PASSWORD


def _fresh(user):
    return User.objects.get(pk=user.pk)


def test_admin_password_reset_needs_a_second_administrator(p):
    outcome = password_reset_request(actor=p.security, user=p.auditor)
    assert outcome.one_time_password == ""
    assert outcome.reset.state == PasswordReset.State.PENDING
    # Nothing changed yet: the auditor's own password still works, no one-time one exists.
    assert user_authenticate(username=p.auditor.username, password=PASSWORD)
    assert not _fresh(p.auditor).must_change_password
    assert Notification.objects.filter(recipient=p.sysadmin, link="/accounts/resets/").exists()
    with pytest.raises(ServiceError) as exc:
        password_reset_confirm(actor=p.security, reset=outcome.reset)  # the requester
    assert exc.value.code == errors.RESET_CONFIRMER.code
    with pytest.raises(ServiceError):
        password_reset_confirm(actor=p.auditor, reset=outcome.reset)  # the holder
    with pytest.raises(ServiceError):
        password_reset_confirm(actor=p.staff, reset=outcome.reset)  # not an administrator
    confirmed = password_reset_confirm(actor=p.sysadmin, reset=outcome.reset)
    assert confirmed.one_time_password
    assert user_authenticate(username=p.auditor.username, password=confirmed.one_time_password)
    event = AuditEvent.objects.get(action="user.password_reset")
    assert event.after == {"requested_by": str(p.security), "confirmed_by": str(p.sysadmin)}


@pytest.mark.parametrize("target", ["sysadmin", "auditor"])
def test_security_admin_alone_cannot_take_over_another_administrator(p, login, target):
    admin = getattr(p, target)
    response = login(p.security).post(f"/accounts/{admin.pk}/password/")
    assert response.status_code == 302
    assert "须另一名管理员确认" in login(p.security).get(response["Location"]).content.decode()
    assert _fresh(admin).check_password(PASSWORD)
    reset = PasswordReset.objects.get(user=admin)
    page = login(p.security).post(f"/accounts/resets/{reset.pk}/confirm/", follow=True)
    assert "管理员账号的密码重置须由申请人和本人以外" in page.content.decode()
    assert _fresh(admin).check_password(PASSWORD)


def test_second_administrator_confirms_from_the_resets_page(p, login):
    reset = password_reset_request(actor=p.security, user=p.auditor).reset
    client = login(p.sysadmin)
    listing = client.get("/accounts/resets/")
    assert "确认重置" in listing.content.decode() and p.auditor.username in listing.content.decode()
    response = client.post(f"/accounts/resets/{reset.pk}/confirm/")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert "只显示这一次" in response.content.decode()
    assert _fresh(p.auditor).must_change_password
    assert client.post(f"/accounts/resets/{reset.pk}/confirm/").status_code == 404  # done
    assert login(p.staff).get("/accounts/resets/").status_code == 403


def test_a_refused_admin_reset_changes_nothing(p):
    reset = password_reset_request(actor=p.security, user=p.sysadmin).reset
    password_reset_refuse(actor=p.auditor, reset=reset)
    assert _fresh(p.sysadmin).check_password(PASSWORD)
    assert Notification.objects.filter(recipient=p.security, title__contains="未获确认").exists()
    assert PasswordReset.objects.get().state == PasswordReset.State.REFUSED


def test_one_pending_reset_per_account(p):
    password_reset_request(actor=p.security, user=p.auditor)
    with pytest.raises(ServiceError) as exc:
        password_reset_request(actor=p.security, user=p.auditor)
    assert exc.value.code == errors.RESET_PENDING.code


def test_no_one_resets_their_own_password(p):
    with pytest.raises(ServiceError) as exc:
        password_reset_request(actor=p.security, user=p.security)
    assert exc.value.code == errors.RESET_SELF.code


def test_business_account_reset_gives_a_one_time_password_at_once(p, login):
    response = login(p.security).post(f"/accounts/{p.staff.pk}/password/")
    assert response.status_code == 200 and "一次性密码" in response.content.decode()
    assert _fresh(p.staff).must_change_password


def test_one_time_password_must_be_changed_at_first_login(p, client):
    one_time = password_reset_request(actor=p.security, user=p.staff).one_time_password
    response = client.post("/login/", {"username": p.staff.username, "password": one_time})
    assert response["Location"] == "/password/"
    for path in ("/", "/members/", "/proposals/"):
        assert client.get(path)["Location"] == "/password/"
    form = {"current": one_time, "new": "my-own-password-7", "repeat": "my-own-password-7"}
    assert client.post("/password/", form)["Location"] == "/"
    assert client.get("/").status_code == 200  # the session survives its own password change
    assert not _fresh(p.staff).must_change_password
    assert user_authenticate(username=p.staff.username, password="my-own-password-7")


def test_one_time_password_gets_no_api_token(p, client):
    one_time = password_reset_request(actor=p.security, user=p.staff).one_time_password
    response = client.post(
        "/api/v1/auth/token",
        {"username": p.staff.username, "password": one_time},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == errors.PASSWORD_CHANGE_REQUIRED.code
    with pytest.raises(ServiceError):
        api_token_issue(user=_fresh(p.staff))


def test_the_holder_is_told_of_a_reset(p, django_capture_on_commit_callbacks):
    from django.core import mail

    User.objects.filter(pk=p.auditor.pk).update(email="auditor@example.cn")
    reset = password_reset_request(actor=p.security, user=_fresh(p.auditor)).reset
    with django_capture_on_commit_callbacks(execute=True):
        password_reset_confirm(actor=p.sysadmin, reset=reset)
    told = Notification.objects.get(recipient=p.auditor, title="您的登录密码已被重置")
    assert str(p.security) in told.body and str(p.sysadmin) in told.body
    assert [m.to for m in mail.outbox if m.subject == told.title] == [["auditor@example.cn"]]


def test_changing_ones_password_needs_the_current_one(p, login):
    with pytest.raises(ServiceError) as exc:
        user_change_password(user=p.staff, current="wrong", new="my-own-password-7")
    assert exc.value.code == errors.WRONG_PASSWORD.code
    form = {"current": PASSWORD, "new": "short", "repeat": "short"}
    response = login(p.staff).post("/password/", form)
    assert "密码至少10位" in response.content.decode()
    form = {"current": PASSWORD, "new": "my-own-password-7", "repeat": "other-password-7"}
    assert "两次输入的新密码不一致" in login(p.staff).post("/password/", form).content.decode()


def test_changing_ones_password_counts_wrong_guesses_like_logins(p):
    for _ in range(4):
        with pytest.raises(ServiceError) as exc:
            user_change_password(user=p.staff, current="wrong", new="my-own-password-7")
        assert exc.value.code == errors.WRONG_PASSWORD.code
    with pytest.raises(ServiceError) as exc:
        user_change_password(user=p.staff, current="wrong", new="my-own-password-7")
    assert exc.value.code == errors.LOGIN_THROTTLED.code  # the fifth wrong guess
    with pytest.raises(ServiceError) as exc:  # now even the right one waits
        user_change_password(user=p.staff, current=PASSWORD, new="my-own-password-7")
    assert exc.value.code == errors.LOGIN_THROTTLED.code
