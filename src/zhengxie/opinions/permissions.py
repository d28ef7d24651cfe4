"""Who may submit, see and act on public-opinion items. Actor names are those of
`workflow.OPINION`."""

from zhengxie.core import roles
from zhengxie.members.permissions import unit_account

from .models import InformationOfficer, Instruction, Opinion


def _member_id(user) -> int | None:
    member = getattr(user, "member", None)
    return member.pk if member else None


def is_officer(user) -> bool:
    return (
        user.is_authenticated
        and InformationOfficer.objects.filter(
            user=user, committee_id=user.committee_id, ended_on=None
        ).exists()
    )


def can_submit(user) -> bool:
    return user.is_authenticated and (user.has_role(roles.MEMBER, roles.STAFF) or is_officer(user))


def is_author(user, opinion: Opinion) -> bool:
    if opinion.submitted_by_id == user.pk:
        return True
    member_id = _member_id(user)
    return member_id is not None and opinion.authors.filter(member_id=member_id).exists()


def _staff(user, opinion: Opinion) -> bool:
    return user.has_role(roles.STAFF) and user.committee_id == opinion.committee_id


ACTORS = {
    "author": is_author,
    "staff": _staff,
    "reviewer": lambda u, o: _staff(u, o) and o.editor_id != u.pk,
}


def can_view(user, opinion: Opinion) -> bool:
    """Staff and leaders see their committee's items; authors their own; a unit the items
    whose instructions it handles."""
    if not user.is_authenticated or user.committee_id != opinion.committee_id:
        return False
    if user.has_role(roles.STAFF, roles.LEADER) or is_author(user, opinion):
        return True
    account = unit_account(user)
    return account is not None and opinion.instructions.filter(unit=account.unit).exists()


def may_handle_instruction(user, instruction: Instruction) -> bool:
    """The office, or the department the instruction tasks."""
    if not user.is_authenticated:
        return False
    if user.has_role(roles.STAFF):
        return user.committee_id == instruction.opinion.committee_id
    account = unit_account(user)
    return account is not None and account.unit_id == instruction.unit_id


INSTRUCTION_ACTORS = {"handler": may_handle_instruction}
ISSUE_ACTORS = {
    "staff": lambda user, issue: (
        user.has_role(roles.STAFF) and user.committee_id == issue.bulletin.committee_id
    )
}
