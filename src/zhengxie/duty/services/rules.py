from datetime import datetime

from django.db import transaction
from django.utils import timezone

from zhengxie.core import errors
from zhengxie.core.audit import audit_log, snapshot
from zhengxie.core.errors import Problem, require
from zhengxie.core.models import Term, User

from .. import flags, queries, scoring
from ..kinds import DUTY_KINDS, QUALIFIERS
from ..models import (
    DutyScore,
    ScoringLine,
    ScoringMinimum,
    ScoringMultiplier,
    ScoringPoints,
    ScoringRule,
)
from ..permissions import can_set_rules
from .flagging import flags_raise

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
    flags_raise(actor, rule, wanted, now)


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
