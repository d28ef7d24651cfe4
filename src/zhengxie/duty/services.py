import logging
import re
import tempfile
import zipfile
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone

from zhengxie.core import errors
from zhengxie.core.audit import audit_log, snapshot
from zhengxie.core.errors import Problem, ServiceError, require
from zhengxie.core.models import Term, User
from zhengxie.core.queries import staff_users
from zhengxie.core.services import file_store
from zhengxie.core.services.notifications import notify
from zhengxie.lib.xmltext import xml_safe
from zhengxie.members.models import Member, Membership
from zhengxie.members.services import member_exit

from . import flags, permissions, queries, scoring, writing
from .audit_actions import ACTIVITY_KIND_ADD, SELF_REPORT_ATTACH, SELF_REPORT_SUBMIT
from .documents import card_docx, card_title
from .kinds import DEFAULT_ACTIVITIES, DUTY_KINDS, OTHER_ACTIVITY, QUALIFIERS, manual_kinds
from .models import (
    ActivityKind,
    DutyCardJob,
    DutyFlag,
    DutyRecord,
    DutyReport,
    DutyScore,
    ScoringLine,
    ScoringMinimum,
    ScoringMultiplier,
    ScoringPoints,
    ScoringRule,
    SelfReport,
    SelfReportFile,
)
from .permissions import (
    can_draft_report,
    can_read_scores,
    can_record_for,
    can_send_cards,
    can_set_rules,
    has_record,
)
from .workflow import FLAG, REPORT, SELF_REPORT
from .workflow import FORBIDDEN as FORBIDDEN_REPORT
from .workflow import OPEN as OPEN_REPORTS
from .workflow import WRONG_STATE as WRONG_REPORT_STATE


def duty_record(
    *,
    member: Member,
    kind: str,
    date: date,
    source: models.Model | None = None,
    points: Decimal | None = None,
    note: str = "",
    qualifier: str = "",
    hours: Decimal | None = None,
    actor=None,
) -> DutyRecord:
    """Record one duty of a member. Recording the same kind for the same source twice is a no-op,
    so callers may run inside retried or repeated transitions. `qualifier` is what the scoring
    rules may tell apart within the kind (the kind of meeting attended); `hours` the study
    hours of a training."""
    if kind not in DUTY_KINDS:
        raise ServiceError(errors.BAD_INPUT, f"未知的履职类别:{kind}")
    source_type = ContentType.objects.get_for_model(source) if source is not None else None
    source_id = source.pk if source is not None else None
    values = {
        "committee_id": member.committee_id,
        "date": date,
        "points": DUTY_KINDS[kind].default_points if points is None else points,
        "note": note,
        "qualifier": qualifier,
        "hours": hours,
    }
    # Not durable: every service that credits a duty record calls it inside its transaction.
    with transaction.atomic():
        if source is None:
            record, created = DutyRecord.objects.create(member=member, kind=kind, **values), True
        else:
            record, created = DutyRecord.objects.get_or_create(
                member=member,
                kind=kind,
                source_type=source_type,
                source_id=source_id,
                defaults=values,
            )
        if created:
            audit_log(
                actor=actor,
                action="duty.record",
                target=record,
                committee=member.committee,
                after={
                    "member": member.pk,
                    "kind": kind,
                    "date": date,
                    "points": record.points,
                    "source": str(source or ""),
                    **({"hours": hours} if hours is not None else {}),
                },
            )
    return record


NOT_MANUAL = "“{}”由相关业务自动记入履职档案,不能代为记录。"
NOTE_REQUIRED = Problem("duty_note_required", "请填写履职活动说明。")
FUTURE_DATE = Problem("duty_future_date", "履职日期不能晚于今天。")


def duty_record_for(
    *,
    actor: User,
    member: Member,
    kind: str,
    date: date,
    note: str,
    hours: Decimal | None = None,
    now: datetime | None = None,
) -> DutyRecord:
    """Staff record a duty on a member's behalf (a training outside the platform, an activity
    reported on paper): only a kind no app feeds, audited with the office's account as the
    one who wrote it down for the member."""
    require(can_record_for(actor) and member.committee_id == actor.committee_id, errors.FORBIDDEN)
    kinds = {k.code: k for k in manual_kinds()}
    label = DUTY_KINDS[kind].label if kind in DUTY_KINDS else kind
    require(kind in kinds, errors.BAD_INPUT, NOT_MANUAL.format(label))
    require(bool(note.strip()), NOTE_REQUIRED)
    now = now or timezone.now()
    require(date <= timezone.localdate(now), FUTURE_DATE)
    with transaction.atomic(durable=True):
        record = DutyRecord.objects.create(
            committee_id=member.committee_id,
            member=member,
            kind=kind,
            date=date,
            points=kinds[kind].default_points,
            note=note.strip(),
            hours=hours,
            recorded_by=actor,
        )
        audit_log(
            actor=actor,
            action="duty.record_for",
            target=record,
            committee=member.committee,
            after={"member": member.pk, "kind": kind, "date": date, "note": record.note}
            | ({"hours": hours} if hours is not None else {}),
            now=now,
        )
    return record


def duty_retract(*, member: Member, kind: str, source: models.Model, actor=None) -> int:
    """Take back a duty recorded for `source` (its step was corrected); returns rows removed."""
    source_type = ContentType.objects.get_for_model(source)
    # Not durable: proposal_correct calls it inside its transaction.
    with transaction.atomic():
        records = list(
            DutyRecord.objects.filter(
                member=member, kind=kind, source_type=source_type, source_id=source.pk
            )
        )
        for record in records:
            audit_log(
                actor=actor,
                action="duty.retract",
                target=record,
                committee=member.committee,
                before={"member": member.pk, "kind": kind, "points": record.points},
            )
            record.delete()
    return len(records)


# Scoring rules (履职考核细则) and scores. Every change of a rule set's lines recomputes its
# period in the same transaction; the recompute's audit row keeps the totals it replaced.

RULE_EXISTS = Problem("scoring_rule_exists", "该期间的履职考核细则已存在。", 409)
LINE_EXISTS = Problem("scoring_line_exists", "细则中已有相同类别和适用对象的条目。", 409)
UNKNOWN_KIND = "未知的履职类别:{}"
UNKNOWN_QUALIFIER = "“{}”不能按“{}”细分。"
BAD_CAP = "封顶分值不能为负数。"
# What each type of line cannot do without.
NEEDS = {
    ScoringPoints: (("points", "cap"), "请填写每项分值或封顶分值。"),
    ScoringMultiplier: (("factor",), "请填写倍数。"),
    ScoringMinimum: (("count",), "请填写最低次数。"),
}
BAD_FACTOR = "倍数应大于0。"
BAD_COUNT = "最低次数应不少于1次。"
LINE_FIELDS = {
    ScoringPoints: ["kind", "qualifier", "applies_to", "points", "cap"],
    ScoringMultiplier: ["kind", "with_kind", "applies_to", "factor"],
    ScoringMinimum: ["kind", "qualifier", "applies_to", "count"],
}


def scoring_rule_create(
    *, actor: User, term: Term, year: int | None, now: datetime | None = None
) -> ScoringRule:
    """A rule set for a year of `term` (or the whole term), scored at once on the defaults."""
    require(can_set_rules(actor) and term.committee_id == actor.committee_id, errors.FORBIDDEN)
    require(queries.year_in_term(term, year), queries.YEAR_OUTSIDE_TERM)
    with transaction.atomic():
        Term.objects.select_for_update().get(pk=term.pk)  # two offices creating it at once
        require(not ScoringRule.objects.filter(term=term, year=year).exists(), RULE_EXISTS)
        rule = ScoringRule.objects.create(committee_id=term.committee_id, term=term, year=year)
        audit_log(
            actor=actor, action="duty.rule_create", target=rule, after={"year": year}, now=now
        )
        _recompute(actor, rule, now)
    return rule


def scoring_line_add(*, actor: User, rule: ScoringRule, line: ScoringLine, now=None) -> ScoringLine:
    """Add an unsaved line (points, multiplier or minimum) to `rule` and recompute its scores."""
    with transaction.atomic():
        rule = _lock_rule(actor, rule)
        line.rule = rule
        _check_line(line)
        line.save()
        _audit_line(actor, "duty.rule_line_add", rule, line, after=snapshot(line, _fields(line)))
        _recompute(actor, rule, now)
    return line


def scoring_line_update(*, actor: User, line: ScoringLine, now=None, **changes) -> ScoringLine:
    fields = _fields(line)
    require(set(changes) <= set(fields), errors.BAD_INPUT)
    with transaction.atomic():
        rule = _lock_rule(actor, line.rule)
        line = type(line).objects.get(pk=line.pk)
        before = snapshot(line, fields)
        for name, value in changes.items():
            setattr(line, name, value)
        _check_line(line)
        line.save(update_fields=list(changes))
        _audit_line(actor, "duty.rule_line_update", rule, line, before, snapshot(line, fields))
        _recompute(actor, rule, now)
    return line


def scoring_line_remove(*, actor: User, line: ScoringLine, now=None) -> None:
    with transaction.atomic():
        rule = _lock_rule(actor, line.rule)
        before = snapshot(line, _fields(line))
        _audit_line(actor, "duty.rule_line_remove", rule, line, before=before)
        line.delete()
        _recompute(actor, rule, now)


def scores_recompute(*, actor: User, rule: ScoringRule, now: datetime | None = None) -> None:
    """Score the period again from the ledger as it stands (records added since the last run)."""
    with transaction.atomic():
        _recompute(actor, _lock_rule(actor, rule), now)


def _lock_rule(actor: User, rule: ScoringRule) -> ScoringRule:
    require(can_set_rules(actor) and rule.committee_id == actor.committee_id, errors.FORBIDDEN)
    return ScoringRule.objects.select_for_update().select_related("term").get(pk=rule.pk)


def _fields(line: ScoringLine) -> list[str]:
    return LINE_FIELDS[type(line)]


def _check_line(line: ScoringLine) -> None:
    for kind in (line.kind, getattr(line, "with_kind", "")):
        require(not kind or kind in DUTY_KINDS, errors.BAD_INPUT, UNKNOWN_KIND.format(kind))
    require(bool(line.kind), errors.BAD_INPUT, UNKNOWN_KIND.format(""))
    qualifier = getattr(line, "qualifier", "")
    if qualifier:
        known = QUALIFIERS.get(line.kind, {})
        label = DUTY_KINDS[line.kind].label
        require(qualifier in known, errors.BAD_INPUT, UNKNOWN_QUALIFIER.format(label, qualifier))
    needed, message = NEEDS[type(line)]
    require(any(getattr(line, name) is not None for name in needed), errors.BAD_INPUT, message)
    if isinstance(line, ScoringMultiplier):
        require(line.factor > 0, errors.BAD_INPUT, BAD_FACTOR)
    if isinstance(line, ScoringMinimum):
        require(line.count >= 1, errors.BAD_INPUT, BAD_COUNT)
    if isinstance(line, ScoringPoints):
        require(line.cap is None or line.cap >= 0, errors.BAD_INPUT, BAD_CAP)
    # The first three fields of a type are its unique key (the models' constraints).
    key = {name: getattr(line, name) for name in _fields(line)[:3]}
    taken = type(line).objects.filter(rule=line.rule, **key).exclude(pk=line.pk).exists()
    require(not taken, LINE_EXISTS)


def _audit_line(actor, action: str, rule, line, before=None, after=None) -> None:
    which = {"line": line._meta.model_name, "id": line.pk}
    audit_log(
        actor=actor,
        action=action,
        target=rule,
        before={**which, **before} if before else None,
        after={**which, **after} if after else None,
    )


def _recompute(actor: User, rule: ScoringRule, now: datetime | None) -> None:
    now = now or timezone.now()
    previous = dict(DutyScore.objects.filter(rule=rule).values_list("member_id", "total"))
    rules, members, entries, qualifying = queries.scoring_inputs(rule)
    results = scoring.compute(rules, members, entries, qualifying)
    ranked = scoring.ranks({m: r.total for m, r in results.items()})
    DutyScore.objects.filter(rule=rule).delete()
    DutyScore.objects.bulk_create(
        [
            DutyScore(
                rule=rule,
                member_id=member_id,
                total=result.total,
                rank=ranked[member_id],
                breakdown=result.breakdown,
                shortfalls=result.shortfalls,
            )
            for member_id, result in results.items()
        ],
        batch_size=500,
    )
    rule.scored_at = now
    rule.save(update_fields=["scored_at"])
    audit_log(
        actor=actor,
        action="duty.scores_recompute",
        target=rule,
        before={"totals": {str(m): total for m, total in sorted(previous.items())}},
        after={"members": len(results), "ledger_rows": len(entries)},
        now=now,
    )
    absences = flags.plenary_absences(entries)
    wanted = flags.flagged(rule, results, ranked, absences, queries.flag_standing(rule))
    _flags_raise(actor, rule, wanted, now)


def _flags_raise(actor: User, rule: ScoringRule, wanted: dict, now: datetime) -> None:
    """The period's flags as its scores now raise them: new ones created, open ones given
    their current reasons, open ones whose reasons are gone withdrawn; a flag whose outcome is
    recorded stays as it is (one per member, kind and period, so a recompute never doubles)."""
    existing = {(f.member_id, f.kind): f for f in DutyFlag.objects.filter(rule=rule)}
    new = [
        DutyFlag(
            committee_id=rule.committee_id,
            rule=rule,
            member_id=member_id,
            kind=kind,
            reasons=reasons,
            raised_at=now,
        )
        for (member_id, kind), reasons in wanted.items()
        if (member_id, kind) not in existing
    ]
    still_open = {key: f for key, f in existing.items() if f.state == DutyFlag.State.OPEN}
    gone = [f for key, f in still_open.items() if key not in wanted]
    changed = [f for key, f in still_open.items() if key in wanted and f.reasons != wanted[key]]
    for flag in changed:
        flag.reasons = wanted[flag.member_id, flag.kind]
    DutyFlag.objects.bulk_create(new, batch_size=500)
    DutyFlag.objects.bulk_update(changed, ["reasons"], batch_size=500)
    DutyFlag.objects.filter(pk__in=[f.pk for f in gone]).delete()
    if new or gone:
        audit_log(
            actor=actor,
            action="duty.flags_raise",
            target=rule,
            after={"raised": _by_kind(new), "withdrawn": _by_kind(gone)},
            now=now,
        )


def _by_kind(found: list[DutyFlag]) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = {}
    for flag in found:
        grouped.setdefault(flag.kind, []).append(flag.member_id)
    return grouped


# 成绩单 of every member in a period, built in the background into one ZIP under the
# committee's media. The task reports its progress as it goes (each report its own commit, so
# the polling page sees it); a request while a job of the period is unfinished joins it.

logger = logging.getLogger(__name__)
JOB_NOT_READY = Problem("card_job_not_ready", "成绩单尚未生成完毕,请稍后再下载。", 409)
JOB_FAILED = Problem("card_job_failed", "该批成绩单生成失败,没有可下载的文件,请重新生成。", 409)
JOB_NOT_SENDABLE = Problem("card_job_not_done", "成绩单生成完毕后才能发送给委员。", 409)
# A job silent this long has lost its worker (a restart): the next request replaces it.
STALLED = timedelta(minutes=10)
STALLED_ERROR = "后台任务长时间没有进展,生成已中断,请重新生成。"
BUILD_ERROR = "生成{}的成绩单时出错,请稍后重新生成;如仍失败,请联系系统管理员。"
# Progress is written about a hundred times a job, not once per card.
PROGRESS_STEPS = 100


def duty_card_job_request(
    *,
    actor: User,
    term: Term,
    year: int | None,
    to_employer: bool = False,
    now: datetime | None = None,
) -> tuple[DutyCardJob, bool]:
    """Start building the period's cards, or join the job already under way; returns the job
    and whether it was joined (a joined job keeps its own `to_employer`)."""
    require(can_read_scores(actor) and term.committee_id == actor.committee_id, errors.FORBIDDEN)
    require(queries.year_in_term(term, year), queries.YEAR_OUTSIDE_TERM)
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        Term.objects.select_for_update().get(pk=term.pk)  # two requests at once: one job
        running = DutyCardJob.objects.filter(term=term, year=year, finished_at=None).first()
        if running is not None and now - (running.touched_at or running.requested_at) < STALLED:
            return running, True
        if running is not None:
            _job_finish(running, now, error=STALLED_ERROR)
        job = DutyCardJob.objects.create(
            committee_id=term.committee_id,
            term=term,
            year=year,
            to_employer=to_employer,
            requested_by=actor,
            requested_at=now,
        )
        audit_log(
            actor=actor,
            action="duty.cards_request",
            target=job,
            after={"year": year, "to_employer": to_employer},
            now=now,
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job, False


def _enqueue(job_id: int) -> None:
    from .tasks import duty_cards_build  # the task module calls this one

    duty_cards_build.enqueue(job_id=job_id)


def _job_finish(job: DutyCardJob, now: datetime, *, error: str = "", file: str = "") -> None:
    job.finished_at, job.touched_at, job.error = now, now, error
    job.file.name = file
    job.save(update_fields=["finished_at", "touched_at", "error", "file"])


def _progress(job: DutyCardJob, **fields) -> None:
    DutyCardJob.objects.filter(pk=job.pk).update(touched_at=timezone.now(), **fields)


def duty_card_job_run(*, job_id: int) -> DutyCardJob:
    """The task's work: every card of the period into one ZIP, stored as the job's file. A job
    already finished (replaced as stalled) is left alone; an error is recorded on the job in
    Chinese, naming the member whose card failed, and logged with its traceback."""
    job = DutyCardJob.objects.select_related("term__committee").get(pk=job_id)
    if job.finished_at is not None:
        return job
    _progress(job, started_at=timezone.now())
    name = ""
    try:
        cards = queries.cards(job.term, job.year)
        _progress(job, total=len(cards))
        step = max(1, len(cards) // PROGRESS_STEPS)
        today = timezone.localdate()
        with tempfile.TemporaryFile() as spool:
            # The cards are zipped already: stored, not compressed a second time.
            with zipfile.ZipFile(spool, "w", zipfile.ZIP_STORED) as archive:
                for number, card in enumerate(cards, start=1):
                    name = card.member.name
                    content = card_docx(card, to_employer=job.to_employer, today=today)
                    archive.writestr(card_file_name(number, card), content)
                    if number % step == 0 or number == len(cards):
                        _progress(job, done=number)
            name = ""
            spool.seek(0)
            stored = default_storage.save(
                f"duty/cards/{job.committee_id}/cards-{job.pk}.zip", File(spool)
            )
    except Exception:
        logger.exception("duty cards job %s failed", job.pk)
        _job_finish(job, timezone.now(), error=BUILD_ERROR.format(f"{name}委员" if name else ""))
        job.refresh_from_db()
        return job
    with transaction.atomic():
        _job_finish(job, timezone.now(), file=stored)
        audit_log(
            actor=None,
            action="duty.cards_build",
            target=job,
            committee=job.committee,
            after={"cards": len(cards), "file": stored},
        )
    job.refresh_from_db()
    return job


UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|]')


def card_file_name(number: int, card) -> str:
    """0001_丁委员第十届2026年度履职成绩单.docx: numbered in 姓氏笔画 order, so two members of one
    name keep a file each."""
    return f"{number:04d}_{UNSAFE_IN_NAME.sub('', xml_safe(card_title(card)))}.docx"


def duty_card_job_download(*, actor: User, job: DutyCardJob, now: datetime | None = None):
    """The job's ZIP, opened for reading; every download is audited."""
    require(can_read_scores(actor) and job.committee_id == actor.committee_id, errors.FORBIDDEN)
    require(job.state != DutyCardJob.State.FAILED, JOB_FAILED)
    require(job.ready, JOB_NOT_READY)
    audit_log(
        actor=actor,
        action="duty.cards_download",
        target=job,
        committee=job.committee,
        after={"year": job.year, "cards": job.total},
        now=now,
    )
    return job.file.open("rb")


def duty_cards_send(*, actor: User, job: DutyCardJob, now: datetime | None = None) -> int:
    """Tell every member of the job's period who has an account that their card is ready (each
    reads only their own, on 我的履职成绩单); returns how many were told."""
    require(can_send_cards(actor) and job.committee_id == actor.committee_id, errors.FORBIDDEN)
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        job = DutyCardJob.objects.select_for_update().select_related("term").get(pk=job.pk)
        require(job.ready, JOB_NOT_SENDABLE)
        start, end = queries.period_dates(job.term, job.year)
        users = User.objects.filter(
            member__memberships__in=queries.in_office(job.term, start, end), is_active=True
        )
        told = notify(
            recipients=users,
            title=f"您的{job.term.label}{job.period_label}履职成绩单已生成",
            body="请在“我的履职成绩单”中查看和下载。",
            link="/duty/cards/",
            now=now,
        )
        job.sent_at = now
        job.save(update_fields=["sent_at"])
        audit_log(
            actor=actor,
            action="duty.cards_send",
            target=job,
            after={"members": len(told)},
            now=now,
        )
    return len(told)


# Self-reported activities (委员自报履职活动): submitted by the member, confirmed or returned by
# the office (`workflow.SELF_REPORT`); only a confirmed one is a duty record.

UNKNOWN_ACTIVITY = Problem("self_report_kind", "请从本会的活动类别中选择,或选择“其他”。")
DESCRIPTION_REQUIRED = Problem("self_report_description", "请填写活动内容。")
REASON_REQUIRED = Problem("self_report_reason", "退回时请说明理由。")
NOT_A_MEMBER = Problem("self_report_not_member", "只有委员本人可以自报履职活动。", 403)
KIND_EXISTS = Problem("activity_kind_exists", "已有同名的活动类别。", 409)
KIND_NAME_REQUIRED = Problem("activity_kind_name", "请填写活动类别名称。")


def activity_defaults_create(committee) -> dict[str, object]:
    """The default kinds of self-reported activity: a step of `core.services.committee_setup`."""
    if ActivityKind.objects.filter(committee=committee).exists():
        return {}
    ActivityKind.objects.bulk_create(
        ActivityKind(committee=committee, name=name, position=i)
        for i, name in enumerate(DEFAULT_ACTIVITIES)
    )
    return {"activity_kinds": DEFAULT_ACTIVITIES}


def activity_kind_add(*, actor: User, name: str, now: datetime | None = None) -> ActivityKind:
    require(can_record_for(actor), errors.FORBIDDEN)
    name = name.strip()
    require(bool(name) and name != OTHER_ACTIVITY, KIND_NAME_REQUIRED)
    with transaction.atomic(durable=True):
        kinds = ActivityKind.objects.select_for_update().filter(committee_id=actor.committee_id)
        require(not kinds.filter(name=name).exists(), KIND_EXISTS)
        kind = ActivityKind.objects.create(
            committee_id=actor.committee_id, name=name, position=kinds.count()
        )
        audit_log(actor=actor, action=ACTIVITY_KIND_ADD, target=kind, after={"name": name}, now=now)
    return kind


def _check_report(committee_id: int, kind: str, description: str, day: date, now) -> None:
    names = set(queries.activity_kinds(committee_id).values_list("name", flat=True))
    require(kind == OTHER_ACTIVITY or kind in names, UNKNOWN_ACTIVITY)
    require(bool(description.strip()), DESCRIPTION_REQUIRED)
    require(day <= timezone.localdate(now), FUTURE_DATE)


def self_report_submit(
    *,
    actor: User,
    kind: str,
    date: date,
    description: str,
    hours: Decimal | None = None,
    upload=None,
    now: datetime | None = None,
) -> SelfReport:
    """A member reports an activity of theirs for the office to confirm, with its evidence."""
    member = getattr(actor, "member", None)
    require(member is not None and has_record(actor), NOT_A_MEMBER)
    now = now or timezone.now()
    _check_report(member.committee_id, kind, description, date, now)
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        report = SelfReport.objects.create(
            committee_id=member.committee_id,
            member=member,
            kind=kind,
            date=date,
            description=description.strip(),
            hours=hours,
            submitted_at=now,
        )
        audit_log(
            actor=actor,
            action=SELF_REPORT_SUBMIT,
            target=report,
            committee=member.committee,
            after={"kind": kind, "date": date, "state": report.state},
            now=now,
        )
        if upload is not None:
            _store_evidence(actor, report, upload, now)
    SELF_REPORT.tell(staff_users(report.committee_id), report, "委员自报履职活动待确认")
    return report


def self_report_attach(*, actor: User, report: SelfReport, upload, now=None) -> SelfReportFile:
    """More evidence, by the member, while the report is not yet confirmed."""
    with transaction.atomic(durable=True):
        locked = SelfReport.objects.select_for_update().get(pk=report.pk)
        require(permissions.ACTORS["owner"](actor, locked), FORBIDDEN_REPORT)
        require(locked.state in OPEN_REPORTS, WRONG_REPORT_STATE)
        return _store_evidence(actor, locked, upload, now or timezone.now())


def _store_evidence(actor, report: SelfReport, upload, now) -> SelfReportFile:
    return file_store(
        actor=actor,
        attachment=SelfReportFile(report=report),
        upload=upload,
        action=SELF_REPORT_ATTACH,
        target=report,
        now=now,
    )


def self_report_confirm(*, actor: User, report: SelfReport, now=None) -> SelfReport:
    """The office confirms the activity: it enters the member's record (自报履职活动), dated the
    activity's day, its source the report."""
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, step = SELF_REPORT.begin(actor, report, "confirm")
        locked.decided_by, locked.decided_at = actor, now
        duty_record(
            member=locked.member,
            kind="activity",
            date=locked.date,
            source=locked,
            note=locked.description[:200],
            qualifier=locked.kind,
            hours=locked.hours,
            actor=actor,
        )
        SELF_REPORT.finish(actor, locked, step, now=now, fields=("decided_by", "decided_at"))
    _tell_member(locked, "您自报的履职活动已确认,已记入履职档案")
    return locked


def self_report_return(*, actor: User, report: SelfReport, reason: str, now=None) -> SelfReport:
    require(bool(reason.strip()), REASON_REQUIRED)
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, step = SELF_REPORT.begin(actor, report, "return")
        locked.decided_by, locked.decided_at, locked.reason = actor, now, reason.strip()
        fields = ("decided_by", "decided_at", "reason")
        SELF_REPORT.finish(actor, locked, step, now=now, fields=fields, audit={"reason": reason})
    _tell_member(locked, "您自报的履职活动被退回", locked.reason)
    return locked


def self_report_resubmit(
    *,
    actor: User,
    report: SelfReport,
    kind: str,
    date: date,
    description: str,
    hours: Decimal | None = None,
    now=None,
) -> SelfReport:
    """The member corrects a returned report and sends it again."""
    now = now or timezone.now()
    _check_report(report.committee_id, kind, description, date, now)
    with transaction.atomic(durable=True):
        locked, step = SELF_REPORT.begin(actor, report, "resubmit")
        locked.kind, locked.date, locked.description = kind, date, description.strip()
        locked.hours, locked.submitted_at, locked.reason = hours, now, ""
        fields = ("kind", "date", "description", "hours", "submitted_at", "reason")
        SELF_REPORT.finish(actor, locked, step, now=now, fields=fields)
    SELF_REPORT.tell(staff_users(locked.committee_id), locked, "委员自报履职活动待确认")
    return locked


def _tell_member(report: SelfReport, title: str, body: str = "") -> None:
    user = report.member.user
    if user is not None:
        SELF_REPORT.tell([user], report, title, body)


FLAG_SETTINGS = ["talk_absences", "exit_after", "commend_top", "commend_share"]
BAD_SETTINGS = Problem(
    "flag_settings_invalid",
    "无故缺席次数应为1至99次,谈话提醒期间数为2至99个,表彰名额为1至999名,比例为1%至100%。",
)


def scoring_rule_flags_set(
    *, actor: User, rule: ScoringRule, now: datetime | None = None, **settings
) -> ScoringRule:
    """When the period's scores flag a member (`flags.py`), as the committee sets it; the
    flags are raised again at once."""
    require(set(settings) <= set(FLAG_SETTINGS), errors.BAD_INPUT)
    require(_settings_valid(settings), BAD_SETTINGS)
    with transaction.atomic():
        rule = _lock_rule(actor, rule)
        before = snapshot(rule, FLAG_SETTINGS)
        for name, value in settings.items():
            setattr(rule, name, value)
        rule.save(update_fields=list(settings))
        audit_log(
            actor=actor,
            action="duty.rule_flags_set",
            target=rule,
            before=before,
            after=snapshot(rule, FLAG_SETTINGS),
            now=now,
        )
        _recompute(actor, rule, now)
    return rule


def _settings_valid(settings: dict) -> bool:
    bounds = {
        "talk_absences": (1, 99, False),
        "exit_after": (2, 99, False),
        "commend_top": (1, 999, True),
        "commend_share": (1, 100, True),
    }
    for name, value in settings.items():
        low, high, optional = bounds[name]
        if value is None and optional:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            return False
    return True


# The outcome of a flag (workflow.FLAG): each step locks the flag, checks actor, state and
# kind, records what was done and closes it under the step's audit row.


TALK_LATER = "谈话日期不能晚于今天。"


def flag_talk(
    *,
    actor: User,
    flag: DutyFlag,
    talked_on: date,
    talked_by: str,
    note: str,
    now: datetime | None = None,
) -> DutyFlag:
    """谈话提醒: the talk was held (on `talked_on`, by `talked_by`); `note` what was said."""
    require(bool(talked_by.strip()), errors.BAD_INPUT, "请填写谈话人。")
    require(talked_on <= timezone.localdate(now), errors.BAD_INPUT, TALK_LATER)
    with transaction.atomic():
        flag, step = FLAG.begin(actor, flag, "talk")
        flag.talked_on, flag.talked_by = talked_on, talked_by.strip()
        return _close(actor, flag, step, now, note, ("talked_on", "talked_by"))


def flag_exit(
    *, actor: User, flag: DutyFlag, left_on: date, reason: str, now: datetime | None = None
) -> DutyFlag:
    """退出 carried out through the members app's own exit (the membership of the period's
    term ends on `left_on` for `reason`; the member's record and duty history stay)."""
    require(bool(reason.strip()), errors.BAD_INPUT, "请填写退出原因。")
    with transaction.atomic():
        flag, step = FLAG.begin(actor, flag, "exit")
        membership = Membership.objects.get(member=flag.member_id, term=flag.rule.term_id)
        member_exit(actor=actor, membership=membership, left_on=left_on, reason=reason.strip())
        return _close(actor, flag, step, now, reason)


def flag_dismiss(
    *, actor: User, flag: DutyFlag, action: str, reason: str, now: datetime | None = None
) -> DutyFlag:
    """不予退出 (`keep`) or 不予表彰 (`drop`), with the reason."""
    require(action in ("keep", "drop"), errors.BAD_INPUT)
    require(bool(reason.strip()), errors.BAD_INPUT, "请填写理由。")
    with transaction.atomic():
        flag, step = FLAG.begin(actor, flag, action)
        return _close(actor, flag, step, now, reason)


def flag_commend(
    *, actor: User, flag: DutyFlag, note: str = "", now: datetime | None = None
) -> DutyFlag:
    """表彰候选 confirmed (`note`: the honour, e.g. 优秀政协委员)."""
    with transaction.atomic():
        flag, step = FLAG.begin(actor, flag, "commend")
        return _close(actor, flag, step, now, note)


def _close(actor, flag: DutyFlag, step, now, note: str, fields: tuple[str, ...] = ()) -> DutyFlag:
    flag.note, flag.closed_at, flag.closed_by = note.strip(), now or timezone.now(), actor
    outcome = {name: getattr(flag, name) for name in ("note", *fields)}
    return FLAG.finish(
        actor,
        flag,
        step,
        now=flag.closed_at,
        fields=("note", "closed_at", "closed_by", *fields),
        audit={"member": flag.member_id, "kind": flag.kind, **outcome},
    )


# 述职 (DutyReport): drafted from the member's record, then on workflow.REPORT.

REPORT_EXISTS = Problem("duty_report_exists", "该委员该期间的述职已存在。", 409)
REPORT_NO_TERM = Problem("duty_report_no_term", "该委员在所选期间没有任职记录。", 404)
NOT_STANDING = Problem("duty_report_not_standing", "常委述职应安排在本会的常委会议上。")
TITLE_REQUIRED = "请填写述职标题和正文。"


def duty_report_draft(
    *,
    actor: User,
    member: Member,
    year: int | None = None,
    term: Term | None = None,
    now: datetime | None = None,
) -> DutyReport:
    """A 述职 draft for `member`'s year (of the latest term begun by its end) or whole `term`,
    written from their record (`writing.report_draft`); by the member or the office."""
    require(can_draft_report(actor, member), errors.FORBIDDEN)
    now = now or timezone.now()
    terms = queries.terms_of(member)
    period = queries.period_of_record(
        terms, year or timezone.localdate(now).year, term.pk if term else None
    )
    require(period is not None, REPORT_NO_TERM)
    view = queries.duty_record_view(member, period)
    session = queries.session_of(period)
    draft = writing.report_draft(
        view, committee=member.committee.name, session=session.label if session else ""
    )
    with transaction.atomic():
        Member.objects.select_for_update().get(pk=member.pk)  # two drafts at once
        taken = DutyReport.objects.filter(member=member, term=period.term, year=period.year)
        require(not taken.exists(), REPORT_EXISTS)
        report = DutyReport.objects.create(
            committee_id=member.committee_id,
            member=member,
            term=period.term,
            year=period.year,
            title=draft.title,
            text=draft.text,
            drafted_at=now,
        )
        audit_log(
            actor=actor,
            action="duty.report_draft",
            target=report,
            committee=member.committee,
            after={"member": member.pk, "year": period.year, "term": period.term.number},
            now=now,
        )
    return report


def duty_report_edit(
    *, actor: User, report: DutyReport, title: str, text: str, now: datetime | None = None
) -> DutyReport:
    require(bool(title.strip() and text.strip()), errors.BAD_INPUT, TITLE_REQUIRED)
    with transaction.atomic():
        report, step = REPORT.begin(actor, report, "edit")
        report.title, report.text = title.strip(), text.strip()
        return REPORT.finish(
            actor, report, step, now=now or timezone.now(), fields=("title", "text")
        )


def duty_report_submit(
    *, actor: User, report: DutyReport, now: datetime | None = None
) -> DutyReport:
    with transaction.atomic():
        report, step = REPORT.begin(actor, report, "submit")
        report.submitted_at = now or timezone.now()
        return REPORT.finish(actor, report, step, now=report.submitted_at, fields=("submitted_at",))


def duty_report_return(
    *, actor: User, report: DutyReport, reason: str, now: datetime | None = None
) -> DutyReport:
    require(bool(reason.strip()), errors.BAD_INPUT, "请填写退回理由。")
    with transaction.atomic():
        report, step = REPORT.begin(actor, report, "return")
        report.meeting = None
        REPORT.finish(
            actor,
            report,
            step,
            now=now or timezone.now(),
            fields=("meeting",),
            audit={"reason": reason.strip()},
        )
    _tell_author(report, "您的述职已退回修改", reason.strip())
    return report


def duty_report_schedule(
    *, actor: User, report: DutyReport, meeting, now: datetime | None = None
) -> DutyReport:
    """常委述职: heard at `meeting`, a standing-committee meeting of the report's committee."""
    standing = meeting.kind == "standing" and meeting.committee_id == report.committee_id
    require(standing, NOT_STANDING)
    with transaction.atomic():
        report, step = REPORT.begin(actor, report, "schedule")
        report.meeting = meeting
        REPORT.finish(
            actor,
            report,
            step,
            now=now or timezone.now(),
            fields=("meeting",),
            audit={"meeting": meeting.pk},
        )
    _tell_author(report, "您的述职已安排在常委会议上进行", meeting.title)
    return report


def duty_report_assess(
    *, actor: User, report: DutyReport, grade: str, note: str = "", now: datetime | None = None
) -> DutyReport:
    require(grade in DutyReport.Grade.values, errors.BAD_INPUT, "请选择评定等次。")
    with transaction.atomic():
        report, step = REPORT.begin(actor, report, "assess")
        report.grade, report.assessment = grade, note.strip()
        report.assessed_at, report.assessed_by = now or timezone.now(), actor
        REPORT.finish(
            actor,
            report,
            step,
            now=report.assessed_at,
            fields=("grade", "assessment", "assessed_at", "assessed_by"),
            audit={"grade": grade, "note": report.assessment},
        )
    _tell_author(report, f"您的述职已评定为“{report.get_grade_display()}”")
    return report


def _tell_author(report: DutyReport, title: str, body: str = "") -> None:
    """The member told in a short title (a notification's is 200 characters at most); what
    varies in length, a reason or a meeting's title, is the body."""
    user = User.objects.filter(member__pk=report.member_id).first()
    if user is not None:
        REPORT.tell([user], report, title, body)
