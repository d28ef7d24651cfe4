"""The demo's consultation year by names, dates and states, not ids: equal on two loads when
the demo is deterministic. `FIRST` keeps the package load's, for tests_reload."""

from zhengxie.consultations.models import (
    Consultation,
    Evaluation,
    Outcome,
    OutcomeRating,
    OutcomeSending,
    OutcomeTask,
    Topic,
)
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
        *_outcome_chain(committee),
    ]


def _outcome_chain(committee: Committee) -> list:
    """Where the outcomes went and what became of them: sendings (and the copy up), leaders'
    tasks, ratings, the re-consultation and the year's evaluation."""
    outcomes = Outcome.objects.filter(committee=committee)
    return [
        _rows(outcomes.values_list("title", "members__member__name", "vote__title", "adopted_at")),
        _rows(
            OutcomeSending.objects.filter(outcome__committee=committee).values_list(
                "outcome__title", "to", "recipient", "at", "copy__committee__name"
            )
        ),
        _rows(
            OutcomeTask.objects.filter(outcome__committee=committee).values_list(
                "outcome__title", "leader", "unit__name", "state", "due_on", "checked_on"
            )
        ),
        _rows(
            OutcomeRating.objects.filter(outcome__committee=committee).values_list(
                "outcome__title", "member__name", "unit__name", "level"
            )
        ),
        _rows(outcomes.values_list("title", "reconsultations__consultation__title")),
        _rows(
            Evaluation.objects.filter(committee=committee).values_list(
                "topic__title", "year", "grade", "scores__indicator__name", "scores__score"
            )
        ),
    ]
