"""工作报告稿: saved from a generated report, edited in numbered versions that never overwrite
each other, restored as new versions, finalized and reopened on the engine, every step
audited; the office writes, the leaders read, nobody else sees one."""

import re
from datetime import date
from unittest.mock import patch

import pytest
from django.utils import timezone

from zhengxie.consultations.tests.stats_fixtures import held
from zhengxie.core.errors import ServiceError
from zhengxie.core.models import AuditEvent
from zhengxie.core.workflow import problems
from zhengxie.reports import generator, periods, services
from zhengxie.reports.actions import ACTIONS
from zhengxie.reports.generator import WorkReport
from zhengxie.reports.models import SavedReport
from zhengxie.reports.workflow import SAVED
from zhengxie.testing import ROW, ListPin, assert_list_queries_pinned, page_read
from zhengxie.testing_payloads import server_errors

API = "/api/v1/reports/saved"
S = SavedReport.State


def saved(p, **extra) -> SavedReport:
    period = periods.year(p.committee, 2026, timezone.localdate())
    return services.saved_report_create(actor=p.staff, period=period, name="2026年", **extra)


def edited(report, **changes) -> dict:
    """The latest version's content with `changes` (a section's text by its key)."""
    latest = report.latest
    sections = [{**s, "text": changes.get(s["key"], s["text"])} for s in latest.sections]
    return {"title": latest.title, "addressee": latest.addressee, "sections": sections}


def save(p, report, note="", **changes):
    return services.saved_report_save(
        actor=p.staff, report=report, note=note, **edited(report, **changes)
    )


def _text(version, key: str) -> str:
    return next(s["text"] for s in version.sections if s["key"] == key)


@pytest.fixture
def report(p):
    held(p)
    return saved(p)


def test_every_saved_report_step_has_a_schema_a_service_and_a_known_actor():
    assert problems(SAVED, ACTIONS) == []
    assert set(ACTIONS) == set(SAVED.transitions)


def test_the_first_version_is_the_generated_report_titled_and_addressed_by_default(p, report):
    version = report.latest
    assert (version.number, version.title, version.addressee) == (
        1,
        "政协测试县委员会2026年工作报告",
        "中共测试县委",
    )
    assert _text(version, "consultations").startswith("今年以来开展协商活动1次")
    assert version.generated["sections"][0]["paragraphs"][0]["figures"]
    assert (report.start, report.period_label) == (date(2026, 1, 1), "今年以来")
    event = AuditEvent.objects.get(action="reports.saved_create")
    assert event.after["title"] == version.title and event.object_id == str(report.pk)


def test_every_save_is_a_new_numbered_version_and_the_old_one_stays(p, report):
    before = report.latest
    version = save(p, report, note="压缩篇幅", consultations="全年开展协商活动多次。")
    assert version.number == 2 and version.note == "压缩篇幅" and version.saved_by == p.staff
    before.refresh_from_db()
    assert _text(before, "consultations").startswith("今年以来开展协商活动1次")
    assert _text(version, "consultations") == "全年开展协商活动多次。"
    report.refresh_from_db()
    assert report.latest == version and report.versions.count() == 2
    assert version.generated == before.generated
    event = AuditEvent.objects.get(action="reports.saved_save")
    assert (event.after["version"], event.after["note"]) == (2, "压缩篇幅")


def test_saving_what_the_latest_version_says_is_refused(p, report):
    with pytest.raises(ServiceError) as refused:
        save(p, report)
    assert refused.value.code == "saved_report_unchanged"


@pytest.mark.parametrize(
    "change, detail",
    [
        ({"title": "  "}, "请填写标题"),
        ({"sections": [{"key": "nothing", "heading": "无", "text": ""}]}, "与报告不符"),
        ({"sections": "twice"}, "与报告不符"),
        ({"sections": "no heading"}, "每一部分都要有标题"),
    ],
)
def test_a_version_needs_a_title_and_the_reports_own_sections_each_headed(
    p, report, change, detail
):
    content = edited(report) | change
    first = report.latest.sections[0]
    if change.get("sections") == "twice":
        content["sections"] = [first, first]
    if change.get("sections") == "no heading":
        content["sections"] = [{**first, "heading": " "}]
    with pytest.raises(ServiceError) as refused:
        services.saved_report_save(actor=p.staff, report=report, **content)
    assert refused.value.status == 400 and detail in refused.value.detail


def test_a_section_may_be_dropped_and_its_text_is_cleaned(p, report):
    first = report.latest.sections[0]
    version = services.saved_report_save(
        actor=p.staff,
        report=report,
        title="标题",
        addressee="中共测试县委",
        sections=[{**first, "heading": " 第一部分 ", "text": "第一段  \r\n第二段\n"}],
    )
    assert version.sections == [{**first, "heading": "第一部分", "text": "第一段\n第二段"}]


def test_an_old_version_is_restored_as_a_new_one(p, report):
    save(p, report, consultations="改过的文字。")
    restored = services.saved_report_restore(actor=p.staff, report=report, number=1)
    first = report.versions.get(number=1)
    assert (restored.number, restored.restored_from, restored.note) == (3, 1, "恢复第1版")
    assert restored.sections == first.sections and restored.generated == first.generated
    assert AuditEvent.objects.get(action="reports.saved_restore").after["from"] == 1
    with pytest.raises(ServiceError) as refused:
        services.saved_report_restore(actor=p.staff, report=report, number=9)
    assert refused.value.status == 404


def test_a_final_report_is_not_edited_until_reopened_with_a_reason(p, report):
    services.saved_report_finalize(actor=p.staff, report=report)
    report.refresh_from_db()
    assert report.state == S.FINAL and report.finalized_at
    with pytest.raises(ServiceError) as refused:
        save(p, report, consultations="定稿后再改")
    assert (refused.value.status, refused.value.code) == (409, "saved_report_wrong_state")
    with pytest.raises(ServiceError):
        services.saved_report_reopen(actor=p.staff, report=report, reason=" ")
    services.saved_report_reopen(actor=p.staff, report=report, reason="补充四季度数据")
    report.refresh_from_db()
    assert report.state == S.DRAFTING and report.finalized_at is None
    assert AuditEvent.objects.get(action="reports.saved_reopen").after["reason"] == "补充四季度数据"
    assert save(p, report, consultations="补充后").number == 2


def test_leaders_read_but_do_not_write(p, report):
    leader = p.chair.member.user
    assert SAVED.offered(leader, report) == []
    with pytest.raises(ServiceError) as refused:
        services.saved_report_save(actor=leader, report=report, **edited(report, x="y"))
    assert refused.value.code == "saved_report_forbidden"
    with pytest.raises(ServiceError) as refused:
        saved_by(leader, p)
    assert refused.value.status == 403


def saved_by(user, p):
    period = periods.year(p.committee, 2026, timezone.localdate())
    return services.saved_report_create(actor=user, period=period)


def test_another_committees_office_may_not_save_a_report_of_ours(p, other):
    period = periods.year(p.committee, 2026, timezone.localdate())
    with pytest.raises(ServiceError) as refused:
        services.saved_report_create(actor=other.staff, period=period)
    assert refused.value.status == 403


@pytest.mark.parametrize("persona", ["plain.member.user", "unit_user", "sysadmin"])
def test_members_units_and_administrators_see_no_saved_report(persona, p, report, api, login):
    user = p
    for name in persona.split("."):
        user = getattr(user, name)
    assert api.login(user).get(API).status_code == 403
    assert api.get(f"{API}/{report.pk}").status_code == 404
    assert api.get(f"{API}/{report.pk}/docx").status_code == 404
    client = login(user)
    for url in ("/reports/saved/", f"/reports/saved/{report.pk}/"):
        assert client.get(url).status_code == 403
    assert client.get(f"/reports/saved/{report.pk}/report.docx").status_code == 403


def test_another_committee_gets_404_on_our_report(p, other, report, api, login):
    assert api.login(other.staff).get(f"{API}/{report.pk}").status_code == 404
    assert api.get(API).json()["count"] == 0
    assert api.get(f"{API}/{report.pk}/versions").status_code == 404
    assert login(other.staff).get(f"/reports/saved/{report.pk}/").status_code == 404
    assert login(other.staff).get(f"/reports/saved/{report.pk}/tables.xlsx").status_code == 404


def test_the_api_saves_edits_restores_finalizes_and_reopens(p, api):
    held(p)
    api.login(p.staff)
    made = api.post(API, {"period": "year", "year": 2026})
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["title"], body["version"], body["state"]) == (
        "政协测试县委员会2026年工作报告",
        1,
        "drafting",
    )
    assert body["actions"] == ["save", "restore", "finalize"]
    url = f"{API}/{body['id']}"
    first = api.get(f"{url}/versions/1").json()
    sections = [{**s, "text": s["text"] + "(已核)"} for s in first["sections"]]
    payload = {"title": "新标题", "addressee": "中共测试县委", "sections": sections, "note": "核"}
    assert api.post(f"{url}/actions/save", payload).json()["version"] == 2
    versions = api.get(f"{url}/versions").json()
    assert [v["number"] for v in versions["items"]] == [2, 1]
    assert versions["items"][0]["saved_by"] == str(p.staff)
    assert api.get(f"{url}/versions/2").json()["sections"][0]["text"].endswith("(已核)")
    assert api.get(f"{url}/versions/1").json()["generated"]["period"] == "今年以来"
    assert api.get(f"{url}/versions/9").status_code == 404
    assert api.post(f"{url}/actions/restore", {"number": 1}).json()["version"] == 3
    assert api.post(f"{url}/actions/finalize").json()["state_label"] == "已定稿"
    again = api.post(f"{url}/actions/save", payload)
    assert again.status_code == 409 and again.json()["code"] == "saved_report_wrong_state"
    reopened = api.post(f"{url}/actions/reopen", {"reason": "补充"}).json()
    assert reopened["state"] == "drafting"
    assert api.post(f"{url}/actions/nothing").status_code == 404
    api.login(p.chair.member.user)
    assert api.get(url).json()["actions"] == []
    refused = api.post(f"{url}/actions/finalize")
    assert refused.status_code == 403 and re.search(r"[\u4e00-\u9fff]", refused.json()["detail"])


def test_a_bad_period_is_refused_in_chinese_when_saving(p, api):
    refused = api.login(p.staff).post(API, {"from": "2099-01-01"})
    assert refused.status_code == 400 and refused.json()["code"] == "bad_period"


def test_no_saved_report_payload_reaches_a_5xx(client, p, report):
    """About 120 requests (each field of the four steps with each hostile value, each rolled
    back): the walk is the point, ~2-3 s."""
    url = f"{API}/{report.pk}/actions/{{action}}"
    assert server_errors(client, p.staff, ACTIONS, url, {"number": 1}) == []
    services.saved_report_finalize(actor=p.staff, report=report)
    assert server_errors(client, p.staff, {"reopen": ACTIONS["reopen"]}, url, {}) == []


def test_hostile_sections_never_reach_a_5xx(client, p, report, api):
    api.login(p.staff)
    url = f"{API}/{report.pk}/actions/save"
    key = report.latest.sections[0]["key"]
    for section in [
        {"key": key, "heading": "标题", "text": "文字\x00"},
        {"key": key, "heading": "长" * 101, "text": ""},
        {"key": key, "heading": "标题", "text": "长" * 20_001},
        {"key": "长" * 51, "heading": "标题", "text": ""},
        {"key": key, "heading": 2**70, "text": ""},
        {"key": key},
        "文字",
    ]:
        response = api.post(url, {"title": "标题", "sections": [section]})
        assert response.status_code == 400, (section, response.content)


def test_the_office_saves_from_the_work_page_and_edits_on_the_saved_page(p, login):
    held(p)
    client = login(p.staff)
    work = page_read(client, "/reports/work/?period=year&year=2026")
    assert "保存为工作报告稿" in work and "下载DOCX" in work
    response = client.post("/reports/saved/new/?period=year&year=2026")
    report = SavedReport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/saved/{report.pk}/"
    page = page_read(client, response["Location"])
    assert "政协测试县委员会2026年工作报告" in page and "保存新版本" in page and "下载DOCX" in page
    assert 'href="/consultations/activities/?from=2026-01-01' in page
    keys = [s["key"] for s in report.latest.sections]
    form = {"title": "改后的标题", "addressee": "中共测试县委", "note": "第二稿", "key": keys}
    for s in report.latest.sections:
        form |= {f"heading_{s['key']}": s["heading"], f"text_{s['key']}": s["text"]}
    form[f"text_{keys[0]}"] = "整段改写。"
    client.post(f"/reports/saved/{report.pk}/act/save/", form)
    report.refresh_from_db()
    assert (report.latest.number, report.latest.title) == (2, "改后的标题")
    page = page_read(client, f"/reports/saved/{report.pk}/")
    assert "整段改写。" in page and "第二稿" in page and "恢复为新版本" in page
    client.post(f"/reports/saved/{report.pk}/act/restore/", {"number": "1"})
    assert SavedReport.objects.get().latest.number == 3


def test_an_unedited_paragraph_keeps_its_links_an_edited_one_is_text(p, report, login):
    generated = _text(report.latest, "consultations")
    save(p, report, consultations="全年开展协商活动若干次。")
    client = login(p.chair.member.user)
    first = page_read(client, f"/reports/saved/{report.pk}/?version=1")
    second = page_read(client, f"/reports/saved/{report.pk}/")
    link = 'href="/consultations/activities/?from=2026-01-01'
    assert link in first and generated[:8] in first
    assert link not in second and "全年开展协商活动若干次。" in second
    assert "保存新版本" not in second and "恢复为新版本" not in second


def test_the_compare_page_shows_what_changed_per_section(p, report, login):
    save(p, report, consultations="全年开展协商活动若干次。")
    page = page_read(login(p.staff), f"/reports/saved/{report.pk}/compare/?a=1&b=2")
    assert "<ins>全年" in page and "<del>今年以来" in page
    assert login(p.staff).get(f"/reports/saved/{report.pk}/compare/?a=7").status_code == 404


def test_a_version_the_report_lacks_is_404_and_a_bad_one_400(p, report, login):
    client = login(p.staff)
    assert client.get(f"/reports/saved/{report.pk}/?version=5").status_code == 404
    assert client.get(f"/reports/saved/{report.pk}/?version=abc").status_code == 400
    assert client.get(f"/reports/saved/{report.pk}/?version={2**70}").status_code == 400


def test_the_pages_take_no_wrong_method(p, report, login):
    client = login(p.staff)
    assert client.post("/reports/saved/").status_code == 405
    assert client.get("/reports/saved/new/").status_code == 405
    assert client.get(f"/reports/saved/{report.pk}/act/save/").status_code == 405


def _reports(p, numbers):
    """A saved report per row, titled with the row's marker, in two versions; generated from
    nothing (a list reads no figures, and generating is most of a save's cost)."""
    today = timezone.localdate()
    for n in numbers:
        period = periods.span(p.committee, date(2026, 1, 1), date(2026, 1, 1 + n % 28), today)
        with patch.object(generator, "work_report", lambda period: WorkReport(period, [])):
            report = services.saved_report_create(actor=p.staff, period=period, name=f"{ROW}{n}")
        empty = {"title": f"{ROW}{n}", "addressee": "", "sections": report.latest.sections}
        services.saved_report_save(actor=p.staff, report=report, note="二稿", **empty)


def _versions(p, numbers):
    report = SavedReport.objects.first() or saved(p)
    for n in numbers:
        services.saved_report_save(
            actor=p.staff, report=report, **edited(report) | {"title": f"{ROW}{n}"}
        )


PINS = [
    ListPin(f"{API}?limit=100", "staff", _reports, 4, api=True),
    ListPin("/reports/saved/", "staff", _reports, 10),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_the_saved_report_list_keeps_its_query_count(pin, p, client, django_assert_num_queries):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)


def test_the_version_list_keeps_its_query_count(p, client, django_assert_num_queries):
    report = saved(p)
    pin = ListPin(f"{API}/{report.pk}/versions?limit=100", "staff", _versions, 5, api=True)
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)


def test_a_recount_lists_the_numbers_that_differ_now_for_the_same_dates(p, report, api, login):
    assert login(p.chair.member.user).get(f"/reports/saved/{report.pk}/recount/").status_code == 200
    held(p)
    page = page_read(login(p.staff), f"/reports/saved/{report.pk}/recount/?version=1")
    assert "开展协商活动" in page and "1次" in page and "2次" in page
    body = api.login(p.staff).get(f"{API}/{report.pk}/recount").json()
    found = next(r for r in body if r["key"] == "consultations.activities")
    assert (found["saved"], found["now"]) == ("1次", "2次")
    assert found["records_url"].startswith("/consultations/activities/?from=2026-01-01")
    assert api.login(p.plain.member.user).get(f"{API}/{report.pk}/recount").status_code == 404
