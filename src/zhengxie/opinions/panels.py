"""Home panels and navigation of the opinions app."""

from django.urls import reverse
from django.utils import timezone

from zhengxie.core import roles
from zhengxie.core.home import Panel, PanelRow, list_counter, register_home_panels, register_nav
from zhengxie.members.permissions import unit_account

from . import queries
from .models import Opinion
from .permissions import can_submit

S = Opinion.State


def _reporting(user) -> bool:
    return user.has_role(roles.STAFF, roles.LEADER)


register_nav(
    "社情民意", "opinion_list", lambda u: can_submit(u) or _reporting(u), order=30, group="社情民意"
)
register_nav("刊物", "bulletin_list", lambda u: u.has_role(roles.STAFF), order=31, group="社情民意")
register_nav(
    "批示落实",
    "instruction_list",
    lambda u: u.has_role(roles.STAFF) or unit_account(u) is not None,
    order=32,
    group="社情民意",
)
register_nav("信息统计", "opinion_stats", _reporting, order=33, group="社情民意")
register_nav(
    "信息设置", "opinion_settings", lambda u: u.has_role(roles.STAFF), order=34, group="社情民意"
)


def _named_row(user, name: str, today, label: str, alert: bool = True) -> PanelRow:
    """A counter whose link opens exactly the rows it counts (see `queries.NAMED_LISTS`)."""
    return list_counter(label, queries.named_list(user, name, today), "opinion_list", name, alert)


def _task_row(user, name: str, today, label: str, alert: bool = True) -> PanelRow:
    rows = queries.NAMED_TASK_LISTS[name][1](user, today)
    return list_counter(label, rows, "instruction_list", name, alert)


@register_home_panels
def staff_panel(user) -> list[Panel]:
    if not user.has_role(roles.STAFF):
        return []
    today = timezone.localdate()
    return [
        Panel(
            "社情民意",
            [
                _named_row(user, "urgent_open", today, "预警信息待处理"),
                PanelRow(
                    "待处理",
                    queries.opinions_for(user).filter(state=S.SUBMITTED).count(),
                    f"{reverse('opinion_list')}?state=submitted",
                ),
                _named_row(user, "to_review", today, "待我审核(他人编辑)", alert=False),
                _named_row(user, "ready", today, "待编入刊物", alert=False),
                _task_row(user, "overdue", today, "批示办理超期"),
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
    return [
        Panel(
            "我的社情民意",
            [
                _named_row(user, "returned", timezone.localdate(), "退回待补充"),
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
    today = timezone.localdate()
    return [
        Panel(
            "领导批示落实",
            [
                _task_row(user, "open", today, "待反馈", alert=False),
                _task_row(user, "overdue", today, "已超期"),
            ],
            order=32,
        )
    ]
