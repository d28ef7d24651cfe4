"""Home panels of the members app."""

from django.urls import reverse

from zhengxie.core import roles
from zhengxie.core.home import Panel, PanelRow, register_home_panels, register_nav

from . import queries
from .models import Liaison, Membership, UnitAccount
from .permissions import can_manage_members, can_view_directory, can_view_units

register_nav("委员名录", "directory", can_view_directory, order=10, group="委员")
register_nav("组织机构", "organisation", can_view_directory, order=11, group="委员")
register_nav("联系委员", "liaison", can_manage_members, order=12, group="委员")
register_nav("承办单位", "units", can_view_units, order=13, group="委员")


@register_home_panels
def staff_panels(user) -> list[Panel]:
    if not user.has_role(roles.STAFF) or user.committee is None:
        return []
    term = queries.current_term(user.committee)
    if term is None:
        return [Panel("委员", note="尚未设立本届,请先建立届次。", order=20)]
    coverage = queries.liaison_coverage(term)
    gaps = len(coverage.uncovered_standing) + len(coverage.uncovered_members)
    return [
        Panel(
            f"{term.label}委员",
            [
                PanelRow("委员人数", queries.directory(term).count(), reverse("directory")),
                PanelRow(
                    "常委人数",
                    queries.directory(term).filter(standing=True).count(),
                    reverse("directory") + "?standing=1",
                ),
                PanelRow("联系未落实的委员", gaps, reverse("liaison"), alert=gaps > 0),
                PanelRow("导入委员名册", "上传", reverse("roster_import")),
            ],
            order=20,
        )
    ]


def _membership_of(user) -> Membership | None:
    member = getattr(user, "member", None)
    if member is None:
        return None
    term = queries.current_term(user.committee)
    return member.memberships.filter(term=term).select_related("sector", "station").first()


@register_home_panels
def member_panels(user) -> list[Panel]:
    if not user.has_role(roles.MEMBER, roles.LEADER):
        return []
    membership = _membership_of(user)
    if membership is None:
        return []
    contacts = Liaison.objects.filter(member=membership).select_related("contact__member")
    mine = queries.directory(membership.term, queries.DirectoryFilter(contact=membership.pk))
    contacted = mine.count()
    rows = [
        PanelRow(
            "我的信息",
            f"{membership.title} · {membership.sector.name}",
            reverse("member_detail", args=[membership.member_id]),
        ),
        PanelRow("联络工作站", membership.station.name if membership.station else "未分配"),
        PanelRow(
            "联系我的领导/常委", "、".join(c.contact.member.name for c in contacts) or "未落实"
        ),
    ]
    if contacted:
        link = reverse("directory") + "?filter=my_contacts"
        rows.append(PanelRow("我联系的委员", contacted, link))
    return [Panel("我的履职", rows, order=20)]


@register_home_panels
def unit_panels(user) -> list[Panel]:
    account = UnitAccount.objects.filter(user=user).select_related("unit").first()
    if account is None:
        return []
    duties = "、".join(
        label
        for flag, label in [(account.is_handler, "经办"), (account.is_approver, "审核")]
        if flag
    )
    return [
        Panel(
            account.unit.name,
            [
                PanelRow("我的职责", duties),
                PanelRow("单位联系人", f"{account.unit.contact_name} {account.unit.contact_phone}"),
            ],
            order=20,
        )
    ]
