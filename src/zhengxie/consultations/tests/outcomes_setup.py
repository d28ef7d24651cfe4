"""What the outcome tests build: an outcome through the services, sent, instructed, fed back;
a standing-committee vote on a 建议案. Plain functions over the shared personas `p`."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from zhengxie.consultations import services
from zhengxie.consultations.models import Outcome
from zhengxie.meetings import services as meetings
from zhengxie.meetings import voting

TZ = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 3, 20, 9, 0, tzinfo=TZ)
WRITTEN = date(2026, 3, 1)


def outcome(
    p, title="关于全县义务教育均衡发展的调研报告", kind=Outcome.Kind.RESEARCH_REPORT, **extra
):
    """李委员 wrote it, 丁委员 took part; three numbered suggestions."""
    fields = {
        "suggestions": ["加大财政投入", "优化学校布局", "加强师资队伍建设"],
        "authors": [p.plain.member],
        "participants": [p.another.member],
        **extra,
    }
    return services.outcome_create(
        committee=p.committee,
        kind=kind,
        title=title,
        text="调研发现……",
        written_on=WRITTEN,
        actor=p.staff,
        **fields,
    )


def sent(p, **extra):
    o = outcome(p, **extra)
    services.outcome_send(actor=p.staff, outcome=o, to="party", recipient="县委")
    return o


def instructed(p, due_on=None, unit=None, **extra):
    """An instruction to 县教育局, given 20 days before its due date (in 30 days by default)."""
    o = sent(p, **extra)
    due_on = due_on or timezone.localdate() + timedelta(days=30)
    task = services.outcome_instruct(
        actor=p.staff,
        outcome=o,
        leader="县委书记",
        text="请县教育局研究落实。",
        unit=unit or p.unit,
        due_on=due_on,
        given_on=due_on - timedelta(days=20),
    )
    return o, task


def fed_back(p, **extra):
    o, task = instructed(p, **extra)
    services.task_feedback(actor=p.unit_user, task=task, text="已制定三年行动计划。")
    return o, task


def informed(p, **extra):
    o, task = fed_back(p, **extra)
    services.outcome_conclude(actor=p.staff, outcome=o)
    services.outcome_inform(actor=p.staff, outcome=o, result="县委常委会研究采纳,列入年度计划。")
    return o, task


def standing_vote(p, passes=True):
    """A 常委会议 (the chair and 王常委 invited and present) votes on a motion: both for, or
    both against."""
    meeting = meetings.meeting_create(
        actor=p.staff,
        kind="standing",
        title="十届第十五次常委会议",
        starts_at=START,
        ends_at=START + timedelta(hours=3),
        place="县政协四楼会议室",
        invite_rule="standing",
    )
    vote = voting.vote_create(
        actor=p.staff, meeting=meeting, kind="motion", title="审议建议案", options=[]
    )
    for persona in (p.chair, p.standing):
        code = meetings.hall_code(meeting, START)
        meetings.check_in(actor=persona.member.user, meeting=meeting, code=code, now=START)
    voting.vote_open(actor=p.staff, vote=vote)
    choice = "for" if passes else "against"
    option = vote.options.get()
    for persona in (p.chair, p.standing):
        voting.ballot_cast(actor=persona.member.user, vote=vote, choices={str(option.pk): choice})
    voting.vote_close(actor=p.staff, vote=vote)
    return vote


def refusal(fn, **kwargs) -> tuple[int, str]:
    """The status and code a service refuses with."""
    import pytest

    from zhengxie.core.errors import ServiceError

    with pytest.raises(ServiceError) as exc:
        fn(**kwargs)
    return exc.value.status, exc.value.code
