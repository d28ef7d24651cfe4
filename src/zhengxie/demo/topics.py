"""Demo topics and the 2026 plan: twelve topics from the seeds' channels (a 党委点题, the
government's, the joint office's, a democratic party's, a sector's, members' joint one, a
liaison station's, the public's, a proposal and a 社情民意 item turned into topics, special
committees' own), screened, planned, passed by 主席会议 and decided by the party committee,
then amended once. For 2027 the solicitation is out: a unit and the members still answer, a
joint topic waits for the demo member's signature, and the draft plan waits for 主席会议."""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from zhengxie.consultations import services
from zhengxie.consultations.models import ConsultationPlan, ContentCategory, Topic
from zhengxie.core.models import Committee, User
from zhengxie.meetings.models import Meeting
from zhengxie.members.models import (
    HandlingUnit,
    LiaisonStation,
    Member,
    Sector,
    SpecialCommittee,
)
from zhengxie.members.queries import current_memberships
from zhengxie.opinions.models import Opinion
from zhengxie.proposals.models import Proposal

TZ = ZoneInfo("Asia/Shanghai")
ECONOMY = "经济社会发展的重要问题"
DECISIONS = "事关全局的其他重大决策"
RULES = "重要政府规章和规范性文件"


@dataclass(frozen=True)
class Spec:
    key: str
    source: str
    title: str
    form: str
    month: int
    lead: str  # a special committee's name, or the office that leads
    departments: tuple[str, ...]
    category: str = ECONOMY
    plan_type: str = ""
    supervisory: bool = False
    important: bool = False
    text: str = ""


# The 2026 plan in its order; `source` names the channel (topic_suggest's sources, or the
# conversions "proposal" and "opinion").
PLAN_2026 = [
    Spec(
        "industry",
        "party",
        "加快乡村振兴特色产业发展",
        "thematic",
        5,
        "农业农村委员会",
        ("县农业农村局", "县商务局", "县林业局"),
        plan_type="thematic",
        important=True,
        text="县委点题:围绕核桃、茶叶、中药材等特色产业补链强链,提出可操作的对策。",
    ),
    Spec(
        "housing",
        "government",
        "城区老旧小区改造提质增效",
        "counterpart",
        7,
        "社会和法制委员会",
        ("县住房和城乡建设局", "县财政局"),
        supervisory=True,
        text="对老旧小区改造项目推进、资金使用和群众满意度开展民主监督。",
    ),
    Spec(
        "health",
        "joint_office",
        "提升基层医疗卫生服务能力",
        "bimonthly",
        8,
        "社会和法制委员会",
        ("县卫生健康委员会", "县医疗保障局"),
        plan_type="thematic",
        important=True,
    ),
    Spec(
        "schools",
        "special_committee",
        "推进义务教育优质均衡发展",
        "counterpart",
        9,
        "文化文史和学习委员会",
        ("县教育局", "县财政局"),
        plan_type="counterpart",
    ),
    Spec(
        "vocational",
        "party_or_organisation",
        "深化职业教育产教融合",
        "counterpart",
        12,
        "文化文史和学习委员会",
        ("县教育局", "县人力资源和社会保障局"),
    ),
    Spec(
        "brand",
        "sector",
        "打造高原特色农产品品牌",
        "sector",
        6,
        "农业农村委员会",
        ("县农业农村局", "县市场监督管理局"),
        plan_type="sector",
    ),
    Spec(
        "parking",
        "members",
        "破解城区停车难问题",
        "counterpart",
        12,
        "社会和法制委员会",
        ("县公安局", "县住房和城乡建设局", "县城市管理综合执法局"),
    ),
    Spec(
        "proposal",
        "proposal",
        "",
        "proposal_handling",
        6,
        "提案委员会",
        (),
        plan_type="key_proposal",
    ),
    Spec("coldchain", "opinion", "", "online", 10, "经济委员会", ("县商务局", "县农业农村局")),
    Spec(
        "property",
        "member_group",
        "老旧小区物业管理“有事多商量”",
        "grassroots",
        4,
        "城关镇政协委员联络工作站",
        ("县住房和城乡建设局",),
    ),
    Spec(
        "waste",
        "public",
        "城乡生活垃圾分类和资源化利用",
        "counterpart",
        11,
        "社会和法制委员会",
        ("市生态环境局云溪分局", "县城市管理综合执法局"),
        category=RULES,
    ),
    Spec(
        "business",
        "special_committee",
        "持续优化县域营商环境",
        "standing_thematic",
        10,
        "经济委员会",
        ("县发展和改革局", "县行政审批局", "县市场监督管理局"),
        category=DECISIONS,
        plan_type="thematic",
        important=True,
    ),
]


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), TZ)


@dataclass
class Cast:
    """Who acts in the demo's consultation year."""

    committee: Committee
    staff: User
    chair: User
    vice: User
    member: User  # the demo member: in every group, so their home page has work
    plain: list[Member]
    specials: dict[str, SpecialCommittee]
    units: dict[str, HandlingUnit]


def cast_of(committee: Committee) -> Cast:
    current = current_memberships(committee).select_related("member__user")
    member = User.objects.get(username="member")
    plain = current.filter(post="", member__user__isnull=False).exclude(member__user=member)
    plain = plain.order_by("pk")  # a fixed order for the seeded samples, on PostgreSQL too
    return Cast(
        committee=committee,
        staff=User.objects.get(username="staff"),
        chair=User.objects.get(username="chair"),
        vice=current.filter(post="vice_chair").first().member.user,
        member=member,
        plain=[m.member for m in plain],
        specials={s.name: s for s in SpecialCommittee.objects.filter(committee=committee)},
        units={u.name: u for u in HandlingUnit.objects.filter(committee=committee)},
    )


def _categories(committee: Committee) -> dict[str, ContentCategory]:
    return {c.name: c for c in ContentCategory.objects.filter(committee=committee)}


def _source_fields(cast: Cast, spec: Spec) -> dict:
    """What each channel names (seeds_001 §1.2): the body a topic speaks for."""
    committee = cast.committee
    return {
        "party_or_organisation": {"source_name": "民盟云溪县委员会"},
        "public": {"source_name": "县政协门户网站公开征集(市民王先生)"},
        "sector": {"sector": Sector.objects.get(committee=committee, name="农业界")},
        "special_committee": {"special_committee": cast.specials.get(spec.lead)},
        "member_group": {
            "station": LiaisonStation.objects.get(committee=committee, township="城关镇")
        },
    }.get(spec.source, {})


def _suggest(cast: Cast, spec: Spec, categories: dict, day: date) -> Topic:
    common = {
        "title": spec.title,
        "text": spec.text,
        "form": spec.form,
        "category": categories[spec.category],
        "supervisory": spec.supervisory,
        "year": 2026,
        "now": at(day),
    }
    if spec.source == "members":
        proposer, *cosigners = cast.plain[10:13]
        topic = services.topic_suggest(
            actor=proposer.user, source="members", cosigners=cosigners, **common
        )
        for cosigner in cosigners[:1]:
            services.topic_confirm_cosign(actor=cosigner.user, topic=topic, now=at(day, 15))
        return topic
    return services.topic_suggest(
        actor=cast.staff, source=spec.source, **_source_fields(cast, spec), **common
    )


def _converted(cast: Cast, spec: Spec, day: date) -> Topic:
    """提案→议题 and a 社情民意 item worth consulting on, as the office converts them."""
    now = at(day)
    if spec.source == "proposal":
        proposal = Proposal.objects.filter(committee=cast.committee, state="closed").first()
        return services.topic_from_proposal(
            actor=cast.staff, proposal=proposal, form=spec.form, now=now
        )
    opinion = Opinion.objects.get(committee=cast.committee, title="关于农产品冷链物流短板的建议")
    return services.topic_from_opinion(actor=cast.staff, opinion=opinion, form=spec.form, now=now)


def _arranged(cast: Cast, spec: Spec, topic: Topic) -> Topic:
    lead = cast.specials.get(spec.lead)
    return services.topic_arrange(
        actor=cast.staff,
        topic=topic,
        now=at(date(2026, 1, 22)),
        important=spec.important,
        planned_on=date(2026, spec.month, 1),
        lead_special_committee=lead,
        lead_office="" if lead else spec.lead,
        departments=[cast.units[name] for name in spec.departments],
        with_special_committees=[lead] if lead else [],
        with_standing=spec.form in ("thematic", "standing_thematic", "bimonthly"),
        with_department_heads=True,
    )


def _topics_2026(cast: Cast) -> dict[str, Topic]:
    categories = _categories(cast.committee)
    topics = {}
    for n, spec in enumerate(PLAN_2026):
        if spec.source in ("proposal", "opinion"):
            topic = _converted(cast, spec, date(2026, 1, 19))
        else:
            topic = _suggest(cast, spec, categories, date(2025, 11, 10 + n))
        topic = services.topic_accept(actor=cast.staff, topic=topic, now=at(date(2026, 1, 20)))
        topics[spec.key] = _arranged(cast, spec, topic)
    declined = services.topic_suggest(
        actor=cast.staff,
        source="government",
        title="县城新区建设规划调整",
        form="counterpart",
        year=2026,
        now=at(date(2025, 11, 28)),
    )
    services.topic_decline(
        actor=cast.staff,
        topic=declined,
        reason="规划调整已列入县人大常委会审议事项,不宜重复协商。",
        now=at(date(2026, 1, 20)),
    )
    return topics


def _plan_2026(cast: Cast, topics: dict[str, Topic]) -> ConsultationPlan:
    plan = services.plan_create(actor=cast.staff, year=2026)
    for spec in PLAN_2026:
        services.plan_item_add(
            actor=cast.staff,
            plan=plan,
            topic=topics[spec.key],
            plan_type=spec.plan_type,
            now=at(date(2026, 1, 26)),
        )
    services.plan_submit(actor=cast.staff, plan=plan, now=at(date(2026, 2, 3)))
    chairs = Meeting.objects.filter(committee=cast.committee, kind="chairs").order_by("starts_at")
    plan = services.plan_pass(
        actor=cast.chair,
        plan=plan,
        passed_on=date(2026, 2, 10),
        meeting=chairs.first(),
        now=at(date(2026, 2, 10), 11),
    )
    plan = services.plan_decide(
        actor=cast.staff,
        plan=plan,
        decided_by="中共云溪县委常委会",
        decided_on=date(2026, 2, 24),
        document="云溪党办〔2026〕6号",
        now=at(date(2026, 2, 25)),
    )
    services.plan_item_change(
        actor=cast.staff,
        plan=plan,
        topic=topics["parking"],
        planned_on=date(2026, 12, 1),
        reason="县公安局停车设施普查延至11月完成,协商相应调整到12月。",
        now=at(date(2026, 6, 15)),
    )
    return plan


def _next_year(cast: Cast) -> None:
    """2027: the solicitation out (县教育局 and the 农业界 still to answer), a special
    committee's answer and a supervisory topic in the draft plan before 主席会议, and a
    joint topic the demo member is asked to co-sign."""
    solicitation = services.solicitation_send(
        actor=cast.staff,
        title="关于征集2027年度协商议题的通知",
        due_on=date(2026, 12, 20),
        year=2027,
        text="请围绕县委中心工作和群众关心的热点难点问题,提出2027年度协商议题建议。",
        special_committees=list(cast.specials.values())[1:3],
        sectors=[Sector.objects.get(committee=cast.committee, name="农业界")],
        units=[cast.units["县教育局"]],
        now=at(date(2026, 11, 16)),
    )
    answering = solicitation.addressees.get(special_committee=cast.specials["经济委员会"])
    answered = services.solicitation_answer(
        actor=cast.staff,
        addressee=answering,
        title="培育壮大县域民营经济",
        form="counterpart",
        now=at(date(2026, 11, 25)),
    )
    supervisory = services.topic_suggest(
        actor=cast.staff,
        source="party",
        title="农村饮水安全巩固提升",
        form="counterpart",
        supervisory=True,
        year=2027,
        now=at(date(2026, 11, 20)),
    )
    plan = services.plan_create(actor=cast.staff, year=2027)
    for topic in (answered, supervisory):
        topic = services.topic_accept(actor=cast.staff, topic=topic, now=at(date(2026, 11, 26)))
        services.plan_item_add(actor=cast.staff, plan=plan, topic=topic, now=at(date(2026, 11, 27)))
    services.plan_submit(actor=cast.staff, plan=plan, now=at(date(2026, 11, 30)))
    proposer = cast.plain[14]
    services.topic_suggest(
        actor=proposer.user,
        source="members",
        title="加强城区学校周边交通安全治理",
        form="counterpart",
        cosigners=[cast.member.member, cast.plain[15]],
        year=2027,
        now=at(date(2026, 11, 27)),
    )


def demo_topics(cast: Cast) -> dict[str, Topic]:
    topics = _topics_2026(cast)
    _plan_2026(cast, topics)
    _next_year(cast)
    return topics
