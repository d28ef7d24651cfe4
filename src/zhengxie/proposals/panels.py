"""Home panels and navigation of the proposals app: what needs each role's action."""

from django.urls import reverse
from django.utils import timezone

from zhengxie.core import roles
from zhengxie.core.home import Panel, PanelRow, list_counter, register_home_panels, register_nav
from zhengxie.members.permissions import unit_account

from . import queries
from .models import Proposal

S = Proposal.State


def _business(user) -> bool:
    return user.has_role(*roles.BUSINESS_ROLES)


def _reporting(user) -> bool:
    return user.has_role(roles.STAFF, roles.LEADER)


register_nav("提案", "proposal_list", _business, order=20, group="提案")
register_nav(
    "交办", "proposal_assign_bulk", lambda u: u.has_role(roles.STAFF), order=21, group="提案"
)
register_nav("提案统计", "proposal_stats", _reporting, order=22, group="提案")
register_nav(
    "提案设置", "proposal_settings", lambda u: u.has_role(roles.STAFF), order=23, group="提案"
)


def _count(rows, **filters) -> int:
    return rows.filter(**filters).count()


def _named_row(user, name: str, today, label: str, alert: bool = True) -> PanelRow:
    """A counter whose link opens exactly the rows it counts (see `queries.NAMED_LISTS`)."""
    return list_counter(label, queries.named_list(user, name, today), "proposal_list", name, alert)


@register_home_panels
def staff_panel(user) -> list[Panel]:
    if not user.has_role(roles.STAFF):
        return []
    rows = Proposal.objects.filter(committee_id=user.committee_id)
    url = reverse("proposal_list")
    today = timezone.localdate()
    overdue = len(queries.overdue(user.committee, today))
    return [
        Panel(
            "提案工作",
            [
                PanelRow(
                    "待审查",
                    _count(rows, state=S.SUBMITTED),
                    f"{url}?state=submitted",
                    alert=rows.filter(state=S.SUBMITTED).exists(),
                ),
                PanelRow(
                    "待交办", _count(rows, state=S.REGISTERED), reverse("proposal_assign_bulk")
                ),
                PanelRow(
                    "答复待审核", _count(rows, state=S.REPLY_REVIEW), f"{url}?state=reply_review"
                ),
                _named_row(user, "second_round", today, "二次办理待安排", alert=False),
                PanelRow("超期未办结", overdue, reverse("proposal_overdue"), alert=overdue > 0),
            ],
            order=15,
        )
    ]


@register_home_panels
def member_panel(user) -> list[Panel]:
    member = getattr(user, "member", None)
    if member is None:
        return []
    today = timezone.localdate()
    return [
        Panel(
            "我的提案",
            [
                _named_row(user, "mine", today, "我提交的提案", alert=False),
                _named_row(user, "to_evaluate", today, "待我评价的答复"),
                _named_row(user, "invited", today, "邀请我联名"),
                PanelRow("写提案", "新建", reverse("proposal_new")),
            ],
            order=12,
        )
    ]


@register_home_panels
def unit_panel(user) -> list[Panel]:
    account = unit_account(user)
    if account is None:
        return []
    inbox = queries.unit_inbox(user)
    today = timezone.localdate()
    url = reverse("proposal_list")
    return [
        Panel(
            "本单位提案办理",
            [
                PanelRow("待办理", inbox.count(), url, alert=inbox.exists()),
                _named_row(user, "unit_overdue", today, "已超期"),
                _named_row(user, "reply_to_sign", today, "答复待签发", alert=False),
                PanelRow(
                    "交办通知(Word)", "下载", reverse("assignment_notice", args=[account.unit_id])
                ),
            ],
            order=10,
        )
    ]


@register_home_panels
def leader_panel(user) -> list[Panel]:
    if not user.has_role(roles.LEADER):
        return []
    key = Proposal.objects.filter(committee_id=user.committee_id, key=True)
    url = reverse("proposal_list")
    return [
        Panel(
            "重点提案",
            [
                PanelRow("重点提案", key.count(), f"{url}?key=1"),
                _named_row(user, "supervised", timezone.localdate(), "我督办的", alert=False),
                PanelRow("提案统计", "查看", reverse("proposal_stats")),
            ],
            order=11,
        )
    ]
