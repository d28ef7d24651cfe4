"""The yearly plan's execution (年度协商工作计划执行情况): plan vs actual for every planned
topic, the year's figures and the per-topic figures from the statistics registry, the year's
evaluations (成效评估) and the amendments. Staff and leaders read it: it carries drafts of
outcomes and the evaluations, which are the office's.

Fieldwork's figures are the section the consultation statistics borrow (`stats.FIELDWORK`),
and its per-topic rows are read from the registry by the app's name: consultations never
imports fieldwork (fieldwork depends on consultations)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from zhengxie.core import stats

from ..models import ConsultationPlan, Evaluation, IndicatorScore, PlanAmendment
from ..stats import APP, FIELDWORK
from .topics import PlanRow, plan_amendments, plan_progress


@dataclass(frozen=True)
class ExecutionRow:
    """One planned topic: plan vs actual, the registry's figures for it (consultations' and
    fieldwork's, empty where it has none) and its evaluation of the plan's year."""

    progress: PlanRow
    figures: dict
    fieldwork: dict
    evaluation: Evaluation | None


@dataclass(frozen=True)
class Execution:
    plan: ConsultationPlan
    today: date
    figures: dict[str, stats.Figure]
    fieldwork: dict[str, stats.Figure]
    rows: list[ExecutionRow]
    amendments: list[PlanAmendment]

    @property
    def late(self) -> int:
        return sum(row.progress.late for row in self.rows)

    @property
    def evaluated(self) -> list[ExecutionRow]:
        return [row for row in self.rows if row.evaluation is not None]


def year_scope(plan: ConsultationPlan) -> stats.Scope:
    return stats.Scope(plan.committee, start=date(plan.year, 1, 1), end=date(plan.year, 12, 31))


def _per_topic(app: str, scope: stats.Scope) -> dict[int, dict]:
    return {row["topic_id"]: row for row in stats.table(app, scope, "topic").rows}


def _fieldwork(scope: stats.Scope) -> tuple[dict[str, stats.Figure], dict[int, dict]]:
    """Fieldwork's figures as the consultation statistics borrow them, and its per-topic rows;
    nothing where the deployment does not run fieldwork."""
    for section in stats.borrowed(APP, scope):
        if section.app == FIELDWORK.app:
            figures = {f.key: f for f in section.figures}
            return figures, _per_topic(FIELDWORK.app, scope)
    return {}, {}


def evaluations(plan: ConsultationPlan, topic_ids: list[int]) -> dict[int, Evaluation]:
    scores = IndicatorScore.objects.select_related("indicator")
    rows = Evaluation.objects.filter(
        committee_id=plan.committee_id, year=plan.year, topic_id__in=topic_ids
    ).select_related("evaluated_by")
    return {e.topic_id: e for e in rows.prefetch_related(Prefetch("scores", queryset=scores))}


def plan_execution(plan: ConsultationPlan, today: date | None = None) -> Execution:
    """Everything the report prints, in a fixed number of queries whatever the topics."""
    today = today or timezone.localdate()
    scope = year_scope(plan)
    progress = plan_progress(plan, today)
    figures = {f.key: f for f in stats.figures(APP, scope)}
    per_topic = _per_topic(APP, scope)
    fieldwork, fieldwork_per_topic = _fieldwork(scope)
    evaluated = evaluations(plan, [row.item.topic_id for row in progress])
    rows = [
        ExecutionRow(
            progress=row,
            figures=per_topic.get(row.item.topic_id, {}),
            fieldwork=fieldwork_per_topic.get(row.item.topic_id, {}),
            evaluation=evaluated.get(row.item.topic_id),
        )
        for row in progress
    ]
    return Execution(plan, today, figures, fieldwork, rows, list(plan_amendments(plan)))
