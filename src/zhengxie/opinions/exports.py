"""XLSX exports: the register of items (the statistics sheet is core.stats.workbook)."""

from collections.abc import Iterable

from zhengxie.lib.dates import cn_datetime
from zhengxie.lib.xlsx import workbook_bytes

from .models import Opinion


def register_xlsx(opinions: Iterable[Opinion]) -> bytes:
    headers = ["编号", "年度", "标题", "作者", "类别", "来源渠道", "状态", "预警", "报送时间"]
    rows = (
        [
            o.pk,
            o.year,
            o.current_title,
            o.author_label,
            o.category.name if o.category else "",
            o.get_channel_display(),
            o.get_state_display(),
            "是" if o.urgent else "",
            cn_datetime(o.submitted_at),
        ]
        for o in opinions
    )
    return workbook_bytes("社情民意信息目录", headers, rows)
