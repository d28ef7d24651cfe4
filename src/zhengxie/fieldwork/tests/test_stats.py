"""What the fieldwork statistics count, through the services: fieldwork carried out by kind
and mode, visits, drafts written and chosen final ("撰写X篇,优选定稿X篇"), reports, members'
participation; the period's both end days; one committee; and the same figures served by the
consultation statistics, which read them from the registry."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from zhengxie.core import stats
from zhengxie.fieldwork import services
from zhengxie.fieldwork.tests.conftest import fieldwork_of, write
from zhengxie.testing import api_read

pytestmark = pytest.mark.django_db

API = "/api/v1/fieldwork/stats"
PAGE = "/fieldwork/stats/"


def figures(p, start=None, end=None) -> dict:
    return stats.values("fieldwork", stats.Scope(p.committee, start=start, end=end))


def test_fieldwork_is_counted_once_carried_out_by_kind_and_mode(p, flow):
    fieldwork_of(p, title="筹备中的视察", starts_on=date(2026, 5, 6))
    joint = fieldwork_of(p, title="联合调研", mode="joint", partners="市政协")
    services.fieldwork_start(actor=p.staff, fieldwork=joint)
    counted = figures(p)
    assert counted["fieldwork"] == 2
    assert counted["by_kind"] == {"inspection": 0, "research": 2, "study_tour": 0}
    assert counted["by_mode"]["joint"] == 1 and counted["by_mode"]["special"] == 1


def test_drafts_written_and_chosen_final(p, flow):
    first = write(p, flow)
    write(p, flow, p.standing)
    services.draft_select(actor=p.staff, fieldwork=flow.fieldwork, draft=first)
    counted = figures(p)
    assert (counted["drafts"], counted["finals"], counted["reports"]) == (2, 1, 0)
    services.fieldwork_report(actor=p.staff, fieldwork=flow.fieldwork)
    assert figures(p)["reports"] == 1


def test_members_present_at_visits_are_counted_once_per_visit(p, flow):
    services.attendance_record(
        actor=p.staff,
        fieldwork=flow.fieldwork,
        visit=flow.visit,
        present=[flow.plain, flow.standing, flow.staffer, flow.expert],
    )
    counted = figures(p)
    assert (counted["visits"], counted["participation"]) == (1, 2)


def test_a_visit_counts_on_its_day_both_end_days_included(p, flow):
    assert figures(p, date(2026, 5, 6), date(2026, 5, 6))["visits"] == 1
    assert figures(p, end=date(2026, 5, 5))["visits"] == 0
    assert figures(p, start=date(2026, 5, 7))["visits"] == 0


def test_another_committees_fieldwork_is_not_counted(p, other, flow):
    assert figures(other)["fieldwork"] == 0 and figures(p)["fieldwork"] == 1


def test_the_endpoint_page_and_export_serve_the_registry(p, flow, api, login):
    body = api.login(p.staff).get(API, **{"from": "2026-01-01"}).json()
    scope = stats.Scope(p.committee, start=date(2026, 1, 1))
    assert body == {"period": scope.label, **stats.values("fieldwork", scope)}
    assert api.get(API, **{"from": "2026-02-30"}).status_code == 400
    assert api.login(p.plain.member.user).get(API).status_code == 403
    page = login(p.staff).get(PAGE).content.decode()
    assert "开展视察调研考察</dt><dd>1次" in page
    response = login(p.staff).get(PAGE, {"format": "xlsx"})
    assert response.status_code == 200


def _reported(p, flow):
    """Two drafts, the first chosen final, the report made: 撰写2篇,优选定稿1篇,形成报告1篇."""
    first = write(p, flow)
    write(p, flow, p.standing)
    services.draft_select(actor=p.staff, fieldwork=flow.fieldwork, draft=first)
    services.fieldwork_report(actor=p.staff, fieldwork=flow.fieldwork)


def test_fieldwork_figures_appear_in_the_consultation_statistics_through_the_registry(
    p, flow, api, login
):
    _reported(p, flow)
    lent = {f.key: f for f in stats.figures("fieldwork", stats.Scope(p.committee))}
    body = api_read(api.login(p.staff), "/api/v1/consultations/stats")
    served = body["fieldwork"]
    assert served["by_kind"] == {"inspection": 0, "research": 1, "study_tour": 0}
    assert (served["drafts"], served["finals"], served["reports"]) == (2, 1, 1)
    assert {k: v for k, v in served.items() if k != "rates"} == {
        k: lent[k].value for k in served if k != "rates"
    }
    assert body["outcomes_by_kind"]["research_report"] == 0  # formed, not yet sent
    page = login(p.staff).get("/consultations/stats/").content.decode()
    assert "<h2>视察调研考察</h2>" in page
    for key in ("fieldwork", "drafts", "finals", "reports"):
        figure = lent[key]
        assert f"{figure.label}</dt><dd>{figure.value}{figure.unit}" in page
        assert figure.definition in page
    assert '<dt class="item">调研</dt><dd>1次</dd>' in page
    response = login(p.staff).get("/consultations/stats/", {"format": "xlsx"})
    rows = {r[0]: r[1:] for r in load_workbook(BytesIO(response.content)).active.values}
    assert rows["优选定稿(篇)"][:2] == (1, lent["finals"].definition)
    assert rows["视察调研考察"][:2] == (None, None)  # the section's heading row
