"""Self-reported activities (委员自报履职活动): /api/v1/self-reports…, the member's own and the
committee's for the office and leaders; the office confirms or returns them."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from ninja import Body, Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from zhengxie.core.actionforms import run_action
from zhengxie.core.api import AttachedFileOut, attached_files_out
from zhengxie.core.http import attachment_response
from zhengxie.core.inputs import Id, InSchema, Pagination

from . import queries, services
from .actions import ACTIONS, Report
from .models import SelfReport
from .permissions import has_record
from .workflow import SELF_REPORT

router = Router(tags=["自报履职活动"])


class ReportsIn(InSchema):
    state: SelfReport.State | None = Field(None, description="pending 为机关待确认的队列")


class SelfReportOut(Schema):
    id: int
    member_id: int
    member: str
    kind: str
    date: date
    description: str
    hours: Decimal | None
    state: str
    state_label: str
    submitted_at: datetime
    reason: str

    @staticmethod
    def resolve_member(obj) -> str:
        return obj.member.name

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()


class SelfReportDetailOut(SelfReportOut):
    files: list[AttachedFileOut]
    actions: list[str] = Field(description="当前用户可执行的步骤")

    @staticmethod
    def resolve_files(obj) -> list[dict]:
        return obj.evidence

    @staticmethod
    def resolve_actions(obj) -> list[str]:
        return obj.offered


def _detail(user, report: SelfReport) -> SelfReport:
    url = f"/api/v1/self-reports/{report.pk}/files"
    report.evidence = attached_files_out(user, report, audience=queries.evidence_for, url=url)
    report.offered = [tr.action for tr in SELF_REPORT.offered(user, report)]
    return report


@router.get("/self-reports", response=list[SelfReportOut], summary="自报履职活动列表")
@paginate(Pagination)
def self_reports(request, filters: Query[ReportsIn]):
    rows = queries.self_reports_for(request.auth)
    return rows.filter(state=filters.state) if filters.state else rows


@router.post("/self-reports", response={201: SelfReportDetailOut}, summary="委员自报履职活动")
def self_report_submit(request, payload: Report):
    if not has_record(request.auth):
        raise PermissionDenied
    report = services.self_report_submit(actor=request.auth, **payload.dict())
    return Status(201, _detail(request.auth, queries.self_report_for_user(request.auth, report.pk)))


@router.get("/self-reports/{report_id}", response=SelfReportDetailOut, summary="自报履职活动")
def self_report(request, report_id: Id):
    return _detail(request.auth, queries.self_report_for_user(request.auth, report_id))


@router.post(
    "/self-reports/{report_id}/actions/{action}",
    response=SelfReportDetailOut,
    summary="确认、退回或重新报送",
    description="动作:" + "、".join(ACTIONS) + "。只有确认后才记入履职档案。",
)
def take_action(request, report_id: Id, action: str, payload: Body[dict] = None):
    report = queries.self_report_for_user(request.auth, report_id)
    run_action(ACTIONS, request.auth, report, action, payload or {})
    return _detail(request.auth, queries.self_report_for_user(request.auth, report_id))


@router.get("/self-reports/{report_id}/files/{file_id}", summary="下载佐证材料")
def file_download(request, report_id: Id, file_id: Id):
    report = queries.self_report_for_user(request.auth, report_id)
    return attachment_response(request.auth, report, file_id, audience=queries.evidence_for)
