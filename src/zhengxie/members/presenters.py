"""Member data as a given reader may see it: personal data masked where not needed."""

from zhengxie.lib.masking import mask_id_number, mask_phone

from .models import Member
from .permissions import can_see_id_number, can_see_phone


def visible_phone(viewer, member: Member) -> str:
    if not member.phone:
        return ""
    return member.phone if can_see_phone(viewer, member) else mask_phone(member.phone)


def visible_id_number(viewer, member: Member) -> str:
    if not member.id_number:
        return ""
    if can_see_id_number(viewer, member):
        return member.id_number
    return mask_id_number(member.id_number)
