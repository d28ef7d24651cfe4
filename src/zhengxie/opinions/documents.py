"""DOCX in the official-document layout: a bulletin issue and the periodic circular (通报)."""

from datetime import date

from zhengxie.lib.dates import cn_date
from zhengxie.lib.docx import OfficialDocument

from .models import BulletinIssue
from .stats import Period, opinion_breakdowns, opinion_stats


def bulletin_docx(issue: BulletinIssue) -> bytes:
    committee = issue.bulletin.committee
    doc = OfficialDocument()
    doc.title(issue.bulletin.name)
    doc.text(issue.number_label, align=1)
    date = cn_date(issue.published_on)
    doc.right(f"{committee.name}办公室 {date}".strip())
    doc.heading(issue.title)
    for item in issue.items.select_related("opinion").prefetch_related("opinion__authors__member"):
        opinion = item.opinion
        doc.heading(opinion.current_title)
        doc.text(opinion.current_text)
        doc.right(f"({opinion.author_label})")
    doc.text(f"报:{issue.recipients}")
    return doc.bytes()


def circular_span(period: Period, today: date) -> str:
    """What a circular covers, in its words: an open period runs up to today (never 全部)."""
    return period.label if period.start or period.end else f"截至{cn_date(today)}"


def circular_docx(period: Period, quotas: list[dict], today: date) -> bytes:
    """关于社情民意信息报送采用情况的通报: totals, then stations, members and quotas."""
    stats = opinion_stats(period)
    tables = opinion_breakdowns(period)
    span = circular_span(period, today)
    doc = OfficialDocument()
    heading = period.label if period.start or period.end else ""
    doc.title(f"关于{heading}社情民意信息\n报送及采用情况的通报")
    issues = "、".join(f"《{name}》{n}期" for name, n in stats["issues_by_bulletin"].items())
    adoptions = ",".join(f"{label}{n}条" for label, n in stats["adoptions"].items() if n)
    doc.text(
        f"{span},共收到社情民意信息{stats['received']}条,"
        f"编发{issues or '刊物0期'};"
        f"被采用{stats['adopted']}条{f'({adoptions})' if adoptions else ''},"
        f"采用率{stats['adoption_rate']:.0%};"
        f"向上级政协报送{stats['forwarded_up']}条;"
        f"获领导批示{stats['instructed']}条{stats['instructions']}次,"
        f"其中主要领导批示{stats['main_leader_instructions']}次。"
    )
    doc.heading("一、各委员联络工作站报送采用情况")
    doc.table(
        ["工作站", "报送", "采用", "获批示"],
        [[r["name"], r["received"], r["adopted"], r["instructed"]] for r in tables["station"]],
    )
    doc.heading("二、委员报送采用情况")
    doc.table(
        ["委员", "报送", "采用", "获批示"],
        [[r["name"], r["received"], r["adopted"], r["instructed"]] for r in tables["author"]],
    )
    if quotas:
        doc.heading("三、年度目标完成情况")
        doc.table(
            ["类别", "名称", "目标", "已报送", "已采用", "完成率"],
            [
                [
                    q["kind"],
                    q["holder"],
                    q["target"],
                    q["submitted"],
                    q["adopted"],
                    f"{q['share']:.0%}",
                ]
                for q in quotas
            ],
        )
    doc.right(f"{period.committee.name}办公室")
    return doc.bytes()
