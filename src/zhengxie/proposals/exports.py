"""XLSX exports: the register (提案目录) and the statistics tables."""

from collections.abc import Iterable

from zhengxie.core import stats
from zhengxie.lib.dates import cn_date
from zhengxie.lib.xlsx import workbook_bytes

from .models import Proposal
from .stats import COLUMNS


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


def stats_xlsx(figures: list[stats.Figure], tables: list[stats.Table]) -> bytes:
    """One sheet in the columns of the breakdowns: the overall row, each breakdown under its
    own heading row, every other statistic, then what each one means (口径说明)."""
    keys = {c.key for c in COLUMNS}
    columns = [f.stat for f in figures if f.key in keys]
    overall = {f.key: f.value for f in figures}
    rows = [["合计", *(c.cell(overall) for c in columns)]]
    for table in tables:
        rows.extend(stats.table_rows(table, header=False))
    rows.append(["其他指标", "数量", "口径"])
    rows.extend(stats.figure_rows(tuple(f.stat for f in figures if f.key not in keys), overall))
    rows.append(["口径说明"])
    rows.extend([f.label, f.definition] for f in figures)
    return workbook_bytes("提案统计", ["项目", *(c.label for c in columns)], rows)
