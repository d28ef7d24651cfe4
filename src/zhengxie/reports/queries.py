"""Reads of 工作报告稿 for the pages, the API and the documents: the committee's, for its
office and leaders only (`permissions.reads_saved`); anybody else reads none, and another
committee's id is a 404. And the committee's 数字写法 with what each choice applies to."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from zhengxie.core import stats
from zhengxie.core.models import Committee

from . import generator
from .models import COUNTS, RATES, Approximation, ReportVersion, SavedReport
from .permissions import reads_saved


def saved_reports_for(user) -> QuerySet[SavedReport]:
    if not reads_saved(user):
        return SavedReport.objects.none()
    return SavedReport.objects.filter(committee_id=user.committee_id).select_related(
        "latest__saved_by"
    )


def saved_report_for_user(user, report_id: int) -> SavedReport:
    return get_object_or_404(saved_reports_for(user), pk=report_id)


def versions_of(report: SavedReport) -> QuerySet[ReportVersion]:
    """The versions, newest first, without their texts (a list reads who, when and why)."""
    return report.versions.select_related("saved_by").defer("sections", "generated")


def version_of(report: SavedReport, number: int | None = None) -> ReportVersion:
    """The version asked for, or the latest; a number the report lacks is a 404."""
    if number is None:
        return report.latest
    return get_object_or_404(report.versions.select_related("saved_by"), number=number)


def regenerated(report: SavedReport, today: date) -> dict:
    """The report generated again for its saved dates, as a version keeps it."""
    return generator.as_data(generator.work_report(report.period(today)))


def approximations(committee: Committee) -> dict[str, str]:
    """target → style, for the generator: one query per report."""
    rows = Approximation.objects.filter(committee=committee)
    return dict(rows.values_list("target", "style"))


@dataclass(frozen=True)
class Target:
    """What a committee may choose a way of writing for: a class or one statistic."""

    key: str
    label: str
    is_rate: bool


CLASSES = (Target(COUNTS, "全部数量", False), Target(RATES, "全部比率", True))


def targets() -> list[Target]:
    """The classes, then every registered statistic of every app, as its statistics page names
    it (提案统计·立案)."""
    return [
        *CLASSES,
        *(
            Target(f"{app.app}.{s.key}", f"{app.title}·{s.label}", isinstance(s, stats.Rate))
            for app in stats.registered()
            for s in app.stats
        ),
    ]


def target(key: str) -> Target | None:
    return next((t for t in targets() if t.key == key), None)


def approximations_of(committee: Committee) -> list[tuple[Approximation, Target | None]]:
    """The committee's choices with what each applies to, for the settings page and the API."""
    named = {t.key: t for t in targets()}
    rows = Approximation.objects.filter(committee=committee).select_related("set_by")
    return [(row, named.get(row.target)) for row in rows]
