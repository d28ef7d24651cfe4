"""A report reads every app's figures from the statistics registry by app and key
(core.stats), so the reports app imports no other app: a statistic an app adds reaches the
reports without touching them, and no app's internals leak into a report."""

import zhengxie.consultations
import zhengxie.reports
from zhengxie.testing_imports import apps_except, imports_of


def _apps() -> list[str]:
    return apps_except("core", "lib", "reports")


def test_reports_import_no_app_but_core():
    found = {app: names for app in _apps() if (names := imports_of(zhengxie.reports, app))}
    assert found == {}


def test_the_dependency_walk_sees_imports_of_other_apps():
    # The walk finds consultations' imports of meetings: it would find the reports' too.
    assert "meetings" in _apps() and imports_of(zhengxie.consultations, "meetings")
