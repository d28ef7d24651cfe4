from typing import Literal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from zhengxie.core.inputs import Id, PeriodFilter
from zhengxie.core.permissions import can_read_statistics

from . import generator, periods

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


@router.get("/reports/work", response=WorkReportOut, summary="工作报告(按期间生成)")
def work_report(request, filters: Query[WorkReportQuery]):
    if not can_read_statistics(request.auth):
        raise PermissionDenied
    period = periods.choose(
        request.auth.committee,
        timezone.localdate(),
        kind=filters.period or "",
        start=filters.start,
        end=filters.end,
        number=filters.year,
        session_id=filters.session_id,
        term_id=filters.term_id,
    )
    return generator.as_data(generator.work_report(period))
