"""Reads of the scoring rules and scores for the pages, the API and `scores_recompute`, and of
a member's record (履职档案)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Sum
from django.http import Http404

from zhengxie.core import roles
from zhengxie.core.errors import Problem, ServiceError, require
from zhengxie.core.models import Session, Term
from zhengxie.core.queries import current_term
from zhengxie.members.models import Member, Membership

from . import scoring
from .flags import Standing
from .kinds import CATEGORIES, DUTY_KINDS, engaging
from .models import (
    ActivityKind,
    DutyCardJob,
    DutyFlag,
    DutyRecord,
    DutyReport,
    DutyScore,
    ScoringMinimum,
    ScoringMultiplier,
    ScoringPoints,
    ScoringRule,
    SelfReport,
    SelfReportFile,
)
from .permissions import (
    can_read_flags,
    can_read_record,
    can_read_scores,
    can_record_for,
    reads_reports,
)
from .scoring import Entry, Rules, audiences_of, kind_label, minimum_label
from .sources import Source, sources_of

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


YEAR_OUTSIDE_TERM = Problem("scoring_year_outside_term", "该年度不在本届任期内。")


def year_in_term(term: Term, year: int | None) -> bool:
    return year is None or term.start_date.year <= year <= (term.end_date or date.max).year


def period_dates(term: Term, year: int | None) -> tuple[date, date]:
    """A year of `term` (within its dates), or the whole term when `year` is None."""
    start, end = term.start_date, term.end_date or date.max
    if year:
        start, end = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
    return start, end


def period_of(rule: ScoringRule) -> tuple[date, date]:
    return period_dates(rule.term, rule.year)


def in_office(term: Term, start: date, end: date) -> QuerySet[Membership]:
    """The memberships of `term` that were held on some day between `start` and `end`."""
    return (
        Membership.objects.filter(term=term).exclude(left_on__lt=start).exclude(joined_on__gt=end)
    )


def scoring_inputs(rule: ScoringRule):
    """What one recompute reads: the members in office in the period with their audiences, the
    period's ledger (one query) and the sources that qualify a multiplier (one more)."""
    start, end = period_of(rule)
    held = in_office(rule.term, start, end)
    audiences = held.values_list("member_id", "standing", "heads_id")
    members = {m: audiences_of(standing=s, heads=h is not None) for m, s, h in audiences}
    scored = held.values("member_id")
    ledger = DutyRecord.objects.filter(
        committee_id=rule.committee_id, date__range=(start, end), member_id__in=scored
    )
    entries: list[Entry] = list(
        ledger.values_list(
            "member_id", "kind", "qualifier", "points", "source_type_id", "source_id"
        )
    )
    rules = rules_from(rule)
    return rules, members, entries, _qualifying(rule, rules, scored)


def rules_from(rule: ScoringRule | None) -> Rules:
    """The rule set's lines for `scoring` (none without a rule: the ledger's points)."""
    if rule is None:
        return Rules([], [], [])
    lines = lines_of(rule)
    return Rules(lines["points"], lines["multiplier"], lines["minimum"])


def _qualifying(rule: ScoringRule, rules: Rules, members) -> set:
    """The ledger rows, whatever their date, a multiplier's `with_kind` asks for (one query)."""
    if not rules.with_kinds:
        return set()
    return set(
        DutyRecord.objects.filter(
            committee_id=rule.committee_id,
            kind__in=rules.with_kinds,
            member_id__in=members,
            source_id__isnull=False,
        ).values_list("member_id", "source_type_id", "source_id", "kind")
    )


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


# The member's record (履职档案): by year or by term, each record with what it earned under
# the period's scoring rule, its source read through `sources`, totals per category.


def committee_members(user) -> QuerySet[Member]:
    """The members of any term of the reader's committee, for the office's and leaders' lists
    of what a duty figure counts; in 姓氏笔画 order."""
    return (
        Member.objects.filter(memberships__term__committee_id=user.committee_id)
        .distinct()
        .order_by("sort_key", "pk")
    )


def committee_records(user) -> QuerySet[DutyRecord]:
    """The reader's committee's duty records, newest first, with their members."""
    return DutyRecord.objects.filter(committee_id=user.committee_id).select_related("member")


def member_for_record(user, member_id: int) -> Member:
    """The member whose record `user` may read: their own, or any of the committee's for the
    office and the leaders; anybody else's is 404, so ids reveal nothing."""
    member = Member.objects.filter(pk=member_id).first()
    if member is None or not can_read_record(user, member):
        raise Http404
    return member


@dataclass(frozen=True)
class Period:
    """A year (`year`) or a whole term (`year` None) of the member's record."""

    term: Term
    year: int | None
    start: date
    end: date
    rule: ScoringRule | None

    @property
    def label(self) -> str:
        return f"{self.year}年" if self.year else f"{self.term.label}(整届)"


def terms_of(member: Member) -> list[Term]:
    return list(Term.objects.filter(memberships__member=member).order_by("-start_date"))


def period_of_record(terms: list[Term], year: int | None, term_id: int | None) -> Period | None:
    """The period asked for among the member's `terms` (newest first): a term whole, or a
    year (in the latest term begun by its end). None when the member has no such term."""
    if term_id is not None:
        term = next((t for t in terms if t.pk == term_id), None)
        if term is None:
            return None
        return _period(term, None, term.start_date, term.end_date or date.max)
    term = next((t for t in terms if t.start_date <= date(year, 12, 31)), None)
    if term is None:
        return None
    return _period(term, year, date(year, 1, 1), date(year, 12, 31))


def _period(term: Term, year: int | None, start: date, end: date) -> Period:
    rule = rule_of_year(term, year)
    if rule is not None:
        start, end = period_of(rule)
    return Period(term, year, start, end, rule)


@dataclass(frozen=True)
class RecordRow:
    record: DutyRecord
    label: str
    points: Decimal
    source: Source


@dataclass
class Category:
    label: str
    count: int = 0
    points: Decimal = Decimal(0)
    hours: Decimal = Decimal(0)


@dataclass
class DutyRecordView:
    member: Member
    period: Period
    rows: list[RecordRow]
    categories: list[Category]
    total: Decimal
    hours: Decimal
    term_hours: Decimal
    score: DutyScore | None = None
    shortfalls: list = field(default_factory=list)


def duty_record_view(member: Member, period: Period, reader=None) -> DutyRecordView:
    """The member's records in `period`, each priced by the period's rule as `scoring` prices
    it (a multiplier included, before the kind's cap), the kinds' capped totals gathered per
    category, the stored score (total and rank as last computed) where there is one. A fixed
    number of queries whatever the records: the rule's lines, the member's audiences, the
    ledger, the multipliers' sources, the term's hours, the score, and one per source model."""
    rule = period.rule
    rules = rules_from(rule)
    membership = Membership.objects.filter(member=member, term=period.term).first()
    audiences = audiences_of(
        standing=bool(membership and membership.standing),
        heads=bool(membership and membership.heads_id),
    )
    records = list(DutyRecord.objects.filter(member=member, date__range=(period.start, period.end)))
    qualifying = _qualifying(rule, rules, [member.pk]) if rule else set()
    entries = [_entry(r) for r in records]
    result = scoring.compute(rules, {member.pk: audiences}, entries, qualifying)[member.pk]
    sources = sources_of(records, reader)
    rows = [
        RecordRow(record, kind_label(record.kind, record.qualifier), points, sources[record.pk])
        for record, (points, _) in zip(
            records, (scoring.price(rules, e, audiences, qualifying) for e in entries), strict=True
        )
    ]
    return DutyRecordView(
        member=member,
        period=period,
        rows=rows,
        categories=_categories(records, result),
        total=result.total,
        hours=sum((r.hours for r in records if r.hours), Decimal(0)),
        term_hours=_hours(member, period.term),
        score=DutyScore.objects.filter(rule=rule, member=member).first() if rule else None,
        shortfalls=result.shortfalls,
    )


def record_row(record: DutyRecord) -> RecordRow:
    """A record just written, at its ledger points, its note for its source (no source yet)."""
    label = kind_label(record.kind, record.qualifier)
    return RecordRow(record, label, record.points, Source(noun="", title=record.note))


def _hours(member: Member, term: Term) -> Decimal:
    """学时 over the whole term (每位委员每届至少接受一次培训)."""
    span = (term.start_date, term.end_date or date.max)
    found = DutyRecord.objects.filter(member=member, date__range=span).aggregate(h=Sum("hours"))
    return found["h"] or Decimal(0)


def _entry(record: DutyRecord) -> Entry:
    return (
        record.member_id,
        record.kind,
        record.qualifier,
        record.points,
        record.source_type_id,
        record.source_id,
    )


def _categories(records: list[DutyRecord], result: scoring.Result) -> list[Category]:
    """Per category of work, the records, their points after the caps, and study hours."""
    found = {code: Category(label) for code, label in CATEGORIES.items()}
    for record in records:
        kind = DUTY_KINDS.get(record.kind)
        category = found[kind.category if kind else "other"]
        category.count += 1
        category.hours += record.hours or 0
    for kind, item in result.breakdown.items():
        known = DUTY_KINDS.get(kind)
        found[known.category if known else "other"].points += Decimal(item["points"])
    return [c for c in found.values() if c.count]


# 成绩单 (`DutyCard`): what a member's card shows for a period — a year of the term or the whole
# term — read for one member or for every member in office at once, in a fixed number of
# queries. Points, rank and minimums come from the period's stored scores; without them the
# card counts the ledger and says it is not scored.

NOT_IN_OFFICE = Problem("card_not_in_office", "该委员在本期未任委员,没有成绩单。", 404)
NO_TERM = Problem("card_no_term", "尚未设置本届,无法生成成绩单。", 409)


@dataclass(frozen=True)
class CardItem:
    category: str
    label: str
    count: int
    points: Decimal | None  # None: the period is not scored


@dataclass(frozen=True)
class CardMinimum:
    label: str
    met: bool | None  # None: not scored
    actual: int | None = None


@dataclass
class Card:
    committee: str
    term: Term
    year: int | None
    membership: Membership
    rule: ScoringRule | None
    score: DutyScore | None
    scored_members: int
    items: list[CardItem] = field(default_factory=list)
    minimums: list[CardMinimum] = field(default_factory=list)
    records: list[DutyRecord] = field(default_factory=list)
    sources: dict[int, Source] = field(default_factory=dict)  # by record id

    @property
    def member(self) -> Member:
        return self.membership.member

    @property
    def period(self) -> str:
        return f"{self.year}年度" if self.year else "整届"


def card_term(committee) -> Term:
    term = current_term(committee)
    if term is None:
        raise ServiceError(NO_TERM)
    return term


YEAR_NOT_BEGUN = Problem("card_year_not_begun", "该年度尚未开始,还没有成绩单。")


def card_period_check(term: Term, year: int | None, today: date) -> None:
    """A card is of a year of the term already begun (a later one would print an empty
    record as if it were the year's), or of the whole term."""
    require(year_in_term(term, year), YEAR_OUTSIDE_TERM)
    require(year is None or year <= today.year, YEAR_NOT_BEGUN)


def card_of(member: Member, term: Term, year: int | None, today: date) -> Card:
    card_period_check(term, year, today)
    found = cards(term, year, member=member)
    if not found:
        raise ServiceError(NOT_IN_OFFICE)
    return found[0]


def cards(term: Term, year: int | None, member: Member | None = None) -> list[Card]:
    """The cards of the members in office in the period (or of `member` alone), in 姓氏笔画
    order."""
    start, end = period_dates(term, year)
    held = in_office(term, start, end)
    if member is not None:
        held = held.filter(member=member)
    memberships = list(
        held.select_related("member", "sector", "station", "heads")
        .prefetch_related("special_committees")
        .order_by("member__sort_key", "member_id")
    )
    rule = rule_of_year(term, year)
    scores, scored_members, minimums = {}, 0, Rules([], [], [])
    if rule is not None:
        rows = DutyScore.objects.filter(rule=rule)
        scored_members = rows.count()
        scores = {s.member_id: s for s in (rows.filter(member=member) if member else rows)}
        minimums = Rules([], [], ScoringMinimum.objects.filter(rule=rule))
    records = defaultdict(list)
    ledger = list(
        DutyRecord.objects.filter(
            committee_id=term.committee_id,
            date__range=(start, end),
            member_id__in=held.values("member_id"),
        ).order_by("date", "id")
    )
    for record in ledger:
        records[record.member_id].append(record)
    sources = sources_of(ledger)  # no reader: a document links nothing
    committee = term.committee.full_name
    return [
        _card(
            Card(committee, term, year, m, rule, scores.get(m.member_id), scored_members),
            records[m.member_id],
            sources,
            minimums,
        )
        for m in memberships
    ]


def _card(card: Card, records: list[DutyRecord], sources: dict, minimums: Rules) -> Card:
    card.records = records
    card.sources = {r.pk: sources[r.pk] for r in records}
    order = list(CATEGORIES)
    if card.score is not None:
        counted = [(k, i["count"], Decimal(i["points"])) for k, i in card.score.breakdown.items()]
    else:
        counted = [(k, n, None) for k, n in Counter(r.kind for r in records).items()]
    items = [
        (
            order.index(_category(kind)),
            CardItem(CATEGORIES[_category(kind)], kind_label(kind), n, v),
        )
        for kind, n, v in counted
    ]
    card.items = [item for _, item in sorted(items, key=lambda pair: (pair[0], pair[1].label))]
    audiences = audiences_of(
        standing=card.membership.standing, heads=card.membership.heads_id is not None
    )
    missed = {(s["kind"], s["qualifier"]): s for s in card.score.shortfalls} if card.score else {}
    card.minimums = [
        CardMinimum(
            minimum_label(line),
            None if card.score is None else (line.kind, line.qualifier) not in missed,
            missed.get((line.kind, line.qualifier), {}).get("actual"),
        )
        for line in minimums.minimums_for(audiences)
    ]
    return card


def _category(kind: str) -> str:
    return DUTY_KINDS[kind].category if kind in DUTY_KINDS else "other"


def card_periods(term: Term, today: date) -> list[tuple[int | None, str]]:
    """The periods a card can be made for: each year of the term begun by `today`, and the
    whole term."""
    last = min((term.end_date or today).year, today.year)
    years = range(term.start_date.year, last + 1)
    return [(year, f"{year}年度") for year in years] + [(None, "整届")]


def card_jobs(term: Term) -> dict[int | None, DutyCardJob]:
    """The latest bulk job of each period of the term (one query)."""
    latest = {}
    for job in DutyCardJob.objects.filter(term=term).select_related("requested_by", "term"):
        latest.setdefault(job.year, job)
    return latest


def card_job_for_user(user, job_id: int) -> DutyCardJob:
    """A bulk job of the user's committee, for the office and leaders; 404 for anyone else."""
    job = DutyCardJob.objects.select_related("term", "requested_by").filter(pk=job_id).first()
    if job is None or job.committee_id != user.committee_id or not can_read_scores(user):
        raise Http404
    return job


# Self-reported activities: the member's own, the committee's for the office and the leaders;
# the evidence is the member's and the office's only.


def activity_kinds(committee_id: int) -> QuerySet[ActivityKind]:
    return ActivityKind.objects.filter(committee_id=committee_id)


def self_reports_for(user) -> QuerySet[SelfReport]:
    if not user.is_authenticated or user.committee_id is None:
        return SelfReport.objects.none()
    rows = SelfReport.objects.filter(committee_id=user.committee_id).select_related("member")
    if user.has_role(roles.STAFF, roles.LEADER):
        return rows
    member = getattr(user, "member", None)
    return rows.filter(member=member) if member is not None else rows.none()


def self_report_for_user(user, report_id: int) -> SelfReport:
    """The report if `user` may read it; 404 otherwise, so ids reveal nothing."""
    report = self_reports_for(user).filter(pk=report_id).first()
    if report is None:
        raise Http404
    return report


def pending_reports(user) -> QuerySet[SelfReport]:
    """The office's queue: reports waiting for its confirmation."""
    return self_reports_for(user).filter(state=SelfReport.State.PENDING)


def evidence_for(user, report: SelfReport) -> QuerySet[SelfReportFile]:
    """The member's and the office's: the evidence may carry a receipt's names and amounts."""
    member = getattr(user, "member", None)
    own = member is not None and member.pk == report.member_id
    if own or can_record_for(user):
        return report.files.all()
    return SelfReportFile.objects.none()


# Flags (谈话提醒, 建议退出, 表彰候选): the office's and the leaders' only (permissions).


def flag_standing(rule: ScoringRule) -> Standing:
    """What the flag rules read beyond the period (three queries)."""
    left = Membership.objects.filter(term=rule.term_id, left_on__isnull=False)
    of_term = DutyFlag.objects.filter(rule__term=rule.term_id).exclude(rule=rule)
    talks = of_term.filter(kind=DutyFlag.Kind.TALK).values("member_id").annotate(n=Count("id"))
    pending = of_term.filter(
        kind=DutyFlag.Kind.EXIT, state__in=(DutyFlag.State.OPEN, DutyFlag.State.DONE)
    )
    return Standing(
        left=frozenset(left.values_list("member_id", flat=True)),
        talks_elsewhere={row["member_id"]: row["n"] for row in talks},
        exit_pending=frozenset(pending.values_list("member_id", flat=True)),
    )


@dataclass(frozen=True)
class FlagFilter:
    kind: str = ""
    state: str = ""
    rule: int | None = None
    member: int | None = None


def flags_for(user, criteria: FlagFilter = FlagFilter()) -> QuerySet[DutyFlag]:
    """The flags `user` may read (none unless the office or a leader), newest first."""
    if not can_read_flags(user):
        return DutyFlag.objects.none()
    rows = DutyFlag.objects.filter(committee_id=user.committee_id).select_related(
        "member", "rule__term", "closed_by"
    )
    wanted = {
        "kind": criteria.kind,
        "state": criteria.state,
        "rule_id": criteria.rule,
        "member_id": criteria.member,
    }
    return rows.filter(**{name: value for name, value in wanted.items() if value})


def flag_for_user(user, flag_id: int) -> DutyFlag:
    """A flag the user may read; anyone else's, or another committee's, is 404."""
    flag = flags_for(user).filter(pk=flag_id).first()
    if flag is None:
        raise Http404
    return flag


def open_flags(user) -> QuerySet[DutyFlag]:
    return flags_for(user, FlagFilter(state=DutyFlag.State.OPEN))


# 述职 (DutyReport): a member reads their own, the office and leaders every one of the committee.


def session_of(period: Period):
    """The session a 述职 is anchored to (按照…会议精神): the term's latest begun by the
    period's end."""
    return (
        Session.objects.filter(term=period.term, start_date__lte=period.end)
        .select_related("term")
        .order_by("-number")
        .first()
    )


def reports_for(user) -> QuerySet[DutyReport]:
    rows = DutyReport.objects.select_related("member", "term", "meeting", "assessed_by")
    if not user.is_authenticated or user.committee_id is None:
        return rows.none()
    rows = rows.filter(committee_id=user.committee_id)
    if reads_reports(user):
        return rows
    own = getattr(user, "member", None)
    return rows.filter(member_id=own.pk) if own is not None else rows.none()


def reports_to_finish(user) -> QuerySet[DutyReport]:
    """The member's own 述职 still in their hands: drafts, those returned for changes first."""
    rows = DutyReport.objects.select_related("term").filter(
        member__user=user, state=DutyReport.State.DRAFT
    )
    return rows.order_by("-return_reason", "-drafted_at")


def report_for_user(user, report_id: int) -> DutyReport:
    """A 述职 the user may read; anybody else's is 404."""
    report = reports_for(user).filter(pk=report_id).first()
    if report is None:
        raise Http404
    return report


def report_membership(report: DutyReport) -> Membership | None:
    """The member's membership of the report's term, for the line under its title."""
    return (
        Membership.objects.select_related("sector")
        .filter(member=report.member_id, term=report.term_id)
        .first()
    )


def standing_meetings(committee_id: int) -> QuerySet:
    """The committee's standing-committee meetings a 述职 may be heard at, newest first (read
    through the report's foreign key, so duty imports nothing of meetings)."""
    meeting = DutyReport._meta.get_field("meeting").related_model
    return meeting.objects.filter(committee_id=committee_id, kind="standing").order_by("-starts_at")
