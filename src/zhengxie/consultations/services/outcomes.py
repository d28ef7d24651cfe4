"""Outcomes: forming one (from a fieldwork report, a consultation, or typed in by staff), and
its chain (seeds_001 §3 steps 4–11): a 建议案's adoption by the standing committee's vote,
报送 (to the party committee, the government, departments, or up to the parent committee),
leaders' instructions as tasks for units until their written feedback, the 督查 joint check,
the result told to the members who took part, and their satisfaction with the units."""

from datetime import date, datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from zhengxie.core import errors, roles
from zhengxie.core.audit import audit_log
from zhengxie.core.errors import Problem, require
from zhengxie.core.models import Committee, User
from zhengxie.core.queries import hosted, staff_users
from zhengxie.duty.kinds import register_duty_kind
from zhengxie.duty.services import duty_record, duty_retract
from zhengxie.lib.dates import cn_date
from zhengxie.meetings.models import Meeting, Vote
from zhengxie.members.models import HandlingUnit, Member

from .. import audit_actions
from ..models import (
    Evaluation,
    Indicator,
    IndicatorScore,
    Outcome,
    OutcomeMember,
    OutcomeRating,
    OutcomeSending,
    OutcomeTask,
    Reconsultation,
    Suggestion,
    Topic,
)
from ..workflow.outcomes import OUTCOME, SUGGESTION, TASK

# A module, not its function: activities imports outcome_create from here.
from . import activities

# Far more than any report carries; a suggestion's number is a smallint column.
MAX_SUGGESTIONS = 300

TITLE_REQUIRED = Problem("title_required", "请填写成果标题。")
TOO_MANY_SUGGESTIONS = Problem(
    "too_many_suggestions", f"一项成果的建议不能超过{MAX_SUGGESTIONS}条,请合并后再录入。"
)
TEXT_REQUIRED = Problem("text_required", "请填写成果正文。")
FOREIGN_TOPIC = Problem("bad_topic", "议题须为本会的协商议题。")
FOREIGN_MEMBER = Problem("bad_member", "成果署名须为本会委员。")
BAD_KIND = Problem("bad_kind", "成果类型不正确。")
NO_PARENT = Problem("no_parent", "本会没有设置上级政协,不能向上级报送。", 409)
ALREADY_UP = Problem("already_forwarded", "该成果已报送上级政协。", 409)
RECIPIENT_REQUIRED = Problem("recipient_required", "请填写报送对象。")
UNIT_REQUIRED = Problem("unit_required", "报送有关部门或登记批示须选择本会的责任单位。")
BAD_VOTE = Problem("bad_vote", "请选择本会常委会议上关于该建议案的表决事项。")
LEADER_REQUIRED = Problem("leader_required", "请填写批示领导和批示内容。")
DUE_BEFORE_GIVEN = Problem("due_before_given", "落实期限不能早于批示日期。")
FEEDBACK_REQUIRED = Problem("feedback_required", "请填写落实情况。")
CHECK_REQUIRED = Problem("check_required", "请填写督查检查情况。")
RESULT_REQUIRED = Problem("result_required", "请填写向委员反馈的最终结果。")
UNIT_NOT_TASKED = Problem("unit_not_tasked", "只能评价承担本成果批示任务的责任单位。")
BAD_LEVEL = Problem("bad_level", "满意度不正确。")
REASON_REQUIRED = Problem("reason_required", "认定建议未采纳须写明理由。")
EVIDENCE_REQUIRED = Problem("evidence_required", "请填写采纳或落实的依据。")
SENT_TO_REQUIRED = Problem("sent_to_required", "请填写建议的报送对象。")
RECONSULT_REASON_REQUIRED = Problem("reconsult_reason_required", "请写明需要再协商的新问题。")


@transaction.atomic
def outcome_create(
    *,
    committee: Committee,
    kind: str,
    title: str,
    text: str,
    written_on: date,
    actor: User,
    topic: Topic | None = None,
    suggestions: list[str] = (),
    authors: list[Member] = (),
    participants: list[Member] = (),
    now: datetime | None = None,
) -> Outcome:
    """Suggestions are numbered from 1 in the order given; a member both author and
    participant is recorded once, as author. Each author is credited with writing it."""
    require(kind in Outcome.Kind.values, BAD_KIND)
    require(title.strip(), TITLE_REQUIRED)
    require(text.strip(), TEXT_REQUIRED)
    require(topic is None or topic.committee_id == committee.pk, FOREIGN_TOPIC)
    people = [*authors, *participants]
    require(all(m.committee_id == committee.pk for m in people), FOREIGN_MEMBER)
    suggestions = [s.strip() for s in suggestions if s.strip()]
    require(len(suggestions) <= MAX_SUGGESTIONS, TOO_MANY_SUGGESTIONS)
    outcome = Outcome.objects.create(
        committee=committee,
        kind=kind,
        title=title.strip(),
        text=text,
        topic=topic,
        written_on=written_on,
        created_by=actor,
    )
    Suggestion.objects.bulk_create(
        Suggestion(outcome=outcome, number=n, text=s) for n, s in enumerate(suggestions, start=1)
    )
    roles = {m.pk: OutcomeMember.Role.PARTICIPANT for m in participants}
    roles.update({m.pk: OutcomeMember.Role.AUTHOR for m in authors})
    OutcomeMember.objects.bulk_create(
        OutcomeMember(outcome=outcome, member_id=pk, role=role) for pk, role in roles.items()
    )
    OUTCOME.log(
        actor,
        outcome,
        "create",
        audit_action=audit_actions.OUTCOME_CREATE,
        now=now or timezone.now(),
        before="",
        audit={"kind": kind, "title": outcome.title, "suggestions": outcome.suggestions.count()},
    )
    _credit(_authors(outcome), f"outcome_{kind}", written_on, outcome, actor)
    return outcome


# Points of a duty record: writing a report or a written opinion, and a suggestion adopted.
# A fieldwork report's final version counts as the fieldwork app counted it before it formed
# outcomes (执笔视察调研考察报告定稿, 5 points); the authorship is recorded here only.
AUTHOR_POINTS = {
    Outcome.Kind.RESEARCH_REPORT: 5,
    Outcome.Kind.INSPECTION_REPORT: 5,
    Outcome.Kind.STUDY_REPORT: 5,
    Outcome.Kind.PROPOSAL_DIGEST: 1,
    Outcome.Kind.WRITTEN_OPINION: 2,
}


def register_outcome_duties() -> None:
    """执笔 each kind of outcome, and 所提建议被采纳, are duty kinds of the authors."""
    for kind, label in Outcome.Kind.choices:
        register_duty_kind(f"outcome_{kind}", f"执笔{label}", AUTHOR_POINTS.get(kind, 3))
    register_duty_kind("suggestion_adopted", "所提建议被采纳", 2, category="outcome")


def outcome_record(*, actor: User, **fields) -> Outcome:
    """An outcome the office enters by hand (a 协商专报, a 建议案 drafted for the standing
    committee, a 重要提案摘报): only the office of the actor's committee does."""
    _office(actor, actor.committee_id)
    return outcome_create(committee=actor.committee, actor=actor, **fields)


def _authors(outcome: Outcome) -> QuerySet[OutcomeMember]:
    return outcome.members.filter(role=OutcomeMember.Role.AUTHOR).select_related("outcome")


def _concerned(outcome: Outcome) -> QuerySet[OutcomeMember]:
    """Whose suggestions the outcome carries: its authors (执笔); where it has none (a 书面协商
    reply gathering the members' written opinions), the members who took part."""
    authors = _authors(outcome)
    return authors if authors.exists() else outcome.members.select_related("outcome")


def _credit(rows: QuerySet[OutcomeMember], kind: str, on: date, source, actor) -> None:
    """A duty of `kind` for each member of the outcome's `rows`."""
    for row in rows.select_related("member"):
        duty_record(
            member=row.member,
            kind=kind,
            date=on,
            source=source,
            note=row.outcome.title,
            actor=actor,
        )


def _uncredit(rows: QuerySet[OutcomeMember], kind: str, source, actor) -> None:
    """Take back the duty of `kind` for `source` (a suggestion adopted, then found not
    adopted after all)."""
    for row in rows.select_related("member"):
        duty_retract(member=row.member, kind=kind, source=source, actor=actor)


def participant_users(outcome: Outcome) -> list[User]:
    rows = outcome.members.select_related("member__user").filter(member__user__is_active=True)
    return [row.member.user for row in rows]


def unit_users(unit_id: int):
    return User.objects.filter(unit_account__unit_id=unit_id, is_active=True)


def outcome_table(*, actor: User, outcome: Outcome, vote: Vote, now=None) -> Outcome:
    """A 建议案 is put to the vote of a standing-committee meeting (常委会议)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked, transition = OUTCOME.begin(actor, outcome, "table")
        meeting = vote.meeting
        require(
            meeting.committee_id == locked.committee_id
            and meeting.kind == Meeting.Kind.STANDING
            and vote.kind == Vote.Kind.MOTION,
            BAD_VOTE,
        )
        locked.vote = vote
        OUTCOME.finish(
            actor, locked, transition, now=now, fields=("vote",), note=f"{meeting.title}:{vote}"
        )
    return locked


def outcome_adopt(*, actor: User, outcome: Outcome, now=None) -> Outcome:
    """The 建议案 is adopted once its vote has passed (the row's guard refuses it before)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked, transition = OUTCOME.begin(actor, outcome, "adopt")
        locked.adopted_at = now
        OUTCOME.finish(
            actor, locked, transition, now=now, fields=("adopted_at",), note=str(locked.vote)
        )
    return locked


def outcome_send(
    *,
    actor: User,
    outcome: Outcome,
    to: str,
    recipient: str = "",
    unit: HandlingUnit | None = None,
    now: datetime | None = None,
) -> OutcomeSending:
    """报送. To a department it goes to one of the committee's units, which then reads it; up
    to the parent committee it arrives there as a copy when the parent works here (as
    社情民意's forwarding does), once."""
    require(to in OutcomeSending.To.values, errors.BAD_INPUT, "报送对象类别不正确。")
    now = now or timezone.now()
    with transaction.atomic():
        locked, transition = OUTCOME.begin(actor, outcome, "send")
        copy = None
        if to == OutcomeSending.To.PARENT:
            parent = locked.committee.parent
            require(parent is not None, NO_PARENT)
            require(not locked.sendings.filter(to=to).exists(), ALREADY_UP)
            recipient = parent.name
            copy = _copy_up(actor, locked, parent, now) if hosted(parent) else None
        if to == OutcomeSending.To.DEPARTMENT:
            require(unit is not None and unit.committee_id == locked.committee_id, UNIT_REQUIRED)
            recipient = recipient.strip() or unit.name
        else:
            unit = None  # only a department of ours reads what is sent to it
        require(bool(recipient.strip()), RECIPIENT_REQUIRED)
        sending = OutcomeSending.objects.create(
            outcome=locked,
            to=to,
            recipient=recipient.strip(),
            unit=unit,
            copy=copy,
            at=now,
            by=actor,
        )
        note = f"报送{sending.recipient}"
        OUTCOME.finish(actor, locked, transition, now=now, note=note, unit=unit)
        if unit is not None:
            OUTCOME.tell(unit_users(unit.pk), locked, f"收到{locked.committee.name}报送的协商成果")
    return sending


def _copy_up(actor: User, outcome: Outcome, parent: Committee, now: datetime) -> Outcome:
    """The outcome as it arrives at the parent committee: its text and numbered suggestions;
    the members who took part stay with the lower committee's outcome."""
    copy = Outcome.objects.create(
        committee=parent,
        kind=outcome.kind,
        title=outcome.title,
        text=outcome.text,
        written_on=outcome.written_on,
        created_by=actor,
        origin=outcome,
    )
    Suggestion.objects.bulk_create(
        Suggestion(outcome=copy, number=s.number, text=s.text) for s in outcome.suggestions.all()
    )
    OUTCOME.log(
        actor,
        copy,
        "received",
        audit_action=audit_actions.OUTCOME_RECEIVED,
        now=now,
        before="",
        note=f"{outcome.committee.name}报送",
    )
    OUTCOME.tell(staff_users(parent.pk), copy, f"收到{outcome.committee.name}报送的协商成果")
    return copy


def outcome_instruct(
    *,
    actor: User,
    outcome: Outcome,
    leader: str,
    text: str,
    unit: HandlingUnit | None,
    due_on: date,
    main_leader: bool = False,
    given_on: date | None = None,
    now: datetime | None = None,
) -> OutcomeTask:
    """A leader's instruction, and the task it sets the named unit until its feedback
    (批转责任单位落实, seeds_001 §3 step 6)."""
    require(bool(leader.strip() and text.strip()), LEADER_REQUIRED)
    require(unit is not None and unit.committee_id == outcome.committee_id, UNIT_REQUIRED)
    now = now or timezone.now()
    given_on = given_on or timezone.localdate(now)
    require(due_on >= given_on, DUE_BEFORE_GIVEN)
    with transaction.atomic():
        locked, transition = OUTCOME.begin(actor, outcome, "instruct")
        task = OutcomeTask.objects.create(
            outcome=locked,
            leader=leader.strip(),
            main_leader=main_leader,
            given_on=given_on,
            text=text.strip(),
            unit=unit,
            due_on=due_on,
            recorded_by=actor,
        )
        note = f"{task.leader}批示:{task.text}(责任单位:{unit.name},期限{cn_date(due_on)})"
        OUTCOME.finish(actor, locked, transition, now=now, note=note, unit=unit)
        OUTCOME.tell(
            unit_users(unit.pk),
            locked,
            f"请落实领导批示:{locked.title}",
            f"{task.leader}批示:{task.text}\n落实期限:{cn_date(due_on)}",
        )
        OUTCOME.tell(participant_users(locked), locked, f"您参与的协商成果获{task.leader}批示")
    return task


def task_feedback(*, actor: User, task: OutcomeTask, text: str, now=None) -> OutcomeTask:
    """The unit's written feedback to the office; the members who took part see it."""
    require(bool(text.strip()), FEEDBACK_REQUIRED)
    now = now or timezone.now()
    with transaction.atomic():
        locked, transition = TASK.begin(actor, task, "feedback")
        locked.state = transition.target
        locked.feedback, locked.feedback_at, locked.feedback_by = text.strip(), now, actor
        locked.save(update_fields=["state", "feedback", "feedback_at", "feedback_by"])
        _task_step(actor, locked, transition, locked.feedback, now)
        outcome = locked.outcome
        OUTCOME.tell(staff_users(outcome.committee_id), outcome, f"{locked.unit}已反馈落实情况")
        OUTCOME.tell(participant_users(outcome), outcome, "您参与的协商成果有了落实反馈")
    return locked


def task_check(*, actor: User, task: OutcomeTask, on: date, note: str, now=None) -> OutcomeTask:
    """The joint check with the party and government 督查机构 (联合检查), recorded on the task."""
    require(bool(note.strip()), CHECK_REQUIRED)
    now = now or timezone.now()
    with transaction.atomic():
        locked, transition = TASK.begin(actor, task, "check")
        locked.checked_on, locked.check_note = on, note.strip()
        locked.save(update_fields=["checked_on", "check_note"])
        _task_step(actor, locked, transition, f"{cn_date(on)} {locked.check_note}", now)
    return locked


def _task_step(actor: User, task: OutcomeTask, transition, note: str, now) -> None:
    """A task's step is an entry of its outcome's timeline, for its unit to read."""
    outcome = task.outcome
    OUTCOME.log(
        actor,
        outcome,
        f"task_{transition.action}",
        audit_action=transition.audit,
        now=now,
        before=outcome.state,
        note=f"{task.unit}:{note}",
        unit=task.unit,
    )


def outcome_conclude(*, actor: User, outcome: Outcome, now=None) -> Outcome:
    """Implemented: every instruction's task has been fed back (the row's guard)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked, transition = OUTCOME.begin(actor, outcome, "conclude")
        OUTCOME.finish(actor, locked, transition, now=now)
    return locked


def outcome_inform(*, actor: User, outcome: Outcome, result: str, now=None) -> Outcome:
    """The final result told to the members who took part (委员能在规定时间内看到协商议题
    最终结果), with the units' progress they already read."""
    require(bool(result.strip()), RESULT_REQUIRED)
    now = now or timezone.now()
    with transaction.atomic():
        locked, transition = OUTCOME.begin(actor, outcome, "inform")
        locked.result, locked.informed_at = result.strip(), now
        fields = ("result", "informed_at")
        OUTCOME.finish(actor, locked, transition, now=now, fields=fields, note=locked.result)
        OUTCOME.tell(participant_users(locked), locked, "您参与的协商成果已有最终结果")
    return locked


def outcome_rate(
    *,
    actor: User,
    outcome: Outcome,
    unit: HandlingUnit | None,
    level: str,
    note: str = "",
    now=None,
) -> OutcomeRating:
    """A member who took part rates a unit that had a task on the outcome; rating it again
    replaces the earlier rating."""
    require(level in OutcomeRating.Level.values, BAD_LEVEL)
    now = now or timezone.now()
    with transaction.atomic():
        locked, transition = OUTCOME.begin(actor, outcome, "rate")
        require(unit is not None and locked.tasks.filter(unit=unit).exists(), UNIT_NOT_TASKED)
        rating, _ = OutcomeRating.objects.update_or_create(
            outcome=locked,
            member=actor.member,
            unit=unit,
            defaults={"level": level, "note": note.strip(), "at": now},
        )
        label = f"{unit}:{rating.get_level_display()}"
        OUTCOME.finish(
            actor, locked, transition, now=now, note=label, audit={"satisfaction": level}
        )
    return rating


def outcome_reconsult(
    *,
    actor: User,
    outcome: Outcome,
    reason: str,
    form: str,
    title: str,
    on: date,
    now: datetime | None = None,
) -> Reconsultation:
    """再协商: a new consultation on the outcome's topic about the problems met in implementing
    it (并就办理过程中出现的新问题进行再协商, seeds_001 §3 step 11)."""
    require(bool(reason.strip()), RECONSULT_REASON_REQUIRED)
    now = now or timezone.now()
    with transaction.atomic():
        locked, transition = OUTCOME.begin(actor, outcome, "reconsult")
        consultation = activities.consultation_create(
            actor=actor, topic=locked.topic, form=form, title=title, date=on
        )
        row = Reconsultation.objects.create(
            outcome=locked, consultation=consultation, reason=reason.strip(), at=now, by=actor
        )
        note = f"{row.reason}({consultation.title},{cn_date(on)})"
        OUTCOME.finish(actor, locked, transition, now=now, note=note)
        OUTCOME.tell(participant_users(locked), locked, "您参与的协商成果将就新问题再协商")
    return row


def _suggestion_move(actor: User, suggestion: Suggestion, action: str, now, **fields) -> Suggestion:
    """One suggestion's step: its fields, its state, and the entry on its outcome's timeline."""
    with transaction.atomic():
        locked, transition = SUGGESTION.begin(actor, suggestion, action)
        was_adopted = locked.state == Suggestion.State.ADOPTED
        for name, value in fields.items():
            setattr(locked, name, value)
        if transition.target is not None:
            locked.state = transition.target
        locked.save(update_fields=[*fields, "state"])
        outcome = locked.outcome
        detail = next((str(v) for v in fields.values() if isinstance(v, str) and v), "")
        OUTCOME.log(
            actor,
            outcome,
            f"suggestion_{action}",
            audit_action=transition.audit,
            now=now,
            before=outcome.state,
            note=f"建议({locked.number}){detail}",
            audit={"suggestion": locked.number, "suggestion_state": locked.state},
        )
        if action == "adopt":
            _credit(_concerned(outcome), "suggestion_adopted", locked.decided_on, locked, actor)
        if action == "decline" and was_adopted:
            _uncredit(_concerned(outcome), "suggestion_adopted", locked, actor)
    return locked


def suggestion_route(*, actor: User, suggestion: Suggestion, sent_to: str, now=None) -> Suggestion:
    require(bool(sent_to.strip()), SENT_TO_REQUIRED)
    return _suggestion_move(
        actor, suggestion, "route", now or timezone.now(), sent_to=sent_to.strip()
    )


def suggestion_adopt(
    *, actor: User, suggestion: Suggestion, evidence: str, decided_on: date | None = None, now=None
) -> Suggestion:
    """Adopted, on the evidence given (a leader's instruction, a document, a measure taken);
    the outcome's authors are credited."""
    require(bool(evidence.strip()), EVIDENCE_REQUIRED)
    now = now or timezone.now()
    on = decided_on or timezone.localdate(now)
    return _suggestion_move(
        actor, suggestion, "adopt", now, evidence=evidence.strip(), decided_on=on
    )


def suggestion_start(*, actor: User, suggestion: Suggestion, evidence: str = "", now=None):
    fields = {"evidence": evidence.strip()} if evidence.strip() else {}
    return _suggestion_move(actor, suggestion, "start", now or timezone.now(), **fields)


def suggestion_complete(*, actor: User, suggestion: Suggestion, evidence: str, now=None):
    require(bool(evidence.strip()), EVIDENCE_REQUIRED)
    return _suggestion_move(
        actor, suggestion, "complete", now or timezone.now(), evidence=evidence.strip()
    )


def suggestion_decline(
    *, actor: User, suggestion: Suggestion, reason: str, decided_on: date | None = None, now=None
) -> Suggestion:
    """Not adopted: the reason is required (采纳与否都有交代)."""
    require(bool(reason.strip()), REASON_REQUIRED)
    now = now or timezone.now()
    on = decided_on or timezone.localdate(now)
    return _suggestion_move(actor, suggestion, "decline", now, reason=reason.strip(), decided_on=on)


def task_reminders_send(*, today: date) -> int:
    """Once a day, every task past its due date without feedback: tell its unit and the
    office."""
    overdue = (
        OutcomeTask.objects.filter(state=OutcomeTask.State.OPEN, due_on__lt=today)
        .exclude(reminded_on=today)
        .select_related("outcome", "unit")
    )
    sent = 0
    for task in overdue:
        with transaction.atomic(durable=True):
            # A second tick, or the feedback arriving now, waits: one reminder a day, none
            # after the feedback.
            locked = OutcomeTask.objects.select_for_update().get(pk=task.pk)
            if locked.reminded_on == today or locked.state != OutcomeTask.State.OPEN:
                continue
            locked.reminded_on = today
            locked.save(update_fields=["reminded_on"])
            OUTCOME.tell(
                [*unit_users(task.unit_id), *staff_users(task.outcome.committee_id)],
                task.outcome,
                f"批示落实已超期:{task.outcome.title}",
                f"{task.leader}批示,责任单位{task.unit},期限{cn_date(task.due_on)},尚未反馈。",
            )
            sent += 1
    return sent


INDICATOR_NAME_REQUIRED = Problem("indicator_name_required", "请填写指标名称。")
INDICATOR_TAKEN = Problem("indicator_taken", "已有同名的评价指标。", 409)
NO_INDICATORS = Problem("no_indicators", "请先设定本会的协商工作评价指标。", 409)
SCORES_INCOMPLETE = Problem("scores_incomplete", "请为每一项启用的评价指标打分(0至100分)。")
BAD_GRADE = Problem("bad_grade", "评估等次不正确。")
CONCLUSION_REQUIRED = Problem("conclusion_required", "请填写评估结论。")


def _office(actor: User, committee_id: int) -> None:
    require(actor.has_role(roles.STAFF) and actor.committee_id == committee_id, errors.FORBIDDEN)


def indicator_save(
    *,
    actor: User,
    name: str,
    description: str = "",
    position: int = 0,
    is_active: bool = True,
    indicator: Indicator | None = None,
) -> Indicator:
    """An indicator of the committee's evaluation system, new or changed."""
    _office(actor, actor.committee_id)
    require(bool(name.strip()), INDICATOR_NAME_REQUIRED)
    with transaction.atomic():
        row = indicator or Indicator(committee_id=actor.committee_id)
        taken = Indicator.objects.filter(committee_id=actor.committee_id, name=name.strip())
        require(not taken.exclude(pk=row.pk).exists(), INDICATOR_TAKEN)
        before = {"name": row.name, "is_active": row.is_active} if row.pk else None
        row.name, row.description = name.strip(), description.strip()
        row.position, row.is_active = position, is_active
        row.save()
        audit_log(
            actor=actor,
            action=audit_actions.INDICATOR_SAVE,
            target=row,
            committee=actor.committee,
            before=before,
            after={"name": row.name, "is_active": row.is_active},
        )
    return row


def topic_evaluate(
    *,
    actor: User,
    topic: Topic,
    year: int,
    grade: str,
    conclusion: str,
    scores: dict[int, int],
    now: datetime | None = None,
) -> Evaluation:
    """成效评估 of a topic's results for a year: a score (0–100) for every active indicator
    of the committee, a grade and a conclusion. Evaluating the same topic and year again
    replaces the earlier evaluation (both are in the audit trail)."""
    _office(actor, topic.committee_id)
    require(grade in Evaluation.Grade.values, BAD_GRADE)
    require(bool(conclusion.strip()), CONCLUSION_REQUIRED)
    indicators = list(Indicator.objects.filter(committee_id=topic.committee_id, is_active=True))
    require(bool(indicators), NO_INDICATORS)
    wanted = {i.pk for i in indicators}
    valid = set(scores) == wanted and all(0 <= v <= 100 for v in scores.values())
    require(valid, SCORES_INCOMPLETE)
    now = now or timezone.now()
    with transaction.atomic():
        evaluation, created = Evaluation.objects.select_for_update().get_or_create(
            topic=topic,
            year=year,
            defaults={
                "committee_id": topic.committee_id,
                "grade": grade,
                "conclusion": conclusion.strip(),
                "evaluated_by": actor,
                "evaluated_at": now,
            },
        )
        before = None if created else _evaluation_facts(evaluation)
        evaluation.grade, evaluation.conclusion = grade, conclusion.strip()
        evaluation.evaluated_by, evaluation.evaluated_at = actor, now
        evaluation.save()
        evaluation.scores.all().delete()
        IndicatorScore.objects.bulk_create(
            IndicatorScore(evaluation=evaluation, indicator_id=pk, score=value)
            for pk, value in scores.items()
        )
        audit_log(
            actor=actor,
            action=audit_actions.TOPIC_EVALUATE,
            target=evaluation,
            committee=topic.committee,
            before=before,
            after=_evaluation_facts(evaluation),
            now=now,
        )
    return evaluation


def _evaluation_facts(evaluation: Evaluation) -> dict:
    scores = {str(s.indicator_id): s.score for s in evaluation.scores.all()}
    return {"grade": evaluation.grade, "conclusion": evaluation.conclusion, "scores": scores}
