from django.conf import settings
from django.db import models

from zhengxie.core.models import Committee
from zhengxie.members.models import Member

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

    class Meta:
        ordering = ["-written_on", "-id"]
        indexes = [models.Index(fields=["committee", "state"])]  # the tracking board

    def __str__(self) -> str:
        return self.title


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
