"""Roles. Business roles and the three separated administrators (三员分立) never mix."""

STAFF = "staff"
LEADER = "leader"
MEMBER = "member"
UNIT = "unit"
SYSTEM_ADMIN = "system_admin"
SECURITY_ADMIN = "security_admin"
AUDITOR = "auditor"

LABELS = {
    STAFF: "机关工作人员",
    LEADER: "主席会议成员",
    MEMBER: "委员",
    UNIT: "承办单位",
    SYSTEM_ADMIN: "系统管理员",
    SECURITY_ADMIN: "安全管理员",
    AUDITOR: "安全审计员",
}

BUSINESS_ROLES = frozenset({STAFF, LEADER, MEMBER, UNIT})
ADMIN_ROLES = frozenset({SYSTEM_ADMIN, SECURITY_ADMIN, AUDITOR})
ALL_ROLES = BUSINESS_ROLES | ADMIN_ROLES


def roles_conflict(roles: set[str]) -> bool:
    """三员分立: an administrator holds exactly one administrative role and no business role."""
    admin = roles & ADMIN_ROLES
    return bool(admin) and len(roles) > 1
