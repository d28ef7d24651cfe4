"""XLSX exports: the register (提案目录) and the statistics tables."""

from collections.abc import Iterable

from zhengxie.lib.xlsx import workbook_bytes

from .models import Proposal
from .stats import BREAKDOWNS

STAT_COLUMNS = [
    ("collected", "提交"),
    ("registered", "立案"),
    ("declined", "不予立案"),
    ("merged", "并案"),
    ("replied", "已答复"),
    ("reply_rate", "办复率"),
    ("meeting_rate", "见面率"),
    ("satisfaction_rate", "满意率"),
    ("a", "A类"),
    ("b", "B类"),
    ("c", "C类"),
    ("implementation_rate", "落实率"),
    ("supervision_rate", "总督办率"),
    ("chair_supervision_rate", "主席直接督办率"),
    ("overdue", "超期"),
]


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
            f"{p.deadline:%Y-%m-%d}" if p.deadline else "",
            p.reply_category,
            p.get_rating_display() if p.rating else "",
            "是" if p.key else "",
        ]
        for p in proposals
    )
    return workbook_bytes("提案目录", headers, rows)


def _stat_row(row: dict) -> list:
    return [f"{row[key]:.1%}" if key.endswith("_rate") else row[key] for key, _ in STAT_COLUMNS]


def stats_xlsx(overall: dict, breakdowns: dict[str, list[dict]]) -> bytes:
    """One sheet: the overall row, then each breakdown under its own heading row."""
    headers = ["项目", *[label for _, label in STAT_COLUMNS]]
    rows = [["合计", *_stat_row(overall)]]
    for by, items in breakdowns.items():
        rows.append([f"按{BREAKDOWNS[by][1]}"] + [""] * len(STAT_COLUMNS))
        rows.extend([item["name"], *_stat_row(item)] for item in items)
    return workbook_bytes("提案统计", headers, rows)
