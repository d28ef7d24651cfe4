"""The demo's consultation year by names, dates and states, not ids: equal on two loads when
the demo is deterministic. `FIRST` keeps the package load's, for tests_reload."""

from zhengxie.consultations.models import Consultation, Outcome, Topic
from zhengxie.core.models import Committee
from zhengxie.fieldwork.models import Fieldwork

FIRST: list = []


def _rows(rows) -> list[str]:
    # repr: rows joined through an empty relation hold None beside strings.
    return sorted(map(repr, rows))


def fingerprint(committee: Committee) -> list:
    topics = Topic.objects.filter(committee=committee).order_by("year", "title")
    activities = Consultation.objects.filter(committee=committee).order_by("date", "title")
    outcomes = Outcome.objects.filter(committee=committee).order_by("written_on", "title")
    fieldwork = Fieldwork.objects.filter(committee=committee).exclude(state="under_way")
    return [
        list(topics.values_list("title", "source", "state", "planned_on", "supervisory")),
        list(activities.values_list("title", "form", "state", "date", "held_at")),
        list(outcomes.values_list("title", "kind", "state", "written_on")),
        _rows(
            fieldwork.values_list("title", "group__member__name", "visits__place")
            .order_by()
            .distinct()
        ),
        _rows(
            Outcome.objects.filter(committee=committee).values_list(
                "title", "suggestions__number", "suggestions__state"
            )
        ),
        _rows(
            Consultation.objects.filter(committee=committee).values_list(
                "title", "opinions__member__name", "meeting__check_ins__member__name"
            )
        ),
    ]
