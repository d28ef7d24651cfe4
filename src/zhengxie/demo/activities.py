"""Demo consultation activities of 2026, one on each plan topic: the 专题协商会 and the
双月协商座谈会 held after their research reports, 对口协商 (one still waiting in December for
its research, one with a department's material owed), a 界别协商, a 提案办理协商, a 网络议政
window with members' opinions, a 基层协商 at a liaison station and a 专题议政性常委会议.
Those without a research report of their own are held on a leader's recorded exception.
Meetings run in the meetings app (invitees, check-in, close). Also two 书面协商 requests: one
answered, one gathering members' opinions."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from zhengxie.consultations.models import MEETING_FORMS, Consultation, Topic, WrittenRequest
from zhengxie.consultations.services import activities as services
from zhengxie.members.models import SectorGroup, SpecialCommittee
from zhengxie.members.queries import current_memberships
from zhengxie.proposals.models import Proposal

from .meetings import meeting_held
from .topics import Cast, at


@dataclass(frozen=True)
class Activity:
    topic: str
    form: str
    level: str
    title: str
    on: date
    place: str
    exempt: str = ""  # a leader's reason to consult before a research report
    held: bool = True


ACTIVITIES = [
    Activity(
        "property",
        "grassroots",
        "member_group",
        "城关镇老旧小区物业管理“有事多商量”协商议事会",
        date(2026, 4, 22),
        "城关镇政协委员联络工作站",
        exempt="议题来自联络工作站日常收集的群众诉求,以站点走访代替专题调研。",
    ),
    Activity(
        "industry",
        "thematic",
        "standing",
        "加快乡村振兴特色产业发展专题协商会",
        date(2026, 5, 20),
        "县政协四楼会议室",
    ),
    Activity(
        "brand",
        "sector",
        "member_group",
        "打造高原特色农产品品牌界别协商会",
        date(2026, 6, 24),
        "县政协三楼会议室",
        exempt="农业界委员已结合各自合作社经营开展专题走访,形成界别调研材料。",
    ),
    Activity(
        "proposal",
        "proposal_handling",
        "special_committee",
        "重点提案办理协商会",
        date(2026, 6, 30),
        "县政协三楼会议室",
        exempt="以提案办理单位的前期调研和办理情况报告为基础开展协商。",
    ),
    Activity(
        "housing",
        "counterpart",
        "special_committee",
        "城区老旧小区改造提质增效对口协商会",
        date(2026, 7, 16),
        "县住房和城乡建设局会议室",
    ),
    Activity(
        "health",
        "bimonthly",
        "standing",
        "提升基层医疗卫生服务能力双月协商座谈会",
        date(2026, 8, 26),
        "县政协四楼会议室",
    ),
    Activity(
        "schools",
        "counterpart",
        "special_committee",
        "推进义务教育优质均衡发展对口协商会",
        date(2026, 9, 17),
        "县教育局会议室",
    ),
    Activity(
        "business",
        "standing_thematic",
        "standing",
        "持续优化县域营商环境专题议政性常委会议",
        date(2026, 9, 24),
        "县政协四楼会议室",
    ),
    Activity(
        "coldchain",
        "online",
        "special_committee",
        "农产品冷链物流建设网络议政",
        date(2026, 10, 20),
        "网上议政平台",
        exempt="网络议政广泛听取委员意见,以社情民意信息反映的情况为基础。",
    ),
    Activity(
        "waste",
        "counterpart",
        "special_committee",
        "城乡生活垃圾分类和资源化利用对口协商会",
        date(2026, 11, 12),
        "市生态环境局云溪分局会议室",
        exempt="议题来自公开征集,以分局的专项工作报告和群众意见汇总代替先行调研。",
    ),
    Activity(
        "vocational",
        "counterpart",
        "special_committee",
        "深化职业教育产教融合对口协商会",
        date(2026, 12, 18),
        "县职业中专会议室",
        exempt="县政府拟于年内出台产教融合实施方案,时间紧,以部门专项报告代替先行调研。",
        held=False,
    ),
    Activity(
        "parking",
        "counterpart",
        "special_committee",
        "破解城区停车难问题对口协商会",
        date(2026, 12, 22),
        "县政协三楼会议室",
        held=False,
    ),
]


def _organiser(cast: Cast, activity: Activity, topic: Topic) -> dict:
    if activity.form == "sector":
        return {
            "sector_group": SectorGroup.objects.get(committee=cast.committee, name="农业界别活动组")
        }
    if activity.form == "grassroots":
        return {"station": topic.station}
    return {"special_committee": topic.lead_special_committee}


def _invitation(consultation: Consultation) -> tuple[str, int | None]:
    """Who the meeting invites: the standing committee for its own forms, else the
    organising group."""
    if consultation.level == "standing":
        return "standing", None
    if consultation.sector_group_id:
        return "sector_group", consultation.sector_group_id
    if consultation.station_id:
        return "station", consultation.station_id
    return "special_committee", consultation.special_committee_id


def _convened(cast: Cast, consultation: Consultation, rng: random.Random) -> None:
    rule, group = _invitation(consultation)
    consultation = services.consultation_convene(
        actor=cast.staff,
        consultation=consultation,
        invite_rule=rule,
        rule_group_id=group,
        invitee_ids=[cast.member.member.pk],
        now=at(consultation.date - timedelta(days=14)),
    )
    meeting_held(consultation.meeting, rng, cast.staff, 0.9)


def _specifics(cast: Cast, consultation: Consultation, topic: Topic, rng) -> None:
    """What each form records besides its meeting."""
    staff, now = cast.staff, at(consultation.date, 12)
    if consultation.form == "proposal_handling":
        proposals = Proposal.objects.filter(committee=cast.committee, state="closed").order_by(
            "pk"
        )[:3]
        services.consultation_link_proposals(
            actor=staff, consultation=consultation, proposals=list(proposals), now=now
        )
    if consultation.form == "grassroots":
        for name, where in [("杨桂兰", "幸福小区居民代表"), ("马建国", "城关社区居委会主任")]:
            services.consultation_add_participant(
                actor=staff, consultation=consultation, name=name, affiliation=where, now=now
            )
    if consultation.form == "online":
        _online(cast, consultation, rng)
    for unit in topic.departments.all()[:2]:
        services.consultation_record_attendance(
            actor=staff, consultation=consultation, unit=unit, attendees="分管负责人", now=now
        )


def _online(cast: Cast, consultation: Consultation, rng: random.Random) -> None:
    opens = at(consultation.date - timedelta(days=8))
    services.consultation_open_online(
        actor=cast.staff,
        consultation=consultation,
        opens_at=opens,
        closes_at=at(consultation.date, 18),
        now=opens - timedelta(days=3),
    )
    opinions = [
        "建议在核桃、蔬菜主产区布局产地预冷库,由村集体经济组织运营。",
        "建议整合邮政、快递和供销网点,建设县乡村三级冷链配送体系。",
        "建议对冷藏车辆通行给予便利,落实鲜活农产品运输“绿色通道”政策。",
        "建议引入专业冷链企业,以县城为节点对接云州市冷链物流园。",
    ]
    people = [cast.member.member, *rng.sample(cast.plain, len(opinions) - 1)]
    for n, (member, text) in enumerate(zip(people, opinions, strict=True)):
        services.consultation_opine(
            actor=member.user,
            consultation=consultation,
            text=text,
            now=opens + timedelta(days=n + 1),
        )


def _activity(cast: Cast, activity: Activity, topic: Topic, rng) -> Consultation:
    consultation = services.consultation_create(
        actor=cast.staff,
        topic=topic,
        form=activity.form,
        level=activity.level,
        title=activity.title,
        date=activity.on,
        place=activity.place,
        **_organiser(cast, activity, topic),
    )
    if activity.exempt:
        consultation = services.consultation_exempt(
            actor=cast.vice,
            consultation=consultation,
            reason=activity.exempt,
            now=at(activity.on - timedelta(days=30)),
        )
    if not activity.held:
        return consultation
    if consultation.form in MEETING_FORMS:
        _convened(cast, consultation, rng)
    _specifics(cast, consultation, topic, rng)
    return services.consultation_hold(
        actor=cast.staff,
        consultation=consultation,
        summary=f"围绕“{topic.title}”开展协商,委员和有关部门负责人交流发言,形成协商意见。",
        now=at(activity.on, 12),
    )


def _materials(cast: Cast, consultation: Consultation) -> None:
    """The December 对口协商: 县教育局's situation report is owed (the unit's next work)."""
    for unit, title in [
        ("县教育局", "全县职业教育发展和产教融合情况报告"),
        ("县人力资源和社会保障局", "技能人才培养和校企合作情况"),
    ]:
        services.consultation_request_material(
            actor=cast.staff,
            consultation=consultation,
            unit=cast.units[unit],
            title=title,
            due_on=consultation.date - timedelta(days=7),
            now=at(date(2026, 11, 20)),
        )


def _written(cast: Cast, rng: random.Random) -> list[WrittenRequest]:
    """书面协商: the government's draft answered in March; a department's draft in December
    still gathering the opinions of the demo member's special committee."""
    answered = _request(
        cast,
        "government",
        "县人民政府办公室",
        "《云溪县“十五五”教育事业发展规划(征求意见稿)》",
        date(2026, 3, 2),
        "文化文史和学习委员会",
    )
    for member in _committee_members(answered.special_committee, rng, 3):
        services.written_request_opine(
            actor=member.user,
            request=answered,
            text="建议规划进一步明确城区学位供给和乡村小规模学校保留标准。",
            now=at(date(2026, 3, 9)),
        )
    services.written_request_answer(
        actor=cast.staff,
        request=answered,
        title="关于《云溪县“十五五”教育事业发展规划(征求意见稿)》的书面意见",
        text="县政协组织文化文史和学习委员会委员认真研究,提出以下意见建议:……",
        answered_on=date(2026, 3, 18),
        now=at(date(2026, 3, 18)),
    )
    asking = _request(
        cast,
        "department",
        "县发展和改革局",
        "《云溪县县域商业体系建设实施方案(征求意见稿)》",
        date(2026, 11, 24),
        "经济委员会",
    )
    return [answered, asking]


def _request(cast, kind, requester, document, received_on, special) -> WrittenRequest:
    request = services.written_request_create(
        actor=cast.staff,
        requester_kind=kind,
        requester=requester,
        document=document,
        received_on=received_on,
        due_on=received_on + timedelta(days=18),
    )
    return services.written_request_assign(
        actor=cast.staff,
        request=request,
        special_committee=cast.specials[special],
        now=at(received_on + timedelta(days=1)),
    )


def _committee_members(special: SpecialCommittee, rng: random.Random, count: int) -> list:
    rows = current_memberships(special.committee_id).filter(
        special_committees=special, member__user__isnull=False
    )
    members = [m.member for m in rows.select_related("member__user").order_by("pk")]
    return rng.sample(members, min(count, len(members)))


def demo_activities(cast: Cast, topics: dict[str, Topic], seed: int = 13) -> dict:
    rng = random.Random(seed)
    held = {}
    for activity in ACTIVITIES:
        held[activity.topic] = _activity(cast, activity, topics[activity.topic], rng)
    _materials(cast, held["vocational"])
    _written(cast, rng)
    return held
