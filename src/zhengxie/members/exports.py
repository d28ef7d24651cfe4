"""XLSX exports of member and organisation lists. The member list uses the roster's columns,
so an exported list can be edited and imported into another term."""

from collections.abc import Iterable

from zhengxie.lib.masking import mask_id_number
from zhengxie.lib.xlsx import workbook_bytes

from .models import HandlingUnit, Membership
from .presenters import visible_phone
from .roster import COLUMNS


def _member_row(viewer, membership: Membership, full_id_numbers: bool) -> list:
    member = membership.member
    id_number = member.id_number if full_id_numbers else mask_id_number(member.id_number)
    birth = f"{member.birth_month:%Y.%m}" if member.birth_month else ""
    values = {
        "姓名": member.name,
        "性别": member.gender,
        "民族": member.ethnicity,
        "出生年月": birth,
        "党派": member.party,
        "界别": membership.sector.name,
        "工作单位及职务": member.employer_title,
        "学历": member.education,
        "联系电话": visible_phone(viewer, member),
        "身份证号": id_number,
        "电子邮箱": member.email,
        "通讯地址": member.address,
        "常委": "是" if membership.standing else "否",
        "专委会": "、".join(s.name for s in membership.special_committees.all()),
        "联络工作站": membership.station.name if membership.station else "",
    }
    return [values[column] for column in COLUMNS]


def directory_xlsx(
    viewer, memberships: Iterable[Membership], *, full_id_numbers: bool = False
) -> bytes:
    """ID numbers are masked for every reader; the full file is asked for with a reason
    (services.roster_export_full records it)."""
    headers = ["序号", *COLUMNS, "职务"]
    rows = (
        [i, *_member_row(viewer, m, full_id_numbers), m.title]
        for i, m in enumerate(memberships, start=1)
    )
    return workbook_bytes("委员名册", headers, rows)


def units_xlsx(units: Iterable[HandlingUnit]) -> bytes:
    rows = (
        [i, u.name, u.get_kind_display(), u.contact_name, u.contact_phone]
        for i, u in enumerate(units, start=1)
    )
    return workbook_bytes("承办单位", ["序号", "单位名称", "类别", "联系人", "联系电话"], rows)


def named_counts_xlsx(title: str, items: Iterable, extra=None) -> bytes:
    """Sectors, special committees, stations: name, member count and one optional column."""
    headers = ["序号", "名称", "委员人数"] + ([extra[0]] if extra else [])
    rows = (
        [i, item.name, item.member_count] + ([extra[1](item)] if extra else [])
        for i, item in enumerate(items, start=1)
    )
    return workbook_bytes(title, headers, rows)


def liaison_xlsx(coverage, memberships: Iterable[Membership]) -> bytes:
    rows = []
    for i, membership in enumerate(memberships, start=1):
        contacts = coverage.contacts.get(membership.pk, [])
        rows.append(
            [
                i,
                membership.member.name,
                membership.title,
                membership.sector.name,
                "、".join(c.member.name for c in contacts) or "未落实",
            ]
        )
    return workbook_bytes("联系委员", ["序号", "姓名", "职务", "界别", "联系人"], rows)
