from collections.abc import Mapping

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.module_loading import import_string

from zhengxie.lib.dates import local_date
from zhengxie.lib.numerals import session_label, term_label

from . import roles


class Committee(models.Model):
    class Level(models.TextChoices):
        COUNTY = "county", "县(区)级"
        CITY = "city", "市级"
        PROVINCE = "province", "省级"

    name = models.CharField("简称", max_length=60, unique=True)
    full_name = models.CharField("全称", max_length=120)
    level = models.CharField("层级", max_length=10, choices=Level.choices, default=Level.COUNTY)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级政协",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = "政协"

    def __str__(self) -> str:
        return self.name

    @property
    def current_term(self) -> "Term | None":
        return self.terms.filter(is_current=True).first()


class Term(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="terms")
    number = models.PositiveSmallIntegerField("届次")
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期", null=True, blank=True)
    is_current = models.BooleanField("本届", default=False)

    class Meta:
        ordering = ["committee", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="term_unique_number"),
            # Pages default to the current term: two current ones would split the directory.
            models.UniqueConstraint(
                fields=["committee"], condition=models.Q(is_current=True), name="one_current_term"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return term_label(self.number)


class Session(models.Model):
    """A numbered plenary session of a term (十届三次会议)."""

    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveSmallIntegerField("次")
    start_date = models.DateField("开幕日期")
    end_date = models.DateField("闭幕日期")

    class Meta:
        ordering = ["term", "number"]
        constraints = [
            models.UniqueConstraint(fields=["term", "number"], name="session_unique_number")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return session_label(self.term.number, self.number)


class User(AbstractUser):
    committee = models.ForeignKey(
        Committee,
        verbose_name="所属政协",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    display_name = models.CharField("姓名", max_length=40, blank=True)
    # Set when the account's failures reach the overall ceiling; the security admin unlocks.
    locked_until = models.DateTimeField(null=True, blank=True)
    # After a reset the password is a one-time one: nothing else works until it is changed.
    must_change_password = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def roles(self) -> frozenset[str]:
        if not hasattr(self, "_roles"):
            self._roles = frozenset(group.name for group in self.groups.all())
        return self._roles

    def has_role(self, *names: str) -> bool:
        return bool(self.roles & set(names))

    @property
    def role_labels(self) -> list[str]:
        return [roles.LABELS[name] for name in sorted(self.roles) if name in roles.LABELS]

    def is_locked(self, now=None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or timezone.now())


class PasswordReset(models.Model):
    """A security administrator's reset of someone's password. Of an administrator's account
    it waits for another administrator's confirmation (三员分立: no one alone takes over
    another administrator's account)."""

    class State(models.TextChoices):
        PENDING = "pending", "待确认"
        DONE = "done", "已重置"
        REFUSED = "refused", "已拒绝"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField("申请时间")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("确认时间", null=True, blank=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            # Behind the request's row lock: one reset awaiting a second administrator per
            # account (三员分立).
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(state="pending"), name="one_pending_reset"
            )
        ]

    def __str__(self) -> str:
        return f"重置 {self.user} 的密码"


class LoginFailure(models.Model):
    """One failed login, by the username typed and the client's address; kept for the
    counting windows (see settings.LOGIN_*)."""

    username = models.CharField(max_length=150)
    ip = models.CharField(max_length=45, blank=True)
    at = models.DateTimeField()

    class Meta:
        # Every login counts recent failures by name and address; pruning deletes by age.
        indexes = [models.Index(fields=["username", "ip", "at"]), models.Index(fields=["at"])]

    def __str__(self) -> str:
        return f"{self.username}@{self.ip}"


class ApiToken(models.Model):
    """A bearer token; only its SHA-256 is stored. `session_key` ties a token obtained from a
    logged-in browser to that page session, so that logging out ends both."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key_hash = models.CharField(max_length=64, unique=True)
    session_key = models.CharField(max_length=40, blank=True, db_index=True)  # logout ends them
    # The user's session auth hash when issued (a keyed hash of the password hash).
    credentials = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"令牌({self.user_id})"


class AuditChainHead(models.Model):
    """The last link of one hash chain; locked while an event is appended."""

    chain = models.CharField(max_length=40, unique=True)
    seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq}"


class AuditEvent(models.Model):
    chain = models.CharField(max_length=40)
    seq = models.PositiveBigIntegerField()
    at = models.DateTimeField("时间", db_index=True)
    committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField("操作人", max_length=80)
    action = models.CharField("操作", max_length=60, db_index=True)
    object_type = models.CharField("对象类型", max_length=60, blank=True)
    object_id = models.CharField("对象编号", max_length=40, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    before = models.JSONField("修改前", null=True)
    after = models.JSONField("修改后", null=True)
    ip = models.CharField("来源地址", max_length=45, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-at", "-seq"]
        # One event per position of a chain even if the head's lock were bypassed: a fork
        # would otherwise pass unnoticed until audit_verify walks the chain by seq.
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="audit_unique_seq")]

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq} {self.action}"


class CalendarYear(models.Model):
    """A year whose State Council holiday schedule has been loaded and confirmed."""

    year = models.PositiveSmallIntegerField(unique=True)
    source = models.CharField(max_length=60)

    def __str__(self) -> str:
        return f"{self.year}年"


class CalendarDay(models.Model):
    """An exception to the weekend rule: a holiday on a weekday or a make-up workday.

    Rows without a committee are the national schedule; a committee's rows override them.
    """

    committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.CASCADE, related_name="calendar_days"
    )
    date = models.DateField("日期")
    is_workday = models.BooleanField("是否工作日")
    name = models.CharField("说明", max_length=40, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            # NULLs never collide in a plain unique, so the national days need their own.
            models.UniqueConstraint(
                fields=["date"], condition=models.Q(committee=None), name="calendar_national_day"
            ),
            models.UniqueConstraint(fields=["committee", "date"], name="calendar_committee_day"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    link = models.CharField("链接", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", db_index=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]  # the header's unread count

    def __str__(self) -> str:
        return self.title


class AttachedFile(models.Model):
    """An uploaded file on a record (a proposal's 附件, an opinion's material, a meeting's
    材料). Who may download one is the app's audience rule (its `…_for(user, parent)` query,
    given to `core.downloads.attachment_response`); storing one goes through
    `core.services.files.file_store`, which checks and audits it."""

    # A kind of file of its own (a new app's) lands here; the three older kinds keep the
    # folders their stored files already live in.
    file = models.FileField(upload_to="files/%Y/%m/")
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class TimelineStep(models.Model):
    """One entry of a record's timeline as people read it: a step of the record's workflow, or
    an event logged beside it. The app adds the record, the audience and the actor, action and
    state columns — their sizes and the actor's on_delete differ per app, and sharing them
    would alter existing columns."""

    at = models.DateTimeField()
    note = models.TextField(blank=True)

    # The dotted path of the app's Workflow: the table imports the app's models, so it is
    # looked up when a label is read, not at import.
    workflow_path: str = ""
    # Labels of the entries logged outside the table (`Workflow.log`).
    extra_labels: Mapping[str, str] = {}

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {local_date(self.at)}"

    @property
    def label(self) -> str:
        transition = import_string(self.workflow_path).transitions.get(self.action)
        return transition.label if transition else self.extra_labels.get(self.action, self.action)
