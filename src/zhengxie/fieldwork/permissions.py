"""Who may do what with fieldwork. The committee's office runs it (creates it, forms the
group, schedules visits, records attendance and findings, selects the final draft and forms
the report); members of the group write drafts. Who reads what is `queries`; the services
check these predicates themselves."""

from zhengxie.core import roles

from .models import Fieldwork, Participant


def _has(user, *names: str) -> bool:
    return user.is_authenticated and user.has_role(*names)


def can_open(user) -> bool:
    """Fieldwork pages are for the office, leaders and members."""
    return _has(user, roles.STAFF, roles.LEADER, roles.MEMBER)


def can_create(user) -> bool:
    return _has(user, roles.STAFF) and user.committee_id is not None


def can_set_rules(user) -> bool:
    return can_create(user)


def runs(user, fieldwork: Fieldwork) -> bool:
    """The committee's staff run its fieldwork (the `staff` actor)."""
    return _has(user, roles.STAFF) and user.committee_id == fieldwork.committee_id


def _member_id(user) -> int | None:
    member = getattr(user, "member", None) if user.is_authenticated else None
    return member.pk if member else None


def in_group(user, fieldwork: Fieldwork) -> bool:
    """A member of the group (the `group_member` actor)."""
    member_id = _member_id(user)
    return (
        member_id is not None
        and Participant.objects.filter(fieldwork=fieldwork, member_id=member_id).exists()
    )


def in_chain(user, fieldwork: Fieldwork) -> bool:
    """The chair or vice chair responsible for it (主席负总责, 分管副主席具体负责)."""
    member_id = _member_id(user)
    return member_id is not None and member_id in (fieldwork.chair_id, fieldwork.vice_chair_id)


def is_leader(user, fieldwork: Fieldwork) -> bool:
    return _has(user, roles.LEADER) and user.committee_id == fieldwork.committee_id


# The actors of workflow.FIELDWORK: each takes the user and the fieldwork.
ACTORS = {
    "staff": runs,
    "group_member": in_group,
}
