"""How a visit and a report draft read as the sources of duty records (duty.sources); both
open their fieldwork's page."""

from django.urls import reverse

from zhengxie.duty.sources import register_source

from .models import Draft, Visit
from .queries import readable


def _page(fieldwork_id: int) -> str:
    return reverse("fieldwork_detail", args=[fieldwork_id])


register_source(
    Visit,
    noun="视察调研考察",
    title=lambda visit: f"{visit.fieldwork.title}({visit.place})",
    status=lambda visit: visit.fieldwork.get_state_display(),
    url=lambda visit: _page(visit.fieldwork_id),
    audience=readable,
    through="fieldwork",
)
register_source(
    Draft,
    noun="视察调研考察报告稿",
    title=lambda draft: draft.title,
    status=lambda draft: "定稿" if draft.final else "",
    url=lambda draft: _page(draft.fieldwork_id),
    audience=readable,
    through="fieldwork",
)
