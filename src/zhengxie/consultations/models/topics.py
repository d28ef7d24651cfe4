from django.conf import settings
from django.db import models

from zhengxie.core.models import Committee

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

    class Meta:
        ordering = ["-year", "-submitted_at", "-id"]
        indexes = [models.Index(fields=["committee", "year", "state"])]  # the plan and its pool

    def __str__(self) -> str:
        return self.title

    @property
    def research_ready(self) -> bool:
        return self.research_reported_at is not None or self.research_exempt_at is not None
