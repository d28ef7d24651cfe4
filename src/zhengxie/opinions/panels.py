"""Home panels and navigation of the opinions app."""

from django.urls import reverse
from django.utils import timezone

from zhengxie.core import roles
from zhengxie.core.home import Panel, PanelRow, register_home_panels, register_nav
from zhengxie.proposals.permissions import unit_account

from . import queries
from .models import Instruction, Opinion
from .permissions import can_submit

S = Opinion.State


def _reporting(user) -> bool:
    return user.has_role(roles.STAFF, roles.LEADER)


register_nav("社情民意", "opinion_list", lambda u: can_submit(u) or _reporting(u), order=30)
register_nav("刊物", "bulletin_list", lambda u: u.has_role(roles.STAFF), order=31)
register_nav(
    "批示落实",
    "instruction_list",
    lambda u: u.has_role(roles.STAFF) or unit_account(u) is not None,
    order=32,
)
register_nav("信息统计", "opinion_stats", _reporting, order=33)
register_nav("信息设置", "opinion_settings", lambda u: u.has_role(roles.STAFF), order=34)


@register_home_panels
def staff_panel(user) -> list[Panel]:
    if not user.has_role(roles.STAFF):
        return []
    rows = Opinion.objects.filter(committee_id=user.committee_id)
    url = reverse("opinion_list")
    open_urgent = rows.filter(urgent=True, state__in=[S.SUBMITTED, S.ACCEPTED]).count()
    to_review = rows.filter(state=S.ACCEPTED).exclude(editor=user).count()
    overdue = queries.overdue_instructions(user.committee_id, timezone.localdate()).count()
    return [
        Panel(
            "社情民意",
            [
                PanelRow("预警信息待处理", open_urgent, f"{url}?urgent=1", alert=bool(open_urgent)),
                PanelRow(
                    "待处理", rows.filter(state=S.SUBMITTED).count(), f"{url}?state=submitted"
                ),
                PanelRow("待我审核(他人编辑)", to_review, f"{url}?state=accepted"),
                PanelRow(
                    "待编入刊物",
                    queries.ready_for_bulletin(user.committee_id).count(),
                    reverse("bulletin_list"),
                ),
                PanelRow("批示办理超期", overdue, reverse("instruction_list"), alert=bool(overdue)),
            ],
            order=30,
        )
    ]


@register_home_panels
def author_panel(user) -> list[Panel]:
    member = getattr(user, "member", None)
    if member is None or not user.has_role(roles.MEMBER):
        return []
    mine = Opinion.objects.filter(authors__member=member).distinct()
    year = timezone.localdate().year
    returned = mine.filter(state=S.RETURNED).count()
    return [
        Panel(
            "我的社情民意",
            [
                PanelRow("退回待补充", returned, reverse("opinion_list"), alert=bool(returned)),
                PanelRow(f"{year}年已报送", mine.filter(year=year).count()),
                PanelRow(
                    f"{year}年被采用",
                    mine.filter(year=year, adoptions__isnull=False).distinct().count(),
                ),
            ],
            order=31,
        )
    ]


@register_home_panels
def unit_panel(user) -> list[Panel]:
    if unit_account(user) is None:
        return []
    tasks = queries.instruction_tasks(user).filter(state=Instruction.State.OPEN)
    overdue = tasks.filter(due_on__lt=timezone.localdate()).count()
    return [
        Panel(
            "领导批示落实",
            [
                PanelRow("待反馈", tasks.count(), reverse("instruction_list")),
                PanelRow("已超期", overdue, reverse("instruction_list"), alert=bool(overdue)),
            ],
            order=32,
        )
    ]
