"""The consultation activities API: list, detail, create, one endpoint per step; 书面协商
requests likewise. Path ids are declared `int` so that a later `/consultations/stats` is not
taken for an id."""

from datetime import date, datetime
from datetime import time as TimeOfDay

from django.http import Http404
from django.utils import timezone
from ninja import Body, Field, File, Query, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from zhengxie.core.actionforms import in_committee, run_action
from zhengxie.core.api import AttachedFileOut, attached_file_out, attached_files_out
from zhengxie.core.http import attachment_response
from zhengxie.core.inputs import EARLIEST, LATEST, Id, InSchema, ModelText, Pagination
from zhengxie.members.models import LiaisonStation, SectorGroup, SpecialCommittee

from ..actions.activities import ACTIONS, MATERIAL_ACTIONS, WRITTEN_ACTIONS
from ..models import Consultation, Form, Level, MaterialRequest, Topic, WrittenRequest
from ..queries import activities as reads
from ..services import activities as services
from ..workflow.activities import CONSULTATION, WRITTEN_REQUEST

router = Router(tags=["协商"])


class ConsultationIn(InSchema):
    topic_id: Id
    form: Form
    title: ModelText(Consultation, "title")
    date: date
    level: Level = Level.SPECIAL_COMMITTEE
    time: TimeOfDay | None = None
    place: ModelText(Consultation, "place") = ""
    special_committee_id: Id | None = None
    sector_group_id: Id | None = None
    station_id: Id | None = None
    co_hosts: ModelText(Consultation, "co_hosts") = Field(
        "", description="联合开展单位(人大代表联络站、党代表工作室等)"
    )


class ConsultationOut(Schema):
    id: int
    title: str
    form: str
    form_label: str
    level: str
    level_label: str
    state: str
    state_label: str
    topic_id: int
    topic: str
    research_ready: bool
    date: date
    time: TimeOfDay | None
    place: str
    organiser: str
    co_hosts: str
    meeting_id: int | None


class OpinionOut(Schema):
    member: str
    text: str
    submitted_at: datetime


class MaterialOut(Schema):
    id: int
    unit: str
    title: str
    due_on: date
    state: str
    received_at: datetime | None
    late: bool


class AttendanceOut(Schema):
    expected: int
    present: int
    on_leave: int
    absent: int


class ConsultationDetailOut(ConsultationOut):
    summary: str
    held_at: datetime | None
    cancel_reason: str
    interviewee: str
    opens_at: datetime | None
    closes_at: datetime | None
    online_open: bool
    proposals: list[str]
    members_present: list[str] = Field(
        description="不以会议方式开展的协商中登记参加的委员;机关和领导可见全部,委员只见本人"
    )
    participants: list[str] = Field(description="基层协商的群众参与人")
    opinions: list[OpinionOut] = Field(description="机关和领导可见全部;委员只见本人的")
    materials: list[MaterialOut] = Field(description="仅机关和领导可见")
    units_present: list[str] = Field(description="部门到会情况,仅机关和领导可见")
    attendance: AttendanceOut | None
    speeches: list[str]
    history: list[dict]
    actions: list[str]


def _organiser(c: Consultation) -> str:
    body = c.special_committee or c.sector_group or c.station
    return body.name if body else "政协机关"


def _summary(c: Consultation) -> dict:
    return {
        "id": c.pk,
        "title": c.title,
        "form": c.form,
        "form_label": c.get_form_display(),
        "level": c.level,
        "level_label": c.get_level_display(),
        "state": c.state,
        "state_label": c.get_state_display(),
        "topic_id": c.topic_id,
        "topic": c.topic.title,
        "research_ready": c.topic.research_ready,
        "date": c.date,
        "time": c.time,
        "place": c.place,
        "organiser": _organiser(c),
        "co_hosts": c.co_hosts,
        "meeting_id": c.meeting_id,
    }


def _attendance(c: Consultation) -> dict | None:
    sheet = reads.meeting_attendance(c)
    if sheet is None:
        return None
    return {k: getattr(sheet, k) for k in ("expected", "present", "on_leave", "absent")}


def _material(m: MaterialRequest, today: date) -> dict:
    return {
        "id": m.pk,
        "unit": m.unit.name,
        "title": m.title,
        "due_on": m.due_on,
        "state": m.state,
        "received_at": m.received_at,
        "late": m.is_late(today),
    }


def _detail(c: Consultation, user) -> dict:
    now = timezone.now()
    today = timezone.localdate(now)
    return {
        **_summary(c),
        "summary": c.summary,
        "held_at": c.held_at,
        "cancel_reason": c.cancel_reason,
        "interviewee": c.interviewee,
        "opens_at": c.opens_at,
        "closes_at": c.closes_at,
        "online_open": c.online_open(now),
        "proposals": [p.title for p in c.proposals.all()],
        "members_present": [a.member.name for a in reads.members_present_for(user, c)],
        "participants": [f"{p.name}({p.affiliation})" for p in c.local_participants.all()],
        "opinions": [
            {"member": o.member.name, "text": o.text, "submitted_at": o.submitted_at}
            for o in reads.opinions_for(user, c)
        ],
        "materials": [_material(m, today) for m in reads.material_requests_for(user, c)],
        "units_present": [
            f"{a.unit.name}:{a.attendees}" for a in reads.unit_attendance_for(user, c)
        ],
        "attendance": _attendance(c),
        "speeches": [f"{s.member.name}:{s.title}" for s in reads.speeches_of(user, c)],
        "history": [
            {"at": s.at, "actor": s.actor_label, "action": s.action, "note": s.note}
            for s in reads.steps_for(user, c)
        ],
        "actions": [
            tr.action
            for tr in CONSULTATION.offered(user, c)
            if reads.offered_now(c, tr.action, now)
        ],
    }


@router.post("/consultations", response={201: ConsultationDetailOut}, summary="新建协商活动")
def create(request, payload: ConsultationIn):
    actor = request.auth
    consultation = services.consultation_create(
        actor=actor,
        topic=in_committee(actor, Topic, payload.topic_id),
        form=payload.form,
        title=payload.title,
        date=payload.date,
        level=payload.level,
        time=payload.time,
        place=payload.place,
        special_committee=in_committee(actor, SpecialCommittee, payload.special_committee_id),
        sector_group=in_committee(actor, SectorGroup, payload.sector_group_id),
        station=in_committee(actor, LiaisonStation, payload.station_id),
        co_hosts=payload.co_hosts,
    )
    return Status(201, _detail(reads.consultation_for_user(actor, consultation.pk), actor))


class ConsultationFilter(InSchema):
    form: Form | None = None
    level: Level | None = None
    year: int | None = Field(None, ge=EARLIEST.year, le=LATEST.year)
    state: Consultation.State | None = None


@router.get("/consultations", response=list[ConsultationOut], summary="协商活动列表")
@paginate(Pagination)
def consultation_list(request, filters: Query[ConsultationFilter]):
    criteria = reads.ConsultationFilter(**filters.dict())
    return [_summary(c) for c in reads.filtered(reads.consultations_for(request.auth), criteria)]


@router.get(
    "/consultations/{int:consultation_id}",
    response=ConsultationDetailOut,
    summary="协商活动详情",
)
def detail(request, consultation_id: Id):
    return _detail(reads.consultation_for_user(request.auth, consultation_id), request.auth)


@router.post(
    "/consultations/{int:consultation_id}/actions/{action}",
    response=ConsultationDetailOut,
    summary="协商活动步骤",
    description="动作:" + "、".join(ACTIONS) + "。hold(登记已开展)在议题尚无定稿调研报告"
    "或免于先行调研记录时答复409,code为research_first。",
)
def take_action(request, consultation_id: Id, action: str, payload: Body[dict] = None):
    if action not in ACTIONS:
        raise Http404
    user = request.auth
    run_action(ACTIONS, user, reads.consultation_for_user(user, consultation_id), action, payload)
    return _detail(reads.consultation_for_user(user, consultation_id), user)


class OwedOut(MaterialOut):
    consultation_id: int
    consultation: str
    consultation_date: date


@router.get(
    "/consultations/materials",
    response=list[OwedOut],
    summary="本单位会前材料",
    description="承办单位账号:本单位须报送的会前材料;其他账号为空。",
)
@paginate(Pagination)
def owed_materials(request):
    today = timezone.localdate()
    return [
        {
            **_material(m, today),
            "consultation_id": m.consultation_id,
            "consultation": m.consultation.title,
            "consultation_date": m.consultation.date,
        }
        for m in reads.owed_by_my_unit(request.auth)
    ]


@router.post(
    "/consultations/materials/{int:request_id}/file",
    response={201: AttachedFileOut},
    summary="报送会前材料",
    description="报送单位(或机关工作人员代为)上传材料文件;首次上传即为已报送。",
)
def material_submit(request, request_id: Id, file: File[UploadedFile]):
    owed = reads.material_request_for_user(request.auth, request_id)
    stored = run_action(MATERIAL_ACTIONS, request.auth, owed, "submit", {"file": file})
    url = f"/api/v1/consultations/{owed.consultation_id}/materials/{stored.pk}"
    return Status(201, attached_file_out(stored, url))


@router.get(
    "/consultations/{int:consultation_id}/materials",
    response=list[AttachedFileOut],
    summary="会前材料文件",
    description="机关和领导可见全部;报送单位只见本单位的。",
)
def material_files(request, consultation_id: Id):
    consultation = reads.consultation_for_materials(request.auth, consultation_id)
    url = f"/api/v1/consultations/{consultation.pk}/materials"
    return attached_files_out(
        request.auth, consultation, audience=reads.material_files_for, url=url
    )


@router.get("/consultations/{int:consultation_id}/materials/{int:file_id}", summary="下载会前材料")
def material_download(request, consultation_id: Id, file_id: Id):
    consultation = reads.consultation_for_materials(request.auth, consultation_id)
    return attachment_response(
        request.auth, consultation, file_id, audience=reads.material_files_for
    )


# 书面协商 requests.


class WrittenRequestIn(InSchema):
    requester_kind: WrittenRequest.Requester
    requester: ModelText(WrittenRequest, "requester")
    document: ModelText(WrittenRequest, "document")
    received_on: date
    due_on: date


class WrittenRequestOut(Schema):
    id: int
    state: str
    state_label: str
    requester_kind: str
    requester: str
    document: str
    received_on: date
    due_on: date
    special_committee: str | None
    answered_on: date | None
    reply_id: int | None
    late: bool


class WrittenRequestDetailOut(WrittenRequestOut):
    opinions: list[OpinionOut] = Field(description="机关和领导可见全部;委员只见本人的")
    actions: list[str]


def _written(w: WrittenRequest) -> dict:
    return {
        "id": w.pk,
        "state": w.state,
        "state_label": w.get_state_display(),
        "requester_kind": w.requester_kind,
        "requester": w.requester,
        "document": w.document,
        "received_on": w.received_on,
        "due_on": w.due_on,
        "special_committee": w.special_committee.name if w.special_committee else None,
        "answered_on": w.answered_on,
        "reply_id": w.reply_id,
        "late": w.is_late(timezone.localdate()),
    }


def _written_detail(w: WrittenRequest, user) -> dict:
    return {
        **_written(w),
        "opinions": [
            {"member": o.member.name, "text": o.text, "submitted_at": o.submitted_at}
            for o in reads.written_opinions_for(user, w)
        ],
        "actions": [tr.action for tr in WRITTEN_REQUEST.offered(user, w)],
    }


@router.post(
    "/consultations/written-requests",
    response={201: WrittenRequestDetailOut},
    summary="登记书面协商来函",
)
def written_create(request, payload: WrittenRequestIn):
    w = services.written_request_create(actor=request.auth, **payload.dict())
    return Status(201, _written_detail(w, request.auth))


@router.get(
    "/consultations/written-requests", response=list[WrittenRequestOut], summary="书面协商列表"
)
@paginate(Pagination)
def written_list(request):
    return [_written(w) for w in reads.written_requests_for(request.auth)]


@router.get(
    "/consultations/written-requests/{int:request_id}",
    response=WrittenRequestDetailOut,
    summary="书面协商详情",
)
def written_detail(request, request_id: Id):
    return _written_detail(reads.written_request_for_user(request.auth, request_id), request.auth)


@router.post(
    "/consultations/written-requests/{int:request_id}/actions/{action}",
    response=WrittenRequestDetailOut,
    summary="书面协商步骤",
    description="动作:" + "、".join(WRITTEN_ACTIONS),
)
def written_action(request, request_id: Id, action: str, payload: Body[dict] = None):
    if action not in WRITTEN_ACTIONS:
        raise Http404
    user = request.auth
    target = reads.written_request_for_user(user, request_id)
    run_action(WRITTEN_ACTIONS, user, target, action, payload)
    return _written_detail(reads.written_request_for_user(user, request_id), user)


@router.get(
    "/consultations/written-requests/{int:request_id}/files",
    response=list[AttachedFileOut],
    summary="征求意见稿文件",
    description="机关、领导和承办专委会委员可见。",
)
def written_files(request, request_id: Id):
    written = reads.written_request_for_user(request.auth, request_id)
    url = f"/api/v1/consultations/written-requests/{written.pk}/files"
    return attached_files_out(request.auth, written, audience=reads.written_files_for, url=url)


@router.post(
    "/consultations/written-requests/{int:request_id}/files",
    response={201: AttachedFileOut},
    summary="上传征求意见稿",
)
def written_upload(request, request_id: Id, file: File[UploadedFile]):
    written = reads.written_request_for_user(request.auth, request_id)
    stored = services.written_request_attach(actor=request.auth, request=written, upload=file)
    url = f"/api/v1/consultations/written-requests/{written.pk}/files/{stored.pk}"
    return Status(201, attached_file_out(stored, url))


@router.get(
    "/consultations/written-requests/{int:request_id}/files/{int:file_id}",
    summary="下载征求意见稿",
)
def written_download(request, request_id: Id, file_id: Id):
    written = reads.written_request_for_user(request.auth, request_id)
    return attachment_response(request.auth, written, file_id, audience=reads.written_files_for)
