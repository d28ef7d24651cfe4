from django.conf import settings
from django.db import models

from zhengxie.core.models import AttachedFile, Committee, TimelineStep
from zhengxie.lib.numerals import issue_number
from zhengxie.members.models import HandlingUnit, LiaisonStation, Member, SectorGroup

DEFAULT_CATEGORIES = ["经济", "社会民生", "生态环境", "社会治理", "文化教育", "医疗卫生", "其他"]
DEFAULT_BULLETINS = ["各界反映", "社情民意", "政协调研"]


class OpinionPolicy(models.Model):
    """A committee's settings for public-opinion work."""

    committee = models.OneToOneField(Committee, on_delete=models.CASCADE, related_name="+")
    warning_recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name="预警信息接收领导"
    )
    instruction_working_days = models.PositiveSmallIntegerField("批示办理期限(工作日)", default=20)

    def __str__(self) -> str:
        return f"{self.committee}社情民意设置"


class OpinionCategory(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    name = models.CharField("类别", max_length=40)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="opinion_category_once")
        ]

    def __str__(self) -> str:
        return self.name


class InformationOfficer(models.Model):
    """信息员: a person appointed to gather and report public opinion; may or may not be a
    member."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT)
    appointed_on = models.DateField("聘任日期")
    ended_on = models.DateField("解聘日期", null=True, blank=True)
    note = models.CharField("备注", max_length=100, blank=True)

    class Meta:
        constraints = [
            # Ended appointments stay on record for the duty history; one is current at a time.
            models.UniqueConstraint(
                fields=["committee", "user"],
                condition=models.Q(ended_on=None),
                name="one_active_officer_appointment",
            )
        ]

    def __str__(self) -> str:
        return str(self.user)


class OfficerYear(models.Model):
    """A year in which a member served as 信息员, while the appointment was in force: the
    source of that year's duty record (an appointment of several years counts in each)."""

    officer = models.ForeignKey(InformationOfficer, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField("年度")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["officer", "year"], name="one_officer_year")]

    def __str__(self) -> str:
        return f"{self.year}年度社情民意信息员"


class Opinion(models.Model):
    class State(models.TextChoices):
        SUBMITTED = "submitted", "待处理"
        RETURNED = "returned", "退回补充"
        ACCEPTED = "accepted", "编辑中"
        APPROVED = "approved", "已审核"
        DECLINED = "declined", "不予采用"
        MERGED = "merged", "已合并"

    class Source(models.TextChoices):
        MEMBER = "member", "委员"
        STATION = "station", "委员联络工作站"
        SECTOR_GROUP = "sector_group", "界别活动组"
        OFFICER = "officer", "信息员"
        CITIZEN = "citizen", "群众来信来电(机关代录)"
        PROPOSAL = "proposal", "提案转来"
        LOWER = "lower", "下级政协报送"

    class Channel(models.TextChoices):
        VISIT = "visit", "走访"
        MAILBOX = "mailbox", "主席信箱"
        RECEPTION = "reception", "领导接访日"
        MEETING = "meeting", "会议座谈"
        SURVEY = "survey", "调研视察"
        LETTER = "letter", "来信来电"
        OTHER = "other", "其他"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    state = models.CharField(
        "状态", max_length=12, choices=State.choices, default=State.SUBMITTED, db_index=True
    )
    title = models.CharField("标题", max_length=200)
    text = models.TextField("原文")
    edited_title = models.CharField("编辑后标题", max_length=200, blank=True)
    edited_text = models.TextField("编辑后正文", blank=True)
    category = models.ForeignKey(OpinionCategory, null=True, blank=True, on_delete=models.PROTECT)
    channel = models.CharField("来源渠道", max_length=12, choices=Channel.choices)
    source = models.CharField("报送方", max_length=14, choices=Source.choices)
    station = models.ForeignKey(LiaisonStation, null=True, blank=True, on_delete=models.PROTECT)
    sector_group = models.ForeignKey(SectorGroup, null=True, blank=True, on_delete=models.PROTECT)
    citizen_name = models.CharField("反映人", max_length=60, blank=True)
    urgent = models.BooleanField("预警信息", default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField("报送时间", db_index=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    sensitive = models.BooleanField("敏感内容", default=False)
    sensitive_reason = models.CharField("敏感说明", max_length=200, blank=True)
    return_reason = models.CharField("退回原因", max_length=300, blank=True)
    decline_reason = models.CharField("不予采用原因", max_length=300, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_items"
    )
    origin = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="forwarded_copy"
    )
    proposal = models.OneToOneField(
        "proposals.Proposal", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-urgent", "-submitted_at", "-id"]
        indexes = [models.Index(fields=["committee", "state"])]  # the queues and home counters

    def __str__(self) -> str:
        return self.current_title

    @property
    def current_title(self) -> str:
        return self.edited_title or self.title

    @property
    def current_text(self) -> str:
        return self.edited_text or self.text

    @property
    def released_title(self) -> str:
        """What readers outside the office see: the edited title only once approved."""
        return self.current_title if self.approved_at else self.title

    @property
    def released_text(self) -> str:
        return self.current_text if self.approved_at else self.text

    @property
    def author_label(self) -> str:
        names = "、".join(a.member.name for a in self.authors.all())
        if self.source == self.Source.STATION and self.station:
            return f"{self.station.name}{f'({names})' if names else ''}"
        if self.source == self.Source.SECTOR_GROUP and self.sector_group:
            return f"{self.sector_group.name}{f'({names})' if names else ''}"
        if self.source == self.Source.CITIZEN:
            return f"{self.citizen_name or '群众'}(机关代录)"
        if self.source == self.Source.LOWER and self.origin_id:
            return f"{self.origin.committee.name} {names}".strip()
        return names or str(self.submitted_by)


class OpinionAuthor(models.Model):
    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="authors")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="opinion_authorships")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["opinion", "member"], name="opinion_author_once")
        ]

    def __str__(self) -> str:
        return f"{self.member}·{self.opinion_id}"


class OpinionAttachment(AttachedFile):
    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="opinions/%Y/%m/")


EXTRA_STEP_LABELS = {
    "submit": "报送",
    "publish": "编入刊物",
    "adopted_above": "上级采用",
    "instructed_above": "上级转来批示",
    "task_coordinate": "批示协调会",
    "task_feedback": "批示办理反馈",
}


class OpinionStep(TimelineStep):
    """One entry of an item's timeline with its audience (see `queries.steps_for`)."""

    class Audience(models.TextChoices):
        EVERYONE = "everyone", "所有可查看信息的人"
        COMMITTEE = "committee", "仅机关和领导"

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="steps")
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.EVERYONE)
    # An entry about one unit's instruction is that unit's (and the office's and authors').
    unit = models.ForeignKey(
        HandlingUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=100)
    action = models.CharField(max_length=20)
    state_before = models.CharField(max_length=12)
    state_after = models.CharField(max_length=12)

    workflow_path = "zhengxie.opinions.workflow.OPINION"
    extra_labels = EXTRA_STEP_LABELS


class Bulletin(models.Model):
    """A publication series such as 《各界反映》, numbered per year."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    name = models.CharField("刊物名称", max_length=40)
    default_recipients = models.TextField("默认报送范围", blank=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["committee", "name"], name="bulletin_once")]

    def __str__(self) -> str:
        return f"《{self.name}》"


class BulletinIssue(models.Model):
    """One issue (期). Drafts have no number; publishing hands out the next number of the
    year, so the published issues of a year run 1, 2, 3… without gaps."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.PROTECT, related_name="issues")
    title = models.CharField("本期标题", max_length=200)
    recipients = models.TextField("报送范围")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    number = models.PositiveSmallIntegerField("期数", null=True, blank=True)
    published_on = models.DateField("印发日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-number", "-id"]
        constraints = [
            # Behind the bulletin's lock at printing: 第N期 is never handed out twice in a year.
            models.UniqueConstraint(
                fields=["bulletin", "year", "number"], name="bulletin_issue_number_once"
            )
        ]

    class State(models.TextChoices):
        """Not stored: an issue is published once it has its number."""

        DRAFT = "draft", "未印发"
        PUBLISHED = "published", "已印发"

    def __str__(self) -> str:
        return f"{self.bulletin}{self.number_label}"

    @property
    def number_label(self) -> str:
        return "(草稿)" if self.number is None else issue_number(self.number, self.year)

    @property
    def published(self) -> bool:
        return self.number is not None

    @property
    def state(self) -> str:
        return self.State.PUBLISHED if self.published else self.State.DRAFT

    def get_state_display(self) -> str:
        return self.State(self.state).label


class BulletinItem(models.Model):
    issue = models.ForeignKey(BulletinIssue, on_delete=models.CASCADE, related_name="items")
    opinion = models.ForeignKey(Opinion, on_delete=models.PROTECT, related_name="bulletin_items")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "opinion"], name="bulletin_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.issue}·{self.opinion_id}"


class Forwarding(models.Model):
    class To(models.TextChoices):
        LEADER = "leader", "党政领导"
        BODY = "body", "有关部门、单位"
        PARENT = "parent", "上级政协"

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="forwardings")
    to = models.CharField("报送对象类别", max_length=8, choices=To.choices)
    recipient = models.CharField("报送对象", max_length=200)
    issue = models.ForeignKey(BulletinIssue, null=True, blank=True, on_delete=models.PROTECT)
    copy = models.OneToOneField(
        Opinion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.opinion_id}→{self.recipient}"


class Adoption(models.Model):
    class Level(models.TextChoices):
        OWN = "own", "本级刊物采用"
        PARENT = "parent", "上级政协采用"
        CITY = "city", "市级采用"
        PROVINCE = "province", "省级采用"
        NATIONAL = "national", "全国政协采用"

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="adoptions")
    level = models.CharField("采用层级", max_length=8, choices=Level.choices)
    adopted_on = models.DateField("采用日期", db_index=True)
    note = models.CharField("采用情况", max_length=200, blank=True)
    issue = models.ForeignKey(BulletinIssue, null=True, blank=True, on_delete=models.PROTECT)
    via = models.ForeignKey(
        Opinion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["adopted_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["opinion", "level"], name="adoption_once_per_level")
        ]

    def __str__(self) -> str:
        return f"{self.opinion_id}·{self.get_level_display()}"

    @classmethod
    def effective_level(cls, committee: Committee, level: str) -> str:
        """The level an adoption counts at for `committee`: adoption by a parent committee of
        known level is that level (云州市政协 adopting is 市级采用), so one adoption is never
        counted both as 上级政协采用 and as 市级采用."""
        if level != cls.Level.PARENT or committee.parent is None:
            return level
        return _PARENT_LEVELS.get(committee.parent.level, level)


_PARENT_LEVELS = {
    Committee.Level.CITY: Adoption.Level.CITY,
    Committee.Level.PROVINCE: Adoption.Level.PROVINCE,
}


class Instruction(models.Model):
    """A leader's written instruction (批示) on an item; a tracked task for the instructed
    department until its feedback is recorded (件件有办理,件件有反馈). Instructions given
    on the copy of an item in a higher committee are relayed here as records, tracked there."""

    class State(models.TextChoices):
        OPEN = "open", "办理中"
        DONE = "done", "已反馈"
        RELAYED = "relayed", "上级跟踪"

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="instructions")
    state = models.CharField(max_length=8, choices=State.choices, default=State.OPEN)
    leader = models.CharField("批示领导", max_length=60)
    main_leader = models.BooleanField("主要领导", default=False)
    given_on = models.DateField("批示日期", db_index=True)
    text = models.TextField("批示内容")
    unit = models.ForeignKey(
        HandlingUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="instructions"
    )
    due_on = models.DateField("办理期限", null=True, blank=True)
    coordination_on = models.DateField("协调会日期", null=True, blank=True)
    coordination_note = models.TextField("协调会情况", blank=True)
    feedback = models.TextField("办理反馈", blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reminded_on = models.DateField(null=True, blank=True)
    relayed_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="relayed_copy"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["given_on", "id"]

    def __str__(self) -> str:
        return f"{self.leader}批示·{self.opinion_id}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class OpinionQuota(models.Model):
    """Yearly target of items for a member, a station or a sector group."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.CASCADE)
    station = models.ForeignKey(LiaisonStation, null=True, blank=True, on_delete=models.CASCADE)
    sector_group = models.ForeignKey(SectorGroup, null=True, blank=True, on_delete=models.CASCADE)
    target = models.PositiveSmallIntegerField("目标条数")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(member__isnull=False, station=None, sector_group=None)
                    | models.Q(member=None, station__isnull=False, sector_group=None)
                    | models.Q(member=None, station=None, sector_group__isnull=False)
                ),
                name="quota_has_one_holder",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.member or self.station or self.sector_group}:{self.target}条"
