"""Demo proposals: three sessions of history through the same services, every state present."""

import contextlib
import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from zhengxie.core.errors import ServiceError
from zhengxie.core.models import Committee, Session, User
from zhengxie.members.models import HandlingUnit, Membership
from zhengxie.proposals import services
from zhengxie.proposals.models import Category, CollectionCall, Proposal

TZ = ZoneInfo("Asia/Shanghai")
CATEGORIES = [
    "经济建设",
    "乡村振兴",
    "城乡建设",
    "教育科技",
    "医疗卫生",
    "社会保障",
    "生态环境",
    "文化旅游",
    "社会治理",
]
# (category, title, lead unit, situation)
TOPICS = [
    (
        "乡村振兴",
        "关于加快发展农村集体经济的建议",
        "县农业农村局",
        "部分村集体经济收入来源单一,空壳村仍有一定数量。",
    ),
    (
        "乡村振兴",
        "关于推进高标准农田建设的建议",
        "县农业农村局",
        "已建成的高标准农田存在管护责任不落实的问题。",
    ),
    (
        "乡村振兴",
        "关于扶持核桃产业提质增效的建议",
        "县林业局",
        "核桃初加工能力弱,价格波动大,农户增收受影响。",
    ),
    (
        "教育科技",
        "关于改善农村寄宿制学校办学条件的建议",
        "县教育局",
        "部分乡镇寄宿制学校宿舍拥挤,热水供应不足。",
    ),
    (
        "教育科技",
        "关于加强乡村教师队伍建设的建议",
        "县教育局",
        "乡村学校教师结构性缺编,音体美教师短缺。",
    ),
    ("教育科技", "关于规范校外培训机构管理的建议", "县教育局", "个别培训机构收费不规范,退费难。"),
    (
        "医疗卫生",
        "关于提升乡镇卫生院服务能力的建议",
        "县卫生健康委员会",
        "乡镇卫生院设备老化,群众就近看病难。",
    ),
    (
        "医疗卫生",
        "关于加强村医队伍建设的建议",
        "县卫生健康委员会",
        "村医年龄偏大,后继乏人,待遇保障不足。",
    ),
    (
        "社会保障",
        "关于完善农村养老服务体系的建议",
        "县民政局",
        "农村留守老人增多,互助养老设施利用率不高。",
    ),
    (
        "社会保障",
        "关于扩大城乡居民医保宣传覆盖的建议",
        "县医疗保障局",
        "部分群众对医保报销政策了解不够。",
    ),
    (
        "城乡建设",
        "关于解决县城停车难问题的建议",
        "县住房和城乡建设局",
        "县城机动车保有量快速增长,停车位缺口较大。",
    ),
    (
        "城乡建设",
        "关于加快老旧小区改造的建议",
        "县住房和城乡建设局",
        "部分老旧小区管网老化,无物业管理。",
    ),
    ("城乡建设", "关于改善城区道路交通秩序的建议", "县公安局", "上下学高峰时段学校周边拥堵严重。"),
    (
        "城乡建设",
        "关于加强农村公路养护的建议",
        "县交通运输局",
        "部分通村公路路面破损,养护资金不足。",
    ),
    ("生态环境", "关于加强河道综合治理的建议", "县水利局", "部分河段垃圾堆积,防洪能力不足。"),
    (
        "生态环境",
        "关于推进农村生活垃圾分类处理的建议",
        "县住房和城乡建设局",
        "农村垃圾收运体系不健全。",
    ),
    (
        "生态环境",
        "关于加强饮用水水源地保护的建议",
        "市生态环境局云溪分局",
        "水源地保护区内仍有养殖等活动。",
    ),
    (
        "经济建设",
        "关于优化营商环境的建议",
        "县发展和改革局",
        "企业办事仍存在多头跑、重复交材料的情况。",
    ),
    (
        "经济建设",
        "关于支持中小微企业融资的建议",
        "县财政局",
        "中小企业融资难、融资贵问题依然突出。",
    ),
    ("经济建设", "关于发展县域电子商务的建议", "县商务局", "农特产品上行渠道不畅,物流成本高。"),
    (
        "文化旅游",
        "关于打造乡村旅游精品线路的建议",
        "县文化和旅游局",
        "旅游资源分散,配套设施不完善。",
    ),
    (
        "文化旅游",
        "关于加强传统村落保护的建议",
        "县文化和旅游局",
        "部分传统民居年久失修,保护资金不足。",
    ),
    ("社会治理", "关于加强基层网格化管理的建议", "县委政法委员会", "网格员待遇低、流动性大。"),
    ("社会治理", "关于加强未成年人保护工作的建议", "县民政局", "留守儿童心理关爱服务覆盖不足。"),
    (
        "社会治理",
        "关于规范电动自行车管理的建议",
        "县公安局",
        "电动自行车违规充电、违法载人现象较多。",
    ),
    (
        "医疗卫生",
        "关于加强心理健康服务体系建设的建议",
        "县卫生健康委员会",
        "专业心理服务人员缺乏。",
    ),
    ("经济建设", "关于盘活闲置国有资产的建议", "县财政局", "部分国有房产长期闲置。"),
    (
        "乡村振兴",
        "关于培育新型职业农民的建议",
        "县农业农村局",
        "农村青壮年劳动力外流,种田后继乏人。",
    ),
]
PLACES = ["城关镇", "青石镇", "河口镇", "柳林镇", "白沙乡", "桃源乡", "龙泉街道", "新华街道"]
SESSIONS = {3: 36, 4: 48, 5: 60}  # proposals per session of 第十届


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), TZ)


class _Story:
    def __init__(self, committee: Committee, rng: random.Random, today: date):
        self.committee, self.rng, self.today = committee, rng, today
        self.staff = User.objects.get(username="staff")
        self.chair = User.objects.get(username="chair")
        self.units = {u.name: u for u in HandlingUnit.objects.filter(committee=committee)}
        self.members = list(
            Membership.objects.filter(
                term__committee=committee, term__is_current=True
            ).select_related("member__user")
        )
        self.leaders = [m for m in self.members if m.post in ("chair", "vice_chair")]
        self.categories = {c.name: c for c in Category.objects.filter(committee=committee)}

    def unit_user(self, unit: HandlingUnit) -> User:
        return unit.accounts.select_related("user").first().user

    def write(
        self,
        session: Session,
        n: int,
        author: Membership | None = None,
        invite: Membership | None = None,
    ) -> Proposal:
        category, title, unit_name, situation = TOPICS[n % len(TOPICS)]
        place = self.rng.choice(PLACES)
        if n >= len(TOPICS):
            title = title.replace("关于", f"关于{place}", 1)
        author = author or self.rng.choice(self.members)
        kind, cosigners = "individual", []
        if invite is not None:
            kind = "joint"
        elif self.rng.random() < 0.25:
            kind = "joint"
            cosigners = [m for m in self.rng.sample(self.members, 3) if m.pk != author.pk][:2]
        day = session.start_date - timedelta(days=self.rng.randint(0, 20))
        proposal = services.proposal_create(
            actor=author.member.user,
            kind=kind,
            title=title,
            situation=f"{situation}据调研,{place}等地的情况尤为突出,群众反映较多。",
            analysis="问题的原因主要在于投入不足、机制不健全和部门协同不够。",
            suggestions="一是加大投入力度;二是完善工作机制;三是加强部门协作,形成工作合力。",
            category=self.categories[category],
            suggested_units=[self.units[unit_name]],
            cosigner_ids=[m.member_id for m in cosigners] + ([invite.member_id] if invite else []),
            now=_at(day),
        )
        for m in cosigners:
            services.proposal_confirm_cosign(
                actor=m.member.user, proposal=proposal, now=_at(day, 15)
            )
        if self.rng.random() < 0.3:
            for m in self.rng.sample(self.members, self.rng.randint(1, 4)):
                if m.pk != author.pk and m not in cosigners:
                    services.proposal_endorse(
                        actor=m.member.user, proposal=proposal, now=_at(day, 17)
                    )
        return proposal

    def handle(self, proposal: Proposal, start: date, stage: int) -> None:
        """Carry `proposal` through `stage` steps of the cycle from `start`."""
        day = start
        staff, rng = self.staff, self.rng
        unit_name = proposal.suggested_units.first().name
        if stage < 1:
            return
        if rng.random() < 0.06:
            convert = rng.choice(["letter", "opinion"])
            reason = {
                "letter": "所提事项属于市级事权,转为委员来信",
                "opinion": "反映的情况较为具体,转为社情民意信息更利于及时反映",
            }[convert]
            services.proposal_decline(
                actor=staff, proposal=proposal, reason=reason, convert_to=convert, now=_at(day)
            )
            return
        proposal = services.proposal_register(actor=staff, proposal=proposal, now=_at(day))
        if stage < 2:
            return
        day += timedelta(days=rng.randint(10, 20))
        proposal = services.proposal_assign(
            actor=staff, proposal=proposal, lead_unit=self.units[unit_name], now=_at(day)
        )
        unit = self.unit_user(self.units[unit_name])
        if rng.random() < 0.12:
            proposal = services.proposal_mark_key(
                actor=staff,
                proposal=proposal,
                supervisor=rng.choice(self.leaders),
                lead_by="县人民政府副县长",
                now=_at(day),
            )
            services.proposal_supervise(
                actor=staff,
                proposal=proposal,
                kind="visit",
                note="主席带队实地督办",
                supervisor=proposal.supervisor,
                on=day + timedelta(days=20),
                now=_at(day + timedelta(days=20)),
            )
        elif rng.random() < 0.1:
            services.proposal_supervise(
                actor=staff,
                proposal=proposal,
                kind="reminder",
                note="电话督促承办单位加快办理",
                on=day + timedelta(days=30),
                now=_at(day + timedelta(days=30)),
            )
        if stage < 3:
            return
        day += timedelta(days=rng.randint(20, 60))
        mode = "in_person" if proposal.key or rng.random() < 0.7 else "phone"
        contact = services.proposal_contact(
            actor=unit,
            proposal=proposal,
            mode=mode,
            note="就提案办理与提案人交换意见",
            now=_at(day),
        )
        if mode == "in_person" and proposal.proposer and proposal.proposer.user:
            services.proposal_confirm_contact(
                actor=proposal.proposer.user, proposal=proposal, contact=contact, now=_at(day, 16)
            )
        category = rng.choices("ABC", [6, 3, 1])[0]
        services.proposal_reply(
            actor=unit,
            proposal=proposal,
            category=category,
            text={
                "A": "经研究,所提建议已采纳并落实。",
                "B": "所提建议已列入明年工作计划,正在推进。",
                "C": "受财力所限,暂难实施,留作今后工作参考。",
            }[category],
            doc_number=f"云{unit_name[1:3]}复〔{day.year}〕{proposal.serial}号",
            now=_at(day),
        )
        if stage < 4:
            return
        services.proposal_approve_reply(actor=unit, proposal=proposal, now=_at(day, 14))
        if stage < 5:
            return
        day += timedelta(days=rng.randint(2, 7))
        services.proposal_accept_reply(actor=staff, proposal=proposal, now=_at(day))
        if stage < 6 or proposal.proposer is None or proposal.proposer.user is None:
            return
        day += timedelta(days=rng.randint(3, 15))
        rating = rng.choices(["satisfied", "basically_satisfied", "unsatisfied"], [7, 2, 1])[0]
        services.proposal_evaluate(
            actor=proposal.proposer.user,
            proposal=proposal,
            rating=rating,
            comment="" if rating != "unsatisfied" else "答复不够具体",
            now=_at(day),
        )
        if rng.random() < 0.3:
            services.proposal_publish(actor=staff, proposal=proposal, now=_at(day))


def _setup(committee: Committee, password_hash: str) -> None:
    for i, name in enumerate(CATEGORIES):
        Category.objects.get_or_create(committee=committee, name=name, defaults={"position": i})
    from zhengxie.members.services import unit_account_create

    for i, unit in enumerate(HandlingUnit.objects.filter(committee=committee).order_by("id"), 1):
        if not unit.accounts.exists():
            unit_account_create(
                actor=None,
                unit=unit,
                username=f"dw{i:02d}",
                password="",
                display_name=f"{unit.name}经办人",
                is_approver=True,
                validate_password=False,
                password_hash=password_hash,
            )


def _stories_for_demo_logins(story: _Story, session: Session) -> None:
    """The `member` login has a reply to evaluate, a proposal in handling and an invitation to
    cosign; the `chair` login supervises a key proposal."""
    member = next(m for m in story.members if m.member.user.username == "member")
    start = session.end_date + timedelta(days=5)
    story.handle(story.write(session, 3, author=member), start, 5)
    story.handle(story.write(session, 9, author=member), start, 2)
    other = next(m for m in story.members if m.pk != member.pk and not m.post)
    story.write(session, 14, author=other, invite=member)
    chair = next(m for m in story.members if m.post == "chair")
    key = story.write(session, 20)
    key = services.proposal_register(actor=story.staff, proposal=key, now=_at(start))
    key = services.proposal_assign(
        actor=story.staff, proposal=key, lead_unit=key.suggested_units.first(), now=_at(start)
    )
    services.proposal_mark_key(
        actor=story.chair, proposal=key, supervisor=chair, lead_by="县人民政府县长", now=_at(start)
    )


def demo_proposals(committee: Committee, password_hash: str, seed: int = 3) -> int:
    rng = random.Random(seed)
    _setup(committee, password_hash)
    story = _Story(committee, rng, date.today())
    count = 0
    for number, per_session in SESSIONS.items():
        session = Session.objects.get(
            term__committee=committee, term__is_current=True, number=number
        )
        CollectionCall.objects.get_or_create(
            session=session,
            defaults={
                "outline": "围绕县委中心工作和群众关切,"
                "重点就乡村振兴、民生改善、生态保护等建言献策。",
                "opens_on": session.start_date - timedelta(days=30),
                "closes_on": session.end_date,
            },
        )
        current = number == max(SESSIONS)
        for n in range(per_session):
            proposal = story.write(session, n + number * 7)
            similar = Proposal.objects.filter(
                session=session, state__in=["submitted", "registered"]
            )
            similar = similar.exclude(pk=proposal.pk).first()
            if n % 12 == 11 and similar is not None:
                services.proposal_merge(
                    actor=story.staff, proposal=proposal, into=similar, now=_at(session.end_date)
                )
                count += 1
                continue
            stage = rng.choice([0, 1, 2, 2, 3, 4, 5, 6, 6, 6]) if current else 6
            # A random story may meet a real rule (a window, a guard): keep what was done.
            with contextlib.suppress(ServiceError):
                story.handle(proposal, session.end_date + timedelta(days=5), stage)
            count += 1
        if current:
            _stories_for_demo_logins(story, session)
            count += 4
    return count
