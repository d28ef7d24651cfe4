"""XLSX exports of the core app's lists."""

from collections.abc import Iterable
from datetime import datetime

from zhengxie.lib.dates import local_stamp
from zhengxie.lib.xlsx import workbook_bytes

from .models import AuditEvent, User


def audit_xlsx(events: Iterable[AuditEvent]) -> bytes:
    headers = [
        "时间",
        "操作人",
        "操作",
        "对象类型",
        "对象编号",
        "对象",
        "修改前",
        "修改后",
        "来源地址",
        "链",
        "序号",
        "哈希",
    ]
    rows = (
        [
            local_stamp(e.at),
            e.actor_label,
            e.action,
            e.object_type,
            e.object_id,
            e.object_repr,
            "" if e.before is None else str(e.before),
            "" if e.after is None else str(e.after),
            e.ip,
            e.chain,
            e.seq,
            e.hash,
        ]
        for e in events
    )
    return workbook_bytes("审计记录", headers, rows)


def accounts_xlsx(users: Iterable[User], now: datetime) -> bytes:
    def state(user: User) -> str:
        if not user.is_active:
            return "已停用"
        return "已锁定" if user.is_locked(now) else "正常"

    rows = (
        [u.username, u.display_name, "、".join(u.role_labels), state(u), local_stamp(u.last_login)]
        for u in users
    )
    return workbook_bytes("账号", ["用户名", "姓名", "角色", "状态", "最近登录"], rows)
