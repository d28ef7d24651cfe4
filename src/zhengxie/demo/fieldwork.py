"""Demo fieldwork for 2026: a research and a joint inspection that reported (their reports are
outcomes with numbered suggestions, and tell their topics the research is done), and a study
tour under way whose coming visits and draft are the demo member's next work."""

import random
from datetime import date, timedelta

from django.utils import timezone

from zhengxie.consultations.models import Topic
from zhengxie.core.models import Committee, User
from zhengxie.fieldwork import services
from zhengxie.fieldwork.models import Fieldwork, Participant
from zhengxie.members.models import Member, SpecialCommittee
from zhengxie.members.queries import current_memberships

REPORTED = [  # (kind, mode, partners, title, purpose, visits, findings, suggestions)
    (
        "research",
        "concentrated",
        "",
        "关于乡村振兴产业发展的专题调研",
        "围绕特色农业、农产品加工和乡村旅游,摸清产业发展底数,查找短板,提出对策建议。",
        [
            ("城关镇东村", "东村村民委员会"),
            ("龙溪镇茶叶合作社", "龙溪镇人民政府"),
            ("县农业农村局", "县农业农村局"),
        ],
        ["村级集体经济收入来源单一", "农产品冷链设施不足", "乡村旅游配套设施滞后"],
        [
            "统筹建设产地冷链集配中心,对合作社给予建设补助",
            "培育龙头企业,推广“企业+合作社+农户”模式",
            "完善乡村旅游道路、停车和公厕等配套设施",
            "加大涉农贷款贴息和融资担保支持力度",
        ],
    ),
    (
        "inspection",
        "joint",
        "县人大代表",
        "关于城区老旧小区改造的联合视察",
        "联合县人大代表视察老旧小区改造进度、质量和群众满意度。",
        [("城关街道幸福小区", "城关街道办事处"), ("县住房和城乡建设局", "县住房和城乡建设局")],
        ["部分小区雨污分流未同步实施", "加装电梯协调难"],
        ["将雨污分流纳入改造必选内容", "建立加装电梯协调和财政补助机制"],
    ),
]

TOUR = (
    "study_tour",
    "member_group",
    "",
    "赴邻县学习考察基层协商工作",
    "学习邻县“有事多商量”基层协商平台建设经验。",
)


def _group(fieldwork, staff, people: list[Member]) -> list[Participant]:
    group = [
        services.participant_add(
            actor=staff, fieldwork=fieldwork, role="member", member=m, is_leader=i == 0
        )
        for i, m in enumerate(people)
    ]
    group.append(
        services.participant_add(
            actor=staff, fieldwork=fieldwork, role="staff", name="陈晓", unit="县政协办公室"
        )
    )
    group.append(
        services.participant_add(
            actor=staff, fieldwork=fieldwork, role="expert", name="刘教授", unit="云州学院"
        )
    )
    return group


def _visits(fieldwork, staff, stops, start: date, group, rng: random.Random) -> list:
    visits = []
    for n, (place, unit) in enumerate(stops):
        visit = services.visit_add(
            actor=staff,
            fieldwork=fieldwork,
            date=start + timedelta(days=2 * n),
            place=place,
            unit_visited=unit,
        )
        visits.append((visit, [p for p in group if rng.random() < 0.85]))
    return visits


def _reported(spec, staff, chair, vice, lead, people, topic, start, rng) -> None:
    kind, mode, partners, title, purpose, stops, findings, suggestions = spec
    fieldwork = services.fieldwork_create(
        actor=staff,
        kind=kind,
        mode=mode,
        partners=partners,
        title=title,
        purpose=purpose,
        topic=topic,
        chair=chair,
        vice_chair=vice,
        lead_committee=lead,
        starts_on=start,
        ends_on=start + timedelta(days=2 * len(stops)),
    )
    group = _group(fieldwork, staff, people)
    visits = _visits(fieldwork, staff, stops, start, group, rng)
    services.fieldwork_start(actor=staff, fieldwork=fieldwork)
    for visit, present in visits:
        services.attendance_record(actor=staff, fieldwork=fieldwork, visit=visit, present=present)
    for n, text in enumerate(findings):
        services.finding_add(
            actor=staff, fieldwork=fieldwork, visit=visits[n % len(visits)][0], text=text
        )
    drafts = [
        services.draft_write(
            actor=author.user,
            fieldwork=fieldwork,
            title=f"{title.removeprefix('关于').removesuffix('的专题调研')}的报告(稿{n})",
            text="一、基本情况\n二、存在的问题\n三、对策建议",
            suggestions="\n".join(suggestions if n == 1 else suggestions[:2]),
        )
        for n, author in enumerate(people[:2], start=1)
    ]
    services.draft_select(actor=staff, fieldwork=fieldwork, draft=drafts[0])
    services.fieldwork_report(
        actor=staff, fieldwork=fieldwork, title=title.replace("专题调研", "调研报告")
    )


def demo_fieldwork(committee: Committee, seed: int = 11) -> None:
    rng = random.Random(seed)
    staff = User.objects.get(username="staff")
    current = current_memberships(committee).select_related("member__user")
    chair = current.get(post="chair").member
    vices = [m.member for m in current.filter(post="vice_chair")]
    plain = [m.member for m in current.filter(post="", member__user__isnull=False)]
    demo_member = User.objects.get(username="member").member
    leads = list(SpecialCommittee.objects.filter(committee=committee))
    topics = list(Topic.objects.filter(committee=committee, state=Topic.State.PLANNED)[:2])
    for n, spec in enumerate(REPORTED):
        people = [demo_member, *rng.sample([m for m in plain if m != demo_member], 5)]
        topic = topics[n] if n < len(topics) else None
        start = date(2026, 4 + 2 * n, 8)
        lead = leads[n % len(leads)] if leads else None
        _reported(spec, staff, chair, vices[n], lead, people, topic, start, rng)
    _touring(staff, chair, vices[-1], [demo_member, *rng.sample(plain, 3)])


def _touring(staff, chair, vice, people) -> Fieldwork:
    kind, mode, partners, title, purpose = TOUR
    soon = timezone.localdate() + timedelta(days=5)
    fieldwork = services.fieldwork_create(
        actor=staff,
        kind=kind,
        mode=mode,
        title=title,
        purpose=purpose,
        chair=chair,
        vice_chair=vice,
        starts_on=soon,
        ends_on=soon + timedelta(days=1),
    )
    _group(fieldwork, staff, list(dict.fromkeys(people)))
    for n, place in enumerate(["邻县政协委员工作室", "邻县城南社区议事厅"]):
        services.visit_add(
            actor=staff,
            fieldwork=fieldwork,
            date=soon + timedelta(days=n),
            place=place,
            unit_visited="邻县政协",
        )
    services.fieldwork_start(actor=staff, fieldwork=fieldwork)
    return fieldwork
