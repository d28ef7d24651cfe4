"""The demo committee's yearly work report: every number is the registry's figure for the
period, and every number that links to records opens a list of exactly that many."""

from django.utils import timezone

from zhengxie.core import stats
from zhengxie.core.models import Committee, User
from zhengxie.reports import generator, periods
from zhengxie.reports.drafting import sections_of
from zhengxie.reports.models import SavedReport


def _report():
    committee = Committee.objects.get(name="云溪县政协")
    today = timezone.localdate()
    return generator.work_report(periods.year(committee, today.year, today))


def _figures(report):
    return [f for s in report.sections for p in s.paragraphs for f in p.figures]


def test_the_reports_numbers_are_the_statistics_they_come_from(demo):
    report = _report()
    scopes = {False: report.period.scope, True: report.period.previous.scope}
    registry = {}
    for figure in _figures(report):
        app, key, *item = figure.key.split(".")
        if (app, figure.previous) not in registry:
            found = stats.figures(app, scopes[figure.previous])
            registry[app, figure.previous] = {f.key: f for f in found}
        declared = registry[app, figure.previous][key]
        assert figure.value == (declared.value[item[0]] if item else declared.total), figure.key
        assert figure.definition == declared.definition
    assert {s.key for s in report.sections} >= {
        "meetings",
        "proposals",
        "opinions",
        "consultations",
        "fieldwork",
        "speeches",
        "duty",
    }


def test_every_number_links_to_a_list_of_as_many_records(demo, client):
    client.force_login(User.objects.get(username="staff"))
    linked = [f for f in _figures(_report()) if f.records_url]
    apps = {"meetings", "proposals", "opinions", "consultations", "fieldwork"}
    assert {f.key.split(".")[0] for f in linked} >= apps
    for figure in linked:
        response = client.get(figure.records_url)
        assert response.status_code == 200, figure.records_url
        listed = response.context["page"].paginator.count
        assert listed == figure.value, (figure.key, figure.records_url, listed, figure.value)


def test_the_demo_saved_its_2026_report_in_two_versions_the_first_as_generated(demo, client):
    report = SavedReport.objects.get(committee__name="云溪县政协")
    first, second = report.versions.order_by("number")
    assert (report.latest, first.title) == (second, "政协云溪县委员会2026年工作报告")
    assert first.addressee == "中共云溪县委" and second.note == "提案部分补充总结语"
    assert sections_of(first.generated) == first.sections != second.sections
    client.force_login(User.objects.get(username="chair"))
    page = client.get(f"/reports/saved/{report.pk}/").content.decode()
    assert 'href="/proposals/?from=2026-01-01' in page and "提案部分补充总结语" in page
