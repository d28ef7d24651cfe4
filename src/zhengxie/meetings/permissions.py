"""Who may do what with meetings. The committee's staff run its meetings: they create them,
check people in at the door, decide speeches, open and close votes, close the meeting and
issue briefings; leave is decided by the kind's approver. Who may read a meeting is
`queries.meetings_for`; the services check these predicates themselves, the pages and the
API ask them first only to answer 403 early."""

from zhengxie.core import roles
from zhengxie.core.models import User

from .models import KIND_TRAITS, LeaveApprover, Meeting


def _has(user, *names: str) -> bool:
    return user.is_authenticated and user.has_role(*names)


def can_attend(user) -> bool:
    """Meetings are pages for the people who go to them and run them."""
    return _has(user, roles.STAFF, roles.LEADER, roles.MEMBER)


def can_create_meeting(user) -> bool:
    """Staff create meetings, always in their own committee."""
    return _has(user, roles.STAFF)


def can_run_meetings(user) -> bool:
    """The pages of running a meeting are the staff's; which meeting is `runs_meeting`."""
    return _has(user, roles.STAFF)


def runs_meeting(user, meeting: Meeting) -> bool:
    """The committee's staff run the door and the hall screen: they check members in (and
    alone see the hall code, which is the proof of presence), decide speeches, open and
    close votes and close the meeting (the `staff` actor of every meeting workflow)."""
    return _has(user, roles.STAFF) and user.committee_id == meeting.committee_id


def may_run_votes(user, meeting: Meeting) -> bool:
    """Create, open and close votes; casting a ballot is the member's own (voting.py)."""
    return runs_meeting(user, meeting)


def may_add_material(user, meeting: Meeting) -> bool:
    return runs_meeting(user, meeting)


def can_see_hall_screen(user) -> bool:
    """Leaders watch the counts on the screen; only staff get its QR (`runs_meeting`)."""
    return _has(user, roles.STAFF, roles.LEADER)


def can_read_briefings(user) -> bool:
    return _has(user, roles.STAFF, roles.LEADER)


def may_issue_briefing(user, committee_id: int) -> bool:
    return _has(user, roles.STAFF) and user.committee_id == committee_id


def can_set_leave_rules(user) -> bool:
    return _has(user, roles.STAFF)


def approver_role(meeting: Meeting) -> str:
    """The role that decides leave for the meeting: the committee's rule for its kind, else
    the kind's default."""
    rule = LeaveApprover.objects.filter(committee=meeting.committee_id, kind=meeting.kind).first()
    return rule.approver if rule else meeting.traits.leave_approver


def leave_approvers(meeting: Meeting):
    return User.objects.filter(
        committee=meeting.committee_id, is_active=True, groups__name=approver_role(meeting)
    )


def may_decide_leave(user, meeting: Meeting) -> bool:
    return (
        user.is_authenticated
        and user.committee_id == meeting.committee_id
        and user.has_role(approver_role(meeting))
    )


def leave_approver_rules(committee_id: int) -> dict[str, str]:
    """Who decides leave for every kind in the committee, defaults filled in, in one query."""
    rules = dict(
        LeaveApprover.objects.filter(committee=committee_id).values_list("kind", "approver")
    )
    return {kind: rules.get(kind, traits.leave_approver) for kind, traits in KIND_TRAITS.items()}


def leave_kinds_approved_by(user) -> set[str]:
    """The kinds of meeting whose leave requests this user decides, in one query."""
    if not user.is_authenticated:
        return set()
    rules = leave_approver_rules(user.committee_id)
    return {kind for kind, role in rules.items() if user.has_role(role)}


def _meeting_of(obj) -> Meeting:
    return obj if isinstance(obj, Meeting) else obj.meeting


# The actors of the meeting workflows (meetings/workflow.py): each takes the user and the
# meeting, leave request, speech or vote acted on.
ACTORS = {
    "staff": lambda user, obj: runs_meeting(user, _meeting_of(obj)),
    "leave_approver": lambda user, obj: may_decide_leave(user, _meeting_of(obj)),
}
