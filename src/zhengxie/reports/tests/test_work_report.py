"""The work report's endpoint (GET /api/v1/reports/work) and page (/reports/work/): the
committee's staff and leaders read it, nobody else; a period is from–to or a shortcut; bad
input is a Chinese 400/422 {"detail", "code"}, never a 500; the queries do not grow with the
records counted."""

import re
from datetime import date

import pytest

from zhengxie.consultations.tests.test_stats_query_counts import activities
from zhengxie.core import stats
from zhengxie.reports import generator, periods
from zhengxie.testing import ListPin, assert_list_queries_pinned, page_read

API = "/api/v1/reports/work"
PAGE = "/reports/work/"
YEAR = {"period": "year", "year": 2026}


def _shape(body: dict) -> None:
    assert set(body) >= {"period", "sections"}
    for section in body["sections"]:
        assert set(section) >= {"key", "title", "paragraphs"}
        for paragraph in section["paragraphs"]:
            assert set(paragraph) >= {"text", "figures"}
            for figure in paragraph["figures"]:
                assert set(figure) >= {"key", "value", "records_url"}


@pytest.mark.parametrize("persona", ["staff", "chair.member.user"])
def test_staff_and_leaders_read_the_work_report(persona, p, api):
    activities(p, range(2))
    user = p
    for name in persona.split("."):
        user = getattr(user, name)
    body = api.login(user).get(API, **YEAR).json()
    _shape(body)
    assert body["period"] == "今年以来"
    texts = [x["text"] for s in body["sections"] for x in s["paragraphs"]]
    assert any(t.startswith("今年以来开展协商活动2次") for t in texts)


@pytest.mark.parametrize(
    "persona", ["plain.member.user", "unit_user", "sysadmin", "security", "auditor"]
)
def test_nobody_else_reads_the_work_report(persona, p, api, login):
    user = p
    for name in persona.split("."):
        user = getattr(user, name)
    response = api.login(user).get(API)
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert login(user).get(PAGE).status_code == 403


def test_the_public_is_asked_to_log_in(client, db):
    assert client.get(API).status_code == 401
    assert client.get(PAGE).status_code == 302


def test_the_endpoint_is_what_the_generator_writes(p, api):
    activities(p, range(1))
    body = api.login(p.staff).get(API, **{"from": "2026-01-01", "to": "2026-06-30"}).json()
    period = periods.span(p.committee, *map(_day, ("2026-01-01", "2026-06-30")), _day("2026-12-02"))
    assert body == generator.as_data(generator.work_report(period))
    assert body["period"] == "2026年上半年" and body["against"] == "去年同期"


def _day(text):
    return date.fromisoformat(text)


def test_a_figure_states_the_registrys_value_with_its_definition(p, api):
    activities(p, range(3))
    body = api.login(p.staff).get(API, **YEAR).json()
    scope = periods.choose(p.committee, _day("2026-12-03"), kind="year", number=2026).scope
    registry = {f.key: f for f in stats.figures("consultations", scope)}
    section = next(s for s in body["sections"] if s["key"] == "consultations")
    for figure in (f for x in section["paragraphs"] for f in x["figures"] if not f["previous"]):
        key = figure["key"].split(".")
        declared = registry[key[1]]
        value = declared.value[key[2]] if len(key) == 3 else declared.total
        assert figure["value"] == value and figure["definition"] == declared.definition


@pytest.mark.parametrize(
    "query, code",
    [
        ({"from": "2026-05-01", "to": "2026-04-01"}, "invalid_input"),
        ({"from": "2026-02-30"}, "invalid_input"),
        ({"from": "1800-01-01"}, "invalid_input"),
        ({"period": "decade"}, "invalid_input"),
        ({"period": "year", "year": "99999"}, "invalid_input"),
        ({"period": "since_session", "session_id": "999999"}, "bad_period"),
        ({"period": "term", "term_id": "999999"}, "bad_period"),
        ({"from": "2099-01-01"}, "bad_period"),
        ({"session_id": "123456789012345678901234"}, "invalid_input"),
    ],
)
def test_bad_input_is_refused_in_chinese(query, code, p, api, login):
    response = api.login(p.staff).get(API, **query)
    assert response.status_code in (400, 422)
    body = response.json()
    assert body["code"] == code and re.search(r"[\u4e00-\u9fff]", body["detail"])
    page = login(p.staff).get(PAGE, query)
    assert page.status_code == 400


def test_another_committees_session_is_no_period_of_ours(p, other, api):
    theirs = other.sessions[0]
    response = api.login(p.staff).get(API, period="since_session", session_id=theirs.pk)
    assert response.status_code == 400 and response.json()["code"] == "bad_period"


def test_period_shortcuts_name_the_period(p, api):
    staff = api.login(p.staff)
    session = p.sessions[-1]
    for query, label in [
        ({"period": "first_half", "year": 2025}, "2025年上半年"),
        ({"period": "year", "year": 2025}, "2025年"),
        ({"period": "year_to_date"}, "今年以来"),
        ({"period": "since_session", "session_id": session.pk}, f"{session.label}以来"),
        ({"period": "term"}, "十届以来"),
    ]:
        assert staff.get(API, **query).json()["period"] == label


def test_the_page_links_each_number_and_shows_each_rates_definition(p, login):
    activities(p, range(2))
    html = page_read(login(p.staff), f"{PAGE}?period=year&year=2026")
    assert "今年以来开展协商活动" in html and "2次" in html
    assert "(口径:已开展协商的计划议题个数 ÷ 列入年度协商计划的议题个数)" in html


def test_the_work_report_is_in_the_navigation_of_staff_and_leaders(p, login):
    assert 'href="/reports/work/"' in page_read(login(p.staff), "/")
    assert 'href="/reports/work/"' not in page_read(login(p.plain.member.user), "/")


def _in_json(response) -> int:
    texts = [x["text"] for s in response.json()["sections"] for x in s["paragraphs"]]
    return int(next(re.search(r"开展协商活动(\d+)次", t)[1] for t in texts if "开展协商活动" in t))


def _on_page(response) -> int:
    return int(re.search(r"开展协商活动<(?:a|span)[^>]*>(\d+)次", response.content.decode())[1])


# Each app's first day in use (one query; consultations two: activities and outcomes), its
# figures for the period and, only where it was in use by the previous period's end, for that
# one too (the comparisons), and its names; the committee's approximations once. Here nothing
# predates 2026, so no previous period is read: 60 → 51 and 67 → 58 (+7 first days, +1
# meetings' topics, +1 approximations, −18 for the previous period's figures).
PINS = [
    ListPin(f"{API}?period=year&year=2026", "staff", activities, 51, _in_json, True),
    ListPin(f"{PAGE}?period=year&year=2026", "staff", activities, 58, _on_page),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_work_report_queries_do_not_grow_with_records(pin, p, client, django_assert_num_queries):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)


LISTS = ["/proposals/", "/opinions/", "/meetings/", "/consultations/activities/", "/fieldwork/"]


@pytest.mark.parametrize("page", LISTS)
def test_a_list_asked_for_the_records_of_no_statistic_is_refused(page, p, login):
    response = login(p.staff).get(page, {"counted": "nothing", "from": "2026-01-01"})
    assert response.status_code == 400 and "所选统计项没有可列出的记录" in response.content.decode()
