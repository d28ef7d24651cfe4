"""Reads of 工作报告稿 for the pages, the API and the documents: the committee's, for its
office and leaders only (`permissions.reads_saved`); anybody else reads none, and another
committee's id is a 404."""

from datetime import date

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from . import generator
from .models import ReportVersion, SavedReport
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
