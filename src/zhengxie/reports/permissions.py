"""Who reads the committee's work reports: its staff, who write them, and its leaders."""

from zhengxie.core import roles


def can_read_work_reports(user) -> bool:
    return user.is_authenticated and user.has_role(roles.STAFF, roles.LEADER)
