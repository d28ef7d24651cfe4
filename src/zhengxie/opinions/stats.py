"""Public-opinion statistics for any period: what the work reports quote ("上报社情民意信息
13条", "编发《各界反映》27期", "市委书记批示3篇") and tables by category, author, sector and
station.

An item counts as received in the period it was submitted; adoptions, instructions,
forwardings and issues count in the period they happened."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone

from zhengxie.core import stats
from zhengxie.core.models import Committee
from zhengxie.core.stats import Rate, stat

from .models import Adoption, BulletinIssue, Forwarding, Instruction, Opinion, OpinionAuthor
from .queries import member_places


@dataclass(frozen=True)
class Period:
    committee: Committee
    start: date | None = None
    end: date | None = None

    @property
    def scope(self) -> stats.Scope:
        return stats.Scope(self.committee, start=self.start, end=self.end)

    @property
    def label(self) -> str:
        return self.scope.label

    def received(self) -> QuerySet[Opinion]:
        return Opinion.objects.filter(committee=self.committee).filter(
            self.scope.moments("submitted_at")
        )

    def adoptions(self) -> QuerySet[Adoption]:
        return Adoption.objects.filter(opinion__committee=self.committee).filter(
            self.scope.days("adopted_on")
        )

    def instructions(self) -> QuerySet[Instruction]:
        return Instruction.objects.filter(opinion__committee=self.committee).filter(
            self.scope.days("given_on")
        )

    def forwardings(self) -> QuerySet[Forwarding]:
        return Forwarding.objects.filter(opinion__committee=self.committee).filter(
            self.scope.moments("at")
        )

    def issues(self) -> QuerySet[BulletinIssue]:
        return BulletinIssue.objects.filter(
            bulletin__committee=self.committee, number__isnull=False
        ).filter(self.scope.days("published_on"))


S = Opinion.State
# The lists the counts link to (`?counted=<key>&item=&from=&to=`): items, issues, 批示.
LIST = "opinion_list"
ISSUES = "bulletin_list"
INSTRUCTIONS = "instruction_list"


ADOPTION_RATE = Rate(
    key="adoption_rate",
    label="采用率",
    parts=("adopted",),
    whole="received",
    definition="期内被采用的信息条数(各层级采用只计一次)÷ 期内收到的信息条数",
    records=LIST,
)
STATS = (
    stat("received", "收到信息", "条", "期内报送的信息条数,合并入他条的不计", records=LIST),
    stat("merged", "合并", "条", "期内报送后合并入他条的信息条数", records=LIST),
    stat("declined", "不予采用", "条", "期内报送、不予采用的信息条数", records=LIST),
    stat("urgent", "预警", "条", "期内报送的预警信息条数", records=LIST),
    stat("adopted", "被采用", "条", "期内被采用的信息条数(各层级采用只计一次)", records=LIST),
    ADOPTION_RATE,
    stat(
        "adoptions",
        "各层级采用",
        "条",
        "各层级采用条数;上级政协采用计入其层级",
        per_item=True,
        records=LIST,
    ),
    stat("forwarded", "报送", "条", "期内报送出去的信息条数(一条报送多处只计一次)", records=LIST),
    stat("forwarded_up", "其中报送上级政协", "条", "期内向上级政协报送的条次"),
    stat("instructed", "获批示", "条", "期内获领导批示的信息条数", records=LIST),
    stat("instructions", "批示", "次", "期内领导批示次数", records=INSTRUCTIONS),
    stat(
        "main_leader_instructions",
        "其中主要领导批示",
        "次",
        "期内主要领导批示次数",
        records=INSTRUCTIONS,
    ),
    stat("tasks_open", "批示办理中", "件", "期内批示交办、尚未反馈的件数", records=INSTRUCTIONS),
    stat(
        "tasks_overdue",
        "批示办理超期",
        "件",
        "办理中且已过反馈期限的件数",
        alert=True,
        records=INSTRUCTIONS,
    ),
    stat("tasks_done", "批示已反馈", "件", "期内批示交办、已反馈的件数", records=INSTRUCTIONS),
    stat("issues", "编发刊物", "期", "期内编发的刊物期数", records=ISSUES),
    stat(
        "issues_by_bulletin",
        "各刊物编发",
        "期",
        "每种刊物期内编发的期数",
        per_item=True,
        titled=True,
        records=ISSUES,
    ),
)


def _adopted(period: Period) -> set[tuple[int, str]]:
    """(item, level) of the period's adoptions, an item once per level: a hosted parent's
    adoption counts at the parent's own level (市级, 省级), never again as 上级政协采用."""
    committee = Committee.objects.select_related("parent").get(pk=period.committee.pk)
    return {
        (opinion, Adoption.effective_level(committee, level))
        for opinion, level in period.adoptions().values_list("opinion_id", "level")
    }


def _counted(scope: stats.Scope, key: str, item: str) -> QuerySet:
    """The records each count counts, as `_counts` counts them: items, issues or 批示."""
    period = Period(scope.committee, scope.start, scope.end)
    if key in ("issues", "issues_by_bulletin"):
        issues = period.issues()
        return issues.filter(bulletin__name=item) if item else issues
    if key in _INSTRUCTIONS:
        return _INSTRUCTIONS[key](period.instructions())
    if key == "adoptions":
        return Opinion.objects.filter(pk__in=_adopted_at(period, item))
    received = period.received()
    of_period = {
        "received": lambda: received.exclude(state=S.MERGED),
        "merged": lambda: received.filter(state=S.MERGED),
        "declined": lambda: received.filter(state=S.DECLINED),
        "urgent": lambda: received.filter(urgent=True),
        "adopted": lambda: period.adoptions().values("opinion"),
        "forwarded": lambda: period.forwardings().values("opinion"),
        "instructed": lambda: period.instructions().values("opinion"),
    }
    rows = of_period[key]()
    return rows if rows.model is Opinion else Opinion.objects.filter(pk__in=rows)


# The 批示 each count of instructions counts; the tasks are those started by an instruction
# given in the period (a relayed one is tracked by the higher committee: no task here).
_INSTRUCTIONS = {
    "instructions": lambda rows: rows,
    "main_leader_instructions": lambda rows: rows.filter(main_leader=True),
    "tasks_open": lambda rows: rows.filter(state=Instruction.State.OPEN),
    "tasks_overdue": lambda rows: rows.filter(
        state=Instruction.State.OPEN, due_on__lt=timezone.localdate()
    ),
    "tasks_done": lambda rows: rows.filter(state=Instruction.State.DONE),
}


def _adopted_at(period: Period, label: str) -> list[int]:
    """The items `adoptions` counts under `label` (本级刊物采用, 市级采用…)."""
    level = next((code for code, name in Adoption.Level.choices if name == label), None)
    return [opinion for opinion, at in _adopted(period) if at == level]


def opinion_stats(period: Period) -> dict:
    return {"period": period.label, **stats.values(APP, period.scope)}


def _counts(scope: stats.Scope) -> dict:
    period = Period(scope.committee, scope.start, scope.end)
    received = period.received()
    states = Counter(received.values_list("state", flat=True))
    adoptions = period.adoptions()
    levels = Counter(level for _, level in _adopted(period))
    instructions = period.instructions()
    forwardings = period.forwardings()
    issues = Counter(period.issues().values_list("bulletin__name", flat=True))
    return {
        "received": sum(states.values()) - states[S.MERGED],
        "merged": states[S.MERGED],
        "declined": states[S.DECLINED],
        "urgent": received.filter(urgent=True).count(),
        "adopted": adoptions.values("opinion").distinct().count(),
        "adoptions": {label: levels[level] for level, label in Adoption.Level.choices},
        "forwarded": forwardings.values("opinion").distinct().count(),
        "forwarded_up": forwardings.filter(to=Forwarding.To.PARENT).count(),
        "instructed": instructions.values("opinion").distinct().count(),
        **{key: rows(instructions).count() for key, rows in _INSTRUCTIONS.items()},
        "issues": sum(issues.values()),
        "issues_by_bulletin": dict(issues),
    }


COLUMNS = (
    stat("received", "报送", "条", "期内报送的信息条数,合并入他条的不计"),
    stat("adopted", "采用", "条", "期内被采用的信息条数"),
    ADOPTION_RATE,
    stat("instructed", "获批示", "条", "期内获领导批示的信息条数"),
)
BREAKDOWNS = tuple(
    stats.Breakdown(key, label, COLUMNS)
    for key, label in (
        ("category", "类别"),
        ("author", "作者"),
        ("sector", "界别"),
        ("station", "委员联络工作站"),
    )
)


def opinion_breakdowns(period: Period) -> dict[str, list[dict]]:
    return {t.key: t.rows for t in stats.tables(APP, period.scope)}


def _breakdowns(scope: stats.Scope, keys: tuple[str, ...]) -> dict[str, list[dict]]:
    """Per category, author, sector and station: items received, adopted and instructed in
    the period. A joint item counts once for each author (and each of their sectors).
    Read as tuples: a city's year holds tens of thousands of items."""
    period = Period(scope.committee, scope.start, scope.end)
    adopted = Exists(period.adoptions().filter(opinion=OuterRef("pk")))
    instructed = Exists(period.instructions().filter(opinion=OuterRef("pk")))
    received = Q(period.scope.moments("submitted_at")) & ~Q(state=S.MERGED)
    items = (
        Opinion.objects.filter(committee=period.committee)
        .annotate(
            got=ExpressionWrapper(received, output_field=BooleanField()),
            adopted=adopted,
            instructed=instructed,
        )
        .filter(Q(got=True) | Q(adopted=True) | Q(instructed=True))
    )
    rows = list(
        items.values_list("pk", "category__name", "station__name", "got", "adopted", "instructed")
    )
    authors = defaultdict(list)
    names: dict[int, tuple[str, str]] = {}
    for opinion_id, member_id, name, sort_key in OpinionAuthor.objects.filter(
        opinion__in=items.values("pk")
    ).values_list("opinion_id", "member_id", "member__name", "member__sort_key"):
        authors[opinion_id].append(member_id)
        names[member_id] = (name, sort_key)
    places = member_places(names)
    tables: dict[str, dict] = {by: defaultdict(Counter) for by in keys}
    for pk, category, station, got, was_adopted, was_instructed in rows:
        marks = Counter(received=int(got), adopted=int(was_adopted), instructed=int(was_instructed))
        members = authors[pk]
        groups = {
            "category": {category or "未分类"},
            "author": {names[m] for m in members},
            "sector": {places.get(m, ("", ""))[0] for m in members} - {""},
            "station": ({station} if station else set())
            | ({places.get(m, ("", ""))[1] for m in members} - {""}),
        }
        for by in keys:
            for value in groups[by]:
                tables[by][value].update(marks)
    return {by: _rows(by, table) for by, table in tables.items()}


def _rows(by: str, table: dict) -> list[dict]:
    """Authors in 姓氏笔画 order, the rest by how many items they sent."""
    rows = [
        {
            "name": key[0] if by == "author" else key,
            "label": key[0] if by == "author" else key,
            "order": key[1] if by == "author" else "",
            **{k: counts[k] for k in ("received", "adopted", "instructed")},
        }
        for key, counts in table.items()
    ]
    if by == "author":
        return sorted(rows, key=lambda r: (r["order"], r["name"]))
    return sorted(rows, key=lambda r: (-r["received"], r["name"]))


REPORT = (
    stats.ReportSection(
        "opinions",
        "社情民意信息工作",
        30,
        (
            ("{period}共收到社情民意信息{received}{received:change}", "其中预警信息{urgent}"),
            ("编发{issues_by_bulletin:items}",),
            ("报送{forwarded}", "其中报送上级政协{forwarded_up}"),
            (
                "被采用{adopted}{adopted:change}",
                "采用率{adoption_rate}",
                "其中{adoptions:items}",
            ),
            (
                "获领导批示{instructed}",
                "共批示{instructions}",
                "其中主要领导批示{main_leader_instructions}",
                "；批示办理已反馈{tasks_done}",
                "办理中{tasks_open}",
                "其中超过反馈期限{tasks_overdue}",
            ),
        ),
        omit=("merged", "declined", "issues"),
    ),
)

APP = "opinions"


def _first_day(committee: Committee) -> date | None:
    return stats.earliest(Opinion.objects.filter(committee=committee), "submitted_at")


STATISTICS = stats.AppStats(
    app=APP,
    title="社情民意统计",
    page="opinion_stats",
    endpoint="/api/v1/opinions/stats",
    stats=STATS,
    counts=_counts,
    breakdowns=BREAKDOWNS,
    rows=_breakdowns,
    report=REPORT,
    counted=_counted,
    first_day=_first_day,
)
