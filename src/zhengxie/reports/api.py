from datetime import date, datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from ninja import Body, Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from zhengxie.core.http import docx_response, xlsx_response
from zhengxie.core.inputs import Id, InSchema, Pagination, PeriodFilter
from zhengxie.core.permissions import can_read_statistics

from . import documents, drafting, exports, generator, periods, queries, services
from .actions import ACTIONS, run_action
from .permissions import reads_saved
from .workflow import SAVED

router = Router(tags=["工作报告"])


class WorkReportQuery(PeriodFilter):
    period: Literal[tuple(code for code, _ in periods.CHOICES)] | None = Field(
        None,
        description="期间类型:year 全年、first_half 上半年、year_to_date 今年以来、"
        "since_session 某次全体会议以来、term 整届;不给则按 from–to",
    )
    year: int | None = Field(None, ge=1900, le=2199, description="全年、上半年所属年份")
    session_id: Id | None = Field(None, description="since_session:全体会议,默认最近一次")
    term_id: Id | None = Field(None, description="term:届次,默认本届")


class FigureOut(Schema):
    key: str = Field(description="统计项:应用.统计键(按项目的统计为应用.统计键.项目)")
    value: int | float
    words: str = Field(description="文中写出的文字(35件、59%、比上年增加77%)")
    records_url: str = Field(description="所统计记录的列表页;无列表的为空")
    label: str
    unit: str
    definition: str = Field(description="口径")
    is_rate: bool
    previous: bool = Field(description="上一对比期的数值")


class ParagraphOut(Schema):
    text: str
    figures: list[FigureOut]


class SectionOut(Schema):
    key: str
    title: str
    paragraphs: list[ParagraphOut]


class WorkReportOut(Schema):
    period: str
    start: str
    end: str
    against: str = Field(description="对比期的称谓(上年、去年同期、上届),无对比期为空")
    sections: list[SectionOut]


def _period(request, filters: WorkReportQuery) -> periods.Period:
    if not can_read_statistics(request.auth):
        raise PermissionDenied
    return periods.choose(
        request.auth.committee,
        timezone.localdate(),
        kind=filters.period or "",
        start=filters.start,
        end=filters.end,
        number=filters.year,
        session_id=filters.session_id,
        term_id=filters.term_id,
    )


def _name(period: periods.Period, filters: WorkReportQuery) -> str:
    return drafting.period_name(
        period, filters.period or "", filters.year or timezone.localdate().year
    )


@router.get("/reports/work", response=WorkReportOut, summary="工作报告(按期间生成)")
def work_report(request, filters: Query[WorkReportQuery]):
    return generator.as_data(generator.work_report(_period(request, filters)))


@router.get("/reports/work.docx", summary="工作报告(按期间生成,Word)")
def work_docx(request, filters: Query[WorkReportQuery]):
    period = _period(request, filters)
    title, content = documents.generated_docx(
        period, _name(period, filters), today=timezone.localdate()
    )
    return docx_response(content, title)


@router.get("/reports/work.xlsx", summary="工作报告数据表(按期间,Excel)")
def work_xlsx(request, filters: Query[WorkReportQuery]):
    period = _period(request, filters)
    return xlsx_response(exports.tables_xlsx(period), f"{period.label}工作报告数据表")


# 工作报告稿: saved, edited in versions, finalized (workflow.SAVED).


class SavedSectionOut(Schema):
    key: str
    heading: str
    text: str


class SavedReportOut(Schema):
    id: int
    title: str = Field(alias="latest.title", description="最新版本的标题")
    addressee: str = Field(alias="latest.addressee", description="最新版本的主送")
    period: str = Field(alias="period_label")
    start: date
    end: date
    state: str
    state_label: str
    version: int = Field(alias="latest.number", description="最新版本号")
    saved_at: datetime = Field(alias="latest.saved_at")
    saved_by: str
    finalized_at: datetime | None

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_saved_by(obj) -> str:
        return str(obj.latest.saved_by)


class SavedReportDetailOut(SavedReportOut):
    actions: list[str] = Field(description="当前用户现在可进行的步骤")

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        return [tr.action for tr in SAVED.offered(context["request"].auth, obj)]


class VersionOut(Schema):
    number: int
    title: str
    addressee: str
    note: str
    restored_from: int | None = Field(description="恢复自第几版;不是恢复的为空")
    saved_at: datetime
    saved_by: str

    @staticmethod
    def resolve_saved_by(obj) -> str:
        return str(obj.saved_by)


class VersionDetailOut(VersionOut):
    sections: list[SavedSectionOut]
    generated: WorkReportOut = Field(description="该版本所依据的生成报告(数字、口径和记录链接)")


class SavedReportIn(WorkReportQuery):
    pass


@router.get("/reports/saved", response=list[SavedReportOut], summary="工作报告稿")
@paginate(Pagination)
def saved_reports(request):
    if not reads_saved(request.auth):
        raise PermissionDenied
    return queries.saved_reports_for(request.auth)


@router.post("/reports/saved", response={201: SavedReportDetailOut}, summary="保存工作报告稿")
def saved_create(request, payload: SavedReportIn):
    period = _period(request, payload)
    made = services.saved_report_create(
        actor=request.auth, period=period, name=_name(period, payload)
    )
    return Status(201, queries.saved_report_for_user(request.auth, made.pk))


@router.get("/reports/saved/{report_id}", response=SavedReportDetailOut, summary="工作报告稿详情")
def saved_detail(request, report_id: Id):
    return queries.saved_report_for_user(request.auth, report_id)


@router.get(
    "/reports/saved/{report_id}/versions", response=list[VersionOut], summary="工作报告稿的版本"
)
@paginate(Pagination)
def saved_versions(request, report_id: Id):
    return queries.versions_of(queries.saved_report_for_user(request.auth, report_id))


@router.get(
    "/reports/saved/{report_id}/versions/{number}",
    response=VersionDetailOut,
    summary="工作报告稿的一个版本",
)
def saved_version(request, report_id: Id, number: Id):
    report = queries.saved_report_for_user(request.auth, report_id)
    return queries.version_of(report, number)


@router.post(
    "/reports/saved/{report_id}/actions/{action}",
    response=SavedReportDetailOut,
    summary="工作报告稿的步骤",
    description="动作:save 保存新版本({title, addressee, sections: [{key, heading, text}], note})、"
    "restore 恢复为新版本({number, note})、finalize 定稿、reopen 重新起草({reason})。",
)
def saved_act(request, report_id: Id, action: str, payload: Body[dict] = None):
    if action not in ACTIONS:
        raise Http404
    report = queries.saved_report_for_user(request.auth, report_id)
    run_action(request.auth, report, action, payload or {})
    return queries.saved_report_for_user(request.auth, report_id)


class VersionQuery(InSchema):
    version: Id | None = Field(None, description="版本号,默认最新版本")


@router.get("/reports/saved/{report_id}/docx", summary="工作报告稿(Word)")
def saved_docx(request, report_id: Id, filters: Query[VersionQuery]):
    report = queries.saved_report_for_user(request.auth, report_id)
    version = queries.version_of(report, filters.version)
    return docx_response(documents.version_docx(report, version), version.title)


@router.get("/reports/saved/{report_id}/xlsx", summary="工作报告稿的数据表(Excel)")
def saved_xlsx(request, report_id: Id):
    report = queries.saved_report_for_user(request.auth, report_id)
    period = report.period(timezone.localdate())
    return xlsx_response(exports.tables_xlsx(period), f"{report.latest.title}数据表")


class RecountOut(Schema):
    key: str
    label: str
    saved: str = Field(description="该版本所依据的数字;为空表示当时未写入")
    now: str = Field(description="按同一期间现在重新生成的数字;为空表示现在不再写入")
    records_url: str


@router.get(
    "/reports/saved/{report_id}/recount",
    response=list[RecountOut],
    summary="工作报告稿的数字与当前数据核对",
)
def saved_recount(request, report_id: Id, filters: Query[VersionQuery]):
    report = queries.saved_report_for_user(request.auth, report_id)
    version = queries.version_of(report, filters.version)
    fresh = queries.regenerated(report, timezone.localdate())
    return drafting.recounted(version.generated, fresh)
