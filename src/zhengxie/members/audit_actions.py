"""The audit actions of members and organisation, in Chinese (see core.auditlabels)."""

from zhengxie.core.auditlabels import (
    declare_actions,
    declare_fields,
    declare_object,
    declare_reference,
    declare_value,
)
from zhengxie.lib.masking import mask_id_number, mask_phone

declare_actions(
    "member",
    {
        "create": "新增委员",
        "update": "修改委员信息",
        "grant_login": "为委员开通账号",
        "import_roster": "导入委员名册",
        "export_full": "导出含完整身份证号的名册",
    },
)
declare_actions("membership", {"update": "修改本届任职信息"})
declare_actions("liaison", {"set": "设定联系委员", "remove": "取消联系委员"})
declare_actions("sector", {"create": "新增界别"})
declare_actions("sector_group", {"create": "新增界别活动组"})
declare_actions("special_committee", {"create": "新增专委会"})
declare_actions("station", {"create": "新增委员联络工作站"})
declare_actions(
    "unit", {"create": "新增承办单位", "update": "修改承办单位", "add_account": "开通承办单位账号"}
)
declare_object("members.member", "委员", "member_detail")
declare_object("members.membership", "任职")
declare_object("members.sector", "界别")
declare_object("members.sectorgroup", "界别活动组")
declare_object("members.specialcommittee", "专委会")
declare_object("members.liaisonstation", "联络工作站")
declare_object("members.handlingunit", "承办单位", "unit_detail")
declare_fields(
    {
        "member": "委员",
        "contact": "联系人",
        "user": "账号",
        "special_committees": "专委会",
        "sector": "界别",
        "station": "联络工作站",
        "sector_group": "界别活动组",
        "is_approver": "可签发答复",
        "position": "排序",
        "township": "所在乡镇(街道)",
        "standing": "常委",
        "post": "职务",
        "joined_on": "任职日期",
        "left_on": "离任日期",
        "left_reason": "离任原因",
    }
)
# A member's event records the ids of the current membership's sector, station and group.
declare_reference("members.member", "sector_id", "members.Sector")
declare_reference("members.member", "station_id", "members.LiaisonStation")
declare_reference("members.member", "sector_group_id", "members.SectorGroup")
# The auditor reads who changed a member's data, not the data in full: the export keeps it.
declare_value("members.member", "id_number", lambda value: mask_id_number(str(value or "")))
declare_value("members.member", "phone", lambda value: mask_phone(str(value or "")))
