"""The yearly plan as a DOCX in the official-document layout: a table of 议题, 形式, 时间,
牵头单位, 参加人员 (seeds_001 §1.3, 篇五 art. 6)."""

from zhengxie.lib.dates import cn_date
from zhengxie.lib.docx import OfficialDocument

from ..models import ConsultationPlan, PlanType
from ..queries.topics import plan_items

HEADERS = ["序号", "议题", "形式", "时间", "牵头单位", "参加人员"]


def item_form(item) -> str:
    """A typed item reads as its plan type, then its form (专题协商·专题协商会)."""
    if item.plan_type:
        return f"{PlanType(item.plan_type).label}\n({item.get_form_display()})"
    return item.get_form_display()


def plan_docx(plan: ConsultationPlan) -> bytes:
    doc = OfficialDocument()
    doc.title(plan.title)
    if plan.decided_on:
        doc.text(f"({cn_date(plan.decided_on)}{plan.decided_by}审定)", align=1)
    items = list(plan_items(plan))
    doc.table(
        HEADERS,
        [
            [
                str(n),
                item.topic.title,
                item_form(item),
                item.time_label,
                item.lead,
                item.participants,
            ]
            for n, item in enumerate(items, start=1)
        ],
    )
    supervisory = [item.topic.title for item in items if item.topic.supervisory]
    if supervisory:
        doc.text(f"其中监督性议题:{'、'.join(supervisory)}。")
    doc.right(f"{plan.committee.name}办公室")
    return doc.bytes()
