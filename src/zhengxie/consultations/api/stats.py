"""The consultation statistics endpoint: what the registry declares, served as is."""

from django.core.exceptions import PermissionDenied
from ninja import Field, Query, Router

from zhengxie.core import roles
from zhengxie.core.inputs import PeriodFilter
from zhengxie.core.stats import Scope, response_schema

from ..stats import APP, consultation_stats

router = Router(tags=["协商"])

# One field per registered statistic: a statistic declared in stats.py is served here as is.
StatsOut = response_schema(
    "ConsultationStatsOut",
    APP,
    period=(str, Field(description="统计期间,如“2026年1月1日至2026年6月30日”")),
)


@router.get("/consultations/stats", response=StatsOut, summary="协商统计")
def stats(request, filters: Query[PeriodFilter]):
    user = request.auth
    if not user.has_role(roles.STAFF, roles.LEADER):
        raise PermissionDenied
    return consultation_stats(Scope(user.committee, start=filters.start, end=filters.end))
