from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from zhengxie.core.models import Committee
from zhengxie.members.models import Member


class DutyRecord(models.Model):
    """One entry of a member's duty ledger, fed by every app through `duty_record`."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="duty_records")
    kind = models.CharField("类别", max_length=40, db_index=True)
    date = models.DateField("日期", db_index=True)
    points = models.DecimalField("积分", max_digits=6, decimal_places=2, default=0)
    note = models.CharField("说明", max_length=200, blank=True)
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
