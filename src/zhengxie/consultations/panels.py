"""Home panels and navigation of the consultations app."""

from django.urls import reverse
from django.utils import timezone

from zhengxie.core import roles
from zhengxie.core.home import Panel, PanelRow, register_home_panels, register_nav
from zhengxie.members.permissions import unit_account

from .models import Consultation, WrittenRequest
from .queries import activities as reads

S = Consultation.State


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


@register_home_panels
def activities_panel(user) -> list[Panel]:
    if not _taking_part(user):
        return []
    planned = reads.consultations_for(user).filter(state=S.PLANNED)
    rows = [_row("待开展的协商活动", planned.count(), "consultation_list")]
    if user.has_role(roles.STAFF):
        asked = reads.written_requests_for(user).exclude(state=WrittenRequest.State.ANSWERED)
        late = reads.late_materials(user, timezone.localdate()).count()
        rows += [
            _row("书面协商待答复", asked.count(), "written_request_list"),
            _row("会前材料逾期未报", late, "consultation_list", alert=True),
        ]
    if user.has_role(roles.LEADER):
        waiting = planned.filter(topic__research_reported_at=None, topic__research_exempt_at=None)
        rows.append(_row("议题尚无调研报告", waiting.count(), "consultation_list", alert=True))
    return [Panel("协商", rows, order=45)]


@register_home_panels
def unit_materials_panel(user) -> list[Panel]:
    if not _unit(user):
        return []
    owed = reads.owed_by_my_unit(user).filter(received_at=None).count()
    return [Panel("会前材料", [_row("待报送", owed, "unit_materials", alert=True)], order=45)]
