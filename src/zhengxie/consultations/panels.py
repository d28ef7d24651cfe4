"""Home panels and navigation of the consultations app."""

from django.urls import reverse

from zhengxie.core import roles
from zhengxie.core.home import Panel, PanelRow, list_counter, register_home_panels, register_nav
from zhengxie.members.permissions import unit_account

from .queries import activities as reads


def _taking_part(user) -> bool:
    return user.committee_id is not None and user.has_role(roles.STAFF, roles.LEADER, roles.MEMBER)


register_nav("协商活动", "consultation_list", _taking_part, order=45, group="协商")
register_nav("书面协商", "written_request_list", _taking_part, order=46, group="协商")


def _unit(user) -> bool:
    # The role first: asking for the unit account costs a query on every page.
    return user.has_role(roles.UNIT) and unit_account(user) is not None


register_nav("会前材料", "unit_materials", _unit, order=47, group="协商")


def _row(label: str, count: int, page: str, alert: bool = False) -> PanelRow:
    return PanelRow(label, count, reverse(page), alert=alert and count > 0)


def _counter(user, lists: dict, name: str, page: str, alert: bool = False) -> PanelRow:
    label = lists[name][0]
    return list_counter(label, reads.named(lists, user, name), page, name, alert)


@register_home_panels
def activities_panel(user) -> list[Panel]:
    if not _taking_part(user):
        return []
    consultations, written = reads.NAMED_CONSULTATIONS, reads.NAMED_WRITTEN
    rows = [_counter(user, consultations, "planned", "consultation_list")]
    if user.has_role(roles.STAFF):
        rows += [
            _counter(user, written, "unanswered", "written_request_list"),
            _counter(user, consultations, "late_materials", "consultation_list", alert=True),
        ]
    if user.has_role(roles.LEADER):
        rows.append(_counter(user, consultations, "no_research", "consultation_list", alert=True))
    if getattr(user, "member", None) is not None:
        rows.append(_counter(user, written, "awaiting_me", "written_request_list", alert=True))
    return [Panel("协商", rows, order=45)]


@register_home_panels
def unit_materials_panel(user) -> list[Panel]:
    if not _unit(user):
        return []
    owed = reads.owed_by_my_unit(user).filter(received_at=None).count()
    return [Panel("会前材料", [_row("待报送", owed, "unit_materials", alert=True)], order=45)]
