"""The activities area's tables on the one engine (core.workflow): a consultation's steps, a
department's pre-meeting material, and a 书面协商 request's.

Actors: `staff` (the committee's office), `leader` (主席会议成员: records why a topic is
consulted without research first), `participant` (a member who may post a written opinion:
anyone of the committee's current members for an activity without a meeting, an invitee of
its meeting otherwise), `unit` (the department a material is owed by), `member` (a member
of the special committee a written request is assigned to)."""

from zhengxie.core import errors, roles
from zhengxie.core.errors import Problem
from zhengxie.core.workflow import Guard, Workflow, t, timeline_row
from zhengxie.meetings.models import Invitation
from zhengxie.members.models import Membership
from zhengxie.members.permissions import unit_account
from zhengxie.members.queries import current_members

from ..models import (
    MEETING_FORMS,
    Consultation,
    ConsultationStep,
    MaterialRequest,
    WrittenRequest,
)

S = Consultation.State

RESEARCH_FIRST = Problem(
    "research_first",
    "不调研不协商:该议题尚无定稿的调研报告,也没有主席会议成员记录的免于先行调研理由,不能开展协商。",
    409,
)
RESEARCH_READY = Problem("research_ready", "该议题已有定稿的调研报告或免于先行调研的记录。", 409)
WRONG_STATE = Problem("consultation_wrong_state", "协商活动当前状态不允许此操作。", 409)
HAS_MEETING = Problem("has_meeting", "该协商活动已安排会议。", 409)
NOT_A_MEETING = Problem("not_a_meeting", "该协商形式不以会议方式开展。", 409)
ATTENDED_AT_MEETING = Problem(
    "attended_at_meeting", "该协商以会议方式开展,参加委员以会议签到为准。", 409
)
MEMBERS_RECORDED = Problem(
    "members_recorded", "已登记参加委员,不能再安排会议;如需开会,请先清空参加委员名单。", 409
)


def _own(user, obj, *names: str) -> bool:
    return user.has_role(*names) and user.committee_id == obj.committee_id


def _member(user, committee_id: int):
    member = getattr(user, "member", None)
    if member is None or member.committee_id != committee_id:
        return None
    return member if current_members(committee_id).filter(pk=member.pk).exists() else None


def takes_part(user, consultation: Consultation) -> bool:
    member = _member(user, consultation.committee_id)
    if member is None:
        return False
    if consultation.meeting_id is None:
        return True
    return Invitation.objects.filter(meeting_id=consultation.meeting_id, member=member).exists()


ACTORS = {
    "staff": lambda user, c: _own(user, c, roles.STAFF),
    "leader": lambda user, c: _own(user, c, roles.LEADER),
    "participant": takes_part,
}


def record_step(actor, consultation: Consultation, action: str, *, before, now, note) -> None:
    timeline_row(
        ConsultationStep,
        actor,
        consultation,
        action,
        before=before,
        now=now,
        note=note,
        consultation=consultation,
    )


def _research_ready(c: Consultation) -> bool:
    return c.topic.research_ready


def _meeting_free(c: Consultation) -> bool:
    return c.meeting_id is None


def _meets(c: Consultation) -> bool:
    return c.form in MEETING_FORMS


def _no_members_recorded(c: Consultation) -> bool:
    # Attendance is the meeting's or the list's, never both: a member is not credited twice.
    return not c.member_attendance.exists()


CONSULTATION = Workflow(
    name="consultation",
    model=Consultation,
    noun="协商活动",
    actors=ACTORS,
    forbidden=errors.FORBIDDEN,
    wrong_state=WRONG_STATE,
    record=record_step,
    link=lambda c: f"/consultations/{c.pk}/",
    summary=lambda c: c.title,
    transitions=[
        t(
            "reschedule",
            "调整时间地点",
            {S.PLANNED},
            None,
            "staff",
            audit="consultation.reschedule",
        ),
        t(
            "convene",
            "安排协商会议",
            {S.PLANNED},
            None,
            "staff",
            audit="consultation.convene",
            guards=[
                Guard(_meets, NOT_A_MEETING),
                Guard(_meeting_free, HAS_MEETING),
                Guard(_no_members_recorded, MEMBERS_RECORDED),
            ],
        ),
        t(
            "open_online",
            "设置网上议政时段",
            {S.PLANNED},
            None,
            "staff",
            audit="consultation.open_online",
        ),
        t(
            "request_material",
            "通知部门报送会前材料",
            {S.PLANNED},
            None,
            "staff",
            audit="consultation.request_material",
        ),
        t(
            "link_proposals",
            "关联所涉提案",
            {S.PLANNED, S.HELD},
            None,
            "staff",
            audit="consultation.link_proposals",
        ),
        t(
            "record_interview",
            "登记约谈对象",
            {S.PLANNED, S.HELD},
            None,
            "staff",
            audit="consultation.record_interview",
        ),
        t(
            "add_participant",
            "登记基层群众参与人",
            {S.PLANNED, S.HELD},
            None,
            "staff",
            audit="consultation.add_participant",
        ),
        t(
            "record_attendance",
            "登记部门到会情况",
            {S.PLANNED, S.HELD},
            None,
            "staff",
            audit="consultation.record_attendance",
        ),
        t(
            "record_members",
            "登记参加委员",
            {S.PLANNED, S.HELD},
            None,
            "staff",
            audit="consultation.record_members",
            guards=[Guard(_meeting_free, ATTENDED_AT_MEETING)],
        ),
        t(
            "opine",
            "提交书面意见",
            {S.PLANNED, S.HELD},
            None,
            "participant",
            audit="consultation.opine",
        ),
        t(
            "exempt",
            "记录免于先行调研理由",
            {S.PLANNED},
            None,
            "leader",
            audit="consultation.exempt",
            guards=[Guard(lambda c: not _research_ready(c), RESEARCH_READY)],
        ),
        t(
            "hold",
            "登记已开展",
            {S.PLANNED},
            S.HELD,
            "staff",
            audit="consultation.hold",
            guards=[Guard(_research_ready, RESEARCH_FIRST)],
        ),
        t("cancel", "取消", {S.PLANNED}, S.CANCELLED, "staff", audit="consultation.cancel"),
    ],
)

MATERIAL_FORBIDDEN = Problem("material_forbidden", "这份会前材料不由您的单位报送。", 403)
MATERIAL_STATE = Problem("material_state", "这份会前材料当前不能报送。", 409)
MATERIAL_CLOSED = Problem("material_closed", "协商活动已结束或取消,不再接收会前材料。", 409)


def _owing_unit(user, request: MaterialRequest) -> bool:
    account = unit_account(user)
    return account is not None and account.unit_id == request.unit_id


# A material request has no state column: it is owed until a file arrives (`received_at`).
MATERIAL = Workflow(
    name="material",
    model=MaterialRequest,
    noun="会前材料",
    actors={
        "unit": _owing_unit,
        "staff": lambda user, m: _own(user, m.consultation, roles.STAFF),
    },
    forbidden=MATERIAL_FORBIDDEN,
    wrong_state=MATERIAL_STATE,
    # A department reads its materials on its own page, not the consultation.
    link=lambda m: "/consultations/materials/",
    summary=lambda m: m.title,
    transitions=[
        t(
            "submit",
            "报送会前材料",
            {MaterialRequest.State.OWED, MaterialRequest.State.RECEIVED},
            MaterialRequest.State.RECEIVED,
            "unit",
            "staff",
            audit="consultation.material_submit",
            guards=[Guard(lambda m: m.consultation.state == S.PLANNED, MATERIAL_CLOSED)],
        ),
    ],
)

W = WrittenRequest.State
WRITTEN_STATE = Problem("written_request_state", "该书面协商当前状态不允许此操作。", 409)


def gathers_opinion(user, request: WrittenRequest) -> bool:
    """A member of the special committee the request was assigned to."""
    member = _member(user, request.committee_id)
    if member is None or request.special_committee_id is None:
        return False
    return Membership.objects.filter(
        member=member,
        term__is_current=True,
        left_on=None,
        special_committees=request.special_committee_id,
    ).exists()


WRITTEN_REQUEST = Workflow(
    name="written_request",
    model=WrittenRequest,
    noun="书面协商",
    actors={
        "staff": lambda user, w: _own(user, w, roles.STAFF),
        "member": gathers_opinion,
    },
    forbidden=errors.FORBIDDEN,
    wrong_state=WRITTEN_STATE,
    link=lambda w: f"/consultations/written-requests/{w.pk}/",
    summary=lambda w: w.document,
    transitions=[
        t("assign", "交专委会征求意见", {W.RECEIVED}, W.ASSIGNED, "staff", audit="written.assign"),
        t("opine", "提交书面意见", {W.ASSIGNED}, None, "member", audit="written.opine"),
        t("answer", "书面答复", {W.ASSIGNED}, W.ANSWERED, "staff", audit="written.answer"),
    ],
)
