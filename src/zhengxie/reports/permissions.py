"""Who reads and who writes a 工作报告稿: the committee's office writes, its leaders read
(`core.permissions.can_read_statistics`, the readers of the generated report); members, units
and other committees read none."""

from zhengxie.core import roles
from zhengxie.core.permissions import can_read_statistics


def reads_saved(user) -> bool:
    return can_read_statistics(user)


def writes_saved(user) -> bool:
    return reads_saved(user) and user.has_role(roles.STAFF)


def _office(user, report) -> bool:
    return writes_saved(user) and user.committee_id == report.committee_id


# The actors of workflow.SAVED.
ACTORS = {"office": _office}
