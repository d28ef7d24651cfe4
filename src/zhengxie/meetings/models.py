from dataclasses import dataclass

from django.conf import settings
from django.db import models

from zhengxie.core import roles
from zhengxie.core.models import AttachedFile, Committee, Session
from zhengxie.lib.numerals import issue_number
from zhengxie.members.models import Member


class Share(models.TextChoices):
    HALF = "half", "过半数"
    TWO_THIRDS = "two_thirds", "三分之二以上"


def reaches(count: int, base: int, share: str) -> bool:
    """过半数 is strictly more than half; 三分之二以上 includes two thirds itself (以上 counts
    the number it names)."""
    if share == Share.TWO_THIRDS:
        return 3 * count >= 2 * base
    return 2 * count > base


class Meeting(models.Model):
    class Kind(models.TextChoices):
        PLENARY = "plenary", "全体会议"
        GROUP_DISCUSSION = "group_discussion", "界别联组讨论"
        STANDING = "standing", "常委会议"
        CHAIRS = "chairs", "主席会议"
        PARTY_GROUP = "party_group", "党组会议"
        SPECIAL_COMMITTEE = "special_committee", "专委会会议"
        BRIEFING = "briefing", "情况通报会"
        SYMPOSIUM = "symposium", "座谈会"
        TRAINING = "training", "学习培训"
        # A consultation held as a meeting (专题协商会, 双月协商座谈会, 对口协商…): the
        # consultations app creates it and reads its attendance and speeches.
        CONSULTATION = "consultation", "协商会议"

    class Invite(models.TextChoices):
        ALL = "all", "本届全体委员"
        STANDING = "standing", "常委"
        CHAIRS = "chairs", "主席会议成员"
        SPECIAL_COMMITTEE = "special_committee", "专委会委员"
        SECTOR_GROUP = "sector_group", "界别活动组委员"
        STATION = "station", "联络工作站委员"
        NONE = "none", "仅指定人员"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField("会议类型", max_length=20, choices=Kind.choices)
    title = models.CharField("会议名称", max_length=200)
    session = models.ForeignKey(
        Session,
        verbose_name="所属全体会议",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间")
    place = models.CharField("地点", max_length=120)
    agenda = models.TextField("议程", blank=True)
    invite_rule = models.CharField("参会范围", max_length=20, choices=Invite.choices)
    rule_group_id = models.PositiveBigIntegerField(null=True, blank=True)
    checkin_opens_at = models.DateTimeField("签到开始")
    checkin_closes_at = models.DateTimeField("签到截止")
    leaders_present = models.CharField("出席领导", max_length=300, blank=True)
    counts_as_training = models.BooleanField("计入学习培训", default=False)
    # 学时 each member present is credited on close (a training, a 情况通报会 that counts as one).
    study_hours = models.DecimalField("学时", max_digits=4, decimal_places=1, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField("考勤确认时间", null=True, blank=True)

    class State(models.TextChoices):
        """Not stored: a meeting is closed once its attendance is confirmed (`closed_at`)."""

        OPEN = "open", "考勤待确认"
        CLOSED = "closed", "考勤已确认"

    class Meta:
        ordering = ["-starts_at", "-id"]
        # The meeting list, the home page and the statistics all read a committee's meetings
        # by time (coming, held, in a period).
        indexes = [models.Index(fields=["committee", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def body_noun(self) -> str:
        """Who the invitees are, as a vote's rule names them (全体委员, 全体常务委员)."""
        return BODY_NOUNS.get(self.invite_rule, "参会人员")

    @property
    def traits(self) -> "KindTraits":
        return KIND_TRAITS[self.kind]

    @property
    def state(self) -> str:
        return self.State.CLOSED if self.closed_at else self.State.OPEN

    def get_state_display(self) -> str:
        return self.State(self.state).label


@dataclass(frozen=True)
class KindTraits:
    """What a kind of meeting does besides being held. A new kind is a line in `Meeting.Kind`
    and a row in `KIND_TRAITS` (a test holds the two together), then a migration."""

    # Attending counts as 学习培训 too (every member is trained at least once per term).
    counts_as_training: bool = False
    # Members hand in 大会发言 (oral or written) for it.
    takes_speeches: bool = False
    # Who decides leave unless the committee names another for the kind (`LeaveApprover`).
    leave_approver: str = roles.STAFF


_K = Meeting.Kind
KIND_TRAITS: dict[str, KindTraits] = {
    _K.PLENARY: KindTraits(takes_speeches=True),
    _K.GROUP_DISCUSSION: KindTraits(),
    _K.STANDING: KindTraits(takes_speeches=True),
    _K.CHAIRS: KindTraits(),
    _K.PARTY_GROUP: KindTraits(),
    _K.SPECIAL_COMMITTEE: KindTraits(),
    _K.BRIEFING: KindTraits(counts_as_training=True),
    _K.SYMPOSIUM: KindTraits(),
    _K.TRAINING: KindTraits(counts_as_training=True),
    _K.CONSULTATION: KindTraits(takes_speeches=True),
}


BODY_NOUNS = {
    Meeting.Invite.ALL: "委员",
    Meeting.Invite.STANDING: "常务委员",
    Meeting.Invite.CHAIRS: "主席会议组成人员",
    Meeting.Invite.SPECIAL_COMMITTEE: "专委会委员",
    Meeting.Invite.SECTOR_GROUP: "活动组委员",
    Meeting.Invite.STATION: "工作站委员",
}


class Invitation(models.Model):
    class Role(models.TextChoices):
        INVITEE = "invitee", "出席"
        OBSERVER = "observer", "列席"

    class Response(models.TextChoices):
        PENDING = "pending", "未回复"
        ATTENDING = "attending", "确认参会"
        LEAVE = "leave", "请假"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="invitations")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.INVITEE)
    response = models.CharField(max_length=10, choices=Response.choices, default=Response.PENDING)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="invitation_once")
        ]

    def __str__(self) -> str:
        return f"{self.member}@{self.meeting_id}"


class Guest(models.Model):
    """Someone at the meeting who is not a member: party and government leaders, unit
    representatives, experts."""

    class Kind(models.TextChoices):
        LEADER = "leader", "党政领导"
        UNIT = "unit", "部门代表"
        EXPERT = "expert", "专家学者"
        OTHER = "other", "其他"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField("姓名", max_length=40)
    title = models.CharField("单位职务", max_length=120, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OTHER)

    def __str__(self) -> str:
        return self.name


class LeaveRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "已批准"
        REFUSED = "refused", "未批准"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="leave_requests")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="leave_requests")
    reason = models.TextField("请假事由")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField("审批意见", max_length=200, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="leave_once_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.member}请假"

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING


class CheckIn(models.Model):
    class Method(models.TextChoices):
        QR = "qr", "扫码签到"
        CODE = "code", "个人签到码"
        STAFF = "staff", "工作人员代签"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="check_ins")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="check_ins")
    at = models.DateTimeField()
    method = models.CharField(max_length=10, choices=Method.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="checkin_once")]

    def __str__(self) -> str:
        return f"{self.member}签到"


class LeaveApprover(models.Model):
    """Who approves leave for a kind of meeting in a committee (default: staff)."""

    class Approver(models.TextChoices):
        # The value is the role whose holders are asked.
        STAFF = roles.STAFF, "机关工作人员"
        LEADER = roles.LEADER, "主席会议成员"

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Meeting.Kind.choices)
    approver = models.CharField(max_length=10, choices=Approver.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["committee", "kind"], name="leave_rule_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.approver}"


class Vote(models.Model):
    """表决 (a motion, resolution or list) or 选举 (candidates for posts). Each option is voted
    for, against or abstained on; a motion has one option."""

    class Kind(models.TextChoices):
        MOTION = "motion", "表决"
        ELECTION = "election", "选举"

    class State(models.TextChoices):
        DRAFT = "draft", "未开始"
        OPEN = "open", "投票中"
        CLOSED = "closed", "已结束"

    class Quorum(models.TextChoices):
        HALF = "half", "过半数到会"
        TWO_THIRDS = "two_thirds", "三分之二以上到会"
        NONE = "none", "不设到会人数要求"

    class Base(models.TextChoices):
        MEMBERS = "members", "全体"
        PRESENT = "present", "到会"
        VOTED = "voted", "参加投票的"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="votes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField("表决事项", max_length=200)
    secret = models.BooleanField("无记名投票", default=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    ballots_cast = models.PositiveIntegerField(default=0)
    quorum = models.CharField(
        "表决所需到会人数", max_length=10, choices=Quorum.choices, default=Quorum.HALF
    )
    pass_base = models.CharField(
        "通过所依据的人数", max_length=10, choices=Base.choices, default=Base.MEMBERS
    )
    pass_share = models.CharField(
        "通过所需赞成票", max_length=10, choices=Share.choices, default=Share.HALF
    )
    # 应到 and 实到 when the vote opened, taken again when it closed: the result is stated
    # against the attendance at the vote, not whoever checks in afterwards.
    expected = models.PositiveIntegerField("应到", null=True, blank=True)
    present = models.PositiveIntegerField("实到", null=True, blank=True)

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    def quorum_met(self, present: int, expected: int) -> bool:
        return self.quorum == self.Quorum.NONE or reaches(present, expected, self.quorum)

    def pass_base_count(self) -> int:
        return {
            self.Base.MEMBERS: self.expected,
            self.Base.PRESENT: self.present,
            self.Base.VOTED: self.ballots_cast,
        }[self.pass_base] or 0

    def passes(self, votes_for: int) -> bool:
        return votes_for >= self.votes_needed()

    def votes_needed(self) -> int:
        """The fewest votes for that pass: more than half, or two thirds rounded up; never
        none."""
        base = self.pass_base_count()
        if self.pass_share == Share.TWO_THIRDS:
            return max(-(-2 * base // 3), 1)
        return base // 2 + 1

    def rule_label(self) -> str:
        """E.g. 全体常务委员过半数赞成, 到会委员三分之二以上赞成, 参加投票的委员过半数赞成."""
        noun = self.meeting.body_noun
        return f"{self.get_pass_base_display()}{noun}{self.get_pass_share_display()}赞成"


class VoteOption(models.Model):
    """One line of the ballot: the motion itself, or one candidate. Tallies only: a secret
    ballot leaves nothing that links a voter to a choice."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="options")
    label = models.CharField("内容或候选人", max_length=120)
    position = models.PositiveSmallIntegerField(default=0)
    votes_for = models.PositiveIntegerField(default=0)
    votes_against = models.PositiveIntegerField(default=0)
    abstentions = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class VoteParticipation(models.Model):
    """Who has voted (to stop a second ballot) and, for an open vote only, how."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="participations")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    open_choices = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vote", "member"], name="one_ballot_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member}@{self.vote_id}"


class Speech(models.Model):
    """大会发言: a member's speech text for a plenary or standing-committee meeting."""

    class Kind(models.TextChoices):
        ORAL = "oral", "口头发言"
        WRITTEN = "written", "书面发言"

    class State(models.TextChoices):
        SUBMITTED = "submitted", "已提交"
        SELECTED_ORAL = "selected_oral", "安排大会口头发言"
        SELECTED_WRITTEN = "selected_written", "作为书面发言印发"
        DECLINED = "declined", "未采用"
        DELIVERED = "delivered", "已在大会发言"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speeches")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="speeches")
    kind = models.CharField("申请方式", max_length=10, choices=Kind.choices)
    title = models.CharField("题目", max_length=200)
    text = models.TextField("发言稿")
    state = models.CharField(max_length=20, choices=State.choices, default=State.SUBMITTED)
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return self.title


class BriefingIssue(models.Model):
    """会议简报第N期: numbered without gaps within a plenary session."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="briefings")
    number = models.PositiveSmallIntegerField("期数")
    title = models.CharField("标题", max_length=200)
    issued_on = models.DateField("印发日期")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["session", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="briefing_number_once")
        ]

    def __str__(self) -> str:
        return f"会议简报{self.number_label}"

    @property
    def number_label(self) -> str:
        return issue_number(self.number)


class BriefingItem(models.Model):
    """One opinion raised in a group discussion, and who raised it."""

    issue = models.ForeignKey(BriefingIssue, on_delete=models.CASCADE, related_name="items")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opinion = models.TextField("意见建议")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.member}:{self.opinion[:20]}"


class Material(AttachedFile):
    """会议材料: documents for the invitees."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="materials")
    file = models.FileField(upload_to="meetings/%Y/%m/")
