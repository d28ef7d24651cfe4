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


# The figures of the yearly report that link to no list, each with the reason it cannot: a
# figure that is neither linked nor here fails the walk below, so a new statistic gets a list
# or a reason.
UNLISTED = {
    "proposals.members_taking_part": "委员人数,按提出、联名、附议合计去重,不是一份提案清单",
    "proposals.participation_rate": "其分子(参与提案的委员)无清单",
    "proposals.units": "承办单位个数,不是提案;单位见承办单位页",
    "opinions.forwarded_up": "报送条次(一条报送多次计多次);所报送的信息见“报送”的清单",
    "consultations.topics_planned": "年度计划的议题,见协商计划页的计划执行情况表",
    "consultations.topics_done": "年度计划的议题,见协商计划页的计划执行情况表",
    "consultations.plan_rate": "其分子(已开展协商的计划议题)见协商计划页",
    "consultations.suggestions_made": "建议是所属成果的条目,在各成果页上分条列出",
    "consultations.suggestions_adopted": "建议是所属成果的条目,在各成果页上分条列出",
    "consultations.suggestions_implemented": "建议是所属成果的条目,在各成果页上分条列出",
    "consultations.adoption_rate": "其分子(被采纳建议)在各成果页上",
    "consultations.implementation_rate": "其分子(已落实建议)在各成果页上",
    "consultations.participation": "人次(一人一次活动计一次),不是记录清单",
    "consultations.local_participation": "群众人次,登记在各基层协商页上",
    "consultations.departments": "部门个数,按到会和报送材料合计去重",
    "fieldwork.visits": "走访是视察调研日程的一站,只在其视察调研页上(调研组可见)",
    "fieldwork.participation": "人次(一人一次走访计一次),不是记录清单",
    "fieldwork.drafts": "报告稿只给调研组和机关看,在其视察调研页上",
    "fieldwork.finals": "报告稿只给调研组和机关看,在其视察调研页上",
    "meetings.speeches": "大会发言在所属会议页上审定,无跨会议的发言清单",
    "meetings.speeches_used": "大会发言在所属会议页上审定,无跨会议的发言清单",
}


def _stat_key(figure) -> str:
    return ".".join(figure.key.split(".")[:2])


def _expected(figure, registry) -> int:
    """A count lists as many records as it states; a rate as many as its parts."""
    app, key = _stat_key(figure).split(".")
    declared = registry[app][key]
    if not declared.is_rate:
        return figure.value
    return sum(registry[app][part].total for part in declared.stat.parts)


def test_every_number_links_to_a_list_of_as_many_records(demo, client):
    client.force_login(User.objects.get(username="staff"))
    report = _report()
    figures = _figures(report)
    unlinked = {_stat_key(f) for f in figures if not f.records_url}
    assert unlinked <= set(UNLISTED), sorted(unlinked - set(UNLISTED))
    assert not {_stat_key(f) for f in figures if f.records_url} & set(UNLISTED)
    registry = {
        app: {f.key: f for f in stats.figures(app, report.period.scope)}
        for app in {_stat_key(f).split(".")[0] for f in figures}
    }
    for figure in (f for f in figures if f.records_url):
        response = client.get(figure.records_url)
        assert response.status_code == 200, figure.records_url
        listed = response.context["page"].paginator.count
        expected = figure.value if figure.previous else _expected(figure, registry)
        assert listed == expected, (figure.key, figure.records_url, listed, expected)


def test_the_demo_saved_its_2026_report_in_two_versions_the_first_as_generated(demo, client):
    report = SavedReport.objects.get(committee__name="云溪县政协")
    first, second = report.versions.order_by("number")
    assert (report.latest, first.title) == (second, "政协云溪县委员会2026年工作报告")
    assert first.addressee == "中共云溪县委" and second.note == "提案部分补充总结语"
    assert sections_of(first.generated) == first.sections != second.sections
    client.force_login(User.objects.get(username="chair"))
    page = client.get(f"/reports/saved/{report.pk}/").content.decode()
    assert 'href="/proposals/?from=2026-01-01' in page and "提案部分补充总结语" in page
