"""Reads of the scoring rules and scores for the pages, the API and `scores_recompute`."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Sum
from django.http import Http404

from zhengxie.core.models import Term
from zhengxie.members.models import Membership

from .kinds import CATEGORIES, engaging
from .models import (
    DutyRecord,
    DutyScore,
    ScoringMinimum,
    ScoringMultiplier,
    ScoringPoints,
    ScoringRule,
)
from .scoring import Entry, Rules, audiences_of

LINE_MODELS = {"points": ScoringPoints, "multiplier": ScoringMultiplier, "minimum": ScoringMinimum}
SORTS = {"rank": ["rank", "member__sort_key"], "-rank": ["-rank", "member__sort_key"]}
SORTS["name"] = ["member__sort_key", "member_id"]


def rules_of_term(term: Term) -> QuerySet[ScoringRule]:
    return ScoringRule.objects.filter(term=term).select_related("term")


def rule_for_user(user, rule_id: int) -> ScoringRule:
    """A rule set of the user's committee; another committee's is 404."""
    rule = ScoringRule.objects.select_related("term").filter(pk=rule_id).first()
    if rule is None or rule.committee_id != user.committee_id:
        raise Http404
    return rule


def rule_of_year(term: Term | None, year: int | None) -> ScoringRule | None:
    """The term's rule set for `year`, or the whole term's when `year` is None."""
    if term is None:
        return None
    return rules_of_term(term).filter(year=year).first()


def lines_of(rule: ScoringRule) -> dict[str, list]:
    return {name: list(model.objects.filter(rule=rule)) for name, model in LINE_MODELS.items()}


def period_of(rule: ScoringRule) -> tuple[date, date]:
    start, end = rule.term.start_date, rule.term.end_date or date.max
    if rule.year:
        start, end = max(start, date(rule.year, 1, 1)), min(end, date(rule.year, 12, 31))
    return start, end


def scoring_inputs(rule: ScoringRule):
    """What one recompute reads: the members in office in the period with their audiences, the
    period's ledger (one query) and the sources that qualify a multiplier (one more)."""
    start, end = period_of(rule)
    in_office = (
        Membership.objects.filter(term=rule.term)
        .exclude(left_on__lt=start)
        .exclude(joined_on__gt=end)
    )
    audiences = in_office.values_list("member_id", "standing", "heads_id")
    members = {m: audiences_of(standing=s, heads=h is not None) for m, s, h in audiences}
    scored = in_office.values("member_id")
    ledger = DutyRecord.objects.filter(
        committee_id=rule.committee_id, date__range=(start, end), member_id__in=scored
    )
    entries: list[Entry] = list(
        ledger.values_list(
            "member_id", "kind", "qualifier", "points", "source_type_id", "source_id"
        )
    )
    lines = lines_of(rule)
    rules = Rules(lines["points"], lines["multiplier"], lines["minimum"])
    qualifying = set()
    if rules.with_kinds:
        qualifying = set(
            DutyRecord.objects.filter(
                committee_id=rule.committee_id,
                kind__in=rules.with_kinds,
                member_id__in=scored,
                source_id__isnull=False,
            ).values_list("member_id", "source_type_id", "source_id", "kind")
        )
    return rules, members, entries, qualifying


@dataclass(frozen=True)
class ScoreFilter:
    sector: int | None = None
    special_committee: int | None = None
    station: int | None = None
    order: str = "rank"


def scores(rule: ScoringRule, criteria: ScoreFilter = ScoreFilter()) -> QuerySet[DutyScore]:
    """The period's scores with each member's sector and station of the term."""
    membership = Membership.objects.filter(member=OuterRef("member_id"), term=rule.term_id)
    rows = (
        DutyScore.objects.filter(rule=rule)
        .select_related("member")
        .annotate(
            sector_name=Subquery(membership.values("sector__name")[:1]),
            station_name=Subquery(membership.values("station__name")[:1]),
        )
    )
    if criteria.sector:
        rows = rows.filter(
            member__memberships__term=rule.term_id, member__memberships__sector=criteria.sector
        )
    if criteria.special_committee:
        rows = rows.filter(
            member__memberships__term=rule.term_id,
            member__memberships__special_committees=criteria.special_committee,
        )
    if criteria.station:
        rows = rows.filter(
            member__memberships__term=rule.term_id, member__memberships__station=criteria.station
        )
    return rows.order_by(*SORTS.get(criteria.order, SORTS["rank"]))


# Group name → the membership field it groups by; a member of two special committees counts in
# both, a member of none (or without a station) in neither.
GROUPS = {
    "sector": ("界别", "member__memberships__sector__name"),
    "special_committee": ("专委会", "member__memberships__special_committees__name"),
    "station": ("联络工作站", "member__memberships__station__name"),
}
AGGREGATE_DEFINITION = (
    "总分为该组委员本期得分之和;人均分=总分÷该组参与考核的委员人数。"
    "同属多个专委会的委员在各专委会均计入;未分配专委会或联络工作站的委员不计入相应分组。"
)


def aggregates(rule: ScoringRule) -> dict[str, tuple[str, list[dict]]]:
    """Totals and averages per sector, special committee and liaison station (one query each)."""
    found = {}
    for key, (label, path) in GROUPS.items():
        rows = (
            # One filter(): the group is read from the membership of the rule's term.
            DutyScore.objects.filter(
                rule=rule, member__memberships__term=rule.term_id, **{f"{path}__isnull": False}
            )
            .values(name=F(path))
            .annotate(members=Count("id"), total=Sum("total"))
            .order_by("-total", "name")
        )
        found[key] = (label, [_with_average(row) for row in rows])
    return found


def _with_average(row: dict) -> dict:
    average = (row["total"] / row["members"]).quantize(Decimal("0.01")) if row["members"] else 0
    return {**row, "average": average}


def not_engaged(rule: ScoringRule) -> list[tuple[str, list[str]]]:
    """Per category of work, the members scored in the period with no record of it; a kind that
    takes points away (无故缺席) is no engagement."""
    categories = engaging()
    rows = DutyScore.objects.filter(rule=rule).order_by("member__sort_key", "member_id")
    found = {category: [] for category in CATEGORIES}
    for name, breakdown in rows.values_list("member__name", "breakdown"):
        done = {
            categories[kind]
            for kind, item in breakdown.items()
            if kind in categories and item["count"]
        }
        for category, names in found.items():
            if category not in done:
                names.append(name)
    used = set(categories.values())
    return [(CATEGORIES[c], names) for c, names in found.items() if c in used]


def line_for(rule: ScoringRule, line_type: str, line_id: int):
    model = LINE_MODELS.get(line_type)
    line = model.objects.filter(rule=rule, pk=line_id).first() if model else None
    if line is None:
        raise Http404
    line.rule = rule
    return line
