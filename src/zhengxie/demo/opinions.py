"""Demo public-opinion work for 2026: items from members, stations and the office in every
state, 《各界反映》 issues, forwarding to 云州市政协 (whose office also works here),
adoption at several levels, leaders' instructions with their tasks, and yearly quotas."""

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from zhengxie.core import roles
from zhengxie.core.models import Committee, User
from zhengxie.core.services import user_create
from zhengxie.members.models import HandlingUnit, LiaisonStation, Membership
from zhengxie.opinions import services
from zhengxie.opinions.models import Bulletin, Opinion, OpinionCategory

TZ = ZoneInfo("Asia/Shanghai")
ITEMS = [  # (category, title, text)
    (
        "社会民生",
        "关于城区学校周边交通安全隐患的反映",
        "家长反映,放学时段校门口车辆拥堵,学生穿行存在安全隐患。建议公安交警与教育部门联合设置护学岗,错峰放学,在周边增设临时停车位。",
    ),
    (
        "社会民生",
        "关于老旧小区加装电梯推进缓慢的反映",
        "城关镇多个老旧小区居民反映加装电梯意愿强烈,但低层住户意见不一、审批环节多。建议出台简化审批办法,设立协调机制和财政补助。",
    ),
    (
        "医疗卫生",
        "关于乡镇卫生院全科医生短缺的建议",
        "部分乡镇卫生院仅有1至2名全科医生,群众看病需往返县城。建议实施定向培养和县乡轮岗,提高基层岗位待遇。",
    ),
    (
        "经济",
        "关于中小微企业融资难的反映",
        "企业界委员反映,小微企业缺少抵押物,贷款审批周期长。建议扩大政府性融资担保规模,推广“信易贷”等信用贷款产品。",
    ),
    (
        "生态环境",
        "关于河道沿岸垃圾堆放问题的反映",
        "群众反映,龙溪河中段沿岸存在生活垃圾和建筑垃圾堆放,雨季污染水体。建议落实河长巡河责任,增设垃圾收集点。",
    ),
    (
        "社会治理",
        "关于农村自建房安全隐患排查的建议",
        "部分农村自建房加层改建未经审批,存在结构安全隐患。建议开展专项排查,建立台账,分类整治。",
    ),
    (
        "文化教育",
        "关于农村学校音体美教师不足的反映",
        "乡村学校普遍缺少音乐、体育、美术专业教师,课程开不齐。建议推行县域内走教、共享教师制度。",
    ),
    (
        "经济",
        "关于农产品冷链物流短板的建议",
        "果蔬产区缺少产地预冷和冷藏设施,损耗率高。建议统筹建设产地冷链集配中心,对合作社给予建设补助。",
    ),
    (
        "社会民生",
        "关于城区停车难问题的建议",
        "老城区停车位严重不足,占道停车普遍。建议盘活闲置地块建设公共停车场,推行错时共享停车。",
    ),
    (
        "医疗卫生",
        "关于加强老年人慢病健康管理的建议",
        "农村老年人高血压、糖尿病患者多,随访不及时。建议依托家庭医生签约服务,配备便携检测设备,定期入户随访。",
    ),
    (
        "社会治理",
        "关于电信网络诈骗防范宣传的建议",
        "近期老年人受骗案件增多。建议社区、银行网点联动开展防诈宣传,推广反诈预警提示。",
    ),
    (
        "生态环境",
        "关于秸秆综合利用的建议",
        "秋收后仍有零星焚烧秸秆现象。建议完善收储运体系,扶持秸秆饲料化、肥料化利用企业。",
    ),
    (
        "文化教育",
        "关于加强传统村落保护利用的建议",
        "部分传统村落古民居年久失修。建议编制保护规划,引导社会资本参与活化利用。",
    ),
    (
        "经济",
        "关于优化营商环境“一件事一次办”的建议",
        "企业开办、项目审批仍存在多头跑、重复交材料。建议推进部门数据共享,拓展“一件事一次办”事项。",
    ),
    (
        "社会民生",
        "关于农村饮水安全的反映",
        "山区部分村组旱季供水不稳定,水质检测频次低。建议实施供水管网改造,加强水质检测。",
    ),
    (
        "其他",
        "关于规范殡葬服务收费的反映",
        "群众反映殡葬服务收费项目多、不透明。建议公开收费清单,加强价格监管。",
    ),
]
LEADERS = [
    ("县委书记 陈建国", True),
    ("县长 刘文华", True),
    ("县委副书记 周立新", False),
    ("副县长 吴海燕", False),
]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), TZ)


def _city_office(parent: Committee, hashed: str) -> tuple[User, User]:
    users = []
    for username, name in (("city", "云州市政协信息科 孙丽"), ("city2", "云州市政协信息科 钱程")):
        user = user_create(
            actor=None,
            username=username,
            password="unused-demo-password",
            display_name=name,
            committee=parent,
            role_names=[roles.STAFF],
            validate_password=False,
        )
        user.password = hashed
        user.save(update_fields=["password"])
        users.append(user)
    return users[0], users[1]


def demo_opinions(committee: Committee, hashed: str) -> None:
    rng = random.Random(26)
    parent = committee.parent
    editor, reviewer = (User.objects.get(username=u) for u in ("staff", "staff2"))
    city, city2 = _city_office(parent, hashed)
    members = list(
        Membership.objects.filter(term__committee=committee, term__is_current=True)
        .exclude(member__user=None)
        .select_related("member__user", "station")
    )
    categories = {c.name: c for c in OpinionCategory.objects.filter(committee=committee)}
    stations = list(LiaisonStation.objects.filter(committee=committee))
    approved: list[Opinion] = []
    day = date(2026, 1, 8)
    for n in range(48):
        category, title, text = ITEMS[n % len(ITEMS)]
        author = rng.choice(members)
        co = [rng.choice(members).member_id] if rng.random() < 0.25 else []
        kind = rng.random()
        station = author.station if kind < 0.15 and author.station else None
        item = services.opinion_submit(
            actor=editor if station else author.member.user,
            title=title if n < len(ITEMS) else f"{title}(续)",
            text=text,
            channel=rng.choice(Opinion.Channel.values),
            category=categories[category],
            author_ids=([author.member_id] if station else []) + co,
            station=station,
            urgent=n in (5, 41),
            now=_at(day),
        )
        day += timedelta(days=rng.randint(4, 8))
        approved += _handle(item, n, editor, reviewer, members, day)
    waiting = list(Opinion.objects.filter(committee=committee, state="submitted", source="member"))
    for item in waiting[:2]:
        services.opinion_merge(actor=editor, opinion=item, into=waiting[2], now=_at(day))
    _bulletins(committee, approved, editor)
    _outcomes(committee, approved, editor, city, city2)
    _quotas(committee, editor, stations, members)


def _handle(item, n, editor, reviewer, members, day) -> list[Opinion]:
    """Walk item `n` to a state: the latest stay open, a few are returned, merged, declined."""
    later = _at(day, 15)
    if n >= 44:
        return []
    if n in (12, 30):
        services.opinion_return(
            actor=editor, opinion=item, reason="请补充涉及的具体村组和户数。", now=later
        )
        return []
    if n in (8, 25):
        services.opinion_decline(
            actor=editor, opinion=item, reason="所反映问题已在办理中。", now=later
        )
        return []
    item = services.opinion_accept(
        actor=editor,
        opinion=item,
        edited_text=f"{item.text}\n(编者按:经核实,情况属实。)",
        now=later,
    )
    if n in (40, 42, 43):
        return []
    if n == 33:
        services.opinion_flag(
            actor=reviewer, opinion=item, reason="涉及具体企业经营信息,仅报领导参阅。", now=later
        )
    return [services.opinion_approve(actor=reviewer, opinion=item, now=later)]


def _bulletins(committee: Committee, approved: list[Opinion], editor: User) -> None:
    printable = [o for o in approved if not o.sensitive]
    gejie = Bulletin.objects.get(committee=committee, name="各界反映")
    diaoyan = Bulletin.objects.get(committee=committee, name="政协调研")
    for number, chunk in enumerate(range(0, len(printable) - 4, 3)):
        items = printable[chunk : chunk + 3]
        bulletin = diaoyan if number == 4 else gejie
        issue = services.bulletin_issue_create(
            actor=editor, bulletin=bulletin, title=items[0].current_title, opinions=items
        )
        on = max(o.approved_at for o in items).astimezone(TZ).date() + timedelta(days=3)
        services.bulletin_issue_publish(actor=editor, issue=issue, on=on, now=_at(on))
    services.bulletin_issue_create(
        actor=editor, bulletin=gejie, title="(本期编辑中)", opinions=printable[-2:]
    )


def _outcomes(committee, approved, editor, city, city2) -> None:
    units = {u.name: u for u in HandlingUnit.objects.filter(committee=committee)}
    for item, level in zip(approved[1:12:3], ["city", "city", "province", "city"], strict=True):
        services.opinion_adopt(
            actor=editor,
            opinion=item,
            level=level,
            note="刊用",
            adopted_on=item.approved_at.astimezone(TZ).date() + timedelta(days=20),
        )
    for i, item in enumerate(approved[:12:2]):
        leader, main = LEADERS[i % len(LEADERS)]
        given = item.approved_at.astimezone(TZ).date() + timedelta(days=10)
        task = services.opinion_instruct(
            actor=editor,
            opinion=item,
            leader=leader,
            main_leader=main,
            text="请有关部门认真研究,切实解决群众反映的问题。",
            unit=units.get("县教育局") if i % 2 == 0 else next(iter(units.values())),
            given_on=given,
            now=_at(given),
        )
        if i < 3:
            services.instruction_coordinate(
                actor=editor,
                instruction=task,
                on=given + timedelta(days=5),
                note="县委办、县府办召开协调会,明确责任分工。",
                now=_at(given + timedelta(days=5)),
            )
            services.instruction_feedback(
                actor=editor,
                instruction=task,
                text="已制定整改方案并落实,相关情况已书面反馈。",
                now=_at(given + timedelta(days=15)),
            )
    for item in approved[2:14:3]:
        services.opinion_forward(
            actor=editor, opinion=item, to="leader", recipient="县委、县政府主要领导"
        )
    up = [o for o in approved[3:20:4]]
    copies = [services.opinion_forward(actor=editor, opinion=o, to="parent").copy for o in up]
    copies = [services.opinion_accept(actor=city, opinion=c) for c in copies]
    copies = [services.opinion_approve(actor=city2, opinion=c) for c in copies[:3]]
    issue = services.bulletin_issue_create(
        actor=city,
        bulletin=Bulletin.objects.get(committee=committee.parent, name="社情民意"),
        title="基层声音",
        opinions=copies[:2],
    )
    services.bulletin_issue_publish(actor=city, issue=issue)


def _quotas(committee, editor, stations, members) -> None:
    for station in stations:
        services.opinion_quota_set(
            actor=editor, committee=committee, year=2026, target=6, station=station
        )
    for membership in members[:20]:
        services.opinion_quota_set(
            actor=editor, committee=committee, year=2026, target=2, member=membership.member
        )
