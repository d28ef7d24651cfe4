"""Logins (failures counted per account and client address), unlocking, API tokens."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from .. import errors, roles
from ..audit import audit_log
from ..errors import ServiceError
from ..middleware import current_ip
from ..models import (
    ApiToken,
    LoginFailure,
    User,
)
from .notifications import notify


def user_unlock(*, actor: User | None, user: User, now: datetime | None = None) -> None:
    """Lifts the account's lock and forgets its failures from every address."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        before = {"locked_until": user.locked_until, "failures": _recent_failures(user, now)}
        user.locked_until = None
        user.save(update_fields=["locked_until"])
        LoginFailure.objects.filter(username=user.username).delete()
        audit_log(
            actor=actor,
            action="user.unlock",
            target=user,
            committee=user.committee,
            before=before,
            after={"locked_until": None, "failures": 0},
            now=now,
        )


def _recent_failures(user: User, now: datetime) -> int:
    since = now - timedelta(hours=settings.LOGIN_ACCOUNT_WINDOW_HOURS)
    return LoginFailure.objects.filter(username=user.username, at__gt=since).count()


def _address_blocked(username: str, ip: str, now: datetime) -> bool:
    since = now - timedelta(minutes=settings.LOGIN_WINDOW_MINUTES)
    tries = LoginFailure.objects.filter(username=username, ip=ip, at__gt=since).count()
    return tries >= settings.LOGIN_TRIES_PER_ADDRESS


def _lock_account(user: User, now: datetime) -> None:
    user.locked_until = now + timedelta(hours=settings.LOGIN_ACCOUNT_WINDOW_HOURS)
    user.save(update_fields=["locked_until"])
    ApiToken.objects.filter(user=user).delete()
    security = User.objects.filter(
        groups__name=roles.SECURITY_ADMIN, committee=user.committee, is_active=True
    )
    notify(
        recipients=security,
        title=f"账号 {user.username} 因登录失败次数过多已被锁定",
        body="请核实后在账号管理中解除锁定。",
        link=f"/accounts/{user.pk}/",
        now=now,
    )


def _record_failed_login(user: User | None, username: str, ip: str, now: datetime):
    """Counts the failure; returns the problem to answer with."""
    LoginFailure.objects.create(username=username[:150], ip=ip, at=now)
    if user is None:
        audit_log(actor=None, actor_label=username[:80], action="auth.failed_unknown", now=now)
        locked = False
    else:
        locked = _recent_failures(user, now) >= settings.LOGIN_ACCOUNT_CEILING
        if locked:
            _lock_account(user, now)
        action = "auth.lockout" if locked else "auth.failed"
        audit_log(actor=None, actor_label=user.username, action=action, target=user, now=now)
    if locked:
        return errors.ACCOUNT_LOCKED
    return errors.LOGIN_THROTTLED if _address_blocked(username, ip, now) else errors.LOGIN_FAILED


def password_recheck_problem(user: User, matches: bool, *, now: datetime):
    """A password asked for again (to change it) is counted like a login, so that a taken-over
    session cannot guess the password without bound. `matches` is the argon2 check, made
    before the caller's write lock (see user_authenticate). None when it may go on."""
    ip = current_ip()
    if _address_blocked(user.username, ip, now):
        return errors.LOGIN_THROTTLED
    if matches:
        return None
    problem = _record_failed_login(user, user.username, ip, now)
    return errors.WRONG_PASSWORD if problem == errors.LOGIN_FAILED else problem


def _password_matches(username: str, password: str, ip: str, now: datetime) -> bool:
    """The argon2 check, skipped (False) where the login is refused before it. Unknown
    usernames cost the same as known ones: no probing for who has an account."""
    user = User.objects.filter(username=username).first()
    if _address_blocked(username, ip, now) or (user is not None and user.is_locked(now)):
        return False
    if user is None:
        User().set_password(password)
        return False
    return user.check_password(password)


def _login_problem(user: User | None, username: str, matches: bool, ip: str, now: datetime):
    """Why this login fails (recording the failure), or None when it succeeds; decided again
    under the row lock, since a concurrent guess may have locked the account meanwhile."""
    if _address_blocked(username, ip, now):
        return errors.LOGIN_THROTTLED
    if user is None:
        return _record_failed_login(None, username, ip, now)
    if user.is_locked(now):
        return errors.ACCOUNT_LOCKED
    if not matches:
        return _record_failed_login(user, username, ip, now)
    if not user.is_active:
        return errors.ACCOUNT_DISABLED
    return None


def user_authenticate(
    *, username: str, password: str, ip: str | None = None, now: datetime | None = None
) -> User:
    """Check a login, the same rule for the page and the API: failures are counted per
    account and client address (settings.LOGIN_*), so guessing is bounded while a stranger's
    wrong guesses do not lock the owner out.

    Failures are committed before the error is raised, so they count even though the
    caller sees an exception. The user row is locked so concurrent guesses count one by one.
    The password is hashed before that lock: argon2 takes tens of milliseconds, and on SQLite
    the transaction holds the database's only write lock, which every check-in waits for."""
    now = now or timezone.now()
    ip = current_ip() if ip is None else ip
    matches = _password_matches(username, password, ip, now)
    with transaction.atomic(durable=True):
        # Parallel guesses at one account: each sees the lock the one before may have set.
        user = User.objects.select_for_update().filter(username=username).first()
        problem = _login_problem(user, username, matches, ip, now)
        if problem is None:
            LoginFailure.objects.filter(username=username, ip=ip).delete()
            user.last_login = now
            user.save(update_fields=["last_login"])
            audit_log(
                actor=user, action="auth.login", target=user, committee=user.committee, now=now
            )
    if problem is not None:
        raise ServiceError(problem)
    return user


def login_failures_prune(*, now: datetime | None = None) -> int:
    """Forgets failures older than every counting window."""
    now = now or timezone.now()
    horizon = max(
        timedelta(hours=settings.LOGIN_ACCOUNT_WINDOW_HOURS),
        timedelta(minutes=settings.LOGIN_WINDOW_MINUTES),
    )
    return LoginFailure.objects.filter(at__lte=now - horizon).delete()[0]


# API tokens ---------------------------------------------------------------------------------


def _token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_issue(*, user: User, session_key: str = "", now: datetime | None = None) -> str:
    """A new bearer token; `session_key` binds it to the page session it was obtained from."""
    if user.must_change_password:
        raise ServiceError(errors.PASSWORD_CHANGE_REQUIRED)
    now = now or timezone.now()
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        key_hash=_token_hash(key),
        session_key=session_key or "",
        credentials=user.get_session_auth_hash(),
        created_at=now,
        last_used_at=now,
    )
    return key


def _token_alive(token: ApiToken, now: datetime) -> bool:
    user = token.user
    return (
        user.is_active
        and not user.is_locked(now)
        and not user.must_change_password
        # Like Django's session auth hash: any change of the password ends the token.
        and constant_time_compare(token.credentials, user.get_session_auth_hash())
        and now - token.created_at <= timedelta(days=settings.API_TOKEN_MAX_AGE_DAYS)
        and now - token.last_used_at <= timedelta(seconds=settings.IDLE_TIMEOUT_SECONDS)
    )


def api_token_resolve(*, key: str, now: datetime | None = None) -> User | None:
    """The token's user, or None when unknown, idle longer than the session timeout, older
    than its absolute lifetime, or issued before a lockout, disablement or password change."""
    now = now or timezone.now()
    token = ApiToken.objects.select_related("user").filter(key_hash=_token_hash(key)).first()
    if token is None:
        return None
    if not _token_alive(token, now):
        token.delete()
        return None
    # Refresh at most once a minute so reads do not turn into writes on every call.
    if now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def api_token_revoke(*, key: str) -> None:
    with transaction.atomic(durable=True):
        token = ApiToken.objects.select_related("user").filter(key_hash=_token_hash(key)).first()
        if token is None:
            raise ServiceError(errors.TOKEN_INVALID)
        token.delete()
        audit_log(actor=token.user, action="auth.token_revoke", target=token.user)


def user_logout(*, user: User, session_key: str | None) -> None:
    """Page logout: the tokens obtained from this page session end with it."""
    with transaction.atomic(durable=True):
        revoked = 0
        if session_key:
            revoked = ApiToken.objects.filter(user=user, session_key=session_key).delete()[0]
        audit_log(actor=user, action="auth.logout", target=user, after={"tokens_revoked": revoked})
