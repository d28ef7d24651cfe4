"""Consultation statistics for any period, as the work reports quote them: "召开对口协商会19次"
(activities by form and level), "报送协商成果X件" (outcomes by kind), "获领导批示X次"
(instructions), "提出的X余条建议被有关部门采纳" (suggestions made, adopted, implemented), plan
topics planned and done, participation and the departments involved; and the same per plan
topic, which the plan-execution report reads. Fieldwork by kind and its reports ("撰写X篇,优选
定稿X篇") are the fieldwork app's figures, served beside these through the registry
(`stats.Borrowed`): fieldwork imports this app, never the other way round.

Each thing counts in the period it happened: an activity on its date, an outcome on the day it
was written, its suggestions with it (adopted or implemented as they stand now), an instruction
on the day it was given, a plan topic in its plan year."""

from datetime import date

from django.db.models import Count, Q, QuerySet

from zhengxie.core import stats
from zhengxie.core.stats import Rate, stat
from zhengxie.meetings.models import CheckIn

from .models import (
    Consultation,
    Form,
    Level,
    LocalParticipant,
    MaterialRequest,
    MemberAttendance,
    MemberOpinion,
    Outcome,
    OutcomeTask,
    Suggestion,
    Topic,
    UnitAttendance,
    WrittenRequest,
)

APP = "consultations"
ADOPTED = (
    Suggestion.State.ADOPTED,
    Suggestion.State.IMPLEMENTING,
    Suggestion.State.IMPLEMENTED,
)

PLAN_RATE = Rate(
    key="plan_rate",
    label="计划执行率",
    parts=("topics_done",),
    whole="topics_planned",
    definition="已开展协商的计划议题个数 ÷ 列入年度协商计划的议题个数",
)
ADOPTION_RATE = Rate(
    key="adoption_rate",
    label="采纳率",
    parts=("suggestions_adopted",),
    whole="suggestions_made",
    definition="期内报送成果所提建议中被采纳的条数(含落实中、已落实)÷ 期内报送成果所提建议条数",
)
IMPLEMENTATION_RATE = Rate(
    key="implementation_rate",
    label="落实率",
    parts=("suggestions_implemented",),
    whole="suggestions_adopted",
    definition="期内报送成果所提建议中已落实的条数 ÷ 其中被采纳的条数",
)
# The lists the counts link to (`?counted=<key>&item=<form>&from=&to=`): activities,
# outcomes, instructions' tasks, 书面协商 requests.
LIST = "consultation_list"
OUTCOMES_LIST = "outcome_board"
TASKS = "outcome_tasks"
WRITTEN = "written_request_list"
ACTIVITIES = stat(
    "activities",
    "开展协商活动",
    "次",
    "协商日期在期内、已开展的协商活动次数(待开展、已取消的不计)",
    records=LIST,
)
OUTCOMES = stat(
    "outcomes",
    "报送协商成果",
    "件",
    "成文日期在期内、已报送的协商成果件数",
    records=OUTCOMES_LIST,
)
MADE = stat("suggestions_made", "提出建议", "条", "期内报送的协商成果所列建议条数")
ADOPTED_COUNT = stat(
    "suggestions_adopted",
    "被采纳建议",
    "条",
    "期内报送成果所提建议中被采纳(含落实中、已落实)的条数",
)
IMPLEMENTED = stat(
    "suggestions_implemented", "已落实建议", "条", "期内报送成果所提建议中已落实的条数"
)
STATS = (
    ACTIVITIES,
    stat(
        "by_form",
        "各形式协商活动",
        "次",
        "期内已开展的协商活动按协商形式的次数",
        per_item=True,
        items=tuple(Form.choices),
        records=LIST,
    ),
    stat(
        "by_level",
        "各层级协商活动",
        "次",
        "期内已开展的协商活动按组织层级(常委会、专委会、委员活动小组)的次数",
        per_item=True,
        items=tuple(Level.choices),
    ),
    stat(
        "written_answered",
        "书面协商答复",
        "件",
        "答复日期在期内、已书面答复的书面协商来函件数",
        records=WRITTEN,
    ),
    stat("topics_planned", "计划协商议题", "个", "年度在期内、列入年度协商计划的议题个数"),
    stat("topics_done", "已开展协商的计划议题", "个", "计划议题中期内至少开展过一次协商活动的个数"),
    PLAN_RATE,
    OUTCOMES,
    stat(
        "outcomes_by_kind",
        "各类协商成果",
        "件",
        "期内报送的协商成果按成果类型的件数",
        per_item=True,
        items=tuple(Outcome.Kind.choices),
        records=OUTCOMES_LIST,
    ),
    stat(
        "instructions",
        "获领导批示",
        "次",
        "批示日期在期内、本会协商成果获得的领导批示次数(一条批示交一个责任单位落实计一次)",
        records=TASKS,
    ),
    stat(
        "instructions_main",
        "其中主要领导批示",
        "次",
        "期内领导批示中由党委、政府主要领导作出的次数",
        records=TASKS,
    ),
    MADE,
    ADOPTED_COUNT,
    IMPLEMENTED,
    ADOPTION_RATE,
    IMPLEMENTATION_RATE,
    stat(
        "participation",
        "委员参加协商",
        "人次",
        "期内已开展的协商活动中会议签到、登记参加或提交书面意见的委员人次,一人一次活动只计一次",
    ),
    stat("local_participation", "群众参与基层协商", "人次", "期内已开展的基层协商中登记的群众人次"),
    stat(
        "departments",
        "参与协商的部门",
        "个",
        "期内已开展的协商活动中到会或已报送会前材料的部门个数,同一部门只计一次",
    ),
)


def held(scope: stats.Scope) -> QuerySet[Consultation]:
    return Consultation.objects.filter(
        scope.days("date"), committee=scope.committee, state=Consultation.State.HELD
    )


def sent(scope: stats.Scope) -> QuerySet[Outcome]:
    return Outcome.objects.filter(scope.days("written_on"), committee=scope.committee).exclude(
        state=Outcome.State.DRAFTED
    )


def planned(scope: stats.Scope) -> QuerySet[Topic]:
    """The plan topics of the years the period touches (a plan is a year's)."""
    years = Q()
    if scope.start:
        years &= Q(year__gte=scope.start.year)
    if scope.end:
        years &= Q(year__lte=scope.end.year)
    return Topic.objects.filter(years, committee=scope.committee, state=Topic.State.PLANNED)


def given(scope: stats.Scope) -> QuerySet[OutcomeTask]:
    """Leaders' instructions on the committee's outcomes, on the day they were given."""
    return OutcomeTask.objects.filter(scope.days("given_on"), outcome__committee=scope.committee)


def answered(scope: stats.Scope) -> QuerySet[WrittenRequest]:
    return WrittenRequest.objects.filter(
        scope.days("answered_on"), committee=scope.committee, state=WrittenRequest.State.ANSWERED
    )


def _counted(scope: stats.Scope, key: str, item: str) -> QuerySet:
    """The records each linked count counts: activities (of one form), outcomes sent (of one
    kind), instructions (the main leaders'), 书面协商 answered."""
    if key in ("outcomes", "outcomes_by_kind"):
        return sent(scope).filter(kind=item) if item else sent(scope)
    if key in ("instructions", "instructions_main"):
        tasks = given(scope)
        return tasks.filter(main_leader=True) if key == "instructions_main" else tasks
    if key == "written_answered":
        return answered(scope)
    return held(scope).filter(form=item) if item else held(scope)


def _per(rows: QuerySet, field: str, choices: list[tuple[str, str]]) -> dict[str, int]:
    counted = dict(rows.values_list(field).annotate(n=Count("id")).order_by())
    return {code: counted.get(code, 0) for code, _ in choices}


def _suggestions(outcomes: QuerySet[Outcome]) -> dict[str, int]:
    return Suggestion.objects.filter(outcome__in=outcomes).aggregate(
        suggestions_made=Count("id"),
        suggestions_adopted=Count("id", filter=Q(state__in=ADOPTED)),
        suggestions_implemented=Count("id", filter=Q(state=Suggestion.State.IMPLEMENTED)),
    )


def _instructions(scope: stats.Scope) -> dict[str, int]:
    return given(scope).aggregate(
        instructions=Count("id"), instructions_main=Count("id", filter=Q(main_leader=True))
    )


def _participation(activities: QuerySet[Consultation]) -> int:
    """Members at an activity, once each: checked in at its meeting, on the office's list of
    those present (one without a meeting) or gave a written opinion."""
    came = CheckIn.objects.filter(meeting__consultation__in=activities).values_list(
        "meeting__consultation", "member_id"
    )
    listed = MemberAttendance.objects.filter(consultation__in=activities).values_list(
        "consultation_id", "member_id"
    )
    wrote = MemberOpinion.objects.filter(consultation__in=activities).values_list(
        "consultation_id", "member_id"
    )
    # UNION drops the pairs several name; its parts may not be ordered.
    return came.order_by().union(listed.order_by(), wrote.order_by()).count()


def _departments(activities: QuerySet[Consultation]) -> int:
    attended = UnitAttendance.objects.filter(consultation__in=activities).values_list("unit_id")
    supplied = MaterialRequest.objects.filter(
        consultation__in=activities, received_at__isnull=False
    ).values_list("unit_id")
    return attended.order_by().union(supplied.order_by()).count()


def _counts(scope: stats.Scope) -> dict:
    activities = held(scope)
    outcomes = sent(scope)
    by_form = _per(activities, "form", Form.choices)
    by_kind = _per(outcomes, "kind", Outcome.Kind.choices)
    topics = planned(scope)
    return {
        "activities": sum(by_form.values()),
        "by_form": by_form,
        "by_level": _per(activities, "level", Level.choices),
        "written_answered": answered(scope).count(),
        "topics_planned": topics.count(),
        # A subquery of topic ids, not a join: DISTINCT over the joined rows costs 80 ms a year.
        "topics_done": topics.filter(pk__in=activities.values("topic_id")).count(),
        "outcomes": sum(by_kind.values()),
        "outcomes_by_kind": by_kind,
        **_instructions(scope),
        **_suggestions(outcomes),
        "participation": _participation(activities),
        "local_participation": LocalParticipant.objects.filter(consultation__in=activities).count(),
        "departments": _departments(activities),
    }


TOPIC_COLUMNS = (
    ACTIVITIES,
    OUTCOMES,
    MADE,
    ADOPTED_COUNT,
    IMPLEMENTED,
    ADOPTION_RATE,
    IMPLEMENTATION_RATE,
)
BREAKDOWNS = (stats.Breakdown("topic", "计划议题", TOPIC_COLUMNS),)
# The fieldwork app's figures the consultation statistics serve (by name: see the docstring).
FIELDWORK = stats.Borrowed(
    "fieldwork",
    "视察调研考察",
    ("fieldwork", "by_kind", "drafts", "finals", "reports", "participation"),
)


def _grouped(rows: QuerySet, field: str, **tally) -> dict[int, dict]:
    return {r[field]: r for r in rows.values(field).annotate(**tally).order_by()}


def _by_topic(scope: stats.Scope) -> list[dict]:
    """Each plan topic of the period's years, by year and as entered, with what was done on it
    in the period: four grouped queries however many topics there are."""
    outcomes = sent(scope)
    activities = _grouped(held(scope), "topic_id", n=Count("id"))
    sent_on = _grouped(outcomes, "topic_id", n=Count("id"))
    suggested = _grouped(
        Suggestion.objects.filter(outcome__in=outcomes),
        "outcome__topic_id",
        made=Count("id"),
        adopted=Count("id", filter=Q(state__in=ADOPTED)),
        implemented=Count("id", filter=Q(state=Suggestion.State.IMPLEMENTED)),
    )
    none = {"n": 0, "made": 0, "adopted": 0, "implemented": 0}
    return [
        {
            "topic_id": pk,
            "label": title,
            "activities": activities.get(pk, none)["n"],
            "outcomes": sent_on.get(pk, none)["n"],
            "suggestions_made": suggested.get(pk, none)["made"],
            "suggestions_adopted": suggested.get(pk, none)["adopted"],
            "suggestions_implemented": suggested.get(pk, none)["implemented"],
        }
        for pk, title in planned(scope).order_by("year", "id").values_list("pk", "title")
    ]


def _rows(scope: stats.Scope, keys: tuple[str, ...]) -> dict[str, list[dict]]:
    return {"topic": _by_topic(scope)} if "topic" in keys else {}


def _names(scope: stats.Scope) -> dict[str, list[str]]:
    """The topics of the activities held, each once, in the order first consulted on."""
    topics = held(scope).order_by("date", "id").values_list("topic__title", flat=True)
    return {"activities": list(dict.fromkeys(t for t in topics if t))}


REPORT = (
    stats.ReportSection(
        "consultations",
        "协商议政",
        40,
        (
            (
                "{period}开展协商活动{activities}{activities:change}",
                "其中{by_form:items}",
                "围绕{activities:series}等议题建言献策",
            ),
            (
                "年度协商计划列入议题{topics_planned}",
                "已开展协商{topics_done}",
                "计划执行率{plan_rate}",
                "书面协商答复{written_answered}",
            ),
            (
                "报送协商成果{outcomes}{outcomes:change}",
                "其中{outcomes_by_kind:items}",
                "获领导批示{instructions}",
                "其中主要领导批示{instructions_main}",
            ),
            (
                "协商成果提出建议{suggestions_made}",
                "被采纳{suggestions_adopted}",
                "采纳率{adoption_rate}",
                "已落实{suggestions_implemented}",
                "落实率{implementation_rate}",
            ),
            (
                "委员参加协商{participation}",
                "群众参与基层协商{local_participation}",
                "参与协商的部门{departments}",
            ),
        ),
        omit=("by_level",),
    ),
)


def consultation_stats(scope: stats.Scope) -> dict:
    return {"period": scope.label, **stats.values(APP, scope)}


def _first_day(committee) -> date | None:
    """The earliest activity or outcome: an office may enter outcomes before any activity."""
    days = (
        stats.earliest(Consultation.objects.filter(committee=committee), "date"),
        stats.earliest(Outcome.objects.filter(committee=committee), "written_on"),
    )
    return min((day for day in days if day), default=None)


STATISTICS = stats.AppStats(
    app=APP,
    title="协商统计",
    page="consultation_stats",
    endpoint="/api/v1/consultations/stats",
    stats=STATS,
    counts=_counts,
    breakdowns=BREAKDOWNS,
    rows=_rows,
    borrowed=(FIELDWORK,),
    names=_names,
    report=REPORT,
    counted=_counted,
    first_day=_first_day,
)
