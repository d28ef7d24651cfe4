"""Consultation activities of every form, their pre-meeting materials, 书面协商 requests and
the research gate (不调研不协商): every write of the activities area.

Duty: a member's written opinion (in a consultation, or on a written request) is recorded as
`consultation_opinion`, once per member and activity. Taking part in a consultation held
without a meeting (the office's list of members present, `MemberAttendance`) is
`consultation_attendance`, credited when it is held and taken back when a member is taken off
the list afterwards. Taking part in and speaking at a consultation held as a meeting is the
meetings app's record (`meeting_attendance` when the meeting's attendance is confirmed,
`speech_selected`/`speech_delivered`): such a consultation keeps no list of its own (the
table's guards), so no attendance is counted twice."""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from zhengxie.core import errors, roles
from zhengxie.core.audit import audit_log, snapshot
from zhengxie.core.errors import Problem, require
from zhengxie.core.models import User
from zhengxie.core.services import file_store
from zhengxie.duty.services import duty_record, duty_retract
from zhengxie.lib.dates import cn_date, cn_datetime
from zhengxie.meetings.models import Meeting
from zhengxie.meetings.services import meeting_create
from zhengxie.members.models import HandlingUnit, Member, SpecialCommittee
from zhengxie.members.queries import current_members
from zhengxie.proposals.models import Proposal

from .. import audit_actions
from ..models import (
    Consultation,
    Form,
    Level,
    LocalParticipant,
    MaterialFile,
    MaterialRequest,
    MemberAttendance,
    MemberOpinion,
    Outcome,
    Topic,
    UnitAttendance,
    WrittenRequest,
    WrittenRequestFile,
)
from ..queries.activities import linkable_proposals
from ..workflow.activities import CONSULTATION, MATERIAL, WRITTEN_REQUEST
from .outcomes import outcome_create

TITLE_REQUIRED = Problem("title_required", "请填写活动名称。")
BAD_FORM = Problem("bad_form", "请选择有效的协商形式和组织层级。")
FOREIGN_TOPIC = Problem("bad_topic", "议题须为本会的协商议题。")
DECLINED_TOPIC = Problem("declined_topic", "该议题未被采纳,不能据此开展协商。", 409)
WRONG_FORM = Problem("wrong_form", "该协商形式没有这项内容。", 409)
BAD_WINDOW = Problem("bad_window", "网上议政的截止时间须晚于开始时间。")
ONLINE_CLOSED = Problem("online_closed", "不在网上议政时段内,不能提交意见。", 409)
TEXT_REQUIRED = Problem("text_required", "请填写意见内容。")
MATERIAL_AFTER_DATE = Problem("material_after_date", "会前材料的报送期限须在协商日期之前。")
REASON_REQUIRED = Problem("reason_required", "请填写理由。")
NAME_REQUIRED = Problem("name_required", "请填写姓名和所在村(社区)。")
ATTENDEES_REQUIRED = Problem("attendees_required", "请填写到会人员。")
INTERVIEWEE_REQUIRED = Problem("interviewee_required", "请填写约谈对象。")
FOREIGN_PROPOSAL = Problem("bad_proposal", "提案须为本会已提交的提案。")
DUE_BEFORE_RECEIVED = Problem("due_before_received", "答复期限不能早于收文日期。")
DOCUMENT_REQUIRED = Problem("document_required", "请填写来函单位和征求意见稿名称。")
FOREIGN_MEMBER = Problem("bad_member", "参加委员须为本会现任委员。")

# A consultation held as a meeting starts at nine unless a time is set.
DEFAULT_START = time(9, 0)


def _is_staff(actor: User) -> bool:
    return actor.is_authenticated and actor.has_role(roles.STAFF)


@transaction.atomic
def consultation_create(
    *,
    actor: User,
    topic: Topic,
    form: str,
    title: str,
    date: date,
    level: str = Level.SPECIAL_COMMITTEE,
    time: time | None = None,
    place: str = "",
    special_committee: SpecialCommittee | None = None,
    sector_group=None,
    station=None,
    co_hosts: str = "",
) -> Consultation:
    """A planned consultation on one of the committee's topics; staff create it."""
    require(_is_staff(actor), errors.FORBIDDEN)
    require(topic.committee_id == actor.committee_id, FOREIGN_TOPIC)
    require(topic.state != Topic.State.DECLINED, DECLINED_TOPIC)
    require(form in Form.values and level in Level.values, BAD_FORM)
    require(title.strip(), TITLE_REQUIRED)
    consultation = Consultation.objects.create(
        committee=topic.committee,
        topic=topic,
        form=form,
        level=level,
        title=title.strip(),
        date=date,
        time=time,
        place=place.strip(),
        special_committee=special_committee,
        sector_group=sector_group,
        station=station,
        co_hosts=co_hosts.strip(),
        created_by=actor,
    )
    audit_log(
        actor=actor,
        action=audit_actions.CONSULTATION_CREATE,
        target=consultation,
        committee=consultation.committee,
        after=snapshot(consultation, ["topic_id", "form", "level", "title", "date"]),
    )
    return consultation


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def consultation_reschedule(
    *,
    actor: User,
    consultation: Consultation,
    date: date,
    time: time | None = None,
    place: str = "",
    now: datetime | None = None,
) -> Consultation:
    with transaction.atomic():
        consultation, step = CONSULTATION.begin(actor, consultation, "reschedule")
        consultation.date, consultation.time = date, time
        consultation.place = place.strip() or consultation.place
        return CONSULTATION.finish(
            actor,
            consultation,
            step,
            now=_now(now),
            fields=("date", "time", "place"),
            audit=snapshot(consultation, ["date", "time", "place"]),
        )


def starts_at(consultation: Consultation) -> datetime:
    """When the consultation begins, in the committee's time zone."""
    moment = datetime.combine(consultation.date, consultation.time or DEFAULT_START)
    return timezone.make_aware(moment, timezone.get_current_timezone())


def consultation_convene(
    *,
    actor: User,
    consultation: Consultation,
    invite_rule: str,
    rule_group_id: int | None = None,
    invitee_ids: Iterable[int] = (),
    hours: int = 3,
    now: datetime | None = None,
) -> Consultation:
    """Hold the consultation as a meeting of the meetings app: its invitees, notices, leave,
    check-in and speeches are that meeting's."""
    with transaction.atomic():
        consultation, step = CONSULTATION.begin(actor, consultation, "convene")
        start = starts_at(consultation)
        consultation.meeting = meeting_create(
            actor=actor,
            kind=Meeting.Kind.CONSULTATION,
            title=consultation.title,
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            place=consultation.place or "另行通知",
            invite_rule=invite_rule,
            rule_group_id=rule_group_id,
            invitee_ids=invitee_ids,
            agenda=consultation.topic.title,
        )
        return CONSULTATION.finish(
            actor,
            consultation,
            step,
            now=_now(now),
            fields=("meeting",),
            audit={"meeting": consultation.meeting_id},
        )


def consultation_open_online(
    *,
    actor: User,
    consultation: Consultation,
    opens_at: datetime,
    closes_at: datetime,
    now: datetime | None = None,
) -> Consultation:
    with transaction.atomic():
        consultation, step = CONSULTATION.begin(actor, consultation, "open_online")
        require(consultation.is_online, WRONG_FORM)
        require(closes_at > opens_at, BAD_WINDOW)
        consultation.opens_at, consultation.closes_at = opens_at, closes_at
        CONSULTATION.finish(
            actor,
            consultation,
            step,
            now=_now(now),
            fields=("opens_at", "closes_at"),
            audit=snapshot(consultation, ["opens_at", "closes_at"]),
        )
        CONSULTATION.tell(
            User.objects.filter(member__in=current_members(consultation.committee_id)),
            consultation,
            f"网上议政:{consultation.title}",
            f"请于{cn_datetime(opens_at)}至{cn_datetime(closes_at)}提交意见建议。",
        )
    return consultation


def consultation_request_material(
    *,
    actor: User,
    consultation: Consultation,
    unit: HandlingUnit,
    title: str,
    due_on: date,
    now: datetime | None = None,
) -> MaterialRequest:
    """A department owes a material before the consultation (会前材料), due before its day."""
    with transaction.atomic():
        consultation, step = CONSULTATION.begin(actor, consultation, "request_material")
        require(title.strip(), TITLE_REQUIRED)
        require(due_on < consultation.date, MATERIAL_AFTER_DATE)
        request = MaterialRequest.objects.create(
            consultation=consultation, unit=unit, title=title.strip(), due_on=due_on
        )
        CONSULTATION.finish(
            actor,
            consultation,
            step,
            now=_now(now),
            note=f"{unit.name}:{request.title}",
            audit={"unit": unit.pk, "due_on": due_on},
        )
        MATERIAL.tell(
            User.objects.filter(unit_account__unit=unit),
            request,
            f"请报送会前材料:{request.title}",
            f"{consultation.title}({cn_date(consultation.date)}),请于{cn_date(due_on)}前报送。",
        )
    return request


def consultation_link_proposals(
    *,
    actor: User,
    consultation: Consultation,
    proposals: list[Proposal],
    now: datetime | None = None,
) -> Consultation:
    """提案办理协商 concerns the proposals it is held on."""
    with transaction.atomic():
        consultation, step = CONSULTATION.begin(actor, consultation, "link_proposals")
        require(consultation.form == Form.PROPOSAL_HANDLING, WRONG_FORM)
        ids = {p.pk for p in proposals}
        linkable = linkable_proposals(consultation.committee_id).filter(pk__in=ids)
        require(linkable.count() == len(ids), FOREIGN_PROPOSAL)
        consultation.proposals.add(*proposals)
        return CONSULTATION.finish(
            actor,
            consultation,
            step,
            now=_now(now),
            audit={"proposals": sorted(p.pk for p in proposals)},
        )


def consultation_record_interview(
    *,
    actor: User,
    consultation: Consultation,
    interviewee: str,
    unit: HandlingUnit | None = None,
    now: datetime | None = None,
) -> Consultation:
    """约谈协商: the department or person talked with."""
    with transaction.atomic():
        consultation, step = CONSULTATION.begin(actor, consultation, "record_interview")
        require(consultation.form == Form.INTERVIEW, WRONG_FORM)
        require(interviewee.strip(), INTERVIEWEE_REQUIRED)
        consultation.interviewee, consultation.interview_unit = interviewee.strip(), unit
        return CONSULTATION.finish(
            actor,
            consultation,
            step,
            now=_now(now),
            fields=("interviewee", "interview_unit"),
            audit={"interviewee": consultation.interviewee, "unit": unit.pk if unit else None},
        )


def consultation_add_participant(
    *,
    actor: User,
    consultation: Consultation,
    name: str,
    affiliation: str,
    now: datetime | None = None,
) -> LocalParticipant:
    """基层协商 ("有事多商量"): villagers and residents take part by name."""
    with transaction.atomic():
        consultation, step = CONSULTATION.begin(actor, consultation, "add_participant")
        require(consultation.form == Form.GRASSROOTS, WRONG_FORM)
        require(name.strip() and affiliation.strip(), NAME_REQUIRED)
        person = LocalParticipant.objects.create(
            consultation=consultation, name=name.strip(), affiliation=affiliation.strip()
        )
        CONSULTATION.finish(
            actor, consultation, step, now=_now(now), note=f"{person.name}({person.affiliation})"
        )
    return person


def consultation_record_attendance(
    *,
    actor: User,
    consultation: Consultation,
    unit: HandlingUnit,
    attendees: str,
    now: datetime | None = None,
) -> UnitAttendance:
    """Which department sent whom; recording a unit again corrects its line."""
    with transaction.atomic():
        consultation, step = CONSULTATION.begin(actor, consultation, "record_attendance")
        require(attendees.strip(), ATTENDEES_REQUIRED)
        line, _ = UnitAttendance.objects.update_or_create(
            consultation=consultation, unit=unit, defaults={"attendees": attendees.strip()}
        )
        CONSULTATION.finish(
            actor, consultation, step, now=_now(now), note=f"{unit.name}:{line.attendees}"
        )
    return line


def _attendance_credit(member: Member, consultation: Consultation, actor: User) -> None:
    duty_record(
        member=member,
        kind="consultation_attendance",
        date=consultation.date,
        source=consultation,
        note=consultation.title,
        actor=actor,
    )


def consultation_record_members(
    *,
    actor: User,
    consultation: Consultation,
    members: Iterable[Member],
    now: datetime | None = None,
) -> list[MemberAttendance]:
    """The members who took part in a consultation held without a meeting, as a whole list:
    once it is held, those added gain the duty of taking part and those taken off lose it."""
    with transaction.atomic():
        consultation, step = CONSULTATION.begin(actor, consultation, "record_members")
        wanted = {m.pk: m for m in members}
        current = current_members(consultation.committee_id).filter(pk__in=wanted)
        require(current.count() == len(wanted), FOREIGN_MEMBER)
        rows = {row.member_id: row for row in consultation.member_attendance.all()}
        added = [wanted[pk] for pk in wanted.keys() - rows.keys()]
        removed = [rows[pk] for pk in rows.keys() - wanted.keys()]
        MemberAttendance.objects.filter(pk__in=[row.pk for row in removed]).delete()
        MemberAttendance.objects.bulk_create(
            MemberAttendance(consultation=consultation, member=m) for m in added
        )
        if consultation.state == Consultation.State.HELD:
            for member in added:
                _attendance_credit(member, consultation, actor)
            for row in removed:
                duty_retract(
                    member=row.member,
                    kind="consultation_attendance",
                    source=consultation,
                    actor=actor,
                )
        CONSULTATION.finish(
            actor,
            consultation,
            step,
            now=_now(now),
            note="、".join(m.name for m in sorted(wanted.values(), key=lambda m: m.sort_key)),
            audit={"members": sorted(wanted), "added": len(added), "removed": len(removed)},
        )
    return list(consultation.member_attendance.select_related("member"))


def material_submit(
    *, actor: User, request: MaterialRequest, upload, now: datetime | None = None
) -> MaterialFile:
    """The owing department (or the office for it) hands in its material; the first file
    marks it received, a later one is a corrected version."""
    now = _now(now)
    with transaction.atomic():
        request, step = MATERIAL.begin(actor, request, "submit")
        stored = file_store(
            actor=actor,
            attachment=MaterialFile(request=request),
            upload=upload,
            action=step.audit,
            target=request.consultation,
            after={"request": request.pk, "late": request.is_late(timezone.localdate(now))},
            now=now,
        )
        if request.received_at is None:
            request.received_at = now
            request.save(update_fields=["received_at"])
    return stored


def _opinion_credit(member: Member, source, day: date, actor: User) -> None:
    duty_record(member=member, kind="consultation_opinion", date=day, source=source, actor=actor)


def consultation_opine(
    *, actor: User, consultation: Consultation, text: str, now: datetime | None = None
) -> MemberOpinion:
    """A participant's written opinion; an online session takes them inside its window
    only."""
    now = _now(now)
    with transaction.atomic():
        consultation, step = CONSULTATION.begin(actor, consultation, "opine")
        require(consultation.takes_opinions(now), ONLINE_CLOSED)
        require(text.strip(), TEXT_REQUIRED)
        opinion = MemberOpinion.objects.create(
            consultation=consultation, member=actor.member, text=text.strip(), submitted_at=now
        )
        _opinion_credit(actor.member, consultation, timezone.localdate(now), actor)
        CONSULTATION.finish(actor, consultation, step, now=now, audit={"opinion": opinion.pk})
    return opinion


def topic_research_exempt(*, actor: User, topic: Topic, reason: str, now: datetime) -> Topic:
    """不调研不协商 admits an exception a leader records with its reason; the topic is then
    ready for consultation as if its research were reported."""
    require(
        actor.has_role(roles.LEADER) and actor.committee_id == topic.committee_id, errors.FORBIDDEN
    )
    require(reason.strip(), REASON_REQUIRED)
    locked = Topic.objects.select_for_update().get(pk=topic.pk)
    locked.research_exempt_reason = reason.strip()
    locked.research_exempt_by = actor
    locked.research_exempt_at = now
    fields = ["research_exempt_reason", "research_exempt_by", "research_exempt_at"]
    locked.save(update_fields=fields)
    audit_log(
        actor=actor,
        action=audit_actions.TOPIC_RESEARCH_EXEMPT,
        target=locked,
        committee=locked.committee,
        after={"reason": locked.research_exempt_reason},
        now=now,
    )
    return locked


def consultation_exempt(
    *, actor: User, consultation: Consultation, reason: str, now: datetime | None = None
) -> Consultation:
    """The leader's exception, recorded from the consultation that waits for it."""
    now = _now(now)
    with transaction.atomic():
        consultation, step = CONSULTATION.begin(actor, consultation, "exempt")
        consultation.topic = topic_research_exempt(
            actor=actor, topic=consultation.topic, reason=reason, now=now
        )
        return CONSULTATION.finish(actor, consultation, step, now=now, note=reason.strip())


def consultation_hold(
    *, actor: User, consultation: Consultation, summary: str = "", now: datetime | None = None
) -> Consultation:
    """Mark it held; refused while the topic has neither a final research report nor a
    leader's recorded exception (不调研不协商)."""
    now = _now(now)
    with transaction.atomic():
        consultation, step = CONSULTATION.begin(actor, consultation, "hold")
        consultation.held_at, consultation.summary = now, summary.strip()
        # Only a consultation without a meeting has a list (the table keeps them apart).
        for row in consultation.member_attendance.select_related("member"):
            _attendance_credit(row.member, consultation, actor)
        return CONSULTATION.finish(
            actor, consultation, step, now=now, fields=("held_at", "summary")
        )


def consultation_cancel(
    *, actor: User, consultation: Consultation, reason: str, now: datetime | None = None
) -> Consultation:
    with transaction.atomic():
        consultation, step = CONSULTATION.begin(actor, consultation, "cancel")
        require(reason.strip(), REASON_REQUIRED)
        consultation.cancel_reason = reason.strip()
        return CONSULTATION.finish(
            actor, consultation, step, now=_now(now), fields=("cancel_reason",), note=reason
        )


# 书面协商 requests.


@transaction.atomic
def written_request_create(
    *,
    actor: User,
    requester_kind: str,
    requester: str,
    document: str,
    received_on: date,
    due_on: date,
) -> WrittenRequest:
    """An inbound request for written opinions on a draft, logged by the office."""
    require(_is_staff(actor), errors.FORBIDDEN)
    require(requester_kind in WrittenRequest.Requester.values, errors.BAD_INPUT)
    require(requester.strip() and document.strip(), DOCUMENT_REQUIRED)
    require(due_on >= received_on, DUE_BEFORE_RECEIVED)
    request = WrittenRequest.objects.create(
        committee=actor.committee,
        requester_kind=requester_kind,
        requester=requester.strip(),
        document=document.strip(),
        received_on=received_on,
        due_on=due_on,
        created_by=actor,
    )
    audit_log(
        actor=actor,
        action=audit_actions.WRITTEN_CREATE,
        target=request,
        committee=request.committee,
        after=snapshot(request, ["requester_kind", "requester", "document", "due_on"]),
    )
    return request


def written_request_attach(
    *, actor: User, request: WrittenRequest, upload, now: datetime | None = None
) -> WrittenRequestFile:
    """The draft and its papers, stored by the office."""
    require(_is_staff(actor) and actor.committee_id == request.committee_id, errors.FORBIDDEN)
    with transaction.atomic():
        return file_store(
            actor=actor,
            attachment=WrittenRequestFile(request=request),
            upload=upload,
            action=audit_actions.WRITTEN_ATTACH,
            target=request,
            now=now,
        )


def _written_audit(actor, request: WrittenRequest, step, before: str, now, **after) -> None:
    audit_log(
        actor=actor,
        action=step.audit,
        target=request,
        committee=request.committee,
        before={"state": before},
        after={"state": request.state, **after},
        now=now,
    )


def written_request_assign(
    *,
    actor: User,
    request: WrittenRequest,
    special_committee: SpecialCommittee,
    now: datetime | None = None,
) -> WrittenRequest:
    with transaction.atomic():
        request, step = WRITTEN_REQUEST.begin(actor, request, "assign")
        before = request.state
        request.special_committee, request.state = special_committee, step.target
        request.save(update_fields=["special_committee", "state"])
        _written_audit(actor, request, step, before, _now(now), unit=special_committee.pk)
        WRITTEN_REQUEST.tell(
            User.objects.filter(member__in=_committee_members(special_committee)),
            request,
            f"书面协商征求意见:{request.document}",
            f"请于{cn_date(request.due_on)}前提交书面意见。",
        )
    return request


def _committee_members(special_committee: SpecialCommittee):
    # One filter(): the membership in force is the one on the special committee.
    return Member.objects.filter(
        memberships__term__is_current=True,
        memberships__left_on=None,
        memberships__special_committees=special_committee,
    ).distinct()


def written_request_opine(
    *, actor: User, request: WrittenRequest, text: str, now: datetime | None = None
) -> MemberOpinion:
    now = _now(now)
    with transaction.atomic():
        request, step = WRITTEN_REQUEST.begin(actor, request, "opine")
        require(text.strip(), TEXT_REQUIRED)
        opinion = MemberOpinion.objects.create(
            request=request, member=actor.member, text=text.strip(), submitted_at=now
        )
        _opinion_credit(actor.member, request, timezone.localdate(now), actor)
        _written_audit(actor, request, step, request.state, now, opinion=opinion.pk)
    return opinion


def written_request_answer(
    *,
    actor: User,
    request: WrittenRequest,
    title: str,
    text: str,
    answered_on: date,
    now: datetime | None = None,
) -> WrittenRequest:
    """The committee's written reply, formed as an outcome (书面意见建议) that carries the
    members whose opinions it gathered; late when answered after the due day."""
    with transaction.atomic():
        request, step = WRITTEN_REQUEST.begin(actor, request, "answer")
        before = request.state
        contributors = Member.objects.filter(pk__in=request.opinions.values("member_id")).order_by(
            "sort_key"
        )
        request.reply = outcome_create(
            committee=request.committee,
            kind=Outcome.Kind.WRITTEN_OPINION,
            title=title,
            text=text,
            written_on=answered_on,
            actor=actor,
            participants=list(contributors),
            now=_now(now),
        )
        request.answered_on, request.state = answered_on, step.target
        request.save(update_fields=["reply", "answered_on", "state"])
        late = request.is_late(answered_on)
        _written_audit(actor, request, step, before, _now(now), outcome=request.reply_id, late=late)
    return request
