"""Proposal statistics for any session or period, overall and broken down.

Each count is of proposals that reached a step, whatever their state now, read from the
step's timestamp (a closed proposal counts as registered and as replied).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from zhengxie.core.models import Committee, Session, Term
from zhengxie.members.models import Membership

from .models import Assignment, Cosigner, Endorsement, Proposal, ProposalPolicy

R = Proposal.Rating
Basis = ProposalPolicy.ImplementationBasis
# A proposal merged into another (并案) is counted once, in the case it joined: it leaves the
# registered count (and every rate over it) even when it had been registered before the merge.
REGISTERED = Q(registered_at__isnull=False, merged_at__isnull=True)
REGISTERED_VIA_PROPOSAL = Q(proposal__registered_at__isnull=False, proposal__merged_at__isnull=True)


@dataclass(frozen=True)
class Rate:
    """A share the reports quote, with the definition shown beside it wherever it appears."""

    key: str
    label: str
    parts: tuple[str, ...]
    whole: str
    definition: str


RATES = (
    Rate("registration_rate", "立案率", ("registered",), "collected", "立案件数 ÷ 提交件数"),
    Rate("reply_rate", "办复率", ("replied",), "registered", "已答复件数 ÷ 立案件数"),
    Rate(
        "meeting_rate",
        "见面率",
        ("met",),
        "registered",
        "与提案人当面沟通并经提案人确认的件数 ÷ 立案件数",
    ),
    Rate("completion_rate", "办结率", ("closed",), "registered", "已办结件数 ÷ 立案件数"),
    Rate(
        "satisfaction_rate",
        "满意率",
        ("satisfied",),
        "evaluated",
        "评价为满意和基本满意的件数 ÷ 已评价件数",
    ),
    Rate(
        "a_share",
        "已解决和基本解决(A类)占立案总数",
        ("a",),
        "registered",
        "A类(已经解决和基本解决)件数 ÷ 立案件数",
    ),
    Rate(
        "b_share",
        "正在解决和列入计划(B类)占立案总数",
        ("b",),
        "registered",
        "B类(正在解决和已列入计划逐步解决)件数 ÷ 立案件数",
    ),
    Rate("supervision_rate", "总督办率", ("supervised",), "registered", "督办件数 ÷ 立案件数"),
    Rate(
        "chair_supervision_rate",
        "主席直接督办率",
        ("chair_supervised",),
        "registered",
        "主席、副主席亲自督办的件数 ÷ 立案件数",
    ),
)
# 落实率 is the committee's choice in its handling rules (ProposalPolicy); the seeds report
# shares of registered proposals, hence the default.
_IMPLEMENTATION = {
    Basis.A_OF_REGISTERED: (("a",), "registered"),
    Basis.AB_OF_REGISTERED: (("a", "b"), "registered"),
    Basis.A_OF_REPLIED: (("a",), "replied"),
}


# The counts the tables show, labelled once for the page and the exports.
COUNTS = (
    ("collected", "提交"),
    ("registered", "立案"),
    ("assigned", "交办"),
    ("declined", "不予立案"),
    ("merged", "并案"),
    ("replied", "已答复"),
    ("closed", "已办结"),
    ("a", "A类"),
    ("b", "B类"),
    ("c", "C类"),
    ("overdue", "超期"),
)


def columns(rates: tuple[Rate, ...]) -> list[tuple[str, str]]:
    return [*COUNTS, *((r.key, r.label) for r in rates)]


def implementation_rate(basis: str) -> Rate:
    parts, whole = _IMPLEMENTATION[Basis(basis)]
    return Rate("implementation_rate", "落实率", parts, whole, Basis(basis).label)


def rates_for(committee: Committee) -> tuple[Rate, ...]:
    policy = ProposalPolicy.objects.filter(committee=committee).first()
    basis = policy.implementation_basis if policy else Basis.A_OF_REGISTERED
    return (*RATES, implementation_rate(basis))


def _counters(today: date) -> dict:
    # Replied late is stored when the reply lands: comparing dates here would cast every row.
    overdue = REGISTERED & (Q(replied_at__isnull=True, deadline__lt=today) | Q(replied_late=True))
    return {
        "collected": Count("id", filter=Q(submitted_at__isnull=False)),
        "registered": Count("id", filter=REGISTERED),
        "assigned": Count("id", filter=REGISTERED & Q(assigned_at__isnull=False)),
        "declined": Count("id", filter=Q(declined_at__isnull=False)),
        "declined_to_opinion": Count(
            "id", filter=Q(declined_at__isnull=False, decline_kind="opinion")
        ),
        "declined_to_letter": Count(
            "id", filter=Q(declined_at__isnull=False, decline_kind="letter")
        ),
        "merged": Count("id", filter=Q(merged_at__isnull=False)),
        "replied": Count("id", filter=REGISTERED & Q(replied_at__isnull=False)),
        "closed": Count("id", filter=REGISTERED & Q(closed_at__isnull=False)),
        "met": Count("id", filter=REGISTERED & Q(met_in_person=True)),
        "evaluated": Count("id", filter=~Q(rating="")),
        "satisfied": Count("id", filter=Q(rating__in=[R.SATISFIED, R.BASICALLY_SATISFIED])),
        "supervised": Count("id", filter=REGISTERED & Q(supervised=True)),
        "chair_supervised": Count("id", filter=REGISTERED & Q(chair_supervised=True)),
        "key": Count("id", filter=Q(key=True)),
        "a": Count("id", filter=REGISTERED & Q(reply_category="A")),
        "b": Count("id", filter=REGISTERED & Q(reply_category="B")),
        "c": Count("id", filter=REGISTERED & Q(reply_category="C")),
        "overdue": Count("id", filter=overdue),
    }


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _with_rates(row: dict, rates: tuple[Rate, ...]) -> dict:
    return {
        **row,
        **{r.key: _share(sum(row[k] for k in r.parts), row[r.whole]) for r in rates},
    }


def rate_rows(row: dict, rates: tuple[Rate, ...]) -> list[dict]:
    """Each rate with its value and its definition, as the page, API and exports show it."""
    return [
        {"key": r.key, "label": r.label, "value": row[r.key], "definition": r.definition}
        for r in rates
    ]


@dataclass(frozen=True)
class Scope:
    committee: Committee
    session: Session | None = None
    start: date | None = None
    end: date | None = None

    def q(self, prefix: str = "") -> Q:
        """The scope as a filter on proposals, or on a model related to them via `prefix`."""
        # A session implies its committee; naming only the session lets the planner use the
        # (session, state) index.
        if self.session:
            q = Q(**{f"{prefix}session": self.session})
        else:
            q = Q(**{f"{prefix}committee": self.committee})
        # Datetime bounds rather than __date lookups: SQLite evaluates those row by row.
        if self.start:
            q &= Q(**{f"{prefix}submitted_at__gte": _day_start(self.start)})
        if self.end:
            q &= Q(**{f"{prefix}submitted_at__lt": _day_start(self.end + timedelta(days=1))})
        return q

    def proposals(self) -> QuerySet[Proposal]:
        return Proposal.objects.filter(self.q())

    def terms(self) -> QuerySet[Term]:
        if self.session:
            return Term.objects.filter(pk=self.session.term_id)
        terms = Term.objects.filter(committee=self.committee)
        if self.end:
            terms = terms.filter(start_date__lte=self.end)
        if self.start:
            terms = terms.filter(Q(end_date__isnull=True) | Q(end_date__gte=self.start))
        return terms

    @property
    def label(self) -> str:
        if self.session:
            return self.session.label
        if self.start or self.end:
            return f"{self.start or '开始'}至{self.end or '今'}"
        return "全部"


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, timezone.get_current_timezone())


def _distinct(model, scope: Scope, field: str, **filters) -> set[int]:
    prefix = "" if model is Proposal else "proposal__"
    rows = model.objects.filter(
        scope.q(prefix), **{f"{prefix}submitted_at__isnull": False}, **filters
    )
    return set(rows.values_list(field, flat=True).order_by().distinct())


def _participation(scope: Scope) -> dict:
    """Members who submitted (alone or as confirmed cosigners) or endorsed, counted once each.
    Three small distinct lists joined in Python: cheaper on SQLite than a UNION over every
    proposal."""
    proposers = _distinct(Proposal, scope, "proposer_id", proposer__isnull=False)
    cosigners = _distinct(Cosigner, scope, "member_id", confirmed_at__isnull=False)
    endorsers = _distinct(Endorsement, scope, "member_id")
    members = Membership.objects.filter(term__in=scope.terms()).values("member_id").distinct()
    total = members.count()
    taking_part = len(proposers | cosigners | endorsers)
    return {
        "endorsers": len(endorsers),
        "members": total,
        "members_taking_part": taking_part,
        "participation_rate": _share(taking_part, total),
    }


def _units(scope: Scope) -> dict:
    """Units handling the scope's proposals (承办单位数), in all and as 主办 and 会办."""
    rows = set(
        Assignment.objects.filter(
            scope.q("proposal__"), REGISTERED_VIA_PROPOSAL, active=True
        ).values_list("role", "unit_id")
    )
    return {
        "units": len({unit for _, unit in rows}),
        "lead_units": len({unit for role, unit in rows if role == Assignment.Role.LEAD}),
        "co_units": len({unit for role, unit in rows if role == Assignment.Role.CO}),
    }


def proposal_stats(scope: Scope, today: date | None = None) -> dict:
    row = scope.proposals().aggregate(**_counters(today or timezone.localdate()))
    rates = rates_for(scope.committee)
    row = _with_rates(row, rates)
    return {**row, "rates": rate_rows(row, rates), **_units(scope), **_participation(scope)}


BREAKDOWNS = {
    "unit": ("lead_unit", "承办单位"),
    "sector": ("sector", "界别"),
    "member": ("proposer", "提案人"),
    "special_committee": ("proposer__memberships__special_committees", "专委会"),
}


def proposal_breakdown(scope: Scope, by: str, today: date | None = None) -> list[dict]:
    """One row per unit, sector, member or special committee, grouped by the record (two
    members of one name stay apart); members in 姓氏笔画 order, the rest by name."""
    field, _ = BREAKDOWNS[by]
    proposals = scope.proposals()
    if by == "special_committee":
        proposals = proposals.filter(proposer__memberships__term=F("session__term"))
    order = f"{field}__sort_key" if by == "member" else f"{field}__name"
    rows = (
        proposals.exclude(**{f"{field}__isnull": True})
        .values(field, f"{field}__name")
        .annotate(**_counters(today or timezone.localdate()))
        .order_by(order, field)
    )
    rates = rates_for(scope.committee)
    items = [
        {"id": row.pop(field), "name": row.pop(f"{field}__name"), **_with_rates(row, rates)}
        for row in rows
    ]
    labels = _member_labels(items, scope) if by == "member" else {}
    return [{**item, "label": labels.get(item["id"], item["name"])} for item in items]


def _repeated(values: list[str]) -> set[str]:
    return {v for v in values if values.count(v) > 1}


def _member_labels(items: list[dict], scope: Scope) -> dict[int, str]:
    """Namesakes are told apart the way the committee office writes them: 姓名(界别), and
    姓名(界别,工作单位及职务) where the sector is shared too; a unique name stays bare."""
    names = {i["id"]: i["name"] for i in items}
    namesakes = [pk for pk, name in names.items() if name in _repeated(list(names.values()))]
    if not namesakes:
        return {}
    memberships = (
        Membership.objects.filter(member__in=namesakes, term__in=scope.terms())
        .select_related("member", "sector")
        .order_by("term__start_date")
    )
    latest = {m.member_id: m for m in memberships}  # the scope's last term wins
    sectors = {pk: f"{names[pk]}({latest[pk].sector.name})" for pk in namesakes}
    shared = _repeated(list(sectors.values()))
    return {
        pk: f"{names[pk]}({latest[pk].sector.name},{latest[pk].member.employer_title})"
        if sectors[pk] in shared
        else sectors[pk]
        for pk in namesakes
    }
