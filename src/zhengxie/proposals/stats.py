"""Proposal statistics for any session or period, overall and broken down.

Each count is of proposals that reached a step, whatever their state now, read from the
step's timestamp (a closed proposal counts as registered and as replied).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from zhengxie.core.models import Committee, Session
from zhengxie.members.models import Membership

from .models import Endorsement, Proposal

R = Proposal.Rating
REGISTERED = Q(registered_at__isnull=False)


def _counters(today: date) -> dict:
    overdue = (
        REGISTERED
        & Q(deadline__lt=today)
        & (Q(replied_at__isnull=True) | Q(replied_at__date__gt=F("deadline")))
    )
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

    def proposals(self) -> QuerySet[Proposal]:
        rows = Proposal.objects.filter(committee=self.committee)
        if self.session:
            rows = rows.filter(session=self.session)
        if self.start:
            rows = rows.filter(submitted_at__date__gte=self.start)
        if self.end:
            rows = rows.filter(submitted_at__date__lte=self.end)
        return rows

    @property
    def label(self) -> str:
        if self.session:
            return self.session.label
        if self.start or self.end:
            return f"{self.start or '开始'}至{self.end or '今'}"
        return "全部"


def _participation(scope: Scope, proposals: QuerySet[Proposal]) -> dict:
    collected = proposals.exclude(submitted_at=None)
    proposers = set(collected.exclude(proposer=None).values_list("proposer_id", flat=True))
    cosigners = set(
        collected.filter(cosigners__confirmed_at__isnull=False).values_list(
            "cosigners__member_id", flat=True
        )
    )
    endorsers = set(
        Endorsement.objects.filter(proposal__in=collected).values_list("member_id", flat=True)
    )
    terms = (
        [scope.session.term_id]
        if scope.session
        else list(collected.values_list("session__term_id", flat=True).distinct())
    )
    members = Membership.objects.filter(term_id__in=terms).values("member_id").distinct().count()
    taking_part = len(proposers | cosigners | endorsers)
    return {
        "endorsers": len(endorsers),
        "members": members,
        "members_taking_part": taking_part,
        "participation_rate": _share(taking_part, members),
    }


def proposal_stats(scope: Scope, today: date | None = None) -> dict:
    proposals = scope.proposals()
    row = proposals.aggregate(**_counters(today or timezone.localdate()))
    return {**_with_rates(row), **_participation(scope, proposals)}


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
    return [{"name": row.pop(field), **_with_rates(row)} for row in rows]
