"""Writes of meetings: creation with invitees by rule, notices, leave, check-in, attendance."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhengxie.core import errors
from zhengxie.core.audit import audit_log, snapshot
from zhengxie.core.errors import Problem, ServiceError
from zhengxie.core.models import Session, User
from zhengxie.core.services import file_store, notify
from zhengxie.duty.services import duty_record
from zhengxie.lib.dates import cn_datetime
from zhengxie.members.models import Member, Membership
from zhengxie.members.queries import current_members, current_memberships

from . import audit_actions
from .models import (
    KIND_TRAITS,
    CheckIn,
    Guest,
    Invitation,
    LeaveApprover,
    LeaveRequest,
    Material,
    Meeting,
)
from .permissions import (
    can_create_meeting,
    can_set_leave_rules,
    leave_approvers,
    may_add_material,
    runs_meeting,
)
from .queries import attendance
from .workflow import LEAVE, MEETING, begun, checkin_open, over

CHECKIN_SALT = "meetings.checkin"
TOKEN_MAX_AGE = 60 * 60 * 24 * 7
HALL_SALT = "meetings.hall"
# The hall QR turns every HALL_WINDOW seconds; a code stays good through the next window, so
# a scan at the turn still works while a photo of the screen is soon worthless.
HALL_WINDOW = 30

BAD_TIMES = Problem("bad_times", "结束时间须晚于开始时间。")
BAD_RULE = Problem("bad_rule", "请选择参会范围所指的专委会、活动组或工作站。")
NO_INVITEES = Problem("no_invitees", "参会人员为空,请检查参会范围或指定人员。")
NOT_INVITED = Problem("not_invited", "您不在本次会议的参会名单中。", 403)
CHECKIN_CLOSED = Problem("checkin_closed", "不在签到时间内。", 409)
LEAVE_TOO_LATE = Problem(
    "leave_too_late", "会议已开始,不能再请假;如确有特殊情况请联系会务人员。", 409
)
LEAVE_TWICE = Problem("leave_twice", "您已提交过本次会议的请假申请。", 409)
REASON_REQUIRED = Problem("reason_required", "请填写请假事由。")
BAD_TOKEN = Problem("bad_token", "签到码无效或已过期。", 400)
PRESENCE_REQUIRED = Problem(
    "presence_required",
    "签到须到会场扫描大屏上的签到二维码,或在入口由工作人员扫描您的个人签到码。",
    403,
)
HALL_CODE_EXPIRED = Problem(
    "hall_code_expired", "会场签到二维码已更新,请重新扫描大屏上的二维码。", 400
)
PERSONAL_CODE_AT_DOOR = Problem(
    "personal_code_at_door",
    "个人签到码须由会场入口的工作人员扫描;您也可以扫描会场大屏上的签到二维码。",
    403,
)
NOT_ENDED = Problem("not_ended", "会议结束后才能确认考勤。", 409)
BAD_KIND = Problem("bad_kind", "请选择有效的会议类型。")
BAD_LEAVE_RULE = Problem(
    "bad_leave_rule", "请选择有效的会议类型和请假审批人(机关工作人员或主席会议成员)。"
)


def _rule_members(meeting: Meeting) -> Iterable[Membership]:
    current = current_memberships(meeting.committee)
    group = meeting.rule_group_id
    match meeting.invite_rule:
        case Meeting.Invite.ALL:
            return current
        case Meeting.Invite.STANDING:
            return current.filter(standing=True)
        case Meeting.Invite.CHAIRS:
            return current.exclude(post="")
        case Meeting.Invite.SPECIAL_COMMITTEE:
            return current.filter(special_committees=group)
        case Meeting.Invite.SECTOR_GROUP:
            return current.filter(sector_group=group)
        case Meeting.Invite.STATION:
            return current.filter(station=group)
    return current.none()


def meeting_create(
    *,
    actor: User,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime | None = None,
    place: str,
    invite_rule: str,
    rule_group_id: int | None = None,
    invitee_ids: Iterable[int] = (),
    observer_ids: Iterable[int] = (),
    guests: Iterable[dict] = (),
    agenda: str = "",
    session: Session | None = None,
    leaders_present: str = "",
    notify_invitees: bool = True,
    study_hours: Decimal | None = None,
) -> Meeting:
    """A meeting with its invitees: everyone the rule names plus individuals, and observers
    (列席). Check-in opens an hour before the start and closes at the end."""
    if not can_create_meeting(actor):
        raise ServiceError(errors.FORBIDDEN)
    if kind not in KIND_TRAITS:
        raise ServiceError(BAD_KIND)
    ends_at = ends_at or starts_at + timedelta(hours=3)
    if ends_at <= starts_at:
        raise ServiceError(BAD_TIMES)
    needs_group = {
        Meeting.Invite.SPECIAL_COMMITTEE,
        Meeting.Invite.SECTOR_GROUP,
        Meeting.Invite.STATION,
    }
    if invite_rule in needs_group and not rule_group_id:
        raise ServiceError(BAD_RULE)
    # Not durable: the demo loader creates its meetings inside its one transaction.
    with transaction.atomic():
        meeting = Meeting.objects.create(
            committee=actor.committee,
            kind=kind,
            title=title.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            place=place.strip(),
            invite_rule=invite_rule,
            rule_group_id=rule_group_id,
            agenda=agenda,
            session=session,
            leaders_present=leaders_present,
            counts_as_training=KIND_TRAITS[kind].counts_as_training,
            study_hours=study_hours if KIND_TRAITS[kind].counts_as_training else None,
            checkin_opens_at=starts_at - timedelta(hours=1),
            checkin_closes_at=ends_at,
            created_by=actor,
        )
        invited = {m.member_id for m in _rule_members(meeting)}
        invited |= set(
            current_members(actor.committee)
            .filter(pk__in=list(invitee_ids))
            .values_list("pk", flat=True)
        )
        observers = (
            set(
                current_members(actor.committee)
                .filter(pk__in=list(observer_ids))
                .values_list("pk", flat=True)
            )
            - invited
        )
        if not invited and not observers:
            raise ServiceError(NO_INVITEES)
        Invitation.objects.bulk_create(
            [Invitation(meeting=meeting, member_id=pk) for pk in invited]
            + [
                Invitation(meeting=meeting, member_id=pk, role=Invitation.Role.OBSERVER)
                for pk in observers
            ]
        )
        Guest.objects.bulk_create(Guest(meeting=meeting, **guest) for guest in guests)
        audit_log(
            actor=actor,
            action=audit_actions.CREATE,
            target=meeting,
            after={
                **snapshot(meeting, ["kind", "title", "starts_at", "place", "invite_rule"]),
                "invited": len(invited),
                "observers": len(observers),
            },
        )
        if notify_invitees:
            _send_notices(meeting)
    return meeting


def _send_notices(meeting: Meeting) -> None:
    users = User.objects.filter(member__invitations__meeting=meeting)
    notify(
        recipients=users,
        title=f"会议通知:{meeting.title}",
        body=f"时间:{cn_datetime(meeting.starts_at)}\n地点:{meeting.place}\n"
        "请确认参会;如不能参加,请在会前请假。",
        link=f"/meetings/{meeting.pk}/",
    )


def _invitation(meeting: Meeting, member: Member | int | None) -> Invitation:
    invitation = (
        Invitation.objects.filter(meeting=meeting, member=member).select_related("member").first()
        if member
        else None
    )
    if invitation is None:
        raise ServiceError(NOT_INVITED)
    return invitation


def meeting_confirm(*, actor: User, meeting: Meeting) -> Invitation:
    with transaction.atomic(durable=True):
        invitation = _invitation(meeting, getattr(actor, "member", None))
        invitation.response = Invitation.Response.ATTENDING
        invitation.save(update_fields=["response"])
        audit_log(actor=actor, action=audit_actions.CONFIRM, target=meeting)
    return invitation


def leave_request(
    *, actor: User, meeting: Meeting, reason: str, now: datetime | None = None
) -> LeaveRequest:
    """请假: before the meeting starts, with a reason; the approvers are told (严格会议请假制度:
    seed 001 L385)."""
    now = now or timezone.now()
    if not reason.strip():
        raise ServiceError(REASON_REQUIRED)
    if begun(meeting, now):
        raise ServiceError(LEAVE_TOO_LATE)
    member = getattr(actor, "member", None)
    # Not durable: the demo loader asks leave inside its one transaction.
    with transaction.atomic():
        invitation = _invitation(meeting, member)
        if LeaveRequest.objects.filter(meeting=meeting, member=member).exists():
            raise ServiceError(LEAVE_TWICE)
        leave = LeaveRequest.objects.create(
            meeting=meeting, member=member, reason=reason.strip(), requested_at=now
        )
        invitation.response = Invitation.Response.LEAVE
        invitation.save(update_fields=["response"])
        audit_log(
            actor=actor,
            action=audit_actions.LEAVE_REQUEST,
            target=meeting,
            after={"member": member.name, "reason": leave.reason},
            now=now,
        )
        notify(
            recipients=leave_approvers(meeting),
            title=f"{member.name}请假:{meeting.title}",
            body=leave.reason,
            link=f"/meetings/{meeting.pk}/",
        )
    return leave


def leave_decide(
    *, actor: User, leave: LeaveRequest, action: str, note: str = "", now: datetime | None = None
) -> LeaveRequest:
    """批准 or 不批准, by the kind's approver (`workflow.LEAVE`)."""
    if action not in LEAVE:
        raise ServiceError(errors.NOT_FOUND)
    now = now or timezone.now()
    # Not durable: the demo loader decides leave inside its one transaction.
    with transaction.atomic():
        leave, transition = LEAVE.begin(actor, leave, action)
        before = leave.state
        leave.state, leave.decided_by, leave.decided_at = transition.target, actor, now
        leave.decision_note = note.strip()
        leave.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
        audit_log(
            actor=actor,
            action=transition.audit,
            target=leave.meeting,
            before={"member": leave.member.name, "state": before},
            after={"state": leave.state, "note": leave.decision_note},
            now=now,
        )
        if leave.member.user:
            notify(
                recipients=[leave.member.user],
                title=f"请假申请{transition.label}:{leave.meeting}",
                body=leave.decision_note,
                link=f"/meetings/{leave.meeting_id}/",
            )
    return leave


def check_in(
    *,
    actor: User,
    meeting: Meeting,
    member: Member | None = None,
    code: str = "",
    now: datetime | None = None,
) -> CheckIn:
    """签到, only with proof of presence: a member's own request carries the hall's current
    code (the QR on the hall screen); staff at the door scan a member's personal code, or
    check a member in by hand. Inside the window only; a second check-in returns the first."""
    now = now or timezone.now()
    member_id, method = _presence(actor=actor, meeting=meeting, member=member, code=code, now=now)
    # A repeat scan (the common case at the door) costs one query: a check-in implies the
    # invitation.
    existing = CheckIn.objects.filter(meeting=meeting, member=member_id).first()
    if existing:
        return existing
    member = _invitation(meeting, member_id).member
    if not checkin_open(meeting, now):
        raise ServiceError(CHECKIN_CLOSED)
    try:
        # Not durable: the demo loader checks members in inside its one transaction.
        with transaction.atomic():
            entry = CheckIn.objects.create(
                meeting=meeting, member=member, at=now, method=method, by=actor
            )
            audit_log(
                actor=actor,
                action=audit_actions.CHECK_IN,
                target=meeting,
                after={"member": member.name, "method": method},
                now=now,
            )
    except IntegrityError:
        # Two scans of the same code at once: the other one won, which is the same outcome.
        return CheckIn.objects.get(meeting=meeting, member=member)
    return entry


def _presence(
    *, actor: User, meeting: Meeting, member: Member | None, code: str, now: datetime
) -> tuple[int, str]:
    """Whom a check-in is for and how their presence was shown; a bare request is refused."""
    staff = runs_meeting(actor, meeting)
    own = getattr(actor, "member", None)
    if member is not None and not staff and member.pk != getattr(own, "pk", None):
        raise ServiceError(errors.FORBIDDEN)
    if code:
        meeting_id, member_id = read_code(code, now=now)
        if meeting_id != meeting.pk:
            raise ServiceError(BAD_TOKEN)
        if member_id is not None:
            # A personal code proves presence only in the hands of the staff at the door.
            if not staff:
                raise ServiceError(PERSONAL_CODE_AT_DOOR)
            return member_id, CheckIn.Method.CODE
        if own is None:
            raise ServiceError(NOT_INVITED)
        return own.pk, CheckIn.Method.QR
    if member is not None and staff:
        return member.pk, CheckIn.Method.STAFF
    raise ServiceError(PRESENCE_REQUIRED)


def checkin_token(meeting: Meeting, member: Member) -> str:
    """A member's personal code on their notice and meeting page, scanned by staff at the door."""
    return signing.dumps([meeting.pk, member.pk], salt=CHECKIN_SALT)


class _HallSigner(signing.TimestampSigner):
    """A TimestampSigner on the caller's clock (STYLE rules 10, 11), stamping the start of the
    current window: every screen and server shows the same code within a window."""

    def __init__(self, now: datetime):
        super().__init__(salt=HALL_SALT)
        self.window = int(now.timestamp()) // HALL_WINDOW * HALL_WINDOW

    def timestamp(self) -> str:
        return signing.b62_encode(self.window)

    def unsign(self, value: str, max_age: float | None = None) -> str:
        payload, stamp = signing.Signer.unsign(self, value).rsplit(self.sep, 1)
        age = self.window - signing.b62_decode(stamp)
        if age < 0:
            raise signing.BadSignature("stamped in a later window")
        if max_age is not None and age > max_age:
            raise signing.SignatureExpired(f"{age} s > {max_age} s")
        return payload


def hall_code(meeting: Meeting, now: datetime | None = None) -> str:
    """The code the hall screen shows as a QR; it turns every HALL_WINDOW seconds."""
    return _HallSigner(now or timezone.now()).sign(str(meeting.pk))


def hall_code_turns_in(now: datetime | None = None) -> int:
    """Seconds until the hall code turns (the screen refreshes its QR by then)."""
    return HALL_WINDOW - int((now or timezone.now()).timestamp()) % HALL_WINDOW


def read_code(code: str, *, now: datetime | None = None) -> tuple[int, int | None]:
    """(meeting id, member id) of a personal code; (meeting id, None) of a hall code that is
    current or one window old."""
    now = now or timezone.now()
    try:
        meeting_id, member_id = signing.loads(code, salt=CHECKIN_SALT, max_age=TOKEN_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return _read_hall_code(code, now), None
    if not isinstance(meeting_id, int) or not isinstance(member_id, int):
        # Hall codes of old were signed like personal codes, without a member, and never
        # turned: they are no proof any more.
        raise ServiceError(BAD_TOKEN)
    return meeting_id, member_id


def _read_hall_code(code: str, now: datetime) -> int:
    try:
        return int(_HallSigner(now).unsign(code, max_age=HALL_WINDOW))
    except signing.SignatureExpired as exc:
        raise ServiceError(HALL_CODE_EXPIRED) from exc
    except (signing.BadSignature, ValueError) as exc:
        raise ServiceError(BAD_TOKEN) from exc


def meeting_close(*, actor: User, meeting: Meeting, now: datetime | None = None) -> Meeting:
    """Confirm the attendance after the meeting: attendance and absence without leave go into
    each member's duty record, and 列席 for an observer who checked in; training meetings count
    toward the training duty."""
    now = now or timezone.now()
    # Not durable: the demo loader closes its meetings inside its one transaction.
    with transaction.atomic():
        meeting, transition = MEETING.begin(actor, meeting, "close")
        if not over(meeting, now):
            raise ServiceError(NOT_ENDED)
        sheet = attendance(meeting, now)
        day = timezone.localdate(meeting.starts_at)

        def credit(member, kind: str, hours=None) -> None:
            # The meeting's kind rides along: the scoring rules weigh a plenary apart.
            duty_record(
                member=member,
                kind=kind,
                date=day,
                source=meeting,
                qualifier=meeting.kind,
                hours=hours,
                actor=actor,
            )

        for member in sheet.present_members:
            credit(member, "meeting_attendance")
            if meeting.counts_as_training:
                credit(member, "training", meeting.study_hours)
        for member in sheet.absent_members:
            credit(member, "meeting_absent")
        for member in sheet.observed_members:
            credit(member, "meeting_observed")
        meeting.closed_at = now
        meeting.save(update_fields=["closed_at"])
        audit_log(
            actor=actor,
            action=transition.audit,
            target=meeting,
            after={"present": sheet.present, "on_leave": sheet.on_leave, "absent": sheet.absent},
            now=now,
        )
    return meeting


def leave_rule_set(*, actor: User, kind: str, approver: str) -> LeaveApprover:
    """Who decides leave for a kind of meeting in the actor's committee: staff or leaders,
    nobody else (the value becomes the role whose holders are asked)."""
    if not can_set_leave_rules(actor):
        raise ServiceError(errors.FORBIDDEN)
    if kind not in KIND_TRAITS or approver not in LeaveApprover.Approver.values:
        raise ServiceError(BAD_LEAVE_RULE)
    with transaction.atomic(durable=True):
        rule, _ = LeaveApprover.objects.update_or_create(
            committee=actor.committee, kind=kind, defaults={"approver": approver}
        )
        audit_log(
            actor=actor,
            action=audit_actions.LEAVE_RULE,
            committee=actor.committee,
            after={"kind": kind, "approver": approver},
        )
    return rule


def material_add(*, actor: User, meeting: Meeting, upload, now: datetime | None = None):
    if not may_add_material(actor, meeting):
        raise ServiceError(errors.FORBIDDEN)
    with transaction.atomic(durable=True):
        material = file_store(
            actor=actor,
            attachment=Material(meeting=meeting),
            upload=upload,
            action=audit_actions.MATERIAL,
            target=meeting,
            now=now,
        )
    return material
