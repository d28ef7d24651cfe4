"""Who may read and set the scoring rules and scores, and read a member's record (履职档案): the
scores table ranks everybody, so it is the office's and the leaders' only; a record is its
member's, and the office's and the leaders' of the member's committee."""

from zhengxie.core import roles


def can_read_scores(user) -> bool:
    return (
        user.is_authenticated
        and user.committee_id is not None
        and user.has_role(roles.STAFF, roles.LEADER)
    )


def can_set_rules(user) -> bool:
    return user.is_authenticated and user.committee_id is not None and user.has_role(roles.STAFF)


def can_record_for(user) -> bool:
    """The office records duty on a member's behalf and confirms self-reported activities."""
    return can_set_rules(user)


def can_read_record(user, member) -> bool:
    if not user.is_authenticated or user.committee_id != member.committee_id:
        return False
    own = getattr(user, "member", None)
    return (own is not None and own.pk == member.pk) or user.has_role(roles.STAFF, roles.LEADER)


def has_record(user) -> bool:
    """Members keep a record: every account given to a member holds 委员, a chair's too
    (`members.services.member_grant_login`), while a leader's account made apart from the roster
    has no record to open. Read from the roles already loaded, so the navigation costs no query
    (the page itself answers 404 to an account without a member record)."""
    return user.is_authenticated and user.has_role(roles.MEMBER)


def can_send_cards(user) -> bool:
    return can_set_rules(user)


def can_open_cards(user) -> bool:
    """The cards page: a member's own cards, and the office's and leaders' bulk jobs."""
    return can_read_scores(user) or has_record(user)


def _owner(user, report) -> bool:
    member = getattr(user, "member", None)
    return member is not None and member.pk == report.member_id


def _office(user, report) -> bool:
    return can_record_for(user) and user.committee_id == report.committee_id


# The actors of `workflow.SELF_REPORT`.
ACTORS = {"owner": _owner, "office": _office}


def can_read_flags(user) -> bool:
    """谈话提醒, 建议退出 and 表彰候选 are the office's and the leaders' work: a member sees none,
    their own included (a talk is arranged and held by the office, in person)."""
    return can_read_scores(user)


def runs_flags(user, flag) -> bool:
    """The committee's office records a flag's outcome (the `staff` actor of workflow.FLAG)."""
    return (
        user.is_authenticated
        and user.has_role(roles.STAFF)
        and user.committee_id == flag.committee_id
    )


# The actors of workflow.FLAG: each takes the user and the flag.
FLAG_ACTORS = {"staff": runs_flags}


def reads_reports(user) -> bool:
    """Every 述职 of the committee: the office and the leaders (a member reads their own)."""
    return can_read_scores(user)


def is_author(user, report) -> bool:
    """The member whose 述职 it is (the `author` actor of workflow.REPORT)."""
    own = getattr(user, "member", None) if user.is_authenticated else None
    return own is not None and own.pk == report.member_id


def runs_reports(user, report) -> bool:
    """The committee's office schedules and assesses 述职 (the `staff` actor)."""
    return (
        user.is_authenticated
        and user.has_role(roles.STAFF)
        and user.committee_id == report.committee_id
    )


REPORT_ACTORS = {"author": is_author, "staff": runs_reports}


def can_draft_report(user, member) -> bool:
    """A 述职 is drafted by its member, or by the office for any member of its committee."""
    if not user.is_authenticated or user.committee_id != member.committee_id:
        return False
    own = getattr(user, "member", None)
    return (own is not None and own.pk == member.pk) or user.has_role(roles.STAFF)


def has_record_or_reads(user) -> bool:
    """Who the 述职 pages are for, from the roles already loaded (no query)."""
    return has_record(user) or can_read_scores(user)
