"""Home panels and navigation of the proposals app: what needs each role's action."""

from django.urls import reverse
from django.utils import timezone

from zhengxie.core import roles
from zhengxie.core.home import Panel, PanelRow, register_home_panels, register_nav

from . import queries
from .models import Proposal
from .permissions import unit_account

S = Proposal.State


def _business(user) -> bool:
    return user.has_role(*roles.BUSINESS_ROLES)


def _reporting(user) -> bool:
    return user.has_role(roles.STAFF, roles.LEADER)


register_nav("提案", "proposal_list", _business, order=20)
register_nav("交办", "proposal_assign_bulk", lambda u: u.has_role(roles.STAFF), order=21)
register_nav("提案统计", "proposal_stats", _reporting, order=22)
register_nav("提案设置", "proposal_settings", lambda u: u.has_role(roles.STAFF), order=23)


def _count(rows, **filters) -> int:
    return rows.filter(**filters).count()


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
                PanelRow(
                    "二次办理待安排",
                    _count(rows, state=S.REPLIED, rating="unsatisfied", round=1),
                    f"{url}?state=replied",
                ),
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
    mine = Proposal.objects.filter(proposer=member)
    url = reverse("proposal_list")
    invited = Proposal.objects.filter(
        cosigners__member=member, cosigners__confirmed_at=None, cosigners__refused_at=None
    ).count()
    to_evaluate = _count(mine, state=S.REPLIED)
    return [
        Panel(
            "我的提案",
            [
                PanelRow("我提交的提案", mine.exclude(state=S.DRAFT).count(), f"{url}?mine=1"),
                PanelRow(
                    "待我评价的答复",
                    to_evaluate,
                    f"{url}?mine=1&state=replied",
                    alert=to_evaluate > 0,
                ),
                PanelRow("邀请我联名", invited, url, alert=invited > 0),
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
    late = inbox.filter(deadline__lt=today).count()
    return [
        Panel(
            "本单位提案办理",
            [
                PanelRow("待办理", inbox.count(), reverse("proposal_list"), alert=inbox.exists()),
                PanelRow("已超期", late, reverse("proposal_list"), alert=late > 0),
                PanelRow(
                    "答复待签发",
                    inbox.filter(state=S.REPLY_PENDING).count(),
                    reverse("proposal_list"),
                ),
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
                PanelRow(
                    "我督办的", key.filter(supervisor__member__user=user).count(), f"{url}?key=1"
                ),
                PanelRow("提案统计", "查看", reverse("proposal_stats")),
            ],
            order=11,
        )
    ]
