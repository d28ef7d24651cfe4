"""The work report page (/reports/work/): staff and leaders choose a period and read the
generated sections, each number a link to the records it counts and each rate with its 口径."""

from django.shortcuts import render
from django.utils import timezone

from zhengxie.core import inputs
from zhengxie.core.decorators import allowed
from zhengxie.core.errors import ServiceError
from zhengxie.core.models import Session, Term
from zhengxie.core.permissions import can_read_statistics

from . import generator, periods


@allowed(can_read_statistics)
def work_report(request):
    committee = request.user.committee
    start, end = inputs.query_period(request)
    report = None
    try:
        period = periods.choose(
            committee,
            timezone.localdate(),
            kind=inputs.query_text(request, "period", "期间类型"),
            start=start,
            end=end,
            number=inputs.query_year(request),
            session_id=inputs.query_id(request, "session_id", "全体会议"),
            term_id=inputs.query_id(request, "term_id", "届次"),
        )
        report = generator.work_report(period)
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
        },
    )
