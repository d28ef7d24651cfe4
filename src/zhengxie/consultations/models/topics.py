from django.conf import settings
from django.db import models

from zhengxie.core.models import Committee
from zhengxie.lib.dates import cn_date
from zhengxie.members.models import (
    HandlingUnit,
    LiaisonStation,
    Member,
    Sector,
    SectorGroup,
    SpecialCommittee,
)

# seeds_001 §1.1 (篇五 art. 4): the twelve contents of consultation; a committee adds its own
# ("结合实际丰富协商内容,拓宽协商范围").
DEFAULT_CATEGORIES = [
    "国民经济和社会发展中长期规划",
    "政府工作报告",
    "国民经济和社会发展计划报告",
    "财政预决算报告",
    "人民法院、人民检察院工作报告",
    "经济社会发展的重要问题",
    "重要政府规章和规范性文件",
    "党委提出的有关重要人事事项",
    "事关全局的其他重大决策",
    "各党派参加人民政协工作的共同性事务",
    "政协内部的重要事务",
    "有关爱国统一战线的其他重要问题",
]


class Form(models.TextChoices):
    """协商形式: every form seeds_001 §2 names."""

    PLENARY = "plenary", "全体会议协商"
    STANDING_THEMATIC = "standing_thematic", "专题议政性常委会议"
    THEMATIC = "thematic", "专题协商会"
    BIMONTHLY = "bimonthly", "双月协商座谈会"
    COUNTERPART = "counterpart", "对口协商"
    SECTOR = "sector", "界别协商"
    PROPOSAL_HANDLING = "proposal_handling", "提案办理协商"
    WRITTEN = "written", "书面协商"
    INTERVIEW = "interview", "约谈协商"
    ONLINE = "online", "网络议政"
    REMOTE = "remote", "远程协商"
    GRASSROOTS = "grassroots", "基层协商"


class Level(models.TextChoices):
    """seeds_001 §2 (17): the level that organises an activity."""

    STANDING = "standing", "常委会层面"
    SPECIAL_COMMITTEE = "special_committee", "专委会层面"
    MEMBER_GROUP = "member_group", "委员活动小组层面"


class ContentCategory(models.Model):
    """协商内容: the twelve of seeds_001 §1.1 for every committee, and the committee's own."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    name = models.CharField("协商内容", max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="content_category_once")
        ]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    """协商议题: suggested from one of the seeds' channels, screened, put in the year's plan;
    its research, consultations and outcomes hang on it."""

    class Source(models.TextChoices):
        PARTY = "party", "党委点题、交办"
        GOVERNMENT = "government", "政府交办"
        JOINT_OFFICE = "joint_office", "党委政府政协办公室联席会议"
        PARTY_OR_ORGANISATION = "party_or_organisation", "民主党派、人民团体"
        SECTOR = "sector", "界别"
        MEMBERS = "members", "委员联名"
        MEMBER_GROUP = "member_group", "委员小组"
        SPECIAL_COMMITTEE = "special_committee", "专门委员会"
        PUBLIC = "public", "公开征集"
        PROPOSAL = "proposal", "提案转来"
        OPINION = "opinion", "社情民意转来"

    class State(models.TextChoices):
        SUGGESTED = "suggested", "待筛选"
        ACCEPTED = "accepted", "拟列入计划"
        DECLINED = "declined", "未采纳"
        PLANNED = "planned", "已列入计划"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    state = models.CharField(
        "状态", max_length=12, choices=State.choices, default=State.SUGGESTED, db_index=True
    )
    title = models.CharField("议题", max_length=200)
    text = models.TextField("说明", blank=True)
    source = models.CharField("来源", max_length=24, choices=Source.choices)
    category = models.ForeignKey(
        ContentCategory, verbose_name="协商内容", null=True, blank=True, on_delete=models.PROTECT
    )
    form = models.CharField("建议协商形式", max_length=20, choices=Form.choices)
    supervisory = models.BooleanField("监督性议题", default=False)
    before_decision = models.BooleanField("决策前协商", default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField("提出时间")
    # 不调研不协商 (seeds_001 §3 step 1): set when a fieldwork report on the topic is final, or
    # when a leader records why this topic is consulted without one.
    research_reported_at = models.DateTimeField("调研报告定稿时间", null=True, blank=True)
    research_exempt_reason = models.CharField("免于先行调研的理由", max_length=300, blank=True)
    research_exempt_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    research_exempt_at = models.DateTimeField(null=True, blank=True)

    # Who the suggestion speaks for, as its source needs (seeds_001 §1.2): the party,
    # organisation or unit named, or the citizen of a public call.
    source_name = models.CharField("提出单位或个人", max_length=100, blank=True)
    sector = models.ForeignKey(
        Sector,
        verbose_name="界别",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    special_committee = models.ForeignKey(
        SpecialCommittee,
        verbose_name="提出的专门委员会",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sector_group = models.ForeignKey(
        SectorGroup,
        verbose_name="委员小组(界别活动组)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    station = models.ForeignKey(
        LiaisonStation,
        verbose_name="委员小组(联络工作站)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name="转来的提案",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opinion = models.ForeignKey(
        "opinions.Opinion",
        verbose_name="转来的社情民意信息",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answering = models.ForeignKey(
        "SolicitationAddressee",
        verbose_name="答复的征集通知",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="topics",
    )
    important = models.BooleanField("重要议题", default=False)
    decline_reason = models.CharField("未采纳理由", max_length=300, blank=True)
    # When: a month (the plan's usual precision, "5月") or a day.
    planned_on = models.DateField("时间", null=True, blank=True)
    planned_day = models.BooleanField("具体到日", default=False)
    lead_special_committee = models.ForeignKey(
        SpecialCommittee,
        verbose_name="牵头专门委员会",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead_office = models.CharField("牵头机关部门", max_length=60, blank=True)
    departments = models.ManyToManyField(
        HandlingUnit, verbose_name="对口部门", blank=True, related_name="+"
    )
    # 出席协商活动的人员范围 (seeds_001 §1.3): the scope by rule, each part optional.
    with_standing = models.BooleanField("全体常委", default=False)
    with_sectors = models.ManyToManyField(
        Sector, verbose_name="界别委员", blank=True, related_name="+"
    )
    with_special_committees = models.ManyToManyField(
        SpecialCommittee, verbose_name="专门委员会委员", blank=True, related_name="+"
    )
    with_members = models.ManyToManyField(
        Member, verbose_name="特邀委员", blank=True, related_name="+"
    )
    with_experts = models.CharField("专家", max_length=200, blank=True)
    with_department_heads = models.BooleanField("有关部门负责人", default=False)

    class Meta:
        ordering = ["-year", "-submitted_at", "-id"]
        indexes = [models.Index(fields=["committee", "year", "state"])]  # the plan and its pool

    def __str__(self) -> str:
        return self.title

    @property
    def research_ready(self) -> bool:
        return self.research_reported_at is not None or self.research_exempt_at is not None

    @property
    def time_label(self) -> str:
        return time_label(self.planned_on, self.planned_day)

    @property
    def lead_label(self) -> str:
        return str(self.lead_special_committee or "") or self.lead_office

    def participants_label(self) -> str:
        """人员范围 in the plan's words; reads the prefetched scope relations."""
        parts = ["全体常委"] if self.with_standing else []
        parts += [f"{s.name}委员" for s in self.with_sectors.all()]
        parts += [f"{c.name}委员" for c in self.with_special_committees.all()]
        named = "、".join(m.name for m in self.with_members.all())
        parts += [named] if named else []
        parts += [f"专家({self.with_experts})"] if self.with_experts else []
        parts += ["有关部门负责人"] if self.with_department_heads else []
        return "、".join(parts)


def time_label(on, day: bool) -> str:
    """2026年5月, or 2026年5月6日 when the day is fixed; "" for none."""
    if on is None:
        return ""
    return cn_date(on) if day else f"{on.year}年{on.month}月"


class TopicCosigner(models.Model):
    """A member invited to a 委员联名 topic; only a confirmed one counts (like a proposal's)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="cosigners")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    refused_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "member"], name="topic_cosigner_once")
        ]

    def __str__(self) -> str:
        return f"{self.member}→{self.topic_id}"


class Solicitation(models.Model):
    """征集议题通知 (seeds_001 §1.2 A.4, "发函征集"): sent to special committees, sectors and
    units, answered with topics by the due date."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("征集年度")
    title = models.CharField("通知标题", max_length=200)
    text = models.TextField("通知内容", blank=True)
    due_on = models.DateField("截止日期")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField("发出时间")

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return self.title


class SolicitationAddressee(models.Model):
    """One addressee of a solicitation: exactly one of a special committee, a sector, a unit."""

    solicitation = models.ForeignKey(
        Solicitation, on_delete=models.CASCADE, related_name="addressees"
    )
    special_committee = models.ForeignKey(
        SpecialCommittee, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sector = models.ForeignKey(
        Sector, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        HandlingUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.special_committee or self.sector or self.unit)


class ConsultationPlan(models.Model):
    """年度协商工作计划: drafted by the office, passed by 主席会议, decided with the party
    committee (党委定题, seeds_001 §1.3); amended during the year with a logged reason."""

    class State(models.TextChoices):
        DRAFTING = "drafting", "起草中"
        SUBMITTED = "submitted", "待主席会议审议"
        PASSED = "passed", "主席会议已通过"
        DECIDED = "decided", "党委已定题"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("计划名称", max_length=200)
    state = models.CharField(
        "状态", max_length=12, choices=State.choices, default=State.DRAFTING, db_index=True
    )
    chairs_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name="审议的主席会议",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    passed_on = models.DateField("主席会议通过日期", null=True, blank=True)
    decided_by = models.CharField("定题机关", max_length=100, blank=True)
    decided_on = models.DateField("定题日期", null=True, blank=True)
    decision_document = models.CharField("定题文件", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="consultation_plan_once")
        ]

    def __str__(self) -> str:
        return self.title


class PlanType(models.TextChoices):
    """The four types seeds_001 §1.3 (lines 347–349) lists the important topics under."""

    THEMATIC = "thematic", "专题协商"
    COUNTERPART = "counterpart", "对口协商"
    SECTOR = "sector", "界别协商"
    KEY_PROPOSAL = "key_proposal", "重点提案办理协商"


class PlanItem(models.Model):
    """A topic in the plan, with the form, time, lead unit and participants the plan states.
    A dropped item stays, marked, so the year's amendments can be read back."""

    plan = models.ForeignKey(ConsultationPlan, on_delete=models.CASCADE, related_name="items")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="plan_items")
    plan_type = models.CharField("计划类别", max_length=14, choices=PlanType.choices, blank=True)
    form = models.CharField("协商形式", max_length=20, choices=Form.choices)
    planned_on = models.DateField("时间", null=True, blank=True)
    planned_day = models.BooleanField("具体到日", default=False)
    lead = models.CharField("牵头单位", max_length=100, blank=True)
    participants = models.CharField("参加人员", max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    dropped_at = models.DateTimeField("调出时间", null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "topic"], name="plan_item_once")]

    def __str__(self) -> str:
        return str(self.topic)

    @property
    def time_label(self) -> str:
        return time_label(self.planned_on, self.planned_day)


class PlanAmendment(models.Model):
    """A change to a decided plan (add, drop, change an item) and why."""

    class Kind(models.TextChoices):
        ADD = "add", "增加议题"
        DROP = "drop", "调出议题"
        CHANGE = "change", "调整议题安排"

    plan = models.ForeignKey(ConsultationPlan, on_delete=models.CASCADE, related_name="amendments")
    item = models.ForeignKey(PlanItem, on_delete=models.PROTECT, related_name="amendments")
    kind = models.CharField("调整类型", max_length=8, choices=Kind.choices)
    reason = models.CharField("调整理由", max_length=300)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}:{self.item}"
