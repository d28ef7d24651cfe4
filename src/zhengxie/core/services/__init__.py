"""Writes of the core app: accounts and roles, logins and tokens, calendar, notifications,
terms, and the storing of every app's files. Each write is one transaction that records its
audit event."""

from .accounts import (
    ResetOutcome,
    password_reset_confirm,
    password_reset_refuse,
    password_reset_request,
    user_change_password,
    user_create,
    user_set_active,
    user_set_roles,
)
from .calendar import HOLIDAY_NAMES, calendar_day_remove, calendar_day_set, calendar_seed_national
from .committees import committee_create, committee_setup, committee_setup_register
from .files import file_store
from .logins import (
    api_token_issue,
    api_token_resolve,
    api_token_revoke,
    login_failures_prune,
    user_authenticate,
    user_logout,
    user_unlock,
)
from .notifications import notification_mark_read, notify
from .terms import SESSION_DATES, TERM_NUMBER, session_create, term_start

__all__ = [
    "HOLIDAY_NAMES",
    "SESSION_DATES",
    "TERM_NUMBER",
    "ResetOutcome",
    "api_token_issue",
    "api_token_resolve",
    "api_token_revoke",
    "calendar_day_remove",
    "calendar_day_set",
    "calendar_seed_national",
    "committee_create",
    "committee_setup",
    "committee_setup_register",
    "file_store",
    "login_failures_prune",
    "notification_mark_read",
    "notify",
    "password_reset_confirm",
    "password_reset_refuse",
    "password_reset_request",
    "session_create",
    "term_start",
    "user_authenticate",
    "user_change_password",
    "user_create",
    "user_logout",
    "user_set_active",
    "user_set_roles",
    "user_unlock",
]
