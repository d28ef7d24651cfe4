"""XLSX exports of the core app's lists."""

import json
from collections.abc import Iterable
from datetime import datetime

from zhengxie.lib.dates import local_stamp
from zhengxie.lib.xlsx import workbook_bytes

from .models import AuditEvent, User
from .presenters import present_events, summary


def audit_xlsx(events: Iterable[AuditEvent]) -> bytes:
    """The raw record (codes and JSON, as hashed) beside its reading in Chinese."""
    headers = [
        "时间",
        "操作人",
        "操作",
        "操作说明",
        "对象类型",
        "对象编号",
        "对象",
        "内容摘要",
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
            view.label,
            e.object_type,
            e.object_id,
            e.object_repr,
            summary(view),
            _json(e.before),
            _json(e.after),
            e.ip,
            e.chain,
            e.seq,
            e.hash,
        ]
        for view in _presented(events)
        for e in [view.event]
    )
    return workbook_bytes("审计记录", headers, rows)


def _json(data) -> str:
    return "" if data is None else json.dumps(data, ensure_ascii=False, sort_keys=True)


def _presented(events: Iterable[AuditEvent], chunk: int = 2000):
    """In chunks, so that names are looked up per chunk and memory stays bounded."""
    batch = []
    for event in events:
        batch.append(event)
        if len(batch) == chunk:
            yield from present_events(batch)
            batch = []
    yield from present_events(batch)


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
