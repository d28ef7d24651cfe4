from django.conf import settings
from django.db import models

from zhengxie.consultations.models import Outcome, Topic
from zhengxie.core.models import Committee
from zhengxie.members.models import Member, SectorGroup, SpecialCommittee

# seeds_001 §10 "严格控制调研组人数": a committee sets its own ceiling (FieldworkRules).
DEFAULT_GROUP_LIMIT = 15


class FieldworkRules(models.Model):
    """A committee's rules for fieldwork; read through `queries.rules_for`."""

    committee = models.OneToOneField(
        Committee, on_delete=models.CASCADE, related_name="fieldwork_rules"
    )
    group_limit = models.PositiveSmallIntegerField("调研组人数上限", default=DEFAULT_GROUP_LIMIT)

    def __str__(self) -> str:
        return f"{self.committee}·{self.group_limit}"


class Fieldwork(models.Model):
    """视察, 调研 or 考察: a group visits places on a topic and writes one final report
    (seeds_001 §3 step 1, §7.3)."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", "视察"
        RESEARCH = "research", "调研"
        STUDY_TOUR = "study_tour", "考察"

    class Mode(models.TextChoices):
        SPECIAL = "special", "专项"
        CONCENTRATED = "concentrated", "集中"
        MEMBER_GROUP = "member_group", "委员小组"
        JOINT = "joint", "联合"

    class State(models.TextChoices):
        PLANNED = "planned", "筹备中"
        UNDER_WAY = "under_way", "实施中"
        REPORTED = "reported", "已形成报告"
        CANCELLED = "cancelled", "已取消"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    mode = models.CharField("方式", max_length=14, choices=Mode.choices, default=Mode.SPECIAL)
    # 联合视察调研: who we go with (人大代表, 市政协, 邻县政协), named as they are.
    partners = models.CharField("联合单位", max_length=200, blank=True)
    state = models.CharField(
        "状态", max_length=10, choices=State.choices, default=State.PLANNED, db_index=True
    )
    title = models.CharField("名称", max_length=200)
    purpose = models.TextField("目的和主要内容", blank=True)
    # The plan-vs-actual table reads a topic's fieldwork through this name (consultations
    # never imports fieldwork).
    topic = models.ForeignKey(
        Topic,
        verbose_name="协商议题",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fieldwork",
    )
    # The responsible chain (seeds_001 L143): 主席负总责, 分管副主席具体负责, 专委会牵头,
    # 以委员活动小组为主体.
    chair = models.ForeignKey(
        Member,
        verbose_name="负总责的主席",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    vice_chair = models.ForeignKey(
        Member,
        verbose_name="分管副主席",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead_committee = models.ForeignKey(
        SpecialCommittee,
        verbose_name="牵头专委会",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    member_group = models.ForeignKey(
        SectorGroup,
        verbose_name="委员活动小组",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_on = models.DateField("开始日期", null=True, blank=True, db_index=True)
    ends_on = models.DateField("结束日期", null=True, blank=True)
    cancel_reason = models.CharField("取消原因", max_length=300, blank=True)
    outcome = models.OneToOneField(
        Outcome,
        verbose_name="最终报告",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fieldwork",
    )
    reported_at = models.DateTimeField("报告定稿时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["committee", "kind", "state"])]  # lists and counts

    def __str__(self) -> str:
        return self.title

    @property
    def plan_name(self) -> str:
        """调研工作方案, 视察工作方案, 考察工作方案."""
        return f"{self.get_kind_display()}工作方案"


class Participant(models.Model):
    """One person of the group: a member (leaders too, by their member record), or someone
    named with their unit (staff, experts, department staff)."""

    class Role(models.TextChoices):
        MEMBER = "member", "委员"
        LEADER = "leader", "政协领导"
        STAFF = "staff", "机关工作人员"
        EXPERT = "expert", "专家学者"
        DEPARTMENT = "department", "部门人员"

    fieldwork = models.ForeignKey(Fieldwork, on_delete=models.CASCADE, related_name="group")
    role = models.CharField("身份", max_length=12, choices=Role.choices)
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="fieldwork_roles"
    )
    name = models.CharField("姓名", max_length=40, blank=True)
    unit = models.CharField("单位职务", max_length=120, blank=True)
    is_leader = models.BooleanField("组长", default=False)

    class Meta:
        ordering = ["-is_leader", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["fieldwork", "member"],
                condition=models.Q(member__isnull=False),
                name="participant_member_once",
            ),
            models.UniqueConstraint(
                fields=["fieldwork"], condition=models.Q(is_leader=True), name="one_group_leader"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.member.name if self.member_id else self.name

    @property
    def display_unit(self) -> str:
        return self.member.employer_title if self.member_id else self.unit


class Visit(models.Model):
    """One stop of the schedule: a date, a place, the unit visited."""

    fieldwork = models.ForeignKey(Fieldwork, on_delete=models.CASCADE, related_name="visits")
    date = models.DateField("日期", db_index=True)
    place = models.CharField("地点", max_length=120)
    unit_visited = models.CharField("走访单位", max_length=120, blank=True)
    note = models.CharField("内容", max_length=300, blank=True)
    present = models.ManyToManyField(
        Participant, through="Attendance", related_name="visits_attended"
    )

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.date} {self.place}"


class Attendance(models.Model):
    """A participant present at a visit (members' duty records follow it)."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendance"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["visit", "participant"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}@{self.visit_id}"


class Finding(models.Model):
    """A problem found at a visit ("发现各类问题80余处", seeds_001 L67)."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="findings")
    text = models.CharField("问题", max_length=500)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["visit", "id"]

    def __str__(self) -> str:
        return self.text[:20]


class Draft(models.Model):
    """A draft of the report by a member of the group (撰写X篇); one of them is the final
    version (优选定稿X篇), from which the report is formed."""

    fieldwork = models.ForeignKey(Fieldwork, on_delete=models.CASCADE, related_name="drafts")
    author = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="fieldwork_drafts")
    title = models.CharField("标题", max_length=200)
    text = models.TextField("正文")
    # One suggestion a line; the report numbers them one by one.
    suggestions = models.TextField("建议(每行一条)", blank=True)
    written_at = models.DateTimeField()
    final = models.BooleanField("定稿", default=False)

    class Meta:
        ordering = ["-final", "written_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["fieldwork"], condition=models.Q(final=True), name="one_final_draft"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def suggestion_list(self) -> list[str]:
        return [line.strip() for line in self.suggestions.splitlines() if line.strip()]
