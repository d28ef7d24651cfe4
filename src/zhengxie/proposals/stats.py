"""Proposal statistics for any session or period, overall and broken down.

Each count is of proposals that reached a step, whatever their state now, read from the
step's timestamp (a closed proposal counts as registered and as replied).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from zhengxie.core.models import Committee, Session, Term
from zhengxie.members.models import Member, Membership

from .models import Cosigner, Endorsement, Proposal

R = Proposal.Rating
REGISTERED = Q(registered_at__isnull=False)


def _counters(today: date) -> dict:
    # Replied late is stored when the reply lands: comparing dates here would cast every row.
    overdue = REGISTERED & (Q(replied_at__isnull=True, deadline__lt=today) | Q(replied_late=True))
    return {
        "collected": Count("id", filter=Q(submitted_at__isnull=False)),
        "registered": Count("id", filter=REGISTERED),
        "declined": Count("id", filter=Q(declined_at__isnull=False)),
        "declined_to_opinion": Count(
            "id", filter=Q(declined_at__isnull=False, decline_kind="opinion")
        ),
        "declined_to_letter": Count(
            "id", filter=Q(declined_at__isnull=False, decline_kind="letter")
        ),
        "merged": Count("id", filter=Q(merged_at__isnull=False)),
        "replied": Count("id", filter=Q(replied_at__isnull=False)),
        "met": Count("id", filter=REGISTERED & Q(met_in_person=True)),
        "evaluated": Count("id", filter=~Q(rating="")),
        "satisfied": Count("id", filter=Q(rating__in=[R.SATISFIED, R.BASICALLY_SATISFIED])),
        "supervised": Count("id", filter=REGISTERED & Q(supervised=True)),
        "chair_supervised": Count("id", filter=REGISTERED & Q(chair_supervised=True)),
        "key": Count("id", filter=Q(key=True)),
        "a": Count("id", filter=Q(reply_category="A")),
        "b": Count("id", filter=Q(reply_category="B")),
        "c": Count("id", filter=Q(reply_category="C")),
        "overdue": Count("id", filter=overdue),
    }


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _with_rates(row: dict) -> dict:
    return {
        **row,
        "reply_rate": _share(row["replied"], row["registered"]),
        "meeting_rate": _share(row["met"], row["registered"]),
        "satisfaction_rate": _share(row["satisfied"], row["evaluated"]),
        "implementation_rate": _share(row["a"], row["replied"]),
        "supervision_rate": _share(row["supervised"], row["registered"]),
        "chair_supervision_rate": _share(row["chair_supervised"], row["registered"]),
    }


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


def proposal_stats(scope: Scope, today: date | None = None) -> dict:
    row = scope.proposals().aggregate(**_counters(today or timezone.localdate()))
    return {**_with_rates(row), **_participation(scope)}


BREAKDOWNS = {
    "unit": ("lead_unit__name", "承办单位"),
    "sector": ("sector__name", "界别"),
    "member": ("proposer__name", "提案人"),
    "special_committee": ("proposer__memberships__special_committees__name", "专委会"),
}


def proposal_breakdown(scope: Scope, by: str, today: date | None = None) -> list[dict]:
    field, _ = BREAKDOWNS[by]
    proposals = scope.proposals()
    if by == "special_committee":
        proposals = proposals.filter(proposer__memberships__term=F("session__term"))
    rows = (
        proposals.exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(**_counters(today or timezone.localdate()))
        .order_by(field)
    )
    named = [{"name": row.pop(field), **_with_rates(row)} for row in rows]
    if by == "member":  # 姓氏笔画, as member lists always are
        keys = dict(
            Member.objects.filter(committee=scope.committee).values_list("name", "sort_key")
        )
        named.sort(key=lambda row: keys.get(row["name"], row["name"]))
    return named
