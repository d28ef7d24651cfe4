from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from zhengxie.core import errors
from zhengxie.core.audit import audit_log, snapshot
from zhengxie.core.errors import Problem, ServiceError, require
from zhengxie.core.models import Term, User
from zhengxie.members.models import Member

from . import queries, scoring
from .kinds import DUTY_KINDS, QUALIFIERS, manual_kinds
from .models import (
    DutyRecord,
    DutyScore,
    ScoringLine,
    ScoringMinimum,
    ScoringMultiplier,
    ScoringPoints,
    ScoringRule,
)
from .permissions import can_record_for, can_set_rules


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
YEAR_OUTSIDE_TERM = Problem("scoring_year_outside_term", "该年度不在本届任期内。")
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
    if year is not None:
        first, last = term.start_date.year, (term.end_date or date.max).year
        require(first <= year <= last, YEAR_OUTSIDE_TERM)
    with transaction.atomic(durable=True):
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
    with transaction.atomic(durable=True):
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
    with transaction.atomic(durable=True):
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
    with transaction.atomic(durable=True):
        rule = _lock_rule(actor, line.rule)
        before = snapshot(line, _fields(line))
        _audit_line(actor, "duty.rule_line_remove", rule, line, before=before)
        line.delete()
        _recompute(actor, rule, now)


def scores_recompute(*, actor: User, rule: ScoringRule, now: datetime | None = None) -> None:
    """Score the period again from the ledger as it stands (records added since the last run)."""
    with transaction.atomic(durable=True):
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
