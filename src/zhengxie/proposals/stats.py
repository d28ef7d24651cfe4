"""Proposal statistics for any session or period, overall and broken down.

Each count is of proposals that reached a step, whatever their state now, read from the
step's timestamp (a closed proposal counts as registered and as replied).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from zhengxie.core import stats
from zhengxie.core.models import Committee, Term
from zhengxie.core.stats import Rate, stat
from zhengxie.members.models import Membership

from .models import Assignment, Cosigner, Endorsement, Proposal, ProposalPolicy
from .queries import policy_for

R = Proposal.Rating
# The list the counts of proposals link to (`?counted=<key>&from=&to=`).
LIST = "proposal_list"
Basis = ProposalPolicy.ImplementationBasis
# A proposal merged into another (并案) is counted once, in the case it joined: it leaves the
# registered count (and every rate over it) even when it had been registered before the merge.
REGISTERED = Q(registered_at__isnull=False, merged_at__isnull=True)
REGISTERED_VIA_PROPOSAL = Q(proposal__registered_at__isnull=False, proposal__merged_at__isnull=True)


# A draft is its proposer's alone: the states a proposal has once submitted.
SUBMITTED_STATES = tuple(
    (code, label) for code, label in Proposal.State.choices if code != Proposal.State.DRAFT
)


def _rate(
    key: str, label: str, parts: tuple[str, ...], whole: str, definition: str, records=LIST
) -> Rate:
    return Rate(
        key=key, label=label, parts=parts, whole=whole, definition=definition, records=records
    )


# The counts the tables show, as their columns, in this order.
COUNTS = (
    stat("collected", "提交", "件", "期内提交的提案件数", records=LIST),
    stat("registered", "立案", "件", "立案件数;并入他案的提案计入所并入的一件", records=LIST),
    stat("assigned", "交办", "件", "已立案并交办的件数", records=LIST),
    stat("declined", "不予立案", "件", "不予立案的件数", records=LIST),
    stat("merged", "并案", "件", "并入他案的件数", records=LIST),
    stat("replied", "已答复", "件", "已立案并经承办单位答复的件数", records=LIST),
    stat("closed", "已办结", "件", "已立案并已办结的件数", records=LIST),
    stat("a", "A类", "件", "答复为A类(已经解决和基本解决)的件数", records=LIST),
    stat("b", "B类", "件", "答复为B类(正在解决和已列入计划逐步解决)的件数", records=LIST),
    stat("c", "C类", "件", "答复为C类(留作参考)的件数", records=LIST),
    stat("overdue", "超期", "件", "超过办理期限未答复或逾期答复的件数", records=LIST),
)
RATES = (
    _rate("registration_rate", "立案率", ("registered",), "collected", "立案件数 ÷ 提交件数"),
    _rate("reply_rate", "办复率", ("replied",), "registered", "已答复件数 ÷ 立案件数"),
    _rate(
        "meeting_rate",
        "见面率",
        ("met",),
        "registered",
        "与提案人当面沟通并经提案人确认的件数 ÷ 立案件数",
    ),
    _rate("completion_rate", "办结率", ("closed",), "registered", "已办结件数 ÷ 立案件数"),
    _rate(
        "satisfaction_rate",
        "满意率",
        ("satisfied",),
        "evaluated",
        "评价为满意和基本满意的件数 ÷ 已评价件数",
    ),
    _rate(
        "a_share",
        "已解决和基本解决(A类)占立案总数",
        ("a",),
        "registered",
        "A类(已经解决和基本解决)件数 ÷ 立案件数",
    ),
    _rate(
        "b_share",
        "正在解决和列入计划(B类)占立案总数",
        ("b",),
        "registered",
        "B类(正在解决和已列入计划逐步解决)件数 ÷ 立案件数",
    ),
    _rate("supervision_rate", "总督办率", ("supervised",), "registered", "督办件数 ÷ 立案件数"),
    _rate(
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


def implementation_rate(basis: str) -> Rate:
    parts, whole = _IMPLEMENTATION[Basis(basis)]
    return IMPLEMENTATION.variant(parts, whole, Basis(basis).label)


def _chosen_implementation(committee: Committee) -> Rate:
    return implementation_rate(policy_for(committee.pk).implementation_basis)


IMPLEMENTATION = Rate(
    key="implementation_rate",
    label="落实率",
    parts=("a",),
    whole="registered",
    definition=Basis.A_OF_REGISTERED.label,
    chosen=_chosen_implementation,
    records=LIST,
)
COLUMNS = (*COUNTS, *RATES, IMPLEMENTATION)
STATS = (
    *COLUMNS,
    stat(
        "declined_to_opinion",
        "不予立案转社情民意",
        "件",
        "不予立案并转为社情民意信息的件数",
        records=LIST,
    ),
    stat(
        "declined_to_letter",
        "不予立案转委员来信",
        "件",
        "不予立案并转为委员来信的件数",
        records=LIST,
    ),
    stat("met", "当面沟通", "件", "与提案人当面沟通并经提案人确认的件数", records=LIST),
    stat("evaluated", "已评价", "件", "提案人已评价办理结果的件数", records=LIST),
    stat("satisfied", "满意和基本满意", "件", "评价为满意和基本满意的件数", records=LIST),
    stat("supervised", "督办", "件", "已立案并列入督办的件数", records=LIST),
    stat("chair_supervised", "主席直接督办", "件", "主席、副主席亲自督办的件数", records=LIST),
    stat("key", "重点提案", "件", "列为重点提案的件数", records=LIST),
    stat(
        "by_state",
        "各状态提案",
        "件",
        "期内提交的提案按当前状态(待审查、办理中、已答复、已办结等)的件数",
        per_item=True,
        items=SUBMITTED_STATES,
    ),
    stat("units", "承办单位", "个", "承办单位数(主办、会办合计,去重)"),
    stat("lead_units", "主办单位", "个", "担任主办的单位数"),
    stat("co_units", "会办单位", "个", "担任会办的单位数"),
    stat("endorsers", "附议委员", "人", "附议提案的委员人数(去重)"),
    stat("members", "委员总数", "人", "期内各届委员人数(去重)"),
    stat("members_taking_part", "参与提案的委员", "人", "提出、联名或附议提案的委员人数(去重)"),
    _rate(
        "participation_rate",
        "委员参与率",
        ("members_taking_part",),
        "members",
        "提出、联名或附议提案的委员人数 ÷ 委员总数",
        records="",
    ),
)


def _filters(today: date) -> dict[str, Q]:
    """What each count counts among the scope's proposals: the statistic and the list of its
    records (`_counted`) read the same condition."""
    # Replied late is stored when the reply lands: comparing dates here would cast every row.
    overdue = REGISTERED & (Q(replied_at__isnull=True, deadline__lt=today) | Q(replied_late=True))
    return {
        "collected": Q(submitted_at__isnull=False),
        "registered": REGISTERED,
        "assigned": REGISTERED & Q(assigned_at__isnull=False),
        "declined": Q(declined_at__isnull=False),
        "declined_to_opinion": Q(declined_at__isnull=False, decline_kind="opinion"),
        "declined_to_letter": Q(declined_at__isnull=False, decline_kind="letter"),
        "merged": Q(merged_at__isnull=False),
        "replied": REGISTERED & Q(replied_at__isnull=False),
        "closed": REGISTERED & Q(closed_at__isnull=False),
        "met": REGISTERED & Q(met_in_person=True),
        "evaluated": ~Q(rating=""),
        "satisfied": Q(rating__in=[R.SATISFIED, R.BASICALLY_SATISFIED]),
        "supervised": REGISTERED & Q(supervised=True),
        "chair_supervised": REGISTERED & Q(chair_supervised=True),
        "key": Q(key=True),
        "a": REGISTERED & Q(reply_category="A"),
        "b": REGISTERED & Q(reply_category="B"),
        "c": REGISTERED & Q(reply_category="C"),
        "overdue": overdue,
    }


def _counters(today: date) -> dict:
    return {key: Count("id", filter=q) for key, q in _filters(today).items()}


@dataclass(frozen=True)
class Scope(stats.Scope):
    def q(self, prefix: str = "") -> Q:
        """The scope as a filter on proposals, or on a model related to them via `prefix`."""
        # A session implies its committee; naming only the session lets the planner use the
        # (session, state) index.
        if self.session:
            q = Q(**{f"{prefix}session": self.session})
        else:
            q = Q(**{f"{prefix}committee": self.committee})
        return q & self.moments(f"{prefix}submitted_at")

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
    return {
        "endorsers": len(endorsers),
        "members": members.count(),
        "members_taking_part": len(proposers | cosigners | endorsers),
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


def _counts(scope: stats.Scope) -> dict:
    scope = Scope(scope.committee, scope.session, scope.start, scope.end)
    states = {
        f"state_{code}": Count("id", filter=Q(submitted_at__isnull=False, state=code))
        for code, _ in SUBMITTED_STATES
    }
    row = scope.proposals().aggregate(**_counters(timezone.localdate()), **states)
    by_state = {code: row.pop(f"state_{code}") for code, _ in SUBMITTED_STATES}
    return {**row, "by_state": by_state, **_units(scope), **_participation(scope)}


def _counted(scope: stats.Scope, key: str, item: str) -> QuerySet[Proposal]:
    scope = Scope(scope.committee, scope.session, scope.start, scope.end)
    return scope.proposals().filter(_filters(timezone.localdate())[key])


def proposal_stats(scope: Scope) -> dict:
    return stats.values(APP, scope)


BREAKDOWNS = (
    stats.Breakdown("unit", "承办单位", COLUMNS),
    stats.Breakdown("sector", "界别", COLUMNS),
    stats.Breakdown("member", "提案人", COLUMNS),
    stats.Breakdown("special_committee", "专委会", COLUMNS),
)
_GROUPED_BY = {
    "unit": "lead_unit",
    "sector": "sector",
    "member": "proposer",
    "special_committee": "proposer__memberships__special_committees",
}


def _breakdown(scope: Scope, by: str, today: date) -> list[dict]:
    """One row per unit, sector, member or special committee, grouped by the record (two
    members of one name stay apart); members in 姓氏笔画 order, the rest by name."""
    field = _GROUPED_BY[by]
    proposals = scope.proposals()
    if by == "special_committee":
        proposals = proposals.filter(proposer__memberships__term=F("session__term"))
    order = f"{field}__sort_key" if by == "member" else f"{field}__name"
    rows = (
        proposals.exclude(**{f"{field}__isnull": True})
        .values(field, f"{field}__name")
        .annotate(**_counters(today))
        .order_by(order, field)
    )
    items = [{"id": row.pop(field), "name": row.pop(f"{field}__name"), **row} for row in rows]
    labels = _member_labels(items, scope) if by == "member" else {}
    return [{**item, "label": labels.get(item["id"], item["name"])} for item in items]


def _rows(scope: stats.Scope, keys: tuple[str, ...]) -> dict[str, list[dict]]:
    scope = Scope(scope.committee, scope.session, scope.start, scope.end)
    today = timezone.localdate()
    return {by: _breakdown(scope, by, today) for by in keys}


def proposal_breakdown(scope: Scope, by: str) -> list[dict]:
    return stats.table(APP, scope, by).rows


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


def _names(scope: stats.Scope) -> dict[str, list[str]]:
    """The key proposals' titles (重点提案), in the order of their numbers."""
    scope = Scope(scope.committee, scope.session, scope.start, scope.end)
    key = scope.proposals().filter(key=True).order_by("session__start_date", "serial", "id")
    return {"key": list(key.values_list("title", flat=True))}


REPORT = (
    stats.ReportSection(
        "proposals",
        "提案工作",
        20,
        (
            (
                "{period}共收到提案{collected}{collected:change}",
                "；提交、联名和附议提案的委员{members_taking_part}，占委员总数的{participation_rate}",
            ),
            (
                "立案{registered}{registered:change}",
                "立案率{registration_rate}",
                "交由{units}承办单位办理",
                "并案{merged}",
                "不予立案{declined}",
                "其中转为社情民意信息{declined_to_opinion}",
                "转为委员来信{declined_to_letter}",
            ),
            (
                "已答复{replied}",
                "其中已经解决和基本解决的{a}，占立案总数的{a_share}",
                "；正在解决和已列入计划逐步解决的{b}，占立案总数的{b_share}",
                "；留作参考的{c}",
            ),
            (
                "提案的办复率{reply_rate}",
                "见面率{meeting_rate}",
                "办结率{completion_rate}",
                "落实率{implementation_rate}",
                "满意率{satisfaction_rate}",
            ),
            (
                "确定{key:titles}重点提案",
                "督办提案{supervised}",
                "总督办率{supervision_rate}",
                "主席直接督办率{chair_supervision_rate}",
            ),
            ("超过办理期限的提案{overdue}",),
        ),
        omit=(
            "assigned",
            "closed",
            "met",
            "evaluated",
            "satisfied",
            "chair_supervised",
            "lead_units",
            "co_units",
            "endorsers",
            "members",
            # The states proposals are in today: the dashboard's chart, not a period's count.
            "by_state",
        ),
    ),
)

APP = "proposals"


def _first_day(committee: Committee) -> date | None:
    return stats.earliest(Proposal.objects.filter(committee=committee), "submitted_at")


STATISTICS = stats.AppStats(
    app=APP,
    title="提案统计",
    page="proposal_stats",
    endpoint="/api/v1/proposals/stats",
    stats=STATS,
    counts=_counts,
    breakdowns=BREAKDOWNS,
    rows=_rows,
    names=_names,
    report=REPORT,
    counted=_counted,
    first_day=_first_day,
)
