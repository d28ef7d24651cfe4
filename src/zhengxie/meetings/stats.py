"""Meeting statistics of a period: meetings held by kind, and attendance per kind and per
member. Attendance counts closed meetings only, so the figures are final."""

import re
from collections import Counter
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from zhengxie.core import stats
from zhengxie.core.models import Committee
from zhengxie.core.stats import Rate, stat

from .models import CheckIn, Invitation, LeaveRequest, Meeting, Speech

# The list the counts of meetings link to (`?counted=<key>&item=<kind>&from=&to=`).
LIST = "meeting_list"
USED = (Speech.State.SELECTED_ORAL, Speech.State.SELECTED_WRITTEN, Speech.State.DELIVERED)
STATS = (
    stat("total", "召开会议", "次", "期内召开的各类会议次数", records=LIST),
    stat(
        "by_kind",
        "各类会议",
        "次",
        "期内召开的会议按类型的次数",
        per_item=True,
        items=tuple(Meeting.Kind.choices),
        records=LIST,
    ),
    stat("speeches", "提交大会发言", "篇", "期内召开的会议收到的大会发言篇数(口头、书面)"),
    stat(
        "speeches_used",
        "采用大会发言",
        "篇",
        "期内召开的会议安排口头发言、作为书面发言印发或已在大会发言的篇数",
    ),
)


# One invitation is one person at one meeting: present if they checked in, else on leave if
# approved, else absent; an observer's (列席) check-in is counted apart, never as attendance.
KIND_COLUMNS = (
    stat("meetings", "会议", "次", "已确认考勤的会议次数"),
    stat("expected", "应出席", "人次", "受邀出席(不含列席)的人次"),
    stat("present", "出席", "人次", "受邀并签到的人次"),
    stat("on_leave", "请假", "人次", "未签到、请假获批准的人次"),
    Rate(
        key="rate",
        label="出勤率",
        parts=("present",),
        whole="expected",
        definition="出席人次 ÷ 应出席人次",
    ),
    stat("observers", "列席", "人次", "列席并签到的人次,不计入出勤"),
)
MEMBER_COLUMNS = (
    stat("invited", "应出席", "次", "受邀出席(不含列席)的会议次数"),
    stat("present", "出席", "次", "受邀并签到的会议次数"),
    stat("on_leave", "请假", "次", "未签到、请假获批准的会议次数"),
    stat("absent", "无故缺席", "次", "既未签到也未获准请假的会议次数", alert=True),
    Rate(
        key="rate",
        label="出勤率",
        parts=("present",),
        whole="invited",
        definition="出席次数 ÷ 应出席次数",
        empty="—",
    ),
    stat("observed", "列席", "次", "列席并签到的会议次数,不计入出勤"),
)
BREAKDOWNS = (
    stats.Breakdown("kind", "会议类型", KIND_COLUMNS),
    stats.Breakdown("member", "委员", MEMBER_COLUMNS),
)


def held(scope: stats.Scope) -> QuerySet[Meeting]:
    return Meeting.objects.filter(scope.moments("starts_at"), committee=scope.committee)


def _counted(scope: stats.Scope, key: str, item: str) -> QuerySet[Meeting]:
    """The meetings `total` counts, or `by_kind` of one kind."""
    return held(scope).filter(kind=item) if item else held(scope)


def _counts(scope: stats.Scope) -> dict:
    rows = held(scope)
    by_kind = dict(rows.values_list("kind").annotate(n=Count("id")).order_by())
    speeches = Speech.objects.filter(meeting__in=rows).aggregate(
        speeches=Count("id"), speeches_used=Count("id", filter=Q(state__in=USED))
    )
    return {
        "total": sum(by_kind.values()),
        "by_kind": {kind: by_kind.get(kind, 0) for kind in Meeting.Kind.values},
        **speeches,
    }


# The kinds of meeting a report names the topics of (全体会议, 常委会议).
NAMED_KINDS = (Meeting.Kind.PLENARY, Meeting.Kind.STANDING)
# An agenda line's numbering: 一、 二. （三） (4) 5、 6.
NUMBERING = re.compile(
    r"^(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十\d]+\s*[、.．])\s*"
)


def agenda_topics(agenda: str) -> list[str]:
    """The items of an agenda (议程), one a line, as a report names them: without their
    numbering and blank lines."""
    lines = (NUMBERING.sub("", line.strip()).strip() for line in agenda.splitlines())
    return [line for line in lines if line]


def _names(scope: stats.Scope) -> dict[str, list[str]]:
    """The topics of the 全体会议 and 常委会议 held, each once, in the order first taken up."""
    topics: dict[str, dict[str, None]] = {kind: {} for kind in NAMED_KINDS}
    rows = held(scope).filter(kind__in=NAMED_KINDS).order_by("starts_at", "id")
    for kind, agenda in rows.values_list("kind", "agenda"):
        topics[kind].update(dict.fromkeys(agenda_topics(agenda)))
    return {f"by_kind.{kind}": list(names) for kind, names in topics.items()}


def _first_day(committee: Committee) -> date | None:
    return stats.earliest(Meeting.objects.filter(committee=committee), "starts_at")


def _scope(committee: Committee, start: date | None, end: date | None) -> stats.Scope:
    return stats.Scope(committee, start=start, end=end)


def meeting_stats(committee: Committee, start: date | None, end: date | None) -> dict:
    return stats.values(APP, _scope(committee, start, end))


def _closed(scope: stats.Scope) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        scope.moments("starts_at"), committee=scope.committee, closed_at__isnull=False
    )


def _invitations(meetings: QuerySet[Meeting]) -> QuerySet[Invitation]:
    came = CheckIn.objects.filter(meeting=OuterRef("meeting_id"), member=OuterRef("member_id"))
    excused = LeaveRequest.objects.filter(
        meeting=OuterRef("meeting_id"),
        member=OuterRef("member_id"),
        state=LeaveRequest.State.APPROVED,
    )
    return Invitation.objects.filter(meeting__in=meetings).annotate(
        came=Exists(came), excused=Exists(excused)
    )


TALLY = {
    "expected": Count("pk", filter=Q(role=Invitation.Role.INVITEE)),
    "present": Count("pk", filter=Q(role=Invitation.Role.INVITEE, came=True)),
    "on_leave": Count("pk", filter=Q(role=Invitation.Role.INVITEE, came=False, excused=True)),
    "observers": Count("pk", filter=Q(role=Invitation.Role.OBSERVER, came=True)),
}


def _by_member(scope: stats.Scope) -> list[dict]:
    """Per member: meetings invited to, attended, on leave, absent without leave, and
    meetings attended as an observer; the most absences first."""
    rows = (
        _invitations(_closed(scope))
        .values("member_id", "member__name", "member__sort_key")
        .annotate(**TALLY)
        .order_by()
    )
    result = [
        {
            "member_id": r["member_id"],
            "name": r["member__name"],
            "label": r["member__name"],
            "sort_key": r["member__sort_key"],
            "invited": r["expected"],
            "present": r["present"],
            "on_leave": r["on_leave"],
            "absent": r["expected"] - r["present"] - r["on_leave"],
            "observed": r["observers"],
        }
        for r in rows
    ]
    return sorted(result, key=lambda r: (-r["absent"], r["sort_key"], r["member_id"]))


def _by_kind(scope: stats.Scope) -> list[dict]:
    """Per meeting kind held: meetings, attendances expected, present, on leave, and
    observers present apart."""
    meetings = _closed(scope)
    held = Counter(meetings.values_list("kind", flat=True))
    tallies = {
        r["meeting__kind"]: r
        for r in _invitations(meetings).values("meeting__kind").annotate(**TALLY).order_by()
    }
    labels = dict(Meeting.Kind.choices)
    rows = []
    for kind in (k for k in Meeting.Kind.values if held[k]):
        tally = tallies.get(kind, dict.fromkeys(TALLY, 0))
        rows.append(
            {
                "kind": kind,
                "label": labels[kind],
                "meetings": held[kind],
                **{key: tally[key] for key in ("expected", "present", "on_leave", "observers")},
            }
        )
    return rows


_ROWS = {"kind": _by_kind, "member": _by_member}


def _rows(scope: stats.Scope, keys: tuple[str, ...]) -> dict[str, list[dict]]:
    return {key: _ROWS[key](scope) for key in keys}


def member_attendance(committee: Committee, start: date | None, end: date | None) -> list[dict]:
    return stats.table(APP, _scope(committee, start, end), "member").rows


def kind_attendance(committee: Committee, start: date | None, end: date | None) -> list[dict]:
    return stats.table(APP, _scope(committee, start, end), "kind").rows


REPORT = (
    stats.ReportSection(
        "meetings",
        "会议",
        10,
        (
            (
                "{period}召开{by_kind:items}{total:change}",
                "；全体会议围绕{by_kind.plenary:series}等议题协商议政",
                "；常委会议围绕{by_kind.standing:series}等议题协商议政",
            ),
        ),
    ),
    stats.ReportSection(
        "speeches",
        "大会发言",
        60,
        (("收到大会发言{speeches}{speeches:change}", "采用{speeches_used}"),),
    ),
)

APP = "meetings"
STATISTICS = stats.AppStats(
    app=APP,
    title="会议统计",
    page="meeting_stats",
    endpoint="/api/v1/meetings/stats",
    stats=STATS,
    counts=_counts,
    breakdowns=BREAKDOWNS,
    rows=_rows,
    report=REPORT,
    counted=_counted,
    names=_names,
    first_day=_first_day,
)
