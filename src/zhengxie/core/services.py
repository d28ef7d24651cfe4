"""Writes of the core app: accounts and roles, tokens, calendar, notifications."""

import hashlib
import secrets
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from chinese_calendar import constants as national_calendar
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from . import errors, roles
from .audit import audit_log, snapshot
from .errors import ServiceError
from .middleware import current_ip
from .models import (
    ApiToken,
    CalendarDay,
    CalendarYear,
    Committee,
    LoginFailure,
    Notification,
    Session,
    Term,
    User,
)
from .tasks import send_notification_email

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争胜利70周年纪念日",
}


# Accounts -----------------------------------------------------------------------------------


def _check_password(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ServiceError(errors.WEAK_PASSWORD, " ".join(exc.messages)) from exc


def _set_roles(user: User, names: Iterable[str]) -> None:
    wanted = set(names)
    unknown = wanted - roles.ALL_ROLES
    if unknown:
        raise ServiceError(errors.BAD_INPUT, f"未知角色:{'、'.join(sorted(unknown))}")
    if roles.roles_conflict(wanted):
        raise ServiceError(errors.ROLE_CONFLICT)
    groups = [Group.objects.get_or_create(name=name)[0] for name in sorted(wanted)]
    user.groups.set(groups)
    user._roles = frozenset(wanted)


def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    committee: Committee | None,
    display_name: str = "",
    email: str = "",
    role_names: Iterable[str] = (),
    validate_password: bool = True,
    password_hash: str = "",
) -> User:
    """`password_hash` (already hashed) lets bulk loads skip argon2's deliberate cost."""
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            raise ServiceError(errors.USERNAME_TAKEN)
        user = User(username=username, committee=committee, display_name=display_name, email=email)
        if validate_password:
            _check_password(password, user)
        if password_hash:
            user.password = password_hash
        else:
            user.set_password(password)
        user.save()
        _set_roles(user, role_names)
        audit_log(
            actor=actor,
            action="user.create",
            target=user,
            committee=committee,
            after={
                **snapshot(user, ["username", "display_name", "email"]),
                "roles": sorted(user.roles),
            },
        )
    return user


def user_set_roles(*, actor: User, user: User, role_names: Iterable[str]) -> User:
    if actor.pk == user.pk:
        raise ServiceError(errors.ROLE_SELF)
    with transaction.atomic():
        before = sorted(user.roles)
        _set_roles(user, role_names)
        audit_log(
            actor=actor,
            action="user.set_roles",
            target=user,
            committee=user.committee,
            before={"roles": before},
            after={"roles": sorted(user.roles)},
        )
    return user


def user_set_password(*, actor: User | None, user: User, password: str) -> None:
    with transaction.atomic():
        _check_password(password, user)
        user.set_password(password)
        user.save(update_fields=["password"])
        ApiToken.objects.filter(user=user).delete()  # also refused by their credentials hash
        audit_log(actor=actor, action="user.set_password", target=user, committee=user.committee)


def user_set_active(*, actor: User, user: User, active: bool) -> None:
    with transaction.atomic():
        before = snapshot(user, ["is_active"])
        user.is_active = active
        user.save(update_fields=["is_active"])
        if not active:
            ApiToken.objects.filter(user=user).delete()
        audit_log(
            actor=actor,
            action="user.set_active",
            target=user,
            committee=user.committee,
            before=before,
            after=snapshot(user, ["is_active"]),
        )


def user_unlock(*, actor: User | None, user: User, now: datetime | None = None) -> None:
    """Lifts the account's lock and forgets its failures from every address."""
    now = now or timezone.now()
    with transaction.atomic():
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


def _login_problem(user: User | None, username: str, password: str, ip: str, now: datetime):
    """Why this login fails (recording the failure), or None when it succeeds. Unknown
    usernames cost and count the same as known ones: no probing for who has an account."""
    if _address_blocked(username, ip, now):
        return errors.LOGIN_THROTTLED
    if user is None:
        User().set_password(password)
        return _record_failed_login(None, username, ip, now)
    if user.is_locked(now):
        return errors.ACCOUNT_LOCKED
    if not user.check_password(password):
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
    caller sees an exception. The user row is locked so concurrent guesses count one by one."""
    now = now or timezone.now()
    ip = current_ip() if ip is None else ip
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username).first()
        problem = _login_problem(user, username, password, ip, now)
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
    with transaction.atomic():
        token = ApiToken.objects.select_related("user").filter(key_hash=_token_hash(key)).first()
        if token is None:
            raise ServiceError(errors.TOKEN_INVALID)
        token.delete()
        audit_log(actor=token.user, action="auth.token_revoke", target=token.user)


def user_logout(*, user: User, session_key: str | None) -> None:
    """Page logout: the tokens obtained from this page session end with it."""
    with transaction.atomic():
        revoked = 0
        if session_key:
            revoked = ApiToken.objects.filter(user=user, session_key=session_key).delete()[0]
        audit_log(actor=user, action="auth.logout", target=user, after={"tokens_revoked": revoked})


# Calendar -----------------------------------------------------------------------------------


def calendar_seed_national() -> list[int]:
    """Load every year chinese-calendar knows; returns the years added."""
    added = []
    with transaction.atomic():
        days = {day: False for day in national_calendar.holidays}
        days.update({day: True for day in national_calendar.workdays})
        names = {**national_calendar.holidays, **national_calendar.workdays}
        for year in sorted({day.year for day in days}):
            if CalendarYear.objects.filter(year=year).exists():
                continue
            CalendarDay.objects.bulk_create(
                CalendarDay(
                    date=day,
                    is_workday=is_workday,
                    name=HOLIDAY_NAMES.get(names[day], names[day])
                    + ("调休上班" if is_workday else ""),
                )
                for day, is_workday in sorted(days.items())
                if day.year == year
            )
            CalendarYear.objects.create(year=year, source="chinese-calendar")
            added.append(year)
        if added:
            audit_log(actor=None, action="calendar.seed", after={"years": added})
    return added


def calendar_day_set(
    *, actor: User, committee: Committee, day: date, is_workday: bool, name: str
) -> CalendarDay:
    """A committee's own override of one day (e.g. a local holiday)."""
    with transaction.atomic():
        existing = CalendarDay.objects.filter(committee=committee, date=day).first()
        before = snapshot(existing, ["date", "is_workday", "name"]) if existing else None
        entry, _ = CalendarDay.objects.update_or_create(
            committee=committee, date=day, defaults={"is_workday": is_workday, "name": name}
        )
        audit_log(
            actor=actor,
            action="calendar.set_day",
            target=entry,
            committee=committee,
            before=before,
            after=snapshot(entry, ["date", "is_workday", "name"]),
        )
    return entry


def calendar_day_remove(*, actor: User, committee: Committee, day: date) -> None:
    with transaction.atomic():
        entry = CalendarDay.objects.filter(committee=committee, date=day).first()
        if entry is None:
            raise ServiceError(errors.NOT_FOUND)
        before = snapshot(entry, ["date", "is_workday", "name"])
        audit_log(
            actor=actor,
            action="calendar.remove_day",
            target=entry,
            committee=committee,
            before=before,
        )
        entry.delete()


# Notifications ------------------------------------------------------------------------------


def notify(
    *,
    recipients: Iterable[User],
    title: str,
    body: str = "",
    link: str = "",
    email: bool = True,
    now: datetime | None = None,
) -> list[Notification]:
    """The one way every app tells people something: inbox now, e-mail after commit."""
    now = now or timezone.now()
    people = [user for user in recipients if user.is_active]
    created = Notification.objects.bulk_create(
        Notification(recipient=user, title=title, body=body, link=link, created_at=now)
        for user in people
    )
    if email:
        text = f"{body}\n\n{link}".strip()
        for user in people:
            if user.email:
                transaction.on_commit(
                    lambda to=user.email: send_notification_email.enqueue(
                        to=to, subject=title, body=text
                    )
                )
    return created


def notification_mark_read(
    *, user: User, ids: Iterable[int] | None = None, now: datetime | None = None
) -> int:
    unread = Notification.objects.filter(recipient=user, read_at=None)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=now or timezone.now())


# Terms and sessions -------------------------------------------------------------------------

SESSION_DATES = errors.Problem("session_dates", "闭幕日期不能早于开幕日期。")
TERM_NUMBER = errors.Problem("term_number", "新一届的届次须大于现有各届。", 409)


def term_start(*, actor: User, committee: Committee, number: int, start_date: date) -> Term:
    """A new term becomes current; the previous one ends the day before."""
    with transaction.atomic():
        latest = (
            Term.objects.select_for_update().filter(committee=committee).order_by("-number").first()
        )
        if latest and number <= latest.number:
            raise ServiceError(TERM_NUMBER)
        previous = Term.objects.filter(committee=committee, is_current=True).first()
        if previous:
            previous.is_current = False
            previous.end_date = previous.end_date or start_date - timedelta(days=1)
            previous.save(update_fields=["is_current", "end_date"])
        term = Term.objects.create(
            committee=committee, number=number, start_date=start_date, is_current=True
        )
        audit_log(
            actor=actor,
            action="term.start",
            target=term,
            committee=committee,
            before={"current": previous.number if previous else None},
            after={"current": number, "start_date": start_date},
        )
    return term


def session_create(*, actor: User, term: Term, start_date: date, end_date: date) -> Session:
    """The next numbered plenary session of `term`."""
    if end_date < start_date:
        raise ServiceError(SESSION_DATES)
    with transaction.atomic():
        Term.objects.select_for_update().get(pk=term.pk)
        number = (
            term.sessions.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        session = Session.objects.create(
            term=term, number=number, start_date=start_date, end_date=end_date
        )
        audit_log(
            actor=actor,
            action="session.create",
            target=session,
            committee=term.committee,
            after={"label": session.label, "start_date": start_date, "end_date": end_date},
        )
    return session
