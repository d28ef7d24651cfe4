"""Home panels and navigation of the fieldwork app."""

from django.urls import reverse
from django.utils import timezone

from zhengxie.core import roles
from zhengxie.core.home import Panel, PanelRow, list_counter, register_home_panels, register_nav
from zhengxie.lib.dates import local_date, month_day

from . import permissions, queries

register_nav("视察调研", "fieldwork_list", permissions.can_open, order=45, group="协商")


def _named_row(user, name: str, alert: bool) -> PanelRow:
    """A counter whose link opens exactly the rows it counts (see `queries.NAMED_LISTS`)."""
    label, rows = queries.NAMED_LISTS[name]
    return list_counter(label, rows(user), "fieldwork_list", name, alert)


@register_home_panels
def office_fieldwork(user) -> list[Panel]:
    """The office's and the leaders' work under way (a leader's: what they are responsible
    for or take part in)."""
    if not user.has_role(roles.STAFF, roles.LEADER):
        return []
    return [Panel("视察调研", [_named_row(user, "under_way", alert=False)], order=18)]


@register_home_panels
def member_fieldwork(user) -> list[Panel]:
    member = getattr(user, "member", None)
    # One query for the many members in no group at work: the home page stays cheap.
    if member is None or not queries.in_open_group(member.pk):
        return []
    today = local_date(timezone.now())
    rows = [
        PanelRow(
            f"{month_day(v.date)} {v.place}",
            v.fieldwork.title,
            reverse("fieldwork_detail", args=[v.fieldwork_id]),
        )
        for v in queries.next_visits(member.pk, today)[:3]
    ]
    rows.append(_named_row(user, "drafts_due", alert=True))
    return [Panel("我的视察调研", rows, order=14)]
