"""Demo fieldwork for 2026: the research groups of the plan's topics, each with its visits,
attendance, findings, two drafts of which one is chosen, and the final report (an outcome
with numbered suggestions that tells its topic the research is done, so its consultation can
be held); and a study tour under way whose coming visits and draft are the demo member's next
work."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from zhengxie.consultations.models import Topic
from zhengxie.fieldwork import services
from zhengxie.fieldwork.models import Fieldwork, Participant
from zhengxie.members.models import Member

from .topics import Cast, at


@dataclass(frozen=True)
class Research:
    topic: str  # the key of the plan's topic (demo.topics.PLAN_2026)
    kind: str
    mode: str
    partners: str
    title: str
    purpose: str
    starts_on: date
    visits: list[tuple[str, str]]
    findings: list[str]
    suggestions: list[str]


REPORTED = [
    Research(
        "industry",
        "research",
        "concentrated",
        "",
        "关于乡村振兴特色产业发展的专题调研",
        "围绕特色农业、农产品加工和乡村旅游,摸清产业发展底数,查找短板,提出对策建议。",
        date(2026, 3, 10),
        [
            ("青石镇核桃产业园", "青石镇人民政府"),
            ("柳林镇茶叶专业合作社", "柳林镇人民政府"),
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
    Research(
        "housing",
        "inspection",
        "joint",
        "县人大代表",
        "关于城区老旧小区改造的联合视察",
        "联合县人大代表视察老旧小区改造进度、质量和群众满意度。",
        date(2026, 5, 12),
        [("新华街道幸福小区", "新华街道办事处"), ("县住房和城乡建设局", "县住房和城乡建设局")],
        ["部分小区雨污分流未同步实施", "加装电梯协调难"],
        ["将雨污分流纳入改造必选内容", "建立加装电梯协调和财政补助机制"],
    ),
    Research(
        "health",
        "research",
        "special",
        "",
        "关于提升基层医疗卫生服务能力的调研",
        "调研乡镇卫生院、村卫生室人员队伍、设备配置和县域医共体建设情况。",
        date(2026, 6, 16),
        [
            ("河口镇卫生院", "县卫生健康委员会"),
            ("白沙乡桃园村卫生室", "白沙乡人民政府"),
            ("县人民医院", "县卫生健康委员会"),
        ],
        ["乡镇卫生院全科医生短缺", "村医老龄化,后继乏人", "医共体内检查结果互认不畅"],
        [
            "实施农村订单定向医学生培养,落实县管乡用",
            "提高村医待遇,将符合条件的村医纳入养老保障",
            "推进医共体内检查检验结果互认和远程会诊",
        ],
    ),
    Research(
        "schools",
        "research",
        "special",
        "",
        "关于推进义务教育优质均衡发展的调研",
        "调研城乡学校布局、师资配置、寄宿制学校建设和“大班额”化解情况。",
        date(2026, 7, 7),
        [("县第一中学", "县教育局"), ("桃源乡中心学校", "县教育局")],
        ["城区学校大班额反弹", "乡村学校音体美教师不足"],
        [
            "科学编制城区学校布局规划,新建扩建学位",
            "推行县域内教师走教和集团化办学",
            "加大寄宿制学校生活设施投入",
        ],
    ),
    Research(
        "business",
        "research",
        "special",
        "",
        "关于持续优化县域营商环境的调研",
        "走访企业和审批窗口,了解政务服务、融资和涉企检查中的堵点。",
        date(2026, 8, 18),
        [
            ("县政务服务中心", "县行政审批局"),
            ("云溪工业园区", "县科技和工业信息化局"),
            ("县工商联", "县工商业联合会"),
        ],
        ["部分事项“一网通办”落地不实", "中小企业融资担保覆盖面窄", "涉企检查多头重复"],
        [
            "全面推行涉企事项“一件事一次办”",
            "扩大政府性融资担保规模,降低担保费率",
            "推行涉企“综合查一次”,减少重复检查",
            "建立政企常态化沟通机制",
        ],
    ),
]

REPORT_NAMES = {"research": "调研报告", "inspection": "视察报告", "study_tour": "考察报告"}
TOUR = (
    "study_tour",
    "member_group",
    "",
    "赴邻县学习考察基层协商工作",
    "学习邻县“有事多商量”基层协商平台建设经验。",
)


def _group(fieldwork, staff, people: list[Member], now) -> list[Participant]:
    group = [
        services.participant_add(
            actor=staff, fieldwork=fieldwork, role="member", member=m, is_leader=i == 0, now=now
        )
        for i, m in enumerate(people)
    ]
    group.append(
        services.participant_add(
            actor=staff,
            fieldwork=fieldwork,
            role="staff",
            name="陈晓",
            unit="县政协办公室",
            now=now,
        )
    )
    group.append(
        services.participant_add(
            actor=staff, fieldwork=fieldwork, role="expert", name="刘教授", unit="云州学院", now=now
        )
    )
    return group


def _visits(fieldwork, staff, spec: Research, group, rng: random.Random) -> list:
    visits = []
    for n, (place, unit) in enumerate(spec.visits):
        visit = services.visit_add(
            actor=staff,
            fieldwork=fieldwork,
            date=spec.starts_on + timedelta(days=2 * n),
            place=place,
            unit_visited=unit,
            now=at(spec.starts_on - timedelta(days=7)),
        )
        visits.append((visit, [p for p in group if rng.random() < 0.85]))
    return visits


def _reported(cast: Cast, spec: Research, topic: Topic, lead, people, rng) -> Fieldwork:
    staff, start = cast.staff, spec.starts_on
    fieldwork = services.fieldwork_create(
        actor=staff,
        kind=spec.kind,
        mode=spec.mode,
        partners=spec.partners,
        title=spec.title,
        purpose=spec.purpose,
        topic=topic,
        chair=cast.chair.member,
        vice_chair=cast.vice.member,
        lead_committee=lead,
        starts_on=start,
        ends_on=start + timedelta(days=2 * len(spec.visits)),
    )
    group = _group(fieldwork, staff, people, at(start - timedelta(days=10)))
    visits = _visits(fieldwork, staff, spec, group, rng)
    services.fieldwork_start(actor=staff, fieldwork=fieldwork, now=at(start, 8))
    for visit, present in visits:
        services.attendance_record(
            actor=staff, fieldwork=fieldwork, visit=visit, present=present, now=at(visit.date, 17)
        )
    for n, text in enumerate(spec.findings):
        visit = visits[n % len(visits)][0]
        services.finding_add(
            actor=staff, fieldwork=fieldwork, visit=visit, text=text, now=at(visit.date, 18)
        )
    _report(cast, fieldwork, spec, people, start + timedelta(days=2 * len(spec.visits) + 7))
    fieldwork.refresh_from_db()  # the report's outcome was set on the service's locked row
    return fieldwork


def _report(cast: Cast, fieldwork: Fieldwork, spec: Research, people, day: date) -> None:
    """撰写两篇,优选定稿一篇: two members write drafts, the office chooses the first."""
    name = spec.title.removeprefix("关于").removesuffix("的专题调研").removesuffix("的调研")
    name = name.removesuffix("的联合视察")
    drafts = [
        services.draft_write(
            actor=author.user,
            fieldwork=fieldwork,
            title=f"关于{name}的{REPORT_NAMES[spec.kind]}(稿{n})",
            text="一、基本情况\n二、存在的问题\n三、对策建议",
            suggestions="\n".join(spec.suggestions if n == 1 else spec.suggestions[:2]),
            now=at(day + timedelta(days=n)),
        )
        for n, author in enumerate(people[:2], start=1)
    ]
    services.draft_select(
        actor=cast.staff, fieldwork=fieldwork, draft=drafts[0], now=at(day + timedelta(days=4))
    )
    services.fieldwork_report(
        actor=cast.staff,
        fieldwork=fieldwork,
        title=f"关于{name}的{REPORT_NAMES[spec.kind]}",
        now=at(day + timedelta(days=6), 16),
    )


def demo_fieldwork(cast: Cast, topics: dict[str, Topic], seed: int = 11) -> dict[str, Fieldwork]:
    """Each reported fieldwork on its plan topic, led by that topic's special committee; the
    demo member is in every group."""
    rng = random.Random(seed)
    done = {}
    for n, spec in enumerate(REPORTED):
        topic = topics[spec.topic]
        people = [cast.member.member, *rng.sample(cast.plain, 5)]
        if n % 2:
            people = people[1:] + people[:1]  # the demo member writes every other first draft
        done[spec.topic] = _reported(cast, spec, topic, topic.lead_special_committee, people, rng)
    _touring(cast, [cast.member.member, *rng.sample(cast.plain, 3)])
    return done


def _touring(cast: Cast, people) -> Fieldwork:
    kind, mode, partners, title, purpose = TOUR
    soon = timezone.localdate() + timedelta(days=5)
    fieldwork = services.fieldwork_create(
        actor=cast.staff,
        kind=kind,
        mode=mode,
        title=title,
        purpose=purpose,
        chair=cast.chair.member,
        vice_chair=cast.vice.member,
        starts_on=soon,
        ends_on=soon + timedelta(days=1),
    )
    _group(fieldwork, cast.staff, list(dict.fromkeys(people)), None)
    for n, place in enumerate(["邻县政协委员工作室", "邻县城南社区议事厅"]):
        services.visit_add(
            actor=cast.staff,
            fieldwork=fieldwork,
            date=soon + timedelta(days=n),
            place=place,
            unit_visited="邻县政协",
        )
    services.fieldwork_start(actor=cast.staff, fieldwork=fieldwork)
    return fieldwork
