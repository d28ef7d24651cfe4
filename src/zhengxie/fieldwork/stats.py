"""Fieldwork statistics for any period, as the work reports quote them: "组织视察调研X次"
by kind and mode, visits, "撰写调查报告X篇,优选定稿X篇", "形成视察调研报告5篇" and the
members' participation 人次; per topic, which the plan-execution report reads through the
registry (consultations never imports fieldwork).

A fieldwork counts in the period it started, a visit on its day, a draft when it was written,
a report when it was made final."""

from datetime import date

from django.db.models import Count, Q, QuerySet

from zhengxie.core import stats
from zhengxie.core.stats import stat

from .models import Attendance, Draft, Fieldwork, Visit

APP = "fieldwork"
S = Fieldwork.State
# Started: under way or reported; planned and cancelled ones have not been carried out.
STARTED = (S.UNDER_WAY, S.REPORTED)

# The list the counts of fieldwork link to (`?counted=<key>&item=<kind>&from=&to=`).
LIST = "fieldwork_list"
FIELDWORK = stat(
    "fieldwork",
    "开展视察调研考察",
    "次",
    "开始日期在期内、已实施(实施中或已形成报告)的次数",
    records=LIST,
)
REPORTS = stat(
    "reports",
    "形成报告",
    "篇",
    "期内定稿并形成协商成果的视察、调研、考察报告篇数",
    records=LIST,
)
STATS = (
    FIELDWORK,
    stat(
        "by_kind",
        "各类视察调研考察",
        "次",
        "期内已实施的按视察、调研、考察的次数",
        per_item=True,
        items=tuple(Fieldwork.Kind.choices),
        records=LIST,
    ),
    stat(
        "by_mode",
        "各方式视察调研考察",
        "次",
        "期内已实施的按专项、集中、委员小组、联合方式的次数",
        per_item=True,
        items=tuple(Fieldwork.Mode.choices),
    ),
    stat("visits", "走访", "次", "期内走访(到一处地点、单位)的次数,已取消的不计"),
    stat("drafts", "撰写报告", "篇", "期内调研组成员撰写的报告稿篇数"),
    stat("finals", "优选定稿", "篇", "期内撰写的报告稿中被选为定稿的篇数"),
    REPORTS,
    stat(
        "participation",
        "委员参加视察调研考察",
        "人次",
        "期内走访中登记到场的委员人次,一人一次走访计一次(机关人员、专家不计)",
    ),
)


def started(scope: stats.Scope) -> QuerySet[Fieldwork]:
    return Fieldwork.objects.filter(
        scope.days("starts_on"), committee=scope.committee, state__in=STARTED
    )


def reported(scope: stats.Scope) -> QuerySet[Fieldwork]:
    return Fieldwork.objects.filter(
        scope.moments("reported_at"), committee=scope.committee, reported_at__isnull=False
    )


def _counted(scope: stats.Scope, key: str, item: str) -> QuerySet[Fieldwork]:
    """The fieldwork `reports` counts, else that `fieldwork` counts (`by_kind` of one kind)."""
    if key == "reports":
        return reported(scope)
    return started(scope).filter(kind=item) if item else started(scope)


def _per(rows: QuerySet, field: str, choices: list[tuple[str, str]]) -> dict[str, int]:
    counted = dict(rows.values_list(field).annotate(n=Count("id")).order_by())
    return {code: counted.get(code, 0) for code, _ in choices}


def _counts(scope: stats.Scope) -> dict:
    carried = started(scope)
    by_kind = _per(carried, "kind", Fieldwork.Kind.choices)
    visits = Visit.objects.filter(scope.days("date"), fieldwork__committee=scope.committee).exclude(
        fieldwork__state=S.CANCELLED
    )
    drafts = Draft.objects.filter(
        scope.moments("written_at"), fieldwork__committee=scope.committee
    ).aggregate(drafts=Count("id"), finals=Count("id", filter=Q(final=True)))
    return {
        "fieldwork": sum(by_kind.values()),
        "by_kind": by_kind,
        "by_mode": _per(carried, "mode", Fieldwork.Mode.choices),
        "visits": visits.count(),
        **drafts,
        "reports": reported(scope).count(),
        "participation": Attendance.objects.filter(
            visit__in=visits, participant__member__isnull=False
        ).count(),
    }


TOPIC_COLUMNS = (FIELDWORK, REPORTS)
BREAKDOWNS = (stats.Breakdown("topic", "协商议题", TOPIC_COLUMNS),)


def _by_topic(scope: stats.Scope) -> list[dict]:
    """Per topic with fieldwork in the period: what was carried out and reported on it."""
    carried = dict(
        started(scope).filter(topic__isnull=False).values_list("topic_id").annotate(n=Count("id"))
    )
    done = dict(
        reported(scope).filter(topic__isnull=False).values_list("topic_id").annotate(n=Count("id"))
    )
    titles = dict(
        Fieldwork.objects.filter(topic_id__in={*carried, *done}).values_list(
            "topic_id", "topic__title"
        )
    )
    return [
        {
            "topic_id": pk,
            "label": titles[pk],
            "fieldwork": carried.get(pk, 0),
            "reports": done.get(pk, 0),
        }
        for pk in sorted(titles)
    ]


def _rows(scope: stats.Scope, keys: tuple[str, ...]) -> dict[str, list[dict]]:
    return {"topic": _by_topic(scope)} if "topic" in keys else {}


def _names(scope: stats.Scope) -> dict[str, list[str]]:
    """The fieldwork reported in the period, by its title, in the order reported."""
    reports = reported(scope).order_by("reported_at", "id").values_list("title", flat=True)
    return {"reports": list(reports)}


REPORT = (
    stats.ReportSection(
        "fieldwork",
        "视察调研",
        50,
        (
            (
                "{period}开展视察调研考察{fieldwork}{fieldwork:change}",
                "其中{by_kind:items}",
                "走访{visits}",
                "委员参加{participation}",
            ),
            (
                "撰写报告{drafts}",
                "优选定稿{finals}",
                "形成{reports:titles}视察调研报告{reports:change}",
            ),
        ),
        omit=("by_mode",),
    ),
)


def fieldwork_stats(scope: stats.Scope) -> dict:
    return {"period": scope.label, **stats.values(APP, scope)}


def _first_day(committee) -> date | None:
    return stats.earliest(Fieldwork.objects.filter(committee=committee), "starts_on")


STATISTICS = stats.AppStats(
    app=APP,
    title="视察调研统计",
    page="fieldwork_stats",
    endpoint="/api/v1/fieldwork/stats",
    stats=STATS,
    counts=_counts,
    breakdowns=BREAKDOWNS,
    rows=_rows,
    names=_names,
    report=REPORT,
    counted=_counted,
    first_day=_first_day,
)
