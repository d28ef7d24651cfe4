"""Who may do what in the core app. 三员分立: administrators never touch business data,
business roles never read the audit trail."""

from . import roles


def _has(user, *names: str) -> bool:
    return user.is_authenticated and user.has_role(*names)


def is_staff(user) -> bool:
    return _has(user, roles.STAFF)


def is_business_user(user) -> bool:
    return _has(user, *roles.BUSINESS_ROLES)


def can_read_audit(user) -> bool:
    return _has(user, roles.AUDITOR)


def can_manage_accounts(user) -> bool:
    """系统管理员: create accounts, enable and disable them."""
    return _has(user, roles.SYSTEM_ADMIN)


def can_grant_roles(user) -> bool:
    """安全管理员: roles, unlocking and password resets."""
    return _has(user, roles.SECURITY_ADMIN)


def can_view_accounts(user) -> bool:
    return can_manage_accounts(user) or can_grant_roles(user)


def can_edit_calendar(user) -> bool:
    return _has(user, roles.STAFF, roles.SYSTEM_ADMIN)


def is_administrator(user) -> bool:
    """Any of the three separated administrators."""
    return _has(user, *roles.ADMIN_ROLES)


def can_confirm_reset(user, reset) -> bool:
    """三员分立: an administrator's password reset is confirmed by an administrator who is
    neither its requester nor the account's holder, and who may see that account."""
    return (
        is_administrator(user)
        and user.pk not in (reset.requested_by_id, reset.user_id)
        and user.committee_id in (None, reset.user.committee_id)
    )


def can_read_statistics(user) -> bool:
    """The statistics pages and the dashboard: the office and the leaders of a committee."""
    return _has(user, roles.STAFF, roles.LEADER) and user.committee_id is not None
