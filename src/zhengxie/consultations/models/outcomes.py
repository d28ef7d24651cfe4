from django.conf import settings
from django.db import models

from zhengxie.core.models import Committee, TimelineStep
from zhengxie.meetings.models import Vote
from zhengxie.members.models import HandlingUnit, Member

from .topics import Topic


class Outcome(models.Model):
    """协商成果: a report or text the committee sends on, followed until it is implemented
    and evaluated (seeds_001 §3 steps 4–12)."""

    class Kind(models.TextChoices):
        RESEARCH_REPORT = "research_report", "调研报告"
        INSPECTION_REPORT = "inspection_report", "视察报告"
        STUDY_REPORT = "study_report", "考察报告"
        BRIEF = "brief", "协商专报"
        RECOMMENDATION = "recommendation", "建议案"
        WRITTEN_OPINION = "written_opinion", "书面意见建议"
        PROPOSAL_DIGEST = "proposal_digest", "重要提案摘报"

    class State(models.TextChoices):
        DRAFTED = "drafted", "待报送"
        SENT = "sent", "已报送"
        INSTRUCTED = "instructed", "已批示,落实中"
        IMPLEMENTED = "implemented", "已落实"
        INFORMED = "informed", "已反馈委员"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("成果类型", max_length=20, choices=Kind.choices)
    state = models.CharField(
        "状态", max_length=14, choices=State.choices, default=State.DRAFTED, db_index=True
    )
    title = models.CharField("标题", max_length=200)
    text = models.TextField("正文")
    topic = models.ForeignKey(
        Topic,
        verbose_name="协商议题",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outcomes",
    )
    written_on = models.DateField("成文日期", db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # 建议案: the standing committee's vote that adopts it (seeds_001 §7.4), and when it passed.
    vote = models.ForeignKey(
        Vote, verbose_name="常委会议表决", null=True, blank=True, on_delete=models.PROTECT
    )
    adopted_at = models.DateTimeField("常委会议通过时间", null=True, blank=True)
    # The final result the members who took part are told (seeds_001 §3 step 9).
    result = models.TextField("最终结果", blank=True)
    informed_at = models.DateTimeField("反馈委员时间", null=True, blank=True)
    # The lower committee's outcome this one is the forwarded copy of.
    origin = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-written_on", "-id"]
        indexes = [models.Index(fields=["committee", "state"])]  # the tracking board

    def __str__(self) -> str:
        return self.title

    @property
    def is_recommendation(self) -> bool:
        return self.kind == self.Kind.RECOMMENDATION


class OutcomeMember(models.Model):
    """A member whose work the outcome carries: they see where it went (seeds_001 §3 step 9,
    "让委员知晓承办部门、办理进度、办理目标")."""

    class Role(models.TextChoices):
        AUTHOR = "author", "执笔"
        PARTICIPANT = "participant", "参加"

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="members")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="outcome_roles")
    role = models.CharField("角色", max_length=12, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["outcome", "member"], name="outcome_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.member}·{self.outcome_id}"


class Suggestion(models.Model):
    """One numbered suggestion of a report or outcome, tracked on its own."""

    class State(models.TextChoices):
        MADE = "made", "待采纳"
        ADOPTED = "adopted", "已采纳"
        IMPLEMENTING = "implementing", "落实中"
        IMPLEMENTED = "implemented", "已落实"
        NOT_ADOPTED = "not_adopted", "未采纳"

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="suggestions")
    number = models.PositiveSmallIntegerField("序号")
    text = models.TextField("建议内容")
    state = models.CharField(
        "状态", max_length=14, choices=State.choices, default=State.MADE, db_index=True
    )
    sent_to = models.CharField("报送对象", max_length=200, blank=True)
    reason = models.CharField("未采纳理由", max_length=300, blank=True)
    evidence = models.CharField("采纳落实依据", max_length=300, blank=True)
    decided_on = models.DateField("采纳认定日期", null=True, blank=True)

    class Meta:
        ordering = ["outcome", "number"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "number"], name="suggestion_number_once")
        ]

    def __str__(self) -> str:
        return f"({self.number}){self.text[:20]}"


class OutcomeSending(models.Model):
    """报送: where an outcome went (seeds_001 §3 step 5). Sent to a department of ours, the
    department reads the outcome; sent up to a parent committee hosted here, it arrives there
    as a copy."""

    class To(models.TextChoices):
        PARTY = "party", "党委"
        GOVERNMENT = "government", "政府"
        DEPARTMENT = "department", "有关部门"
        PARENT = "parent", "上级政协"

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="sendings")
    to = models.CharField("报送对象类别", max_length=12, choices=To.choices)
    recipient = models.CharField("报送对象", max_length=200)
    unit = models.ForeignKey(
        HandlingUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    copy = models.OneToOneField(
        Outcome, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.outcome_id}→{self.recipient}"


class OutcomeTask(models.Model):
    """A leader's instruction (批示) on an outcome: a task for the named unit until it feeds
    back in writing to the office (seeds_001 §3 steps 6–7), with the 督查机构 joint check."""

    class State(models.TextChoices):
        OPEN = "open", "落实中"
        DONE = "done", "已反馈"

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="tasks")
    state = models.CharField(max_length=8, choices=State.choices, default=State.OPEN)
    leader = models.CharField("批示领导", max_length=60)
    main_leader = models.BooleanField("主要领导", default=False)
    given_on = models.DateField("批示日期")
    text = models.TextField("批示内容")
    unit = models.ForeignKey(
        HandlingUnit, verbose_name="责任单位", on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField("落实期限", db_index=True)
    feedback = models.TextField("落实情况", blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_on = models.DateField("督查检查日期", null=True, blank=True)
    check_note = models.TextField("督查检查情况", blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["state", "due_on"])]  # overdue tasks and reminders

    def __str__(self) -> str:
        return f"{self.leader}批示·{self.unit}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    def is_overdue(self, today) -> bool:
        return self.is_open and self.due_on < today


class OutcomeRating(models.Model):
    """A member's satisfaction with a unit's work on an outcome they took part in (seeds_001
    §3 step 10: 委员考评意见和满意度, an indicator for assessing departments)."""

    class Level(models.TextChoices):
        SATISFIED = "satisfied", "满意"
        BASIC = "basic", "基本满意"
        UNSATISFIED = "unsatisfied", "不满意"

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="ratings")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(HandlingUnit, on_delete=models.PROTECT, related_name="+")
    level = models.CharField("满意度", max_length=12, choices=Level.choices)
    note = models.CharField("意见", max_length=300, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "member", "unit"], name="rating_once")
        ]

    def __str__(self) -> str:
        return f"{self.member}→{self.unit}:{self.get_level_display()}"


class Reconsultation(models.Model):
    """再协商: new problems met while an outcome is implemented are consulted on again, as a new
    consultation on its topic (seeds_001 §3 step 11)."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="reconsultations")
    consultation = models.OneToOneField(
        "consultations.Consultation", on_delete=models.PROTECT, related_name="reconsultation"
    )
    reason = models.CharField("需再协商的新问题", max_length=300)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.outcome_id}→{self.consultation_id}"


EXTRA_STEP_LABELS = {
    "create": "形成成果",
    "received": "收到下级政协报送",
    "task_feedback": "责任单位反馈落实情况",
    "task_check": "督查联合检查",
    "suggestion_route": "登记建议报送对象",
    "suggestion_adopt": "建议被采纳",
    "suggestion_start": "建议落实中",
    "suggestion_complete": "建议已落实",
    "suggestion_decline": "建议未被采纳",
}


class OutcomeStep(TimelineStep):
    """One entry of an outcome's timeline. Entries about one unit's task are that unit's; the
    office's internal steps stay with staff and leaders (see `queries.steps_for`)."""

    class Audience(models.TextChoices):
        EVERYONE = "everyone", "所有可查看成果的人"
        OFFICE = "office", "仅机关和领导"

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="steps")
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.EVERYONE)
    unit = models.ForeignKey(
        HandlingUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=100)
    action = models.CharField(max_length=24)
    state_before = models.CharField(max_length=14)
    state_after = models.CharField(max_length=14)

    workflow_path = "zhengxie.consultations.workflow.outcomes.OUTCOME"
    extra_labels = EXTRA_STEP_LABELS


class Indicator(models.Model):
    """An indicator of the committee's evaluation system for consultation (政协协商工作评价
    指标体系, seeds_001 §9.1: the committee defines it)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    name = models.CharField("指标", max_length=60)
    description = models.CharField("评价要点", max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["committee", "name"], name="indicator_once")]

    def __str__(self) -> str:
        return self.name


class Evaluation(models.Model):
    """成效评估: a topic's results in a year against the committee's indicators, with a grade
    and a conclusion (seeds_001 §3 step 12)."""

    class Grade(models.TextChoices):
        EXCELLENT = "excellent", "优秀"
        GOOD = "good", "良好"
        FAIR = "fair", "一般"
        POOR = "poor", "较差"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="evaluations")
    year = models.PositiveSmallIntegerField("年度")
    grade = models.CharField("评估等次", max_length=10, choices=Grade.choices)
    conclusion = models.TextField("评估结论")
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    evaluated_at = models.DateTimeField()

    class Meta:
        ordering = ["-year", "topic_id"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "year"], name="evaluation_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.topic}"


class IndicatorScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField("得分")

    class Meta:
        ordering = ["indicator__position", "indicator_id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "indicator"], name="score_once"),
            models.CheckConstraint(condition=models.Q(score__lte=100), name="score_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}:{self.score}"
