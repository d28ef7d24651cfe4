"""Accounts, roles and password resets (三员分立)."""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .. import errors, permissions, roles
from ..audit import audit_log, snapshot
from ..errors import ServiceError
from ..models import (
    ApiToken,
    Committee,
    PasswordReset,
    User,
)
from .logins import password_recheck_problem
from .notifications import notify


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
    # Not durable: member_grant_login and unit_account_create call it inside theirs.
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
    with transaction.atomic(durable=True):
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


def _one_time_password() -> str:
    # No look-alike characters, grouped for handing over; the dashes satisfy the mix rule.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"
    body = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{body[:4]}-{body[4:8]}-{body[8:]}"


@dataclass(frozen=True)
class ResetOutcome:
    reset: PasswordReset
    one_time_password: str = ""  # empty while an administrator's reset awaits confirmation


def _reset_confirmers(reset: PasswordReset):
    """Administrators other than the requester and the holder, who may see the account."""
    user = reset.user
    return (
        User.objects.filter(groups__name__in=roles.ADMIN_ROLES, is_active=True)
        .filter(Q(committee=user.committee) | Q(committee=None))
        .exclude(pk__in=[reset.requested_by_id, user.pk])
        .distinct()
    )


def _complete_reset(reset: PasswordReset, decider: User, now: datetime) -> str:
    """Sets a one-time password, ends the holder's tokens and tells the holder."""
    reset.state, reset.decided_by, reset.decided_at = PasswordReset.State.DONE, decider, now
    reset.save(update_fields=["state", "decided_by", "decided_at"])
    user, password = reset.user, _one_time_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    ApiToken.objects.filter(user=user).delete()
    confirmed = decider.pk != reset.requested_by_id
    audit_log(
        actor=decider,
        action="user.password_reset",
        target=user,
        after={
            "requested_by": str(reset.requested_by),
            "confirmed_by": str(decider) if confirmed else None,
        },
        now=now,
    )
    day = timezone.localdate(now)
    notify(
        recipients=[user],
        title="您的登录密码已被重置",
        body=(
            f"{reset.requested_by}于{day.year}年{day.month}月{day.day}日重置了您的密码"
            + (f",经{decider}确认" if confirmed else "")
            + "。请用当面交给您的一次性密码登录并立即设置新密码;"
            "如非您本人申请,请立即向安全审计员反映。"
        ),
        now=now,
    )
    return password


def password_reset_request(*, actor: User, user: User, now: datetime | None = None):
    """A security administrator resets `user`'s password to a one-time one at once, or, for
    an administrator's account, once another administrator confirms (see the confirmers)."""
    now = now or timezone.now()
    if actor.pk == user.pk:
        raise ServiceError(errors.RESET_SELF)
    with transaction.atomic(durable=True):
        # Two resets of one account at once would both find none pending and create two.
        user = User.objects.select_for_update().get(pk=user.pk)
        if PasswordReset.objects.filter(user=user, state=PasswordReset.State.PENDING).exists():
            raise ServiceError(errors.RESET_PENDING)
        reset = PasswordReset.objects.create(user=user, requested_by=actor, requested_at=now)
        if not user.has_role(*roles.ADMIN_ROLES):
            return ResetOutcome(reset, _complete_reset(reset, actor, now))
        audit_log(actor=actor, action="user.password_reset_request", target=user, now=now)
        notify(
            recipients=_reset_confirmers(reset),
            title=f"请确认:{actor}申请重置管理员账号 {user.username} 的密码",
            body="管理员账号的密码重置须另一名管理员确认;确认后一次性密码只显示给确认人。",
            link="/accounts/resets/",
            now=now,
        )
    return ResetOutcome(reset)


def _pending_reset_for(actor: User, reset: PasswordReset) -> PasswordReset:
    # Two administrators deciding at once: only the first finds the reset still pending.
    reset = PasswordReset.objects.select_for_update().select_related("user").get(pk=reset.pk)
    if reset.state != PasswordReset.State.PENDING:
        raise ServiceError(errors.CONFLICT)
    if not permissions.can_confirm_reset(actor, reset):
        raise ServiceError(errors.RESET_CONFIRMER)
    return reset


def password_reset_confirm(*, actor: User, reset: PasswordReset, now: datetime | None = None):
    """The second administrator confirms; the one-time password is shown to them alone."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        reset = _pending_reset_for(actor, reset)
        return ResetOutcome(reset, _complete_reset(reset, actor, now))


def password_reset_refuse(*, actor: User, reset: PasswordReset, now: datetime | None = None):
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        reset = _pending_reset_for(actor, reset)
        reset.state, reset.decided_by, reset.decided_at = PasswordReset.State.REFUSED, actor, now
        reset.save(update_fields=["state", "decided_by", "decided_at"])
        audit_log(actor=actor, action="user.password_reset_refuse", target=reset.user, now=now)
        notify(
            recipients=[reset.requested_by],
            title=f"重置 {reset.user.username} 密码的申请未获确认",
            body=f"{actor}拒绝了该申请。",
            now=now,
        )
    return reset


def user_change_password(
    *, user: User, current: str, new: str, now: datetime | None = None
) -> User:
    """The holder sets their own password (and so leaves a one-time password behind).
    A wrong current password is committed as a failed login before the error is raised.
    Both argon2 steps run before the write lock, as in user_authenticate."""
    now = now or timezone.now()
    matches = user.check_password(current)
    hashed = _new_password_hash(user, current, new) if matches else ""
    with transaction.atomic(durable=True):
        # Two changes at once: the second is re-checked against the first's result (recheck).
        user = User.objects.select_for_update().get(pk=user.pk)
        problem = password_recheck_problem(user, matches, now=now)
        if problem is None:
            user.password, user.must_change_password = hashed, False
            user.save(update_fields=["password", "must_change_password"])
            ApiToken.objects.filter(user=user).delete()
            audit_log(actor=user, action="user.change_password", target=user, now=now)
    if problem is not None:
        raise ServiceError(problem)
    return user


def _new_password_hash(user: User, current: str, new: str) -> str:
    if new == current:
        raise ServiceError(errors.WEAK_PASSWORD, "新密码不能与当前密码相同。")
    _check_password(new, user)
    return make_password(new)


def user_set_active(*, actor: User, user: User, active: bool) -> None:
    # The last security admin could otherwise lock everyone out, themselves included.
    if actor is not None and actor.pk == user.pk:
        raise ServiceError(errors.ACTIVE_SELF)
    with transaction.atomic(durable=True):
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
