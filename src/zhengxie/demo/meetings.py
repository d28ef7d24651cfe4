"""Demo meetings: the 2026 plenary with its group discussions, standing-committee, chairs'
and party-group meetings, a training; attendance confirmed, a vote, speeches, a briefing;
and an upcoming standing-committee meeting to check in to."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from zhengxie.core.models import Committee, Session, User
from zhengxie.meetings import services, speeches, voting
from zhengxie.meetings.models import Meeting, Vote
from zhengxie.members.models import Membership, SectorGroup

TZ = ZoneInfo("Asia/Shanghai")
YEAR_PLAN = [  # (kind, title, month, day, rule)
    ("party_group", "党组会议", 2, 3, "chairs"),
    ("chairs", "主席会议", 2, 10, "chairs"),
    ("standing", "十届第十八次常委会议", 3, 26, "standing"),
    ("training", "全县政协委员履职能力提升培训班", 4, 16, "all"),
    ("chairs", "主席会议", 5, 12, "chairs"),
    ("briefing", "全县经济运行情况通报会", 6, 18, "standing"),
    ("standing", "十届第十九次常委会议", 7, 9, "standing"),
    ("chairs", "主席会议", 9, 8, "chairs"),
    ("standing", "十届第二十次常委会议", 10, 28, "standing"),
]


# What the plenary and the standing committee took up (议程), which the work report names.
AGENDAS = {
    "开幕会": "一、政协常委会工作报告\n二、常委会关于提案工作情况的报告\n三、县政府工作报告",
    "十届第十八次常委会议": "一、十届五次会议提案审查情况\n二、年度协商工作计划",
    "十届第十九次常委会议": "一、上半年全县经济运行情况\n二、农村人居环境整治",
    "十届第二十次常委会议": "一、县域医疗卫生服务体系建设\n二、农村公路养护",
}

# 学时 a member present is credited (the meetings that count as training).
STUDY_HOURS = {"training": Decimal("6"), "briefing": Decimal("2")}


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), TZ)


def meeting_held(
    meeting: Meeting, rng: random.Random, staff: User, attendance: float = 0.9
) -> None:
    """Members check in (most scan the hall screen, every fifth has the staff at the door scan
    their personal code), a few ask leave beforehand, staff confirm the attendance."""
    # By member: each invitation draws from the seeded rng, so their order must not vary (the
    # invitations themselves are created in whatever order the database lists the members).
    invitations = meeting.invitations.select_related("member__user").order_by("member_id")
    for n, invitation in enumerate(invitations):
        user = invitation.member.user
        roll = rng.random()
        if roll < attendance:
            _arrive(meeting, invitation.member, staff if n % 5 == 0 else user, rng)
        elif roll < attendance + 0.06:
            leave = services.leave_request(
                actor=user,
                meeting=meeting,
                reason="因公出差",
                now=meeting.starts_at - timedelta(days=2),
            )
            services.leave_decide(
                actor=staff,
                leave=leave,
                action="approve",
                now=meeting.starts_at - timedelta(days=1),
            )
    services.meeting_close(actor=staff, meeting=meeting, now=meeting.ends_at + timedelta(hours=1))


def _arrive(meeting: Meeting, member, actor: User, rng: random.Random) -> None:
    now = meeting.starts_at - timedelta(minutes=rng.randint(0, 50))
    if actor == member.user:
        code = services.hall_code(meeting, now)
    else:
        code = services.checkin_token(meeting, member)
    services.check_in(actor=actor, meeting=meeting, code=code, now=now)


def _plenary(committee: Committee, session: Session, staff: User, rng: random.Random) -> None:
    opening = services.meeting_create(
        actor=staff,
        kind="plenary",
        title=f"{session.label}开幕会",
        session=session,
        starts_at=_at(session.start_date),
        place="县会议中心大礼堂",
        invite_rule="all",
        leaders_present="县委书记、县长、县人大常委会主任",
        agenda=AGENDAS["开幕会"],
        notify_invitees=False,
    )
    members = list(
        Membership.objects.filter(term=session.term, left_on=None).select_related("member__user")
    )
    for n, membership in enumerate(rng.sample(members, 8)):
        speech = speeches.speech_submit(
            actor=membership.member.user,
            meeting=opening,
            kind="oral" if n < 5 else "written",
            title=[
                "关于加快县域经济高质量发展的建议",
                "关于推进乡村全面振兴的思考",
                "关于办好人民满意教育的建议",
                "关于提升基层医疗服务能力的建议",
                "关于加强生态环境保护的建议",
                "关于发展文化旅游产业的建议",
                "关于优化营商环境的建议",
                "关于加强社会治理的建议",
            ][n],
            text="(发言稿全文)",
            now=_at(session.start_date - timedelta(days=10)),
        )
        speeches.speech_decide(
            actor=staff, speech=speech, action="select_oral" if n < 3 else "select_written"
        )
    meeting_held(opening, rng, staff, 0.93)
    for group in SectorGroup.objects.filter(committee=committee)[:3]:
        discussion = services.meeting_create(
            actor=staff,
            kind="group_discussion",
            title=f"{group.name}联组讨论",
            session=session,
            starts_at=_at(session.start_date + timedelta(days=1), 14),
            place="县会议中心分组讨论室",
            invite_rule="sector_group",
            rule_group_id=group.pk,
            notify_invitees=False,
        )
        meeting_held(discussion, rng, staff, 0.9)
    people = [m.member for m in rng.sample(members, 3)]
    speeches.briefing_issue(
        actor=staff,
        session=session,
        title="委员分组讨论政府工作报告",
        issued_on=session.start_date + timedelta(days=1),
        items=[
            {"member": people[0], "opinion": "建议把发展县域特色产业放在更加突出的位置。"},
            {"member": people[1], "opinion": "建议加大农村寄宿制学校投入。"},
            {"member": people[2], "opinion": "建议加快补齐基层医疗短板。"},
        ],
    )
    closing = services.meeting_create(
        actor=staff,
        kind="plenary",
        title=f"{session.label}闭幕会",
        session=session,
        starts_at=_at(session.end_date),
        place="县会议中心大礼堂",
        invite_rule="all",
        notify_invitees=False,
    )
    meeting_held(closing, rng, staff, 0.92)


def motion_put(meeting: Meeting, staff: User, title: str) -> Vote:
    return voting.vote_create(actor=staff, meeting=meeting, kind="motion", title=title, options=[])


def motion_carried(vote: Vote, staff: User, rng: random.Random) -> Vote:
    """The motion put to the members present, who nearly all vote for it."""
    voting.vote_open(actor=staff, vote=vote)
    option = vote.options.get()
    # By member: each ballot draws from the seeded rng.
    check_ins = vote.meeting.check_ins.select_related("member__user").order_by("member_id")
    for check_in in check_ins:
        choice = rng.choices(["for", "against", "abstain"], [95, 2, 3])[0]
        voting.ballot_cast(actor=check_in.member.user, vote=vote, choices={str(option.pk): choice})
    voting.vote_close(actor=staff, vote=vote)
    return vote


def demo_meetings(committee: Committee, seed: int = 7) -> None:
    rng = random.Random(seed)
    staff = User.objects.get(username="staff")
    session = (
        Session.objects.filter(term__committee=committee, term__is_current=True)
        .order_by("-number")
        .first()
    )
    _plenary(committee, session, staff, rng)
    for kind, title, month, day, rule in YEAR_PLAN:
        meeting = services.meeting_create(
            actor=staff,
            kind=kind,
            title=title,
            starts_at=_at(date(2026, month, day)),
            place="县政协四楼会议室",
            invite_rule=rule,
            agenda=AGENDAS.get(title, ""),
            notify_invitees=False,
            study_hours=STUDY_HOURS.get(kind),
        )
        meeting_held(meeting, rng, staff)
        if kind == "standing" and month == 3:
            motion = motion_put(meeting, staff, "关于十届五次会议提案审查情况的报告")
            motion_carried(motion, staff, rng)
    soon = timezone.localtime() + timedelta(days=3)
    services.meeting_create(
        actor=staff,
        kind="standing",
        title="十届第二十一次常委会议",
        starts_at=soon.replace(hour=9, minute=0, second=0, microsecond=0),
        place="县政协四楼会议室",
        invite_rule="standing",
        agenda="一、听取县政府关于民生实事办理情况的通报\n二、协商讨论年度协商计划(草案)",
    )
