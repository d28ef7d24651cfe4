"""XLSX exports: the register (提案目录) and the statistics tables."""

from collections.abc import Iterable

from zhengxie.lib.dates import cn_date
from zhengxie.lib.xlsx import workbook_bytes

from .models import Proposal
from .stats import BREAKDOWNS, columns, rates_for


def register_xlsx(proposals: Iterable[Proposal]) -> bytes:
    headers = [
        "编号",
        "会议",
        "案由",
        "类型",
        "提案人",
        "界别",
        "类别",
        "状态",
        "主办单位",
        "办理期限",
        "答复类别",
        "评价",
        "重点提案",
    ]
    rows = (
        [
            p.serial or "",
            p.session.label,
            p.title,
            p.get_kind_display(),
            p.proposer_label,
            p.sector.name if p.sector else "",
            p.category.name if p.category else "",
            p.get_state_display(),
            p.lead_unit.name if p.lead_unit else "",
            cn_date(p.deadline),
            p.reply_category,
            p.get_rating_display() if p.rating else "",
            "是" if p.key else "",
        ]
        for p in proposals
    )
    return workbook_bytes("提案目录", headers, rows)


def _stat_row(row: dict, keys: list[str]) -> list:
    return [f"{row[key]:.1%}" if key.endswith(("_rate", "_share")) else row[key] for key in keys]


def stats_xlsx(overall: dict, breakdowns: dict[str, list[dict]], committee) -> bytes:
    """One sheet: the overall row, each breakdown under its own heading row, then what each
    rate means (口径)."""
    rates = rates_for(committee)
    keys, labels = zip(*columns(rates), strict=True)
    rows = [["合计", *_stat_row(overall, list(keys))]]
    for by, items in breakdowns.items():
        rows.append([f"按{BREAKDOWNS[by][1]}"] + [""] * len(keys))
        rows.extend([item["label"], *_stat_row(item, list(keys))] for item in items)
    rows.append(["承办单位(个)", overall["units"], "主办", overall["lead_units"], "会办"])
    rows[-1] += [overall["co_units"], *[""] * (len(keys) - 5)]
    rows.append(["口径说明", *[""] * len(keys)])
    rows.extend([r.label, r.definition, *[""] * (len(keys) - 1)] for r in rates)
    return workbook_bytes("提案统计", ["项目", *labels], rows)
