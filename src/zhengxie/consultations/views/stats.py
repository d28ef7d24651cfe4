"""The consultation statistics page and its XLSX export, for staff and leaders: every figure
with its 口径, and the fieldwork figures the registry serves beside them."""

from django.urls import path

from zhengxie.core import statspage
from zhengxie.core.decorators import allowed
from zhengxie.core.permissions import can_read_statistics

from ..stats import APP

reporting = can_read_statistics


@allowed(reporting)
def stats_page(request):
    return statspage.stats_page(request, APP, "consultations/stats/page.html")


urls = [path("stats/", stats_page, name="consultation_stats")]
