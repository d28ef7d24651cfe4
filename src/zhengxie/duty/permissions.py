"""Who may read and set the scoring rules and scores. A member's own record is another page's;
the scores table ranks everybody, so it is the office's and the leaders' only."""

from zhengxie.core import roles


def can_read_scores(user) -> bool:
    return (
        user.is_authenticated
        and user.committee_id is not None
        and user.has_role(roles.STAFF, roles.LEADER)
    )


def can_set_rules(user) -> bool:
    return user.is_authenticated and user.committee_id is not None and user.has_role(roles.STAFF)
