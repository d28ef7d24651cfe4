"""工作报告稿: a work report the office saves from a generated one and edits, section by
section, in numbered versions that are never overwritten. Each version keeps the generated
report it came from (`generated`, the API's shape of it), so its numbers can be compared with
a regeneration for the same dates and an unedited paragraph keeps its links to the records."""

from datetime import date

from django.db import models

from zhengxie.core.models import Committee, User

from .periods import Period, span


class SavedReport(models.Model):
    class State(models.TextChoices):
        DRAFTING = "drafting", "起草中"
        FINAL = "final", "已定稿"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.DRAFTING)
    # The period the figures were counted over, as generated (a running year ends on the day
    # it was saved): regenerating these dates gives the same statistics.
    start = models.DateField("统计起始日期")
    end = models.DateField("统计截止日期")
    period_label = models.CharField("期间", max_length=100)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("创建时间")
    finalized_at = models.DateTimeField("定稿时间", null=True, blank=True)
    # The newest version, read by the list without a query per row.
    latest = models.ForeignKey(
        "ReportVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.latest.title if self.latest_id else self.period_label

    def period(self, today: date) -> Period:
        """The saved dates as a period again, to count them anew (compared with the same
        dates a year earlier)."""
        return span(self.committee, self.start, self.end, today)


class ReportVersion(models.Model):
    report = models.ForeignKey(SavedReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    title = models.CharField("标题", max_length=200)
    addressee = models.CharField("主送", max_length=100, blank=True)
    # [{"key", "heading", "text"}]: the sections in order, each text its paragraphs by line.
    sections = models.JSONField("正文")
    # The generated report this version's text came from (generator.as_data).
    generated = models.JSONField("生成的报告")
    note = models.CharField("版本说明", max_length=200, blank=True)
    restored_from = models.PositiveIntegerField("恢复自", null=True, blank=True)
    saved_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField("保存时间")

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_number")
        ]

    def __str__(self) -> str:
        return f"第{self.number}版"


# What a choice applies to besides one statistic ("proposals.registered"): every count, every
# rate; a statistic's own choice wins over its class's.
COUNTS = "counts"
RATES = "rates"


class Approximation(models.Model):
    """How the reports write one statistic, or every count or rate: exactly (the default, no
    row) or as an approximation the committee chose (500多条, 60余篇, 近40份, 95%以上)."""

    class Style(models.TextChoices):
        EXACT = "exact", "写准确数"
        MORE = "多", "……多(500多条)"
        ODD = "余", "……余(60余篇)"
        NEAR = "近", "近……(近40份)"
        AT_LEAST = "以上", "……以上(95%以上)"

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    target = models.CharField("统计项", max_length=80)
    style = models.CharField("写法", max_length=8, choices=Style.choices)
    set_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField("设置时间")

    class Meta:
        ordering = ["target"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "target"], name="approximation_once")
        ]

    def __str__(self) -> str:
        return f"{self.target}:{self.get_style_display()}"


# A count may read 多, 余 or 近; a rate only 以上 (a share is never "近95%" in a report).
COUNT_STYLES = (
    Approximation.Style.EXACT,
    Approximation.Style.MORE,
    Approximation.Style.ODD,
    Approximation.Style.NEAR,
)
RATE_STYLES = (Approximation.Style.EXACT, Approximation.Style.AT_LEAST)
