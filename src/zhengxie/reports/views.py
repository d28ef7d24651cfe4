"""The work report page (/reports/work/): staff and leaders choose a period and read the
generated sections, each number a link to the records it counts and each rate with its 口径."""

from django.shortcuts import render
from django.utils import timezone

from zhengxie.core import inputs
from zhengxie.core.decorators import allowed
from zhengxie.core.errors import ServiceError
from zhengxie.core.http import docx_response, xlsx_response
from zhengxie.core.models import Session, Term
from zhengxie.core.permissions import can_read_statistics

from . import documents, drafting, exports, generator, periods
from .permissions import writes_saved


def chosen_period(request) -> tuple[periods.Period, str]:
    """The period the page's query asks for and its name in a title (2026年 for a year still
    running); ServiceError when it is not one."""
    start, end = inputs.query_period(request)
    kind, number = inputs.query_text(request, "period", "期间类型"), inputs.query_year(request)
    period = periods.choose(
        request.user.committee,
        timezone.localdate(),
        kind=kind,
        start=start,
        end=end,
        number=number,
        session_id=inputs.query_id(request, "session_id", "全体会议"),
        term_id=inputs.query_id(request, "term_id", "届次"),
    )
    return period, drafting.period_name(period, kind, number or timezone.localdate().year)


@allowed(can_read_statistics)
def work_report(request):
    committee = request.user.committee
    report = None
    try:
        report = generator.work_report(chosen_period(request)[0])
    except ServiceError as error:
        inputs.refuse_input(request, error.detail)
    sessions = Session.objects.filter(term__committee=committee).select_related("term")
    return render(
        request,
        "reports/work.html",
        {
            "report": report,
            "choices": periods.CHOICES,
            "sessions": sessions.order_by("-start_date"),
            "terms": Term.objects.filter(committee=committee),
            "saves": writes_saved(request.user),
        },
    )


@allowed(can_read_statistics)
def work_docx(request):
    """The generated report as a DOCX, titled and addressed as a saved one starts."""
    try:
        period, name = chosen_period(request)
    except ServiceError:
        return work_report(request)  # the page says what was wrong, as a 400
    title, content = documents.generated_docx(period, name, today=timezone.localdate())
    return docx_response(content, title)


@allowed(can_read_statistics)
def work_xlsx(request):
    try:
        period, _ = chosen_period(request)
    except ServiceError:
        return work_report(request)
    return xlsx_response(exports.tables_xlsx(period), f"{period.label}工作报告数据表")
