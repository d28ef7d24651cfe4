"""What becomes of an approved item: forwarding (to leaders, bodies, the parent committee),
adoption at each level, leaders' instructions and the tasks they start. Adoption and
instructions recorded on a parent committee's copy flow back to the lower committee's item."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from zhengxie.core import errors
from zhengxie.core.calendar import add_working_days
from zhengxie.core.errors import Problem, require
from zhengxie.core.models import Committee, User
from zhengxie.core.queries import hosted, staff_users
from zhengxie.lib.dates import cn_date
from zhengxie.members.models import HandlingUnit

from .. import audit_actions
from ..models import (
    Adoption,
    BulletinIssue,
    Forwarding,
    Instruction,
    Opinion,
    OpinionAuthor,
    OpinionCategory,
)
from ..queries import policy_for
from ..workflow import INSTRUCTION, OPINION
from .base import author_users, credit

NO_PARENT = Problem("no_parent", "本会没有设置上级政协,不能向上级报送。", 409)
ALREADY_UP = Problem("already_forwarded", "该信息已报送上级政协。", 409)
RECIPIENT_REQUIRED = Problem("recipient_required", "请填写报送对象。")
ALREADY_ADOPTED = Problem("already_adopted", "该信息在这一层级的采用已登记。", 409)
LEADER_REQUIRED = Problem("leader_required", "请填写批示领导和批示内容。")
UNIT_REQUIRED = Problem("unit_required", "请选择负责落实批示的部门。")
FEEDBACK_REQUIRED = Problem("feedback_required", "请填写办理情况。")


def opinion_forward(
    *,
    actor: User,
    opinion: Opinion,
    to: str,
    recipient: str = "",
    issue: BulletinIssue | None = None,
    now: datetime | None = None,
) -> Forwarding:
    require(to in Forwarding.To.values, errors.BAD_INPUT, "报送对象类别不正确。")
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, transition = OPINION.begin(actor, opinion, "forward")
        copy = None
        if to == Forwarding.To.PARENT:
            parent = locked.committee.parent
            require(parent is not None, NO_PARENT)
            require(not locked.forwardings.filter(to=to).exists(), ALREADY_UP)
            recipient = parent.name
            copy = _copy_up(actor, locked, parent, now) if hosted(parent) else None
        require(bool(recipient.strip()), RECIPIENT_REQUIRED)
        forwarding = Forwarding.objects.create(
            opinion=locked,
            to=to,
            recipient=recipient.strip(),
            issue=issue,
            copy=copy,
            at=now,
            by=actor,
        )
        OPINION.finish(actor, locked, transition, now=now, note=f"报送{recipient}")
    return forwarding


def _copy_up(actor: User, opinion: Opinion, parent: Committee, now: datetime) -> Opinion:
    """The item as it arrives in the parent committee's queue."""
    category = None
    if opinion.category:
        category = OpinionCategory.objects.filter(
            committee=parent, name=opinion.category.name
        ).first()
    copy = Opinion.objects.create(
        committee=parent,
        year=timezone.localtime(now).year,
        title=opinion.current_title,
        text=opinion.current_text,
        category=category,
        channel=opinion.channel,
        source=Opinion.Source.LOWER,
        urgent=opinion.urgent,
        submitted_by=actor,
        submitted_at=now,
        origin=opinion,
    )
    OpinionAuthor.objects.bulk_create(
        OpinionAuthor(opinion=copy, member_id=a.member_id, position=a.position)
        for a in opinion.authors.all()
    )
    OPINION.log(
        actor,
        copy,
        "submit",
        audit_action=audit_actions.SUBMIT,
        now=now,
        before="",
        note=f"{opinion.committee.name}报送",
    )
    OPINION.tell(staff_users(parent.pk), copy, f"收到{opinion.committee.name}报送的社情民意信息")
    return copy


def opinion_adopt(
    *,
    actor: User,
    opinion: Opinion,
    level: str,
    adopted_on: date | None = None,
    note: str = "",
    issue: BulletinIssue | None = None,
    now: datetime | None = None,
) -> Adoption:
    require(level in Adoption.Level.values, errors.BAD_INPUT, "采用层级不正确。")
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, _ = OPINION.begin(actor, opinion, "adopt")
        level = Adoption.effective_level(locked.committee, level)
        adoption = _adopt(
            actor, locked, level, adopted_on or timezone.localdate(), note, issue, None, now
        )
    return adoption


def _adopt(actor, opinion, level, on, note, issue, via, now) -> Adoption:
    require(not opinion.adoptions.filter(level=level).exists(), ALREADY_ADOPTED)
    adoption = Adoption.objects.create(
        opinion=opinion,
        level=level,
        adopted_on=on,
        note=note.strip(),
        issue=issue,
        via=via,
        recorded_by=actor,
    )
    label = adoption.get_level_display()
    OPINION.log(
        actor,
        opinion,
        "adopted_above" if via else "adopt",
        audit_action=audit_actions.ADOPTED_ABOVE if via else OPINION["adopt"].audit,
        now=now,
        before=opinion.state,
        note=f"{label} {note}".strip(),
    )
    credit(opinion, f"opinion_adopted_{level}", on, adoption, actor)
    OPINION.tell(author_users(opinion), opinion, f"您的社情民意信息已被{label}")
    if opinion.origin_id:
        _adopt_below(actor, opinion, adoption, now)
    return adoption


def _adopt_below(actor, copy: Opinion, adoption: Adoption, now) -> None:
    """The lower committee's item records the adoption; the parent's own bulletin counts
    there as adoption by the parent committee."""
    # Two adoptions of the copy at once must not both record one level on the original.
    origin = Opinion.objects.select_for_update().get(pk=copy.origin_id)
    level = Adoption.Level.PARENT if adoption.level == Adoption.Level.OWN else adoption.level
    level = Adoption.effective_level(origin.committee, level)
    if origin.adoptions.filter(level=level).exists():
        return
    note = f"{copy.committee.name}:{adoption.get_level_display()} {adoption.note}".strip()
    _adopt(actor, origin, level, adoption.adopted_on, note, None, copy, now)


def opinion_instruct(
    *,
    actor: User,
    opinion: Opinion,
    leader: str,
    text: str,
    unit: HandlingUnit | None,
    main_leader: bool = False,
    given_on: date | None = None,
    due_on: date | None = None,
    now: datetime | None = None,
) -> Instruction:
    """A leader's written instruction, and the task it sets the instructed department, tracked
    until its feedback (件件有办理,件件有反馈: seed 002 L134; 督办落实并反馈: seed 002 L100)."""
    require(bool(leader.strip() and text.strip()), LEADER_REQUIRED)
    require(unit is not None and unit.committee_id == opinion.committee_id, UNIT_REQUIRED)
    now = now or timezone.now()
    given_on = given_on or timezone.localdate()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, _ = OPINION.begin(actor, opinion, "instruct")
        if due_on is None:
            days = policy_for(locked.committee_id).instruction_working_days
            due_on = add_working_days(locked.committee, given_on, days).date
        instruction = _instruct(
            actor, locked, leader, main_leader, given_on, text, now, unit=unit, due_on=due_on
        )
        OPINION.tell(
            User.objects.filter(unit_account__unit=unit, is_active=True),
            locked,
            f"请落实领导批示:{locked.released_title}",
            f"{leader}批示:{text.strip()}\n办理期限:{cn_date(due_on)}",
        )
    return instruction


def _instruct(actor, opinion, leader, main_leader, given_on, text, now, **task) -> Instruction:
    instruction = Instruction.objects.create(
        opinion=opinion,
        leader=leader.strip(),
        main_leader=main_leader,
        given_on=given_on,
        text=text.strip(),
        recorded_by=actor,
        **task,
    )
    relayed = "relayed_from" in task
    OPINION.log(
        actor,
        opinion,
        "instructed_above" if relayed else "instruct",
        audit_action=audit_actions.INSTRUCTED_ABOVE if relayed else OPINION["instruct"].audit,
        now=now,
        before=opinion.state,
        note=f"{instruction.leader}:{instruction.text}",
        unit=instruction.unit,
    )
    kind = "opinion_instructed_main" if main_leader else "opinion_instructed"
    credit(opinion, kind, given_on, instruction, actor)
    OPINION.tell(
        author_users(opinion),
        opinion,
        f"您的社情民意信息获{instruction.leader}批示",
        instruction.text,
    )
    if opinion.origin_id:
        # The original's timeline and credit are written by one relay at a time.
        origin = Opinion.objects.select_for_update().get(pk=opinion.origin_id)
        _instruct(
            actor,
            origin,
            f"{instruction.leader}({opinion.committee.name}转来)",
            main_leader,
            given_on,
            text,
            now,
            state=Instruction.State.RELAYED,
            relayed_from=instruction,
        )
    return instruction


def instruction_coordinate(
    *, actor: User, instruction: Instruction, on: date, note: str, now=None
) -> Instruction:
    """A coordination meeting held on the instruction (e.g. with the party and government
    offices)."""
    require(bool(note.strip()), errors.BAD_INPUT, "请填写协调会情况。")
    now = now or timezone.now()
    # Not durable: the demo loader records coordination inside its one transaction.
    with transaction.atomic():
        locked, transition = INSTRUCTION.begin(actor, instruction, "coordinate")
        locked.coordination_on, locked.coordination_note = on, note.strip()
        locked.save(update_fields=["coordination_on", "coordination_note"])
        _task_step(actor, locked, transition, f"{cn_date(on)} 协调会:{note.strip()}", now)
    return locked


def instruction_feedback(
    *, actor: User, instruction: Instruction, text: str, now=None
) -> Instruction:
    """The department's result; the authors see it (and those of the lower committee's item
    when the instruction was relayed there)."""
    require(bool(text.strip()), FEEDBACK_REQUIRED)
    now = now or timezone.now()
    # Not durable: the demo loader records feedback inside its one transaction.
    with transaction.atomic():
        locked, transition = INSTRUCTION.begin(actor, instruction, "feedback")
        locked.state = transition.target
        locked.feedback, locked.feedback_at, locked.feedback_by = text.strip(), now, actor
        locked.save(update_fields=["state", "feedback", "feedback_at", "feedback_by"])
        _task_step(actor, locked, transition, text.strip(), now)
        OPINION.tell(
            author_users(locked.opinion), locked.opinion, "领导批示已有办理反馈", locked.feedback
        )
        relayed = Instruction.objects.filter(relayed_from=locked).select_related("opinion").first()
        if relayed is not None:
            relayed.feedback, relayed.feedback_at = locked.feedback, now
            relayed.save(update_fields=["feedback", "feedback_at"])
            OPINION.tell(
                author_users(relayed.opinion),
                relayed.opinion,
                "领导批示已有办理反馈",
                locked.feedback,
            )
    return locked


def _task_step(actor: User, instruction: Instruction, transition, note: str, now) -> None:
    """An instruction's step is an entry of its item's timeline (task_coordinate,
    task_feedback), audited under the step's name."""
    opinion = instruction.opinion
    OPINION.log(
        actor,
        opinion,
        f"task_{transition.action}",
        audit_action=transition.audit,
        now=now,
        before=opinion.state,
        note=f"{transition.label}:{note}",
        unit=instruction.unit,
    )


def instruction_reminders_send(*, today: date) -> int:
    """Once a day, every instruction past its due date without feedback: tell the department
    and the office."""
    overdue = (
        Instruction.objects.filter(state=Instruction.State.OPEN, due_on__lt=today)
        .exclude(reminded_on=today)
        .select_related("opinion", "unit")
    )
    sent = 0
    for instruction in overdue:
        with transaction.atomic(durable=True):
            # A second tick, or feedback arriving now, waits: one reminder a day, none after
            # the feedback.
            locked = Instruction.objects.select_for_update().get(pk=instruction.pk)
            if locked.reminded_on == today or locked.state != Instruction.State.OPEN:
                continue
            locked.reminded_on = today
            locked.save(update_fields=["reminded_on"])
            users = [
                *User.objects.filter(unit_account__unit=instruction.unit_id, is_active=True),
                *staff_users(instruction.opinion.committee_id),
            ]
            OPINION.tell(
                users,
                instruction.opinion,
                f"批示办理已超期:{instruction.opinion.released_title}",
                f"{instruction.leader}批示,期限{cn_date(instruction.due_on)},尚未反馈。",
            )
            sent += 1
    return sent
