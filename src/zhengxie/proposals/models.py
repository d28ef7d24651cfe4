from django.conf import settings
from django.db import models

from zhengxie.core.models import AttachedFile, Committee, Session, TimelineStep
from zhengxie.members.models import HandlingUnit, Member, Membership, Sector, SpecialCommittee


class ProposalPolicy(models.Model):
    """A committee's own rules for proposal handling."""

    class ImplementationBasis(models.TextChoices):
        # The seeds quote shares of registered proposals ("占立案总数的59%"); 落实率 itself is
        # never defined there, so the committee may choose another reading.
        A_OF_REGISTERED = "a_of_registered", "A类件数 ÷ 立案件数"
        AB_OF_REGISTERED = "ab_of_registered", "A类和B类件数 ÷ 立案件数"
        A_OF_REPLIED = "a_of_replied", "A类件数 ÷ 已答复件数"

    committee = models.OneToOneField(
        Committee, on_delete=models.CASCADE, related_name="proposal_policy"
    )
    review_replies = models.BooleanField("答复须经提案委审核", default=True)
    relief_working_days = models.PositiveSmallIntegerField("申请退回期限(工作日)", default=7)
    deadline_months = models.PositiveSmallIntegerField("办理期限(月)", default=3)
    reply_copied_to = models.CharField(
        "答复抄送", max_length=200, default="县委办公室、县政府办公室"
    )
    collective_duty_for_members = models.BooleanField("集体提案计入成员履职", default=False)
    implementation_basis = models.CharField(
        "落实率口径",
        max_length=20,
        choices=ImplementationBasis.choices,
        default=ImplementationBasis.A_OF_REGISTERED,
    )

    def __str__(self) -> str:
        return f"{self.committee}提案办理规则"


class Category(models.Model):
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="proposal_categories"
    )
    name = models.CharField("类别", max_length=30)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["committee", "position", "id"]

    def __str__(self) -> str:
        return self.name


class CollectionCall(models.Model):
    """征集: a session's call for proposals with its topic outline and window."""

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, related_name="collection_call"
    )
    outline = models.TextField("征集提纲")
    opens_on = models.DateField("征集开始")
    closes_on = models.DateField("征集截止")
    deadline_months = models.PositiveSmallIntegerField("办理期限(月)", null=True, blank=True)
    fixed_deadline = models.DateField("统一办结日期", null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.session.label}提案征集"


class Proposal(models.Model):
    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", "个人提案"
        JOINT = "joint", "联名提案"
        COLLECTIVE = "collective", "集体提案"

    class State(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "待审查"
        REGISTERED = "registered", "已立案"
        DECLINED = "declined", "不予立案"
        MERGED = "merged", "已并案"
        ASSIGNED = "assigned", "办理中"
        REPLY_PENDING = "reply_pending", "答复待单位审核"
        REPLY_REVIEW = "reply_review", "答复待提案委审核"
        REPLIED = "replied", "已答复"
        CLOSED = "closed", "已办结"

    class DeclineKind(models.TextChoices):
        OPINION = "opinion", "转为社情民意信息"
        LETTER = "letter", "转为委员来信"
        DECLINED = "declined", "不予立案"

    class ReplyCategory(models.TextChoices):
        SOLVED = "A", "A类(已解决或采纳)"
        IN_PROGRESS = "B", "B类(正在解决或列入计划)"
        FOR_REFERENCE = "C", "C类(留作参考)"

    class Rating(models.TextChoices):
        SATISFIED = "satisfied", "满意"
        BASICALLY_SATISFIED = "basically_satisfied", "基本满意"
        UNSATISFIED = "unsatisfied", "不满意"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="proposals")
    serial = models.PositiveIntegerField("编号", null=True, blank=True)
    between_sessions = models.BooleanField("平时提案", default=False)
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    proposer = models.ForeignKey(
        Member,
        verbose_name="提案人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    collective_name = models.CharField("提案单位", max_length=80, blank=True)
    collective_sector = models.ForeignKey(
        Sector, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    collective_special_committee = models.ForeignKey(
        SpecialCommittee, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("案由", max_length=200)
    situation = models.TextField("情况与问题")
    analysis = models.TextField("分析", blank=True)
    suggestions = models.TextField("建议", blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name="类别",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    suggested_units = models.ManyToManyField(
        HandlingUnit, verbose_name="建议承办单位", blank=True, related_name="+"
    )
    state = models.CharField(
        "状态", max_length=16, choices=State.choices, default=State.DRAFT, db_index=True
    )
    round = models.PositiveSmallIntegerField("办理轮次", default=1)
    decline_kind = models.CharField(max_length=10, choices=DeclineKind.choices, blank=True)
    decline_reason = models.TextField("不予立案理由", blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_proposals"
    )
    key = models.BooleanField("重点提案", default=False)
    key_year = models.PositiveSmallIntegerField(null=True, blank=True)
    lead_by = models.CharField("领办领导", max_length=80, blank=True)
    supervisor = models.ForeignKey(
        Membership,
        verbose_name="督办主席",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published = models.BooleanField("已公开", default=False)
    # Denormalised for statistics over many proposals: each is set once by the step it marks.
    sector = models.ForeignKey(
        Sector, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lead_unit = models.ForeignKey(
        HandlingUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField("办理期限", null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    registered_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    merged_at = models.DateTimeField(null=True, blank=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    replied_late = models.BooleanField(default=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    reply_category = models.CharField(max_length=1, choices=ReplyCategory.choices, blank=True)
    rating = models.CharField(max_length=20, choices=Rating.choices, blank=True)
    met_in_person = models.BooleanField(default=False)
    supervised = models.BooleanField(default=False)
    chair_supervised = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            # Behind the serial counter's lock: a 提案号 is gapless and unique per session.
            models.UniqueConstraint(fields=["session", "serial"], name="proposal_serial_unique")
        ]
        # The lists and statistics filter a committee's or a session's proposals by state, a
        # unit's inbox by its lead unit, a member's page and duty record by the proposer.
        indexes = [
            models.Index(fields=["session", "state"]),
            models.Index(fields=["committee", "state"]),
            models.Index(fields=["lead_unit", "state"]),
            models.Index(fields=["committee", "proposer"]),
            models.Index(fields=["session", "proposer"]),
        ]

    def __str__(self) -> str:
        return f"第{self.serial}号 {self.title}" if self.serial else self.title

    @property
    def awaits_reply(self) -> bool:
        from .workflow import AWAITING_REPLY  # the table imports this module

        return self.state in AWAITING_REPLY

    @property
    def proposer_label(self) -> str:
        return self.collective_name if self.kind == self.Kind.COLLECTIVE else str(self.proposer)

    @property
    def body(self) -> str:
        parts = [
            ("情况与问题", self.situation),
            ("分析", self.analysis),
            ("建议", self.suggestions),
        ]
        return "\n\n".join(f"{label}:{text}" for label, text in parts if text)


class SerialCounter(models.Model):
    """Per-session serial numbers; locked while a number is handed out.

    Numbers released by a logged correction go to the next registration, so the
    register stays gapless."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="+")
    last = models.PositiveIntegerField(default=0)
    released = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"{self.session}:{self.last}"


class Cosigner(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="cosigners")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="cosigned")
    invited_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    refused_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "member"], name="cosigner_once")]

    def __str__(self) -> str:
        return f"{self.member}→{self.proposal_id}"


class Endorsement(models.Model):
    """附议."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="endorsements")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="endorsements")
    at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "member"], name="endorse_once")]

    def __str__(self) -> str:
        return f"{self.member}附议{self.proposal_id}"


class Attachment(AttachedFile):
    """A file on a proposal. Its audience follows its purpose: the proposer's material goes
    wherever the proposal goes; a signed reply (复文) goes with its reply (see
    `queries.attachments_for`)."""

    class Purpose(models.TextChoices):
        PROPOSAL = "proposal", "提案附件"
        REPLY = "reply", "答复复文"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    # Set when the unit submits its reply; a reply returned for revision takes its file along.
    reply = models.ForeignKey(
        "Reply", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="proposals/%Y/%m/")


class Assignment(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "主办"
        CO = "co", "会办"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(HandlingUnit, on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(max_length=4, choices=Role.choices)
    round = models.PositiveSmallIntegerField(default=1)
    assigned_at = models.DateTimeField()
    deadline = models.DateField()
    deadline_unconfirmed = models.BooleanField(default=False)
    relief_reason = models.TextField("申请退回理由", blank=True)
    relief_requested_at = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(default=True)
    co_opinion = models.TextField("会办意见", blank=True)
    co_opinion_at = models.DateTimeField(null=True, blank=True)
    countersigned_at = models.DateTimeField(null=True, blank=True)
    reminded = models.JSONField(default=list)

    class Meta:
        ordering = ["role", "id"]
        indexes = [models.Index(fields=["unit", "active"])]  # what a unit reads and handles now

    def __str__(self) -> str:
        return f"{self.unit}({self.get_role_display()})"


class Contact(models.Model):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", "当面沟通"
        PHONE = "phone", "电话沟通"
        VISIT = "visit", "上门走访"
        LETTER = "letter", "书面沟通"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="contacts")
    unit = models.ForeignKey(HandlingUnit, on_delete=models.PROTECT, related_name="+")
    mode = models.CharField(max_length=10, choices=Mode.choices)
    note = models.TextField("沟通情况")
    at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.unit}{self.get_mode_display()}"


class Reply(models.Model):
    """复文. One per round; the committee's review may re-classify it."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="replies")
    round = models.PositiveSmallIntegerField()
    unit = models.ForeignKey(HandlingUnit, on_delete=models.PROTECT, related_name="+")
    doc_number = models.CharField("文号", max_length=60, blank=True)
    category = models.CharField("答复类别", max_length=1, choices=Proposal.ReplyCategory.choices)
    text = models.TextField("答复内容")
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_category = models.CharField(
        max_length=1, choices=Proposal.ReplyCategory.choices, blank=True
    )
    review_reason = models.TextField("调整理由", blank=True)
    copied_to = models.CharField("抄送", max_length=200, blank=True)
    # When the proposer was given it: the unit's sign-off, and the committee's review where
    # the committee reviews. Until then only the committee and the unit read it.
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "id"]

    def __str__(self) -> str:
        return f"{self.unit}答复(第{self.round}轮)"

    @property
    def final_category(self) -> str:
        return self.review_category or self.category


class Evaluation(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="evaluations")
    round = models.PositiveSmallIntegerField()
    rating = models.CharField(max_length=20, choices=Proposal.Rating.choices)
    comment = models.TextField("意见", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "round"], name="evaluation_once_per_round")
        ]

    def __str__(self) -> str:
        return self.get_rating_display()


class QualityRating(models.Model):
    """双向评议: the handling unit rates the proposal."""

    class Grade(models.TextChoices):
        EXCELLENT = "excellent", "优秀"
        GOOD = "good", "良好"
        FAIR = "fair", "一般"
        POOR = "poor", "较差"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(HandlingUnit, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=10, choices=Grade.choices)
    comment = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "unit"], name="quality_once_per_unit")
        ]

    def __str__(self) -> str:
        return self.get_grade_display()


class Supervision(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting", "督办会"
        VISIT = "visit", "实地督办"
        REMINDER = "reminder", "督促提醒"
        SURVEY = "survey", "视察调研"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supervisions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    date = models.DateField()
    note = models.TextField()
    # `by` typed the record; `supervisor` is the chair or vice chair who supervised, if one did.
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    supervisor = models.ForeignKey(
        Membership,
        verbose_name="督办主席",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    by_chair = models.BooleanField("主席(副主席)亲自督办", default=False)

    def __str__(self) -> str:
        return self.get_kind_display()


class FollowUp(models.Model):
    """回头看: B and C items asked again a year after the reply."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="follow_ups")
    due_on = models.DateField()
    unit_response = models.TextField(blank=True)
    unit_responded_at = models.DateTimeField(null=True, blank=True)
    proposer_response = models.TextField(blank=True)
    proposer_responded_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"回头看 {self.due_on}"


class Award(models.Model):
    """优秀提案."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="+")
    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="award")
    title = models.CharField(max_length=40, default="优秀提案")
    at = models.DateTimeField()

    def __str__(self) -> str:
        return self.title


class Step(TimelineStep):
    """One entry of a proposal's timeline, as people read it, with its audience (see
    `queries.steps_for`)."""

    class Audience(models.TextChoices):
        EVERYONE = "everyone", "所有可查看提案的人"
        UNIT = "unit", "机关和记录该步骤的承办单位"
        UNITS = "units", "机关和承办单位"
        PARTIES = "parties", "机关、承办单位和提案人"
        RELEASED = "released", "答复送达提案人后公开"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="steps")
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.EVERYONE)
    unit = models.ForeignKey(
        HandlingUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reply = models.ForeignKey(
        "Reply", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=80)
    action = models.CharField(max_length=30)
    state_before = models.CharField(max_length=16, blank=True)
    state_after = models.CharField(max_length=16, blank=True)

    workflow_path = "zhengxie.proposals.workflow.PROPOSAL"
