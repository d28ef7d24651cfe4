"""Demo outcomes of 2026 (issue 11): what became of the year's reports, through the outcome
services. The research and inspection reports, two 协商专报 of held consultations and a 建议案
of the 专题议政性常委会议 (tabled and carried at the October 常委会议) are sent to the county
party committee, the government and departments, one 专报 up to 云州市政协; leaders' 批示 are
tasks for named units, fed back in writing, one checked jointly with the 督查 offices; the
members who took part are told the results and rate the units; each suggestion is adopted,
being implemented, implemented or not adopted with its reason; new problems of the industry
report are consulted on again, and four topics are evaluated against the committee's
indicators. Left for each role's home: the demo member's result to rate, 县教育局's open task,
住建局's overdue one, a 专报 awaiting a 批示, another to send, a result to tell the members.

The dates follow the reports of demo.fieldwork (end of March, end of May, early and late July,
early September) and the activities of demo.activities, and stay before today's December."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from zhengxie.consultations.models import Consultation, Outcome, OutcomeMember, WrittenRequest
from zhengxie.consultations.services import outcomes as services
from zhengxie.core.models import User
from zhengxie.fieldwork.models import Fieldwork
from zhengxie.lib.dates import cn_date
from zhengxie.meetings.models import Meeting
from zhengxie.members.models import HandlingUnit, Member

from .meetings import motion_carried, motion_put
from .topics import Cast, at


@dataclass(frozen=True)
class Task:
    """A leader's 批示 and the task it sets a unit; open while `feedback` is empty."""

    leader: str
    text: str
    unit: str
    given_on: date
    due_on: date
    main_leader: bool = False
    feedback: str = ""
    fed_back_on: date | None = None
    check: str = ""  # the joint check with the party and government 督查 offices
    checked_on: date | None = None


@dataclass(frozen=True)
class Chain:
    """Where an outcome went and what became of it. `sendings` are (to, recipient), the
    recipient a unit's name when sent to a department; `settled` says per suggestion number
    how it stands (adopted / implementing / implemented / not_adopted / route) and on what."""

    sent_on: date
    sendings: tuple[tuple[str, str], ...]
    tasks: tuple[Task, ...] = ()
    settled: tuple[tuple[str, str], ...] = ()
    concluded_on: date | None = None
    result: str = ""
    informed_on: date | None = None


PARTY, GOVERNMENT = ("party", "中共云溪县委"), ("government", "云溪县人民政府")

# The reports of demo.fieldwork, by their plan topic's key.
REPORTS = {
    "industry": Chain(
        date(2026, 4, 2),
        (PARTY, GOVERNMENT),
        (
            Task(
                "县委书记",
                "请县农业农村局牵头,会同有关部门研究冷链集配中心建设和龙头企业培育,形成具体方案。",
                "县农业农村局",
                date(2026, 4, 10),
                date(2026, 6, 30),
                main_leader=True,
                feedback="已制定《云溪县特色产业冷链集配中心建设方案》,首批3个集配中心开工建设,"
                "新认定县级农业产业化龙头企业5家。",
                fed_back_on=date(2026, 6, 24),
                check="县委督查室、县政府督查室会同县政协农业农村委员会联合检查,青石镇、柳林镇"
                "两个集配中心主体完工。",
                checked_on=date(2026, 7, 8),
            ),
            Task(
                "县长",
                "请县商务局抓好乡村旅游配套设施和农产品销售渠道建设。",
                "县商务局",
                date(2026, 4, 15),
                date(2026, 6, 30),
                feedback="已将乡村旅游道路、停车场和公厕建设纳入年度项目清单,完成投资1200万元。",
                fed_back_on=date(2026, 6, 28),
            ),
        ),
        (
            ("implemented", "县政府印发《冷链集配中心建设补助办法》(云政办发〔2026〕21号)。"),
            ("implementing", "县农业农村局开展龙头企业认定,首批5家已公布。"),
            ("adopted", "县长批示采纳,纳入2027年乡村旅游项目清单。"),
            ("not_adopted", "涉农贷款贴息执行市级统一政策,县级暂不另设资金。"),
        ),
        date(2026, 7, 10),
        "县委常委会研究采纳,冷链集配中心建设列入县委、县政府年度重点工作,首批集配中心已完工。",
        date(2026, 7, 15),
    ),
    "housing": Chain(
        date(2026, 6, 3),
        (("department", "县住房和城乡建设局"), GOVERNMENT),
        (
            Task(
                "副县长",
                "请县住房和城乡建设局将雨污分流纳入改造内容,11月中旬前报送加装电梯协调机制落实情况。",
                "县住房和城乡建设局",
                date(2026, 6, 12),
                date(2026, 11, 13),  # past and not fed back: the office's overdue task
            ),
        ),
        (
            ("implementing", "2026年改造项目已将雨污分流列为必选内容。"),
            ("route", "县住房和城乡建设局"),
        ),
    ),
    "health": Chain(
        date(2026, 7, 9),
        (GOVERNMENT,),
        (
            Task(
                "副县长",
                "请县卫生健康委员会抓紧落实定向医学生培养和医共体结果互认。",
                "县卫生健康委员会",
                date(2026, 7, 20),
                date(2026, 10, 31),
                feedback="已与云州医学院签订订单定向培养协议,招录定向医学生12名;"
                "医共体内检查检验结果互认覆盖全部乡镇卫生院。",
                fed_back_on=date(2026, 10, 20),
            ),
            Task(
                "副县长",
                "请县医疗保障局研究远程会诊医保支付政策。",
                "县医疗保障局",
                date(2026, 7, 20),
                date(2026, 10, 31),
                feedback="已将远程会诊纳入医保支付范围,自10月1日起执行。",
                fed_back_on=date(2026, 10, 28),
            ),
        ),
        (
            ("adopted", "县卫生健康委员会落实“县管乡用”,列入年度人才工作要点。"),
            ("implementing", "村医养老保障政策正在测算,拟于年底前出台。"),
            ("implemented", "远程会诊纳入医保支付(云医保发〔2026〕9号)。"),
        ),
        date(2026, 11, 5),
        "县政府常务会议研究采纳,定向医学生培养和医共体结果互认已落实,村医养老保障年底前出台。",
        date(2026, 11, 12),
    ),
    "schools": Chain(
        date(2026, 7, 28),
        (("department", "县教育局"), GOVERNMENT),
        (
            Task(
                "副县长",
                "请县教育局牵头编制城区学校布局规划,年底前报县政府审定。",
                "县教育局",
                date(2026, 8, 6),
                date(2026, 12, 31),  # still open: the 县教育局 login's next work
            ),
            Task(
                "副县长",
                "请县财政局统筹安排城区学校新建扩建资金。",
                "县财政局",
                date(2026, 8, 6),
                date(2026, 10, 31),
                feedback="已将城区两所学校新建扩建项目纳入2027年财政预算和专项债券申报。",
                fed_back_on=date(2026, 10, 16),
            ),
        ),
        (
            ("adopted", "县政府常务会议研究同意编制城区学校布局规划。"),
            ("implementing", "县教育局在3个学区启动教师走教试点。"),
            ("not_adopted", "寄宿制学校生活设施改善已纳入省级薄弱环节改善项目,县级不再另行安排。"),
        ),
    ),
    "business": Chain(
        date(2026, 9, 10),
        (GOVERNMENT, ("department", "县发展和改革局")),
        (
            Task(
                "县长",
                "请县行政审批局推行涉企事项“一件事一次办”。",
                "县行政审批局",
                date(2026, 9, 18),
                date(2026, 11, 15),
                feedback="“一件事一次办”已覆盖企业开办、工程建设等28项高频事项。",
                fed_back_on=date(2026, 11, 10),
            ),
        ),
        (
            ("implemented", "县行政审批局上线“一件事一次办”专区。"),
            ("adopted", "县政府同意扩大政府性融资担保规模,列入2027年预算。"),
            ("implementing", "县市场监督管理局牵头推行“综合查一次”。"),
            ("route", "县发展和改革局"),
        ),
        date(2026, 11, 20),  # concluded, the members not told yet: the office's next work
    ),
}


@dataclass(frozen=True)
class Formed:
    """An outcome the office writes from a held consultation (outcome_record)."""

    topic: str
    kind: str
    title: str
    written_on: date
    suggestions: tuple[str, ...]
    chain: Chain | None = None
    up: bool = False  # also 报送 up to 云州市政协


BRIEFS = [
    Formed(
        "industry",
        "brief",
        "关于加快乡村振兴特色产业发展的协商专报",
        date(2026, 5, 27),
        (
            "把特色产业发展纳入县委、县政府重点督查事项",
            "设立县级特色产业发展基金",
            "支持合作社与电商平台共建销售渠道",
        ),
        Chain(date(2026, 5, 29), (PARTY, GOVERNMENT), settled=(("route", "中共云溪县委"),)),
        up=True,
    ),
    Formed(
        "coldchain",
        "brief",
        "关于补齐农产品冷链物流短板的网络议政专报",
        date(2026, 11, 26),
        (
            "在主产区布局产地预冷库,由村集体经济组织运营",
            "整合邮政、快递和供销网点建设县乡村三级冷链配送体系",
        ),
    ),
]
RECOMMENDATION = Formed(
    "business",
    "recommendation",
    "关于持续优化县域营商环境的建议案",
    date(2026, 10, 15),
    (
        "全面推行涉企事项“一件事一次办”",
        "扩大政府性融资担保规模,降低担保费率",
        "推行涉企“综合查一次”,减少重复检查",
        "建立政企常态化沟通机制",
    ),
    Chain(
        date(2026, 10, 30),
        (PARTY, GOVERNMENT),
        (
            Task(
                "县委书记",
                "建议案很有针对性,请县发展和改革局牵头制定优化营商环境三年行动方案。",
                "县发展和改革局",
                date(2026, 11, 6),
                date(2026, 12, 31),
                main_leader=True,
            ),
        ),
        (("adopted", "县委书记批示,纳入优化营商环境三年行动方案。"),),
    ),
)
VOTE_MEETING = "十届第二十次常委会议"  # demo.meetings' October 常委会议
RECONSULT = (
    "industry",
    "冷链集配中心建成后部分合作社反映运营成本高、使用率不足,需就运营管理机制再协商。",
    "counterpart",
    "特色产业冷链集配中心运营管理再协商会",
    date(2026, 12, 16),
    date(2026, 11, 18),
)
INDICATORS = [
    ("选题精准", "议题紧扣县委中心工作和群众关切"),
    ("调研深入", "先调研后协商,调研报告质量"),
    ("协商充分", "参与广泛、互动充分、意见集中"),
    ("成果转化", "建议采纳、领导批示和落实情况"),
    ("委员满意", "参与委员对责任单位落实情况的满意度"),
]
# 成效评估 of 2026: per topic its grade, the scores in INDICATORS' order and the conclusion.
EVALUATIONS = [
    ("industry", "excellent", (95, 93, 92, 94, 91), "调研扎实,建议大多被采纳并落实,成效明显。"),
    ("health", "good", (90, 88, 86, 85, 84), "建议采纳率高,村医养老保障尚待出台。"),
    ("business", "good", (88, 90, 87, 86, 85), "形成建议案经常委会议通过,转化为县委部署。"),
    ("housing", "fair", (85, 80, 78, 65, 70), "批示任务超期未反馈,须加强跟踪督办。"),
]


def _unit_user(unit: HandlingUnit) -> User:
    return unit.accounts.select_related("user").order_by("pk").first().user


def _send(cast: Cast, outcome: Outcome, chain: Chain, up: bool) -> None:
    now = at(chain.sent_on, 10)
    for to, recipient in chain.sendings:
        unit = cast.units[recipient] if to == "department" else None
        services.outcome_send(
            actor=cast.staff, outcome=outcome, to=to, recipient=recipient, unit=unit, now=now
        )
    if up:
        services.outcome_send(actor=cast.staff, outcome=outcome, to="parent", now=now)


def _task(cast: Cast, outcome: Outcome, spec: Task) -> None:
    unit = cast.units[spec.unit]
    task = services.outcome_instruct(
        actor=cast.staff,
        outcome=outcome,
        leader=spec.leader,
        text=spec.text,
        unit=unit,
        due_on=spec.due_on,
        main_leader=spec.main_leader,
        given_on=spec.given_on,
        now=at(spec.given_on, 15),
    )
    if spec.feedback:
        task = services.task_feedback(
            actor=_unit_user(unit), task=task, text=spec.feedback, now=at(spec.fed_back_on, 16)
        )
    if spec.check:
        services.task_check(
            actor=cast.staff,
            task=task,
            on=spec.checked_on,
            note=spec.check,
            now=at(spec.checked_on, 17),
        )


def _settle(cast: Cast, outcome: Outcome, chain: Chain) -> None:
    """Each suggestion as it stands: decided a fortnight after the outcome was sent, and
    implemented by the time the outcome's implementation is confirmed."""
    staff, on = cast.staff, chain.sent_on + timedelta(days=14)
    now = at(on, 11)
    # The first suggestions as `settled` says; any after them still wait (待采纳).
    suggestions = outcome.suggestions.order_by("number")
    for suggestion, (how, text) in zip(suggestions, chain.settled, strict=False):
        if how == "route":
            services.suggestion_route(actor=staff, suggestion=suggestion, sent_to=text, now=now)
        elif how == "not_adopted":
            services.suggestion_decline(
                actor=staff, suggestion=suggestion, reason=text, decided_on=on, now=now
            )
        else:
            suggestion = services.suggestion_adopt(
                actor=staff, suggestion=suggestion, evidence=text, decided_on=on, now=now
            )
        if how == "implementing":
            services.suggestion_start(actor=staff, suggestion=suggestion, now=now)
        if how == "implemented":
            done = at(chain.concluded_on, 8)  # before the outcome is confirmed implemented
            services.suggestion_complete(
                actor=staff, suggestion=suggestion, evidence=text, now=done
            )


def _rate(cast: Cast, outcome: Outcome, on: date, rng: random.Random, demo_member_rates: bool):
    """Some of the members who took part rate each unit tasked; the demo member rates only
    when `demo_member_rates` (else the result waits on their home)."""
    people = [
        row.member
        for row in outcome.members.select_related("member__user").order_by("member_id")
        if row.member_id != cast.member.member.pk
    ]
    raters = rng.sample(people, min(4, len(people)))
    if demo_member_rates:
        raters.append(cast.member.member)
    units = [t.unit for t in outcome.tasks.select_related("unit").order_by("unit_id")]
    for n, member in enumerate(raters):
        for unit in dict.fromkeys(units):
            level = rng.choices(["satisfied", "basic", "unsatisfied"], [7, 2, 1])[0]
            services.outcome_rate(
                actor=member.user,
                outcome=outcome,
                unit=unit,
                level=level,
                note="" if level == "satisfied" else "落实进度还可以更快。",
                now=at(on + timedelta(days=1 + n % 3), 20),
            )


def _chain(
    cast: Cast, outcome: Outcome, chain: Chain, rng, up: bool = False, rates: bool = True
) -> Outcome:
    _send(cast, outcome, chain, up)
    for spec in chain.tasks:
        _task(cast, outcome, spec)
    _settle(cast, outcome, chain)
    if chain.concluded_on:
        outcome = services.outcome_conclude(
            actor=cast.staff, outcome=outcome, now=at(chain.concluded_on)
        )
    if chain.informed_on:
        outcome = services.outcome_inform(
            actor=cast.staff, outcome=outcome, result=chain.result, now=at(chain.informed_on)
        )
        _rate(cast, outcome, chain.informed_on, rng, demo_member_rates=rates)
    return outcome


def _present(consultation: Consultation) -> list[Member]:
    """The members who took part in a held consultation: checked in at its meeting, or
    writing an opinion where it had none."""
    if consultation.meeting_id:
        rows = consultation.meeting.check_ins.select_related("member").order_by("member_id")
    else:
        rows = consultation.opinions.select_related("member").order_by("member_id")
    return list(dict.fromkeys(row.member for row in rows))


def _formed(cast: Cast, spec: Formed, consultation: Consultation, authors) -> Outcome:
    return services.outcome_record(
        actor=cast.staff,
        kind=spec.kind,
        title=spec.title,
        text=f"{cn_date(consultation.date)},县政协召开{consultation.title},现将协商意见报告如下。",
        written_on=spec.written_on,
        topic=consultation.topic,
        suggestions=list(spec.suggestions),
        authors=authors,
        participants=_present(consultation),
        now=at(spec.written_on, 16),
    )


def _recommendation(cast: Cast, held: dict, reports: dict, rng) -> Outcome:
    """The 建议案 of the 专题议政性常委会议, written by its research report's authors, tabled
    and carried at the October 常委会议, then adopted and sent."""
    spec = RECOMMENDATION
    authors = [
        row.member
        for row in reports[spec.topic]
        .members.filter(role=OutcomeMember.Role.AUTHOR)
        .select_related("member")
        .order_by("member_id")
    ]
    outcome = _formed(cast, spec, held[spec.topic], authors)
    meeting = Meeting.objects.get(committee=cast.committee, kind="standing", title=VOTE_MEETING)
    vote = motion_put(meeting, cast.staff, spec.title)
    outcome = services.outcome_table(
        actor=cast.staff, outcome=outcome, vote=vote, now=at(date(2026, 10, 20))
    )
    motion_carried(vote, cast.staff, rng)
    outcome = services.outcome_adopt(
        actor=cast.staff, outcome=outcome, now=at(timezone.localdate(meeting.starts_at), 11)
    )
    return _chain(cast, outcome, spec.chain, rng)


def _reconsult(cast: Cast, outcome: Outcome) -> None:
    _, reason, form, title, on, decided = RECONSULT
    services.outcome_reconsult(
        actor=cast.staff,
        outcome=outcome,
        reason=reason,
        form=form,
        title=title,
        on=on,
        now=at(decided),
    )


def _evaluate(cast: Cast, topics: dict) -> None:
    indicators = [
        services.indicator_save(actor=cast.staff, name=name, description=text, position=n)
        for n, (name, text) in enumerate(INDICATORS)
    ]
    for key, grade, scores, conclusion in EVALUATIONS:
        services.topic_evaluate(
            actor=cast.staff,
            topic=topics[key],
            year=2026,
            grade=grade,
            conclusion=conclusion,
            scores={i.pk: score for i, score in zip(indicators, scores, strict=True)},
            now=at(date(2026, 11, 30), 15),
        )


def demo_outcomes(cast: Cast, topics: dict, fieldwork: dict[str, Fieldwork], held: dict) -> None:
    rng = random.Random(17)
    reports = {key: work.outcome for key, work in fieldwork.items()}
    written = WrittenRequest.objects.get(committee=cast.committee, state="answered").reply
    _chain(cast, written, Chain(date(2026, 3, 19), (("government", "县人民政府办公室"),)), rng)
    for key, chain in REPORTS.items():
        reports[key] = _chain(cast, reports[key], chain, rng, rates=key != "health")
    for spec in BRIEFS:
        outcome = _formed(cast, spec, held[spec.topic], [])
        if spec.chain:
            _chain(cast, outcome, spec.chain, rng, up=spec.up)
    _recommendation(cast, held, reports, rng)
    _reconsult(cast, reports[RECONSULT[0]])
    _evaluate(cast, topics)
