"""DOCX in the official-document layout: the fieldwork plan (调研工作方案: its topic, purpose,
the responsible chain, the group and the schedule)."""

from zhengxie.lib.dates import cn_date
from zhengxie.lib.docx import OfficialDocument

from .models import Fieldwork, Participant, Visit


def _chain(fieldwork: Fieldwork) -> list[str]:
    lines = []
    if fieldwork.chair:
        lines.append(f"由{fieldwork.chair.name}主席负总责")
    if fieldwork.vice_chair:
        lines.append(f"{fieldwork.vice_chair.name}副主席具体负责")
    if fieldwork.lead_committee:
        lines.append(f"{fieldwork.lead_committee.name}牵头")
    if fieldwork.member_group:
        lines.append(f"以{fieldwork.member_group.name}为主体")
    return lines


def _period(fieldwork: Fieldwork) -> str:
    start, end = cn_date(fieldwork.starts_on), cn_date(fieldwork.ends_on)
    if start and end and start != end:
        return f"{start}至{end}"
    return start or end or "另行通知"


def plan_docx(fieldwork: Fieldwork, group: list[Participant], visits: list[Visit]) -> bytes:
    doc = OfficialDocument()
    doc.title(f"关于开展“{fieldwork.title}”\n{fieldwork.plan_name}")
    kind = fieldwork.get_kind_display()
    doc.heading(f"一、{kind}主题")
    topic = f"(协商议题:{fieldwork.topic.title})" if fieldwork.topic else ""
    mode = fieldwork.get_mode_display()
    partners = f",联合{fieldwork.partners}" if fieldwork.partners else ""
    doc.text(
        f"{fieldwork.title}{topic}。采取{mode}{kind}方式{partners},时间:{_period(fieldwork)}。"
    )
    doc.heading(f"二、{kind}目的和主要内容")
    doc.text(fieldwork.purpose or "围绕主题深入实际、调查研究,形成有分析、有建议的报告。")
    doc.heading("三、组织领导")
    doc.text(",".join(_chain(fieldwork)) + "。" if _chain(fieldwork) else "由政协办公室组织实施。")
    doc.heading(f"四、{kind}组成员")
    doc.table(
        ["姓名", "身份", "单位职务", "组内职务"],
        [
            [
                p.display_name,
                p.get_role_display(),
                p.display_unit,
                "组长" if p.is_leader else "成员",
            ]
            for p in group
        ],
    )
    doc.heading("五、日程安排")
    doc.table(
        ["日期", "地点", "走访单位", "内容"],
        [[cn_date(v.date), v.place, v.unit_visited, v.note] for v in visits],
    )
    doc.heading("六、工作要求")
    doc.text(
        "严格控制调研组人数,坚持简约俭朴;深入基层、深入群众,坚决杜绝蜻蜓点水式调研;"
        "调研结束后由调研组成员撰写报告稿,优选定稿后形成最终报告。"
    )
    doc.right(f"{fieldwork.committee.name}办公室")
    return doc.bytes()
