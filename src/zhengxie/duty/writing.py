"""A member's 述职 drafted from their record, in the order and voice of seed 003's two reports
(seeds_003_004.md §1.2): an opening anchored to the session (按照…会议精神), then 学习, 参加会议和
大会发言, 提案和社情民意 (each proposal by title and what became of it), 视察调研和协商, 履职为民
(the self-reported activities), and the closing with the shortcomings and the resolve to be
"一名合格、优秀的政协委员". A section with nothing in the record is left out; the member
rewrites the rest in their own words. Only titles and statuses: no link, no other's data."""

from collections import Counter
from dataclasses import dataclass

from zhengxie.lib.numerals import chinese_numeral, term_name

from .kinds import DUTY_KINDS, QUALIFIERS
from .queries import DutyRecordView, RecordRow


@dataclass(frozen=True)
class Draft:
    title: str
    text: str


def report_draft(view: DutyRecordView, *, committee: str, session: str = "") -> Draft:
    member, period = view.member, view.period
    when = f"{period.year}年" if period.year else f"{term_name(period.term.number)}任期内"
    title = f"{member.name}{period.year or ''}{'年度' if period.year else ''}履职情况报告"
    if not period.year:
        title = f"{member.name}{term_name(period.term.number)}履职情况报告"
    spirit = f"按照{session}精神," if session else ""
    opening = (
        f"{when},我作为{committee}{term_name(period.term.number)}委员,在{committee}的领导下,"
        f"{spirit}认真履行政治协商、民主监督、参政议政职能。现将履职情况报告如下。"
    )
    by_kind = _by_kind(view.rows)
    sections = [
        s
        for s in (
            _study(by_kind, view),
            _meetings(by_kind),
            _proposals(by_kind),
            _fieldwork(by_kind),
            _public(by_kind),
        )
        if s
    ]
    body = [f"{chinese_numeral(n)}、{head}\n{text}" for n, (head, text) in enumerate(sections, 1)]
    return Draft(title, "\n".join([opening, *body, _closing(view)]))


def _by_kind(rows: list[RecordRow]) -> dict[str, list[RecordRow]]:
    found: dict[str, list[RecordRow]] = {}
    for row in sorted(rows, key=lambda r: (r.record.date, r.record.pk)):
        found.setdefault(row.record.kind, []).append(row)
    return found


def _starting(by_kind, prefix: str) -> list[RecordRow]:
    return [r for kind, rows in by_kind.items() if kind.startswith(prefix) for r in rows]


def _titles(rows: list[RecordRow], status: bool = False) -> str:
    seen = dict.fromkeys(
        f"《{r.source.title}》" + (f"({r.source.status})" if status and r.source.status else "")
        for r in rows
        if r.source.title
    )
    return "、".join(seen)


def _study(by_kind, view: DutyRecordView) -> tuple[str, str] | None:
    trainings = by_kind.get("training", [])
    if not trainings:
        return None
    hours = f",累计{view.hours}学时" if view.hours else ""
    text = f"积极参加政协组织的学习培训{len(trainings)}次{hours},不断提高履职能力。"
    return "注重学习,不断提高自身素质和履职能力", text


def _meetings(by_kind) -> tuple[str, str] | None:
    attended = Counter(r.record.qualifier for r in by_kind.get("meeting_attendance", []))
    parts = []
    if attended:
        labels = QUALIFIERS.get("meeting_attendance", {})
        counts = "、".join(f"{labels.get(q, '会议')}{n}次" for q, n in attended.items())
        parts.append(f"按时出席政协会议,共出席{counts}。")
    delivered = by_kind.get("speech_delivered", [])
    selected = by_kind.get("speech_selected", [])
    if delivered:
        parts.append(f"在大会上作了{_titles(delivered)}的口头发言。")
    if selected:
        parts.append(f"提交的大会发言{_titles(selected)}被采用。")
    if not parts:
        return None
    return "遵守纪律,积极参加会议和建言献策", "".join(parts)


def _proposals(by_kind) -> tuple[str, str] | None:
    parts = []
    proposals = by_kind.get("proposal_registered", [])
    if proposals:
        parts.append(f"提交提案{len(proposals)}件并立案:{_titles(proposals, status=True)}。")
    submitted = by_kind.get("opinion_submitted", [])
    if submitted:
        parts.append(f"反映社情民意信息{len(submitted)}条。")
    adopted = [
        r for kind, rows in by_kind.items() if kind.startswith("opinion_adopted") for r in rows
    ]
    if adopted:
        parts.append(f"其中{_titles(adopted, status=True)}被采用。")
    instructed = by_kind.get("opinion_instructed", []) + by_kind.get("opinion_instructed_main", [])
    if instructed:
        parts.append(f"{_titles(instructed)}获得领导批示。")
    if not parts:
        return None
    return "深入调查研究,积极提交提案和反映社情民意", "".join(parts)


def _fieldwork(by_kind) -> tuple[str, str] | None:
    parts = []
    visits = by_kind.get("fieldwork_visit", [])
    if visits:
        parts.append(f"参加视察调研考察活动{len(visits)}次:{_titles(visits)}。")
    consultations = by_kind.get("consultation_attendance", [])
    if consultations:
        parts.append(f"参加协商活动{len(consultations)}次:{_titles(consultations)}。")
    opinions = by_kind.get("consultation_opinion", [])
    if opinions:
        parts.append(f"提交协商书面意见{len(opinions)}份。")
    authored = _starting(by_kind, "outcome_")
    if authored:
        parts.append(f"执笔{_titles(authored)}。")
    if not parts:
        return None
    return "积极参政议政,参加视察调研和协商活动", "".join(parts)


def _public(by_kind) -> tuple[str, str] | None:
    deeds = [
        r
        for kind, rows in by_kind.items()
        if DUTY_KINDS.get(kind) and DUTY_KINDS[kind].category == "other"
        for r in rows
    ]
    if not deeds:
        return None
    notes = ";".join(dict.fromkeys(r.record.note or r.source.title for r in deeds if r.record.note))
    text = f"立足岗位,履职为民,开展{len(deeds)}项活动" + (f":{notes}。" if notes else "。")
    return "关心支持其他工作,做好群众知心人", text


def _closing(view: DutyRecordView) -> str:
    short = "、".join(s["label"] for s in view.shortfalls)
    gap = f"对照履职考核细则,{short}的要求尚未达到;" if short else ""
    return (
        f"回顾履职情况,也有不尽如人意的地方:{gap}学习抓得还不够紧,调查研究还不够深入。"
        "今后,我将虚心向各位委员学习,更好地履行委员职责,努力成为一名合格、优秀的政协委员。"
    )
