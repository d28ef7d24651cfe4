"""After the reply: evaluation, second rounds, key proposals, supervision, publication,
awards, 回头看 and deadline reminders."""

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from zhengxie.core import errors
from zhengxie.core.calendar import calendar_exceptions
from zhengxie.core.errors import Problem, ServiceError, require
from zhengxie.core.models import User
from zhengxie.core.queries import staff_users
from zhengxie.lib.dates import cn_date
from zhengxie.lib.workdays import working_days_between
from zhengxie.members.models import Membership

from ..deadlines import deadline_for, deadline_set
from ..models import (
    Assignment,
    Award,
    Evaluation,
    FollowUp,
    Proposal,
    QualityRating,
    Step,
    Supervision,
)
from ..permissions import is_proposer
from ..workflow import ALREADY_EVALUATED, AT_UNIT, PROPOSAL
from .base import proposer_users, unit_users
from .handling import new_assignment
from .intake import credit

S = Proposal.State
BAD_RATING = Problem("bad_rating", "评价须为满意、基本满意或不满意。")
COMMENT_REQUIRED = Problem("comment_required", "评价为不满意时请写明意见。")
SECOND_ROUND_ONLY_ONCE = Problem("second_round_once", "每件提案只进行一次二次办理。", 409)
BAD_SUPERVISOR = Problem("bad_supervisor", "督办领导须为本届主席或副主席。")
BAD_GRADE = Problem("bad_grade", "评议等次不正确。")
NO_FOLLOW_UP = Problem("no_follow_up", "该提案没有待反馈的回头看。", 409)
REMINDER_DAYS = (15, 5)


def proposal_evaluate(
    *, actor: User, proposal: Proposal, rating: str, comment: str = "", now: datetime | None = None
) -> Proposal:
    """满意 and 基本满意 close the proposal; 不满意 in the first round keeps it open for a
    second round, which staff start with `proposal_rehandle` (二次办理: seed 001 L365)."""
    require(rating in Proposal.Rating.values, BAD_RATING)
    unsatisfied = rating == Proposal.Rating.UNSATISFIED
    require(not unsatisfied or bool(comment.strip()), COMMENT_REQUIRED)
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        # 不满意 leaves the proposal in `replied` until staff start round 2, so the state alone
        # does not stop a second evaluation: the guard checked under the row lock does, and
        # the constraint behind it where the database has no row locks (SQLite).
        locked, transition = PROPOSAL.begin(actor, proposal, "evaluate")
        _record_evaluation(locked, rating, comment.strip(), actor, now)
        locked.rating = rating
        fields: tuple[str, ...] = ("rating",)
        stays_open = unsatisfied and locked.round == 1
        if not stays_open:
            locked.closed_at = now
            fields += ("closed_at",)
        PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=fields,
            target=S.REPLIED if stays_open else S.CLOSED,
            note=f"{locked.get_rating_display()} {comment}".strip(),
        )
        if stays_open:
            PROPOSAL.tell(
                staff_users(locked.committee_id),
                locked,
                "提案人对答复不满意,请安排二次办理",
                comment,
            )
    return locked


def _record_evaluation(proposal: Proposal, rating: str, comment: str, by: User, now) -> None:
    try:
        # Not durable: proposal_evaluate calls it inside its transaction.
        with transaction.atomic():
            Evaluation.objects.create(
                proposal=proposal,
                round=proposal.round,
                rating=rating,
                comment=comment,
                by=by,
                at=now,
            )
    except IntegrityError as exc:
        raise ServiceError(ALREADY_EVALUATED) from exc


def proposal_rate_quality(
    *, actor: User, proposal: Proposal, grade: str, comment: str = "", now: datetime | None = None
) -> Proposal:
    """双向评议: the lead unit rates the proposal's quality (seed 001 L365)."""
    require(grade in QualityRating.Grade.values, BAD_GRADE)
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        locked, transition = PROPOSAL.begin(actor, proposal, "rate_quality")
        QualityRating.objects.update_or_create(
            proposal=locked,
            unit=locked.lead_unit,
            defaults={"grade": grade, "comment": comment.strip(), "at": now},
        )
        return PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            note=f"{QualityRating.Grade(grade).label} {comment}".strip(),
            audience=Step.Audience.UNIT,
            unit=locked.lead_unit,
        )


def proposal_rehandle(
    *,
    actor: User,
    proposal: Proposal,
    reason: str,
    deadline: date | None = None,
    now: datetime | None = None,
) -> Proposal:
    """二次办理 after 不满意 or new facts: the lead unit answers again (二次答复, seed 001
    L365: 对提案答复后又有新情况的,或提案者对办理答复不满意的)."""
    require(bool(reason.strip()), errors.BAD_INPUT, "请写明二次办理的原因。")
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        locked, transition = PROPOSAL.begin(actor, proposal, "rehandle")
        require(locked.round == 1, SECOND_ROUND_ONLY_ONCE)
        locked.round, locked.closed_at = 2, None
        due = deadline_for(locked, today=timezone.localdate(now), requested=deadline)
        lead = new_assignment(locked, locked.lead_unit, Assignment.Role.LEAD, now)
        deadline_set(locked, due, assignments=[lead])
        PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=("round", "closed_at"),
            note=f"二次办理:{reason}",
            audit={"deadline": due.date},
        )
        PROPOSAL.tell(unit_users(locked.lead_unit), locked, "提案需二次办理", reason)
    return locked


def proposal_mark_key(
    *,
    actor: User,
    proposal: Proposal,
    supervisor: Membership,
    lead_by: str = "",
    now: datetime | None = None,
) -> Proposal:
    """重点提案: read and led (领办) by `lead_by`, supervised (督办) by a chair or vice chair
    (阅批、领办 and 协商督办: seed 001 L365; chosen each year for leaders: seed 000 L37)."""
    _check_supervisor(proposal, supervisor)
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, transition = PROPOSAL.begin(actor, proposal, "mark_key")
        locked.key, locked.key_year = True, timezone.localdate(now).year
        locked.supervisor, locked.lead_by = supervisor, lead_by.strip()
        PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=("key", "key_year", "supervisor", "lead_by"),
            note=f"督办:{supervisor.member.name}" + (f";领办:{lead_by}" if lead_by else ""),
        )
        credit(locked, "proposal_key", source=locked, now=now, actor=actor)
        if supervisor.member.user:
            PROPOSAL.tell([supervisor.member.user], locked, "请您督办重点提案")
    return locked


def _check_supervisor(proposal: Proposal, supervisor: Membership) -> None:
    """A chair or vice chair of the committee's current term (督办 is theirs, 主席分工督办:
    seed 002 L100, L132)."""
    require(
        supervisor.is_leader
        and supervisor.term.is_current
        and supervisor.term.committee_id == proposal.committee_id,
        BAD_SUPERVISOR,
    )


def proposal_supervise(
    *,
    actor: User,
    proposal: Proposal,
    kind: str,
    note: str,
    supervisor: Membership | None = None,
    on: date | None = None,
    now: datetime | None = None,
) -> Supervision:
    """Record a supervision. `supervisor` is the chair or vice chair who supervised in person
    (主席直接督办), whoever types the record; without one it counts only toward 总督办率
    (both rates: seed 004 L62)."""
    require(kind in Supervision.Kind.values, errors.BAD_INPUT, "督办方式不正确。")
    require(bool(note.strip()), errors.BAD_INPUT, "请填写督办情况。")
    if supervisor is not None:
        _check_supervisor(proposal, supervisor)
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, transition = PROPOSAL.begin(actor, proposal, "supervise")
        by_chair = supervisor is not None
        supervision = Supervision.objects.create(
            proposal=locked,
            kind=kind,
            date=on or timezone.localdate(now),
            note=note.strip(),
            by=actor,
            supervisor=supervisor,
            by_chair=by_chair,
        )
        locked.supervised = True
        locked.chair_supervised = locked.chair_supervised or by_chair
        PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=("supervised", "chair_supervised"),
            note=f"{supervision.get_kind_display()}"
            + (f"({supervisor.member.name})" if supervisor else "")
            + f":{note}",
            audit={"supervisor": supervisor.pk if supervisor else None},
        )
    return supervision


def proposal_publish(
    *, actor: User, proposal: Proposal, published: bool = True, now: datetime | None = None
) -> Proposal:
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, transition = PROPOSAL.begin(actor, proposal, "publish")
        locked.published = published
        return PROPOSAL.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=("published",),
            note="公开" if published else "取消公开",
        )


def proposal_award(
    *, actor: User, proposal: Proposal, title: str = "优秀提案", now: datetime | None = None
) -> Proposal:
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        locked, transition = PROPOSAL.begin(actor, proposal, "award")
        Award.objects.get_or_create(
            proposal=locked, defaults={"session": locked.session, "title": title, "at": now}
        )
        PROPOSAL.finish(actor, locked, transition, now=now, note=title)
        credit(locked, "proposal_award", source=locked, now=now, actor=actor)
        PROPOSAL.tell(proposer_users(locked), locked, f"您的提案被评为{title}")
    return locked


def proposal_follow_up(
    *, actor: User, proposal: Proposal, response: str, now: datetime | None = None
) -> Proposal:
    """回头看: the lead unit reports on implementation, the proposer says how it looks
    (seed 002 L60; 由答复型向落实型转变: seed 002 L132)."""
    require(bool(response.strip()), errors.BAD_INPUT, "请填写反馈内容。")
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        locked, transition = PROPOSAL.begin(actor, proposal, "follow_up")
        # The proposer and the unit answer the same 回头看 row: each save keeps the other's.
        follow_up = locked.follow_ups.select_for_update().order_by("-due_on").first()
        require(follow_up is not None, NO_FOLLOW_UP)
        if is_proposer(actor, locked):
            follow_up.proposer_response, follow_up.proposer_responded_at = response, now
        else:
            follow_up.unit_response, follow_up.unit_responded_at = response, now
        follow_up.save()
        return PROPOSAL.finish(actor, locked, transition, now=now, note=f"回头看:{response}")


def follow_ups_create_due(*, today: date) -> int:
    """B and C items replied a year ago or more get their 回头看."""
    due = Proposal.objects.filter(
        reply_category__in=["B", "C"],
        replied_at__date__lte=today - timedelta(days=365),
        follow_ups=None,
    ).select_related("lead_unit")
    created = 0
    for proposal in due:
        with transaction.atomic(durable=True):
            FollowUp.objects.create(proposal=proposal, due_on=today + timedelta(days=30))
            PROPOSAL.tell(
                unit_users(proposal.lead_unit), proposal, "提案办理“回头看”:请反馈落实情况"
            )
            PROPOSAL.tell(proposer_users(proposal), proposal, "提案办理“回头看”:请谈谈落实情况")
            created += 1
    return created


def deadline_reminders_send(*, today: date) -> int:
    """Units hear 15 and 5 working days before their deadline; staff hear once it has passed.
    Each reminder goes once per assignment."""
    assignments = (
        Assignment.objects.filter(active=True, proposal__state__in=AT_UNIT)
        .filter(Q(proposal__round=1, round=1) | Q(proposal__round=2, round=2))
        .select_related("proposal", "unit")
    )
    sent = 0
    for assignment in assignments:
        kind = _reminder_due(assignment, today)
        if kind is None or kind in assignment.reminded:
            continue
        with transaction.atomic(durable=True):
            proposal = assignment.proposal
            if kind == "overdue":
                PROPOSAL.tell(
                    staff_users(proposal.committee_id),
                    proposal,
                    f"提案已超过办理期限({assignment.unit})",
                    f"办理期限为{cn_date(assignment.deadline)}",
                )
            else:
                PROPOSAL.tell(
                    unit_users(assignment.unit),
                    proposal,
                    f"距提案办理期限还有{kind}个工作日",
                    f"请于{cn_date(assignment.deadline)}前办复",
                )
            assignment.reminded = [*assignment.reminded, kind]
            assignment.save(update_fields=["reminded"])
            sent += 1
    return sent


def _reminder_due(assignment: Assignment, today: date) -> str | None:
    """ "overdue", or the tightest reminder ("5" or "15" working days) the deadline is within."""
    if assignment.deadline < today:
        return "overdue"
    exceptions = calendar_exceptions(assignment.proposal.committee, today, assignment.deadline)
    left = working_days_between(today, assignment.deadline, exceptions)
    within = [days for days in sorted(REMINDER_DAYS) if left <= days]
    return str(within[0]) if within else None
