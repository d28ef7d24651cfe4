from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from zhengxie.core import roles
from zhengxie.core.actionforms import run_action
from zhengxie.core.api import AttachedFileOut, attached_files_out
from zhengxie.core.http import attachment_response
from zhengxie.core.inputs import Id, InSchema, ModelText, PeriodFilter, SearchText
from zhengxie.core.stats import response_schema
from zhengxie.members import queries as member_queries

from . import permissions, queries, services, stats, voting
from .actions import LEAVE_ACTIONS, VOTE_ACTIONS, Decision
from .models import LeaveRequest, Meeting, Share, Vote, VoteOption
from .stats import APP

router = Router(tags=["会议"])


class MeetingIn(InSchema):
    kind: Meeting.Kind
    title: ModelText(Meeting, "title")
    start: datetime = Field(description="无时区时按本会所在时区(北京时间)理解")
    end: datetime | None = None
    place: ModelText(Meeting, "place")
    invite: Meeting.Invite
    group_id: Id | None = None
    invitee_ids: list[Id] = []
    observer_ids: list[Id] = []
    agenda: ModelText(Meeting, "agenda") = ""
    study_hours: Decimal | None = Field(
        None, gt=0, le=999, max_digits=4, decimal_places=1, description="学时(学习培训)"
    )


class MeetingOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    start: datetime
    end: datetime
    place: str
    invite: str
    checkin_opens_at: datetime
    checkin_closes_at: datetime
    closed: bool


class AttendanceOut(Schema):
    expected: int
    present: int
    on_leave: int
    absent: int
    awaiting: int = Field(0, description="会议开始前尚未签到的人数(开始后计为缺席)")


class LiveCountsOut(AttendanceOut):
    rate: float
    quorum: bool = Field(description="到会人数是否已过应到人数的半数")


class CheckInIn(InSchema):
    code: SearchText = Field(
        "", description="会场大屏二维码中的签到码(委员本人),或委员的个人签到码(工作人员扫描)"
    )
    member_id: Id | None = Field(None, description="工作人员代为签到的委员")


class HallCodeOut(Schema):
    code: str
    url: str
    turns_in: int


class LeaveIn(InSchema):
    reason: ModelText(LeaveRequest, "reason")


class LeaveOut(Schema):
    id: int
    member: str
    reason: str
    state: str


def _out(m: Meeting) -> dict:
    return {
        "id": m.pk,
        "kind": m.kind,
        "kind_label": m.get_kind_display(),
        "title": m.title,
        "start": m.starts_at,
        "end": m.ends_at,
        "place": m.place,
        "invite": m.invite_rule,
        "checkin_opens_at": m.checkin_opens_at,
        "checkin_closes_at": m.checkin_closes_at,
        "closed": m.closed_at is not None,
    }


@router.get("/meetings", response=list[MeetingOut], summary="会议列表")
def meeting_list(request):
    return [_out(m) for m in queries.meetings_for(request.auth)[:200]]


@router.post("/meetings", response={201: MeetingOut}, summary="新建会议")
def meeting_create(request, payload: MeetingIn):
    if not permissions.can_create_meeting(request.auth):
        raise PermissionDenied
    meeting = services.meeting_create(
        actor=request.auth,
        kind=payload.kind,
        title=payload.title,
        starts_at=payload.start,
        ends_at=payload.end,
        place=payload.place,
        invite_rule=payload.invite,
        rule_group_id=payload.group_id,
        invitee_ids=payload.invitee_ids,
        observer_ids=payload.observer_ids,
        agenda=payload.agenda,
        study_hours=payload.study_hours,
    )
    return Status(201, _out(meeting))


# One field per registered statistic: a statistic declared in stats.py is served here as is.
StatsOut = response_schema("MeetingStatsOut", APP)


@router.get("/meetings/stats", response=StatsOut, summary="会议统计(按类型)")
def meeting_stats(request, filters: Query[PeriodFilter]):
    if not request.auth.has_role(roles.STAFF, roles.LEADER):
        raise PermissionDenied
    return stats.meeting_stats(request.auth.committee, filters.start, filters.end)


@router.get("/meetings/{meeting_id}", response=MeetingOut, summary="会议详情")
def meeting_detail(request, meeting_id: Id):
    return _out(queries.meeting_for_user(request.auth, meeting_id))


@router.get(
    "/meetings/{meeting_id}/materials",
    response=list[AttachedFileOut],
    summary="会议材料列表",
    description="受邀委员(含列席)和机关工作人员可见。",
)
def materials(request, meeting_id: Id):
    meeting = queries.meeting_for_user(request.auth, meeting_id)
    url = f"/api/v1/meetings/{meeting.pk}/materials"
    return attached_files_out(request.auth, meeting, audience=queries.materials_for, url=url)


@router.get("/meetings/{meeting_id}/materials/{material_id}", summary="下载会议材料")
def material_download(request, meeting_id: Id, material_id: Id):
    meeting = queries.meeting_for_user(request.auth, meeting_id)
    return attachment_response(request.auth, meeting, material_id, audience=queries.materials_for)


@router.post(
    "/meetings/{meeting_id}/checkin",
    response=LiveCountsOut,
    summary="签到(须会场签到码、个人签到码或工作人员代签;可重复)",
)
def checkin(request, meeting_id: Id, payload: CheckInIn | None = None):
    meeting = queries.meeting_for_user(request.auth, meeting_id)
    payload = payload or CheckInIn()
    member = None
    if payload.member_id is not None:
        member = member_queries.member_for_user(request.auth, payload.member_id)
    services.check_in(actor=request.auth, meeting=meeting, member=member, code=payload.code)
    return queries.live_counts(meeting)


@router.get("/meetings/{meeting_id}/hall-code", response=HallCodeOut, summary="会场签到码(大屏)")
def hall_code(request, meeting_id: Id):
    meeting = queries.meeting_for_user(request.auth, meeting_id)
    if not permissions.runs_meeting(request.auth, meeting):
        raise PermissionDenied
    now = timezone.now()
    code = services.hall_code(meeting, now)
    return {
        "code": code,
        "url": request.build_absolute_uri(reverse("meeting_scan", args=[code])),
        "turns_in": services.hall_code_turns_in(now),
    }


@router.post("/meetings/{meeting_id}/leave", response={201: LeaveOut}, summary="请假")
def leave(request, meeting_id: Id, payload: LeaveIn):
    request_ = services.leave_request(
        actor=request.auth,
        meeting=queries.meeting_for_user(request.auth, meeting_id),
        reason=payload.reason,
    )
    return Status(
        201,
        {
            "id": request_.pk,
            "member": request_.member.name,
            "reason": request_.reason,
            "state": request_.state,
        },
    )


@router.post(
    "/meetings/{meeting_id}/leaves/{leave_id}/actions/{action}",
    response=LeaveOut,
    summary="审批请假(" + " 或 ".join(LEAVE_ACTIONS) + ")",
)
def leave_decide(
    request, meeting_id: Id, leave_id: Id, action: str, payload: Decision | None = None
):
    leave = queries.leave_for_user(request.auth, meeting_id, leave_id)
    data = payload.model_dump() if payload else {}
    decided = run_action(LEAVE_ACTIONS, request.auth, leave, action, data)
    return {
        "id": decided.pk,
        "member": decided.member.name,
        "reason": decided.reason,
        "state": decided.state,
    }


@router.get("/meetings/{meeting_id}/attendance", response=AttendanceOut, summary="出勤情况")
def meeting_attendance(request, meeting_id: Id):
    meeting = queries.meeting_for_user(request.auth, meeting_id)
    sheet = queries.attendance(meeting)
    return {
        "expected": sheet.expected,
        "present": sheet.present,
        "on_leave": sheet.on_leave,
        "absent": sheet.absent,
        "awaiting": sheet.awaiting,
    }


class VoteIn(InSchema):
    kind: ModelText(Vote, "kind") = "motion"
    title: ModelText(Vote, "title")
    options: list[ModelText(VoteOption, "label")] = []
    secret: bool = True
    quorum: ModelText(Vote, "quorum") = Field(
        Vote.Quorum.HALF, description="half、two_thirds、none"
    )
    pass_base: ModelText(Vote, "pass_base") = Field(
        Vote.Base.MEMBERS, description="members、present 或 voted"
    )
    pass_share: ModelText(Vote, "pass_share") = Field(Share.HALF, description="half 或 two_thirds")


class BallotIn(InSchema):
    choices: dict[str, str]


@router.post("/meetings/{meeting_id}/votes", response={201: dict}, summary="新建表决或选举")
def vote_create(request, meeting_id: Id, payload: VoteIn):
    vote = voting.vote_create(
        actor=request.auth,
        meeting=queries.meeting_for_user(request.auth, meeting_id),
        kind=payload.kind,
        title=payload.title,
        options=payload.options,
        secret=payload.secret,
        quorum=payload.quorum,
        pass_base=payload.pass_base,
        pass_share=payload.pass_share,
    )
    return Status(
        201,
        {
            "id": vote.pk,
            "state": vote.state,
            "quorum": vote.get_quorum_display(),
            "rule": vote.rule_label(),
            "options": [{"id": o.pk, "label": o.label} for o in vote.options.all()],
        },
    )


@router.post("/votes/{vote_id}/actions/{action}", summary="开始(open)或结束(close)投票")
def vote_action(request, vote_id: Id, action: str):
    vote = queries.vote_for_user(request.auth, vote_id)
    vote = run_action(VOTE_ACTIONS, request.auth, vote, action)
    return {"id": vote.pk, "state": vote.state}


@router.post("/votes/{vote_id}/ballot", summary="投票(本人,每人一次)")
def ballot(request, vote_id: Id, payload: BallotIn):
    voting.ballot_cast(
        actor=request.auth,
        vote=queries.vote_for_user(request.auth, vote_id),
        choices=payload.choices,
    )
    return {"detail": "投票成功。"}


@router.get("/votes/{vote_id}/result", summary="投票结果(结束后公布)")
def result(request, vote_id: Id):
    return voting.vote_result(queries.vote_for_user(request.auth, vote_id))
