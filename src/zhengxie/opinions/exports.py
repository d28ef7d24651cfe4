"""XLSX exports: the register of items and the statistics tables."""

from collections.abc import Iterable

from zhengxie.lib.dates import cn_datetime
from zhengxie.lib.xlsx import workbook_bytes

from .models import Opinion
from .stats import BREAKDOWNS


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


def stats_xlsx(overall: dict, tables: dict[str, list[dict]]) -> bytes:
    """One sheet: the totals, then each breakdown under its own heading row."""
    rows = [
        ["收到信息", overall["received"], "", ""],
        ["被采用(条)", overall["adopted"], "", ""],
        *[[r["label"], f"{r['value']:.1%}", r["definition"], ""] for r in overall["rates"]],
        *[[f"  {label}", n, "", ""] for label, n in overall["adoptions"].items()],
        ["报送(条)", overall["forwarded"], "", ""],
        ["其中报送上级政协", overall["forwarded_up"], "", ""],
        ["获批示(条)", overall["instructed"], "", ""],
        ["批示(次)", overall["instructions"], "", ""],
        ["其中主要领导批示", overall["main_leader_instructions"], "", ""],
        *[[f"编发《{name}》(期)", n, "", ""] for name, n in overall["issues_by_bulletin"].items()],
    ]
    for by, items in tables.items():
        rows.append([f"按{BREAKDOWNS[by]}", "报送", "采用", "获批示", "采用率"])
        rows.extend(
            [r["name"], r["received"], r["adopted"], r["instructed"], f"{r['adoption_rate']:.1%}"]
            for r in items
        )
    headers = [f"项目({overall['period']})", "数量", "", "", ""]
    return workbook_bytes("社情民意统计", headers, rows)
