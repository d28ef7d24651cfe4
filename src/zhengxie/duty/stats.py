"""Duty statistics for any period, as the work reports quote them ("全年有X名委员参加学习培训",
"委员履职面达X%"): the members in office, those with a duty record, the records by line of
work (kinds.CATEGORIES) and training coverage; per line of work, and the members by how many
records they have (the dashboard's activity distribution).

A record counts on its date; a member counts when in office in the period (a membership of a
term that overlaps it, not joined after its end nor left before its start), once however many
terms. A record of a kind that takes points away (无故缺席) is no engagement. Two queries for
every figure and table of a scope, whatever the number of members and records."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from zhengxie.core import stats
from zhengxie.core.stats import Rate, stat
from zhengxie.members.models import Member, Membership

from .kinds import CATEGORIES, engaging
from .models import DutyRecord

APP = "duty"
TRAINING = "training"
# The lists the counts link to (`?counted=<key>&item=<category>&from=&to=`).
MEMBERS_LIST = "duty_stats_members"
RECORDS_LIST = "duty_stats_records"

MEMBERS = stat(
    "members",
    "在任委员",
    "人",
    "期内在任的本会委员人数(各届合并去重;任职日期晚于期末或退出日期早于期初的不计)",
    records=MEMBERS_LIST,
)
STATS = (
    MEMBERS,
    stat(
        "active",
        "有履职记录的委员",
        "人",
        "期内在任、期内至少有一条履职记录的委员人数(无故缺席等扣分记录不算履职)",
        records=MEMBERS_LIST,
    ),
    Rate(
        key="active_rate",
        label="委员履职面",
        parts=("active",),
        whole="members",
        definition="期内有履职记录的在任委员人数 ÷ 在任委员人数",
        records=MEMBERS_LIST,
    ),
    stat(
        "records",
        "履职记录",
        "条",
        "期内在任委员记入履职档案的记录条数,扣分记录不计",
        records=RECORDS_LIST,
    ),
    stat(
        "by_category",
        "各类履职记录",
        "条",
        "期内履职记录按履职类别(提案、社情民意信息、参加会议等)的条数",
        per_item=True,
        items=tuple(CATEGORIES.items()),
        records=RECORDS_LIST,
    ),
    stat(
        "trained",
        "参加学习培训的委员",
        "人",
        "期内在任、期内至少参加一次学习培训的委员人数",
        records=MEMBERS_LIST,
    ),
    Rate(
        key="training_rate",
        label="培训覆盖率",
        parts=("trained",),
        whole="members",
        definition=(
            "期内参加学习培训的在任委员人数 ÷ 在任委员人数;"
            "统计期间为一届时,即“每名委员每届至少培训一次”的完成情况"
        ),
        records=MEMBERS_LIST,
    ),
)

CATEGORY_COLUMNS = (
    stat("records", "履职记录", "条", "期内该类履职记录条数"),
    stat("engaged", "参与委员", "人", "期内在该类履职中至少有一条记录的在任委员人数"),
    Rate(
        key="engaged_rate",
        label="参与率",
        parts=("engaged",),
        whole="members",
        definition="参与该类履职的委员人数 ÷ 在任委员人数",
    ),
)
BAND_COLUMNS = (
    stat("in_band", "委员", "人", "期内履职记录条数在该区间的在任委员人数"),
    Rate(
        key="band_share",
        label="占在任委员",
        parts=("in_band",),
        whole="members",
        definition="该区间的委员人数 ÷ 在任委员人数",
    ),
)
BREAKDOWNS = (
    stats.Breakdown("category", "履职类别", CATEGORY_COLUMNS),
    stats.Breakdown("band", "履职记录条数", BAND_COLUMNS),
)
# Members by how many records they have in the period: (fewest, most or None, label).
BANDS = (
    (0, 0, "无履职记录"),
    (1, 2, "1至2条"),
    (3, 5, "3至5条"),
    (6, 10, "6至10条"),
    (11, None, "11条以上"),
)


def in_office(scope: stats.Scope) -> QuerySet[Membership]:
    rows = Membership.objects.filter(term__committee=scope.committee)
    if scope.end:
        rows = rows.filter(term__start_date__lte=scope.end).exclude(joined_on__gt=scope.end)
    if scope.start:
        rows = rows.filter(
            Q(term__end_date__isnull=True) | Q(term__end_date__gte=scope.start)
        ).exclude(left_on__lt=scope.start)
    return rows


@dataclass(frozen=True)
class Ledger:
    """The period's records of the members in office, by member and line of work."""

    members: frozenset[int]
    by_member: dict[int, Counter]

    def engaged(self, category: str) -> int:
        return sum(1 for counts in self.by_member.values() if counts[category])

    def records(self, category: str) -> int:
        return sum(counts[category] for counts in self.by_member.values())


def engaged(scope: stats.Scope, kinds: dict[str, str], members: frozenset[int]) -> QuerySet:
    """The period's records of the members in office (`Ledger.members`), of the engaging kinds
    given. The ids are passed as a list, not a subquery: a list page filtering by this query
    nests it once more, which PostgreSQL planned as a loop of minutes on the demo committee."""
    return DutyRecord.objects.filter(
        scope.days("date"),
        committee=scope.committee,
        kind__in=kinds,
        member_id__in=sorted(members),
    )


def ledger(scope: stats.Scope) -> Ledger:
    """Read once per scope: the page and the dashboard ask for the counts and the tables."""
    if APP not in scope.memo:
        scope.memo[APP] = _ledger(scope)
    return scope.memo[APP]


def _ledger(scope: stats.Scope) -> Ledger:
    members = frozenset(in_office(scope).values_list("member_id", flat=True))
    kinds = engaging()
    rows = engaged(scope, kinds, members).values_list("member_id", "kind")
    rows = rows.annotate(n=Count("id")).order_by()
    by_member: dict[int, Counter] = {}
    for member_id, kind, n in rows:
        by_member.setdefault(member_id, Counter())[kinds[kind]] += n
    return Ledger(members, by_member)


def _counted(scope: stats.Scope, key: str, item: str) -> QuerySet:
    """The members (in office, active, trained) or the records (of one line of work) each
    linked count counts, from the same conditions as `ledger`."""
    kinds = engaging()
    if key in ("records", "by_category"):
        chosen = {k: c for k, c in kinds.items() if c == item} if item else kinds
        return engaged(scope, chosen, ledger(scope).members)
    found = ledger(scope)
    if key == "members":
        ids = found.members
    elif key == "trained":
        ids = {member for member, counts in found.by_member.items() if counts[TRAINING]}
    else:
        ids = found.by_member.keys()
    # The ids the count itself was read from (see `engaged`): on PostgreSQL the list's DISTINCT
    # over two nested IN subqueries ran for over ten minutes on the demo committee.
    return Member.objects.filter(pk__in=sorted(ids))


def _counts(scope: stats.Scope) -> dict:
    found = ledger(scope)
    by_category = {category: found.records(category) for category in CATEGORIES}
    return {
        "members": len(found.members),
        "active": len(found.by_member),
        "records": sum(by_category.values()),
        "by_category": by_category,
        "trained": found.engaged(TRAINING),
    }


def _by_category(found: Ledger) -> list[dict]:
    return [
        {
            "category": category,
            "label": label,
            "records": found.records(category),
            "engaged": found.engaged(category),
            "members": len(found.members),
        }
        for category, label in CATEGORIES.items()
    ]


def _by_band(found: Ledger) -> list[dict]:
    totals = [sum(found.by_member.get(m, Counter()).values()) for m in found.members]
    return [
        {
            "label": label,
            "in_band": sum(1 for n in totals if low <= n and (high is None or n <= high)),
            "members": len(found.members),
        }
        for low, high, label in BANDS
    ]


def _rows(scope: stats.Scope, keys: tuple[str, ...]) -> dict[str, list[dict]]:
    found = ledger(scope)
    tables = {"category": _by_category, "band": _by_band}
    return {key: tables[key](found) for key in keys}


def duty_stats(scope: stats.Scope) -> dict:
    return {"period": scope.label, **stats.values(APP, scope)}


REPORT = (
    stats.ReportSection(
        "duty",
        "委员履职",
        70,
        (
            (
                "{period}在任委员{members}",
                "其中有履职记录的{active}，委员履职面{active_rate}",
                "共记入履职档案{records}{records:change}",
                "其中{by_category:items}",
            ),
            ("参加学习培训的委员{trained}，培训覆盖率{training_rate}",),
        ),
    ),
)


def _first_day(committee) -> date | None:
    return stats.earliest(DutyRecord.objects.filter(committee=committee), "date")


STATISTICS = stats.AppStats(
    app=APP,
    title="履职统计",
    page="duty_stats",
    endpoint="/api/v1/duty/stats",
    stats=STATS,
    counts=_counts,
    breakdowns=BREAKDOWNS,
    rows=_rows,
    report=REPORT,
    counted=_counted,
    first_day=_first_day,
)
