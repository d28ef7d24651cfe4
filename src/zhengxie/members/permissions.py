"""Who may see and change members and organisation."""

from zhengxie.core import roles

from .models import Member, UnitAccount


def unit_account(user) -> UnitAccount | None:
    """The handling-unit account a user signs in with, if any; kept on the user object
    because every permission check of a request asks again."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_unit_account"):
        user._unit_account = UnitAccount.objects.filter(user=user).select_related("unit").first()
    return user._unit_account


def can_view_directory(user) -> bool:
    return user.is_authenticated and user.has_role(roles.STAFF, roles.LEADER, roles.MEMBER)


def can_view_units(user) -> bool:
    return user.is_authenticated and user.has_role(*roles.BUSINESS_ROLES)


def can_manage_members(user) -> bool:
    return user.is_authenticated and user.has_role(roles.STAFF)


def _is_self(user, member: Member) -> bool:
    return member.user_id is not None and member.user_id == user.pk


def can_see_phone(user, member: Member) -> bool:
    """Staff and leaders keep liaison with members, so they need the number."""
    return user.has_role(roles.STAFF, roles.LEADER) or _is_self(user, member)


def can_see_id_number(user, member: Member) -> bool:
    return user.has_role(roles.STAFF) or _is_self(user, member)


def can_export_full_roster(user) -> bool:
    """Only staff may take the roster with full ID numbers, and each time with a reason."""
    return user.is_authenticated and user.has_role(roles.STAFF)
