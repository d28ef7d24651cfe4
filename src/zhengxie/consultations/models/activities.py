from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from zhengxie.core.models import AttachedFile, Committee, TimelineStep
from zhengxie.meetings.models import Meeting
from zhengxie.members.models import (
    HandlingUnit,
    LiaisonStation,
    Member,
    SectorGroup,
    SpecialCommittee,
)
from zhengxie.proposals.models import Proposal

from .outcomes import Outcome
from .topics import Form, Level, Topic


class Consultation(models.Model):
    """协商活动: one consultation on a topic, in one of the forms of seeds_001 §2. One that
    is a meeting links to a `meetings.Meeting`, which holds its invitees, leave, check-in
    and speeches."""

    class State(models.TextChoices):
        PLANNED = "planned", "待开展"
        HELD = "held", "已开展"
        CANCELLED = "cancelled", "已取消"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    topic = models.ForeignKey(
        Topic, verbose_name="协商议题", on_delete=models.PROTECT, related_name="consultations"
    )
    form = models.CharField("协商形式", max_length=20, choices=Form.choices)
    level = models.CharField(
        "组织层级", max_length=20, choices=Level.choices, default=Level.SPECIAL_COMMITTEE
    )
    state = models.CharField(
        "状态", max_length=12, choices=State.choices, default=State.PLANNED, db_index=True
    )
    title = models.CharField("活动名称", max_length=200)
    date = models.DateField("协商日期", db_index=True)
    time = models.TimeField("开始时间", null=True, blank=True)
    place = models.CharField("地点", max_length=120, blank=True)
    # The organiser (seeds_001 §2 (17)): a special committee, a sector or member group, or a
    # liaison station (基层协商); none of them means the standing committee's office.
    special_committee = models.ForeignKey(
        SpecialCommittee,
        verbose_name="承办专委会",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sector_group = models.ForeignKey(
        SectorGroup,
        verbose_name="界别(委员)活动组",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    station = models.ForeignKey(
        LiaisonStation,
        verbose_name="委员联络工作站",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # seeds_001 §2 (19): joint activities with 人大代表, 党代表工作室 and other bodies.
    co_hosts = models.CharField("联合开展单位", max_length=300, blank=True)
    meeting = models.OneToOneField(
        Meeting,
        verbose_name="协商会议",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultation",
    )
    proposals = models.ManyToManyField(
        Proposal, verbose_name="所涉提案", blank=True, related_name="consultations"
    )
    interviewee = models.CharField("约谈对象", max_length=200, blank=True)
    interview_unit = models.ForeignKey(
        HandlingUnit,
        verbose_name="约谈单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # 网络议政/远程协商: members post written opinions inside this window only.
    opens_at = models.DateTimeField("网上议政开始", null=True, blank=True)
    closes_at = models.DateTimeField("网上议政截止", null=True, blank=True)
    held_at = models.DateTimeField("开展时间", null=True, blank=True)
    summary = models.TextField("协商情况", blank=True)
    cancel_reason = models.CharField("取消原因", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["committee", "date"])]  # the list by year and form

    def __str__(self) -> str:
        return self.title

    @property
    def is_online(self) -> bool:
        return self.form in ONLINE_FORMS

    def online_open(self, now: datetime) -> bool:
        """An online session takes opinions inside its window only (网络议政 has a time)."""
        if self.opens_at is None or self.closes_at is None:
            return False
        return self.opens_at <= now <= self.closes_at

    def takes_opinions(self, now: datetime) -> bool:
        return not self.is_online or self.online_open(now)


ONLINE_FORMS = frozenset({Form.ONLINE, Form.REMOTE})
# Forms held as a meeting of members: the meetings app runs their invitees and attendance.
MEETING_FORMS = frozenset(
    {
        Form.PLENARY,
        Form.STANDING_THEMATIC,
        Form.THEMATIC,
        Form.BIMONTHLY,
        Form.COUNTERPART,
        Form.SECTOR,
        Form.PROPOSAL_HANDLING,
        Form.GRASSROOTS,
    }
)


class ConsultationStep(TimelineStep):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="steps")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=100)
    action = models.CharField(max_length=20)
    state_before = models.CharField(max_length=12)
    state_after = models.CharField(max_length=12)

    workflow_path = "zhengxie.consultations.workflow.activities.CONSULTATION"


class MaterialRequest(models.Model):
    """会前材料: what a department owes before the consultation (its situation report, the
    draft under consultation); late once past due without a file."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="material_requests"
    )
    unit = models.ForeignKey(
        HandlingUnit, verbose_name="报送单位", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("材料名称", max_length=200)
    due_on = models.DateField("报送期限")
    received_at = models.DateTimeField("收到时间", null=True, blank=True)

    class State(models.TextChoices):
        """Not stored: a material is owed until its file arrives (`received_at`)."""

        OWED = "owed", "待报送"
        RECEIVED = "received", "已报送"

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def state(self) -> str:
        return self.State.RECEIVED if self.received_at else self.State.OWED

    def get_state_display(self) -> str:
        return self.State(self.state).label

    def is_late(self, today: date) -> bool:
        """Past due without a file, or the file came after the due day."""
        if self.received_at is None:
            return today > self.due_on
        return timezone.localdate(self.received_at) > self.due_on


class MaterialFile(AttachedFile):
    """A department's 会前材料 as it arrived (a corrected version may follow)."""

    request = models.ForeignKey(MaterialRequest, on_delete=models.CASCADE, related_name="files")


class UnitAttendance(models.Model):
    """Which departments sent whom to the consultation (部门到会情况)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="unit_attendance"
    )
    unit = models.ForeignKey(
        HandlingUnit, verbose_name="到会单位", on_delete=models.PROTECT, related_name="+"
    )
    attendees = models.CharField("到会人员(姓名、职务)", max_length=300)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "unit"], name="unit_attends_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit}:{self.attendees}"


class MemberAttendance(models.Model):
    """A member who took part in a consultation held without a meeting (对口协商、约谈协商、
    基层协商 on the spot): recorded by the office, it counts in the member's duty record once
    the consultation is held. A consultation held as a meeting has its attendance there."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="member_attendance"
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["member__sort_key", "id"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "member"], name="member_attends_once")
        ]

    def __str__(self) -> str:
        return f"{self.member}·{self.consultation_id}"


class LocalParticipant(models.Model):
    """基层协商 ("有事多商量"): a villager or resident taking part, by name."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="local_participants"
    )
    name = models.CharField("姓名", max_length=40)
    affiliation = models.CharField("村(社区)、身份", max_length=100)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class WrittenRequest(models.Model):
    """书面协商: the party committee, the government or a department asks for written
    opinions on a draft; a special committee gathers members' opinions and the committee
    answers with a written reply (an `Outcome` of kind written_opinion)."""

    class Requester(models.TextChoices):
        PARTY = "party", "党委"
        GOVERNMENT = "government", "政府"
        DEPARTMENT = "department", "部门"

    class State(models.TextChoices):
        RECEIVED = "received", "待交办"
        ASSIGNED = "assigned", "征求意见中"
        ANSWERED = "answered", "已书面答复"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        "状态", max_length=12, choices=State.choices, default=State.RECEIVED, db_index=True
    )
    requester_kind = models.CharField("来函方", max_length=12, choices=Requester.choices)
    requester = models.CharField("来函单位", max_length=100)
    document = models.CharField("征求意见稿", max_length=200)
    received_on = models.DateField("收文日期")
    due_on = models.DateField("答复期限")
    special_committee = models.ForeignKey(
        SpecialCommittee,
        verbose_name="承办专委会",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reply = models.OneToOneField(
        Outcome,
        verbose_name="书面答复",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="written_request",
    )
    answered_on = models.DateField("答复日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["committee", "state"])]

    def __str__(self) -> str:
        return self.document

    def is_late(self, today: date) -> bool:
        """Answered after the due day, or still unanswered past it."""
        return (self.answered_on or today) > self.due_on


class WrittenRequestFile(AttachedFile):
    """The draft sent for opinions (征求意见稿) and what came with it."""

    request = models.ForeignKey(WrittenRequest, on_delete=models.CASCADE, related_name="files")


class MemberOpinion(models.Model):
    """A member's written opinion: in a consultation (online ones inside their window) or on
    a written request. It counts in the member's duty record."""

    consultation = models.ForeignKey(
        Consultation, null=True, blank=True, on_delete=models.CASCADE, related_name="opinions"
    )
    request = models.ForeignKey(
        WrittenRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="opinions"
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("意见建议")
    submitted_at = models.DateTimeField("提交时间")

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(consultation__isnull=False, request__isnull=True)
                | Q(consultation__isnull=True, request__isnull=False),
                name="member_opinion_on_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}:{self.text[:20]}"
