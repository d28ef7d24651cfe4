from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from zhengxie.core.models import AttachedFile, Committee, Term, User
from zhengxie.members.models import Member


class DutyRecord(models.Model):
    """One entry of a member's duty ledger, fed by every app through `duty_record`."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="duty_records")
    kind = models.CharField("类别", max_length=40, db_index=True)
    # What the kind alone does not tell: the kind of meeting attended or missed (plenary,
    # standing…), so the scoring rules can weigh and deduct by it without reading the source.
    qualifier = models.CharField("细分", max_length=40, blank=True, default="")
    date = models.DateField("日期", db_index=True)
    points = models.DecimalField("积分", max_digits=6, decimal_places=2, default=0)
    note = models.CharField("说明", max_length=200, blank=True)
    # 学时: the study hours of a training attended (学习培训), summed per term on the record.
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1, null=True, blank=True)
    # Who wrote it down for the member (staff recording on the member's behalf); empty for a
    # record the member's own step in an app produced.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "kind", "source_type", "source_id"], name="duty_once_per_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}·{self.kind}·{self.date}"


# Scoring rules (履职考核细则) and the scores they give. A rule set belongs to a period: a year
# of a term, or the whole term (year empty); its lines say what each ledger record is worth
# there. Scores are stored per member and period (`DutyScore`) so the pages read them at once;
# `services.scores_recompute` rewrites them whenever the lines change.


class Audience(models.TextChoices):
    """Whom a line of the rules applies to; the most specific line a member falls under wins."""

    ALL = "all", "全体委员"
    STANDING = "standing", "常委"
    SPECIAL_COMMITTEE_HEAD = "special_committee_head", "专委会主任"


class ScoringRule(models.Model):
    """履职考核细则 of one period of a term: a year, or the whole term when `year` is empty."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="scoring_rules")
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    scored_at = models.DateTimeField("计算时间", null=True, blank=True)
    # The flags the period's scores raise (`flags.py`): 谈话提醒 at this many plenary absences
    # without leave, 建议退出 for a member flagged for a talk in this many periods of the term,
    # and the 表彰 shortlist: the top N, or the top share in percent (either may be empty).
    talk_absences = models.PositiveSmallIntegerField("无故缺席全体会议次数(谈话提醒)", default=2)
    exit_after = models.PositiveSmallIntegerField("谈话提醒期间数(建议退出)", default=2)
    commend_top = models.PositiveSmallIntegerField("表彰候选前N名", null=True, blank=True)
    commend_share = models.PositiveSmallIntegerField("表彰候选前百分之N", null=True, blank=True)

    class Meta:
        ordering = ["term", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "year"], condition=Q(year__isnull=False), name="scoring_rule_year"
            ),
            models.UniqueConstraint(
                fields=["term"], condition=Q(year__isnull=True), name="scoring_rule_term"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term.label}{self.period_label}履职考核细则"

    @property
    def period_label(self) -> str:
        return f"{self.year}年度" if self.year else "整届"


class ScoringLine(models.Model):
    rule = models.ForeignKey(ScoringRule, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("履职类别", max_length=40)
    applies_to = models.CharField(
        "适用对象", max_length=30, choices=Audience.choices, default=Audience.ALL
    )

    class Meta:
        abstract = True
        ordering = ["kind", "id"]


class ScoringPoints(ScoringLine):
    """Points per record of a kind (and meeting kind), overriding the ledger's; negative points
    are a deduction (扣分); `cap` bounds what the line gives in the period (its absolute sum)."""

    qualifier = models.CharField("细分", max_length=40, blank=True, default="")
    points = models.DecimalField("每项分值", max_digits=6, decimal_places=2, null=True, blank=True)
    cap = models.DecimalField("封顶分值", max_digits=7, decimal_places=2, null=True, blank=True)

    class Meta(ScoringLine.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "kind", "qualifier", "applies_to"], name="scoring_points_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.points}"


class ScoringMultiplier(ScoringLine):
    """A record of `kind` counts `factor` times when the member's ledger also carries
    `with_kind` for the same source (a registered proposal that became a key proposal); without
    `with_kind` it weighs every record of the kind."""

    with_kind = models.CharField("同时具有的类别", max_length=40, blank=True, default="")
    factor = models.DecimalField("倍数", max_digits=4, decimal_places=2)

    class Meta(ScoringLine.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "kind", "with_kind", "applies_to"], name="scoring_multiplier_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}×{self.factor}"


class ScoringMinimum(ScoringLine):
    """At least `count` records of a kind (and meeting kind) within the rule's period."""

    qualifier = models.CharField("细分", max_length=40, blank=True, default="")
    count = models.PositiveSmallIntegerField("最低次数")

    class Meta(ScoringLine.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "kind", "qualifier", "applies_to"], name="scoring_minimum_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}≥{self.count}"


class DutyScore(models.Model):
    """A member's score for a rule's period, as last computed; `breakdown` maps each kind to
    {"count", "points"}, `shortfalls` lists the minimums not met."""

    rule = models.ForeignKey(ScoringRule, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="duty_scores")
    total = models.DecimalField("总分", max_digits=9, decimal_places=2)
    rank = models.PositiveIntegerField("排名")
    breakdown = models.JSONField("分项", default=dict)
    shortfalls = models.JSONField("未达最低要求", default=list)

    class Meta:
        ordering = ["rank", "member__sort_key", "member_id"]
        constraints = [models.UniqueConstraint(fields=["rule", "member"], name="duty_score_once")]

    def __str__(self) -> str:
        return f"{self.member_id}:{self.total}"


class DutyCardJob(models.Model):
    """The 成绩单 of every member in office in a period, built into one ZIP by a background
    task (`tasks.duty_cards_build`). At most one job of a period is unfinished: a second
    request joins it. Its state is read from its times and error, which only the task writes."""

    class State(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "生成中"
        DONE = "done", "已完成"
        FAILED = "failed", "生成失败"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    # 所在单位: each card opens with the member's employer as its addressee (主送).
    to_employer = models.BooleanField("致委员所在单位", default=False)
    requested_by = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, related_name="+", verbose_name="发起人"
    )
    requested_at = models.DateTimeField("发起时间")
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    # When the task last reported progress: a job silent for long has lost its worker.
    touched_at = models.DateTimeField("最近进展", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    done = models.PositiveIntegerField("已生成", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    error = models.CharField("错误", max_length=300, blank=True)
    file = models.FileField("文件", upload_to="duty/cards/", blank=True)
    sent_at = models.DateTimeField("发送委员时间", null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "year"],
                condition=Q(finished_at__isnull=True, year__isnull=False),
                name="duty_card_job_running_year",
            ),
            models.UniqueConstraint(
                fields=["term"],
                condition=Q(finished_at__isnull=True, year__isnull=True),
                name="duty_card_job_running_term",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term.label}{self.period_label}委员履职成绩单"

    @property
    def period_label(self) -> str:
        return f"{self.year}年度" if self.year else "整届"

    @property
    def state(self) -> str:
        if self.finished_at is None:
            return self.State.RUNNING if self.started_at else self.State.QUEUED
        return self.State.FAILED if self.error else self.State.DONE

    def get_state_display(self) -> str:
        return self.State(self.state).label

    @property
    def ready(self) -> bool:
        """Built: its ZIP can be downloaded and its members told."""
        return self.state == self.State.DONE


# Self-reported activities (委员自报履职活动): a member reports what no app records (为群众办实事,
# 捐资助学, 委员工作室接待…); the office confirms it, and only then is it a `DutyRecord`.


class ActivityKind(models.Model):
    """A kind of activity members may report, on the committee's own list (committee_setup
    gives the defaults; the office adds its own). 其他 is always offered besides."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    name = models.CharField("活动类别", max_length=40)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="activity_kind_once")
        ]

    def __str__(self) -> str:
        return self.name


class SelfReport(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "待确认"
        CONFIRMED = "confirmed", "已确认"
        RETURNED = "returned", "已退回"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="self_reports")
    state = models.CharField(
        "状态", max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    kind = models.CharField("活动类别", max_length=40)
    date = models.DateField("活动日期")
    description = models.TextField("活动内容", max_length=2000)
    hours = models.DecimalField("学时/时长", max_digits=5, decimal_places=1, null=True, blank=True)
    submitted_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField("退回理由", max_length=300, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind}:{self.description[:30]}"


class SelfReportFile(AttachedFile):
    """The evidence of a self-reported activity (a receipt, a photo): the member's and the
    office's only."""

    report = models.ForeignKey(SelfReport, on_delete=models.CASCADE, related_name="files")


class DutyFlag(models.Model):
    """谈话提醒, 建议退出 or 表彰候选 raised for a member by a period's scores (`flags.py`),
    a task for the office until its outcome is recorded (`workflow.FLAG`)."""

    class Kind(models.TextChoices):
        TALK = "talk", "谈话提醒"
        EXIT = "exit", "建议退出"
        COMMEND = "commend", "表彰候选"

    class State(models.TextChoices):
        OPEN = "open", "待办理"
        DONE = "done", "已办结"
        DISMISSED = "dismissed", "不予办理"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    rule = models.ForeignKey(ScoringRule, on_delete=models.PROTECT, related_name="flags")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="duty_flags")
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.OPEN)
    reasons = models.JSONField("提示原因", default=list)
    raised_at = models.DateTimeField("提示时间")
    # The outcome: the talk (date, who talked, what was said), or the reason it was not
    # carried out; `closed_by` and `closed_at` whoever recorded it.
    talked_on = models.DateField("谈话日期", null=True, blank=True)
    talked_by = models.CharField("谈话人", max_length=100, blank=True)
    note = models.CharField("办理情况", max_length=1000, blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    closed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-raised_at", "member__sort_key", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "member", "kind"], name="duty_flag_once")
        ]

    def __str__(self) -> str:
        return f"{self.member.name}·{self.get_kind_display()}"

    @property
    def outcome_label(self) -> str:
        """The state as the office says it for this kind: 已谈话, 已退出, 已确认表彰…"""
        return OUTCOME_LABELS.get((self.kind, self.state), self.get_state_display())


OUTCOME_LABELS = {
    (DutyFlag.Kind.TALK, DutyFlag.State.DONE): "已谈话",
    (DutyFlag.Kind.EXIT, DutyFlag.State.DONE): "已退出",
    (DutyFlag.Kind.EXIT, DutyFlag.State.DISMISSED): "不予退出",
    (DutyFlag.Kind.COMMEND, DutyFlag.State.DONE): "已确认表彰",
    (DutyFlag.Kind.COMMEND, DutyFlag.State.DISMISSED): "未列入表彰",
}


class DutyReport(models.Model):
    """述职: a member's report of their duty for a year of a term (or the whole term), drafted
    from their record (`writing.report_draft`), edited and submitted by the member; the office
    may schedule it at a standing-committee meeting (常委述职) and records the assessment."""

    class State(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已提交"
        SCHEDULED = "scheduled", "已安排述职"
        ASSESSED = "assessed", "已评定"

    class Grade(models.TextChoices):
        EXCELLENT = "excellent", "优秀"
        COMPETENT = "competent", "称职"
        BASIC = "basic", "基本称职"
        INCOMPETENT = "incompetent", "不称职"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="duty_reports")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="duty_reports")
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.DRAFT)
    title = models.CharField("标题", max_length=200)
    text = models.TextField("正文", max_length=20000)
    drafted_at = models.DateTimeField("起草时间")
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    # 常委述职: the standing-committee meeting it is heard at (read by its string, so duty
    # imports nothing of meetings).
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name="述职会议",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Why the office sent it back (退回修改), shown to the member until they submit it again.
    return_reason = models.CharField("退回理由", max_length=1000, blank=True)
    grade = models.CharField("评定等次", max_length=12, choices=Grade.choices, blank=True)
    assessment = models.CharField("评定意见", max_length=1000, blank=True)
    assessed_at = models.DateTimeField("评定时间", null=True, blank=True)
    assessed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year", "member__sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "term", "year"],
                condition=Q(year__isnull=False),
                name="duty_report_year",
            ),
            models.UniqueConstraint(
                fields=["member", "term"], condition=Q(year__isnull=True), name="duty_report_term"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period_label(self) -> str:
        return f"{self.year}年度" if self.year else f"{self.term.label}(整届)"
