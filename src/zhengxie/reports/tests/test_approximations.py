"""How the committee chooses its reports to write numbers (数字写法): exact by default; 多, 余,
近 for counts and 以上 for rates, per statistic or per class, the statistic's own choice first;
the API keeps the exact value; only the office sets it, every setting audited; bad input is a
Chinese 400/422."""

import re

import pytest

from zhengxie.consultations.tests.test_stats_query_counts import activities
from zhengxie.core.errors import ServiceError
from zhengxie.core.models import AuditEvent
from zhengxie.reports import queries, services
from zhengxie.reports.audit_actions import APPROXIMATION_SET
from zhengxie.reports.generator import work_report
from zhengxie.reports.periods import year
from zhengxie.reports.tests.test_generator import TODAY, _app, _texts
from zhengxie.testing import ListPin, assert_list_queries_pinned

API = "/api/v1/reports/approximations"
PAGE = "/reports/approximations/"


def _choose(p, target, style):
    return services.approximation_set(actor=p.staff, target=target, style=style)


def _sample(p) -> list[str]:
    return _texts(work_report(year(p.committee, 2025, TODAY)))["proposals"]


def test_reports_write_exact_numbers_until_the_committee_chooses(only, p):
    only(_app())
    assert _sample(p)[1] == "立案81件，其中已经解决和基本解决的48件，占立案总数的59%。"


def test_a_statistic_reads_the_approximation_chosen_for_it(only, p):
    only(_app())
    _choose(p, "sample.collected", "多")
    assert _sample(p)[0] == "2025年共收到委员提案80多件，比上年增加77%。"


def test_a_class_choice_applies_to_every_count_and_a_statistics_own_choice_wins(only, p):
    only(_app())
    _choose(p, "counts", "余")
    _choose(p, "sample.registered", "exact")
    texts = _sample(p)
    assert texts[0] == "2025年共收到委员提案80余件，比上年增加77%。"
    assert texts[1] == "立案81件，其中已经解决和基本解决的40余件，占立案总数的59%。"
    assert "全年召开常委会议5次、主席会议10余次、党组会议10余次。" in texts


def test_rates_read_at_least_where_chosen(only, p):
    only(_app())
    _choose(p, "rates", "以上")
    assert _sample(p)[1] == "立案81件，其中已经解决和基本解决的48件，占立案总数的55%以上。"


def test_the_figure_keeps_its_exact_value_and_its_words_the_approximation(p, api):
    activities(p, range(12))
    api.login(p.staff)
    assert api.put(API, {"target": "consultations.activities", "style": "多"}).status_code == 200
    body = api.get("/api/v1/reports/work", period="year", year=2026).json()
    [section] = [s for s in body["sections"] if s["key"] == "consultations"]
    [figure] = [f for f in section["paragraphs"][0]["figures"] if f["key"].endswith("activities")]
    assert (figure["value"], figure["words"]) == (12, "10多次")


@pytest.mark.parametrize("persona", ["chair.member.user", "plain.member.user", "unit_user"])
def test_only_the_office_sets_how_numbers_are_written(persona, p, api, login):
    user = p
    for name in persona.split("."):
        user = getattr(user, name)
    with pytest.raises(ServiceError):
        services.approximation_set(actor=user, target="counts", style="多")
    response = api.login(user).put(API, {"target": "counts", "style": "多"})
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert api.get(API).status_code == 403
    assert login(user).get(PAGE).status_code == 403


def test_each_setting_is_audited_with_before_and_after(p):
    _choose(p, "counts", "多")
    _choose(p, "counts", "exact")
    events = AuditEvent.objects.filter(action=APPROXIMATION_SET).order_by("seq")
    assert [(e.before["style"], e.after["style"]) for e in events] == [
        ("exact", "多"),
        ("多", "exact"),
    ]


def test_the_office_sets_and_reads_its_choices_on_the_page_and_in_the_api(p, api, login):
    office = login(p.staff)
    response = office.post(PAGE, {"target": "proposals.registered", "style": "近"})
    assert response.status_code == 302
    assert "提案统计·立案" in office.get(PAGE).content.decode()
    [row] = api.login(p.staff).get(API).json()
    assert (row["target"], row["style"], row["label"]) == (
        "proposals.registered",
        "近",
        "提案统计·立案",
    )


def test_another_committees_choice_is_not_ours(p, other, api):
    services.approximation_set(actor=other.staff, target="counts", style="多")
    assert api.login(p.staff).get(API).json() == []


@pytest.mark.parametrize(
    "payload, code",
    [
        ({"target": "proposals.nothing", "style": "多"}, "approximation_target"),
        ({"target": "rates", "style": "近"}, "approximation_style"),
        ({"target": "counts", "style": "以上"}, "approximation_style"),
        ({"target": "counts\x00", "style": "多"}, "invalid_input"),
        ({"target": "c" * 81, "style": "多"}, "invalid_input"),
        ({"target": "counts", "style": "大约"}, "invalid_input"),
    ],
)
def test_bad_input_is_refused_in_chinese(payload, code, p, api, login):
    response = api.login(p.staff).put(API, payload)
    assert response.status_code in (400, 422)
    body = response.json()
    assert body["code"] == code and re.search(r"[\u4e00-\u9fff]", body["detail"])
    page = login(p.staff).post(PAGE, payload)
    assert page.status_code == 200 and "数字写法已保存" not in page.content.decode()


def _chosen(p, numbers):
    """One statistic written exactly per row, whatever its class reads."""
    counts = [t for t in queries.targets() if t not in queries.CLASSES and not t.is_rate]
    for n in numbers:
        _choose(p, counts[n].key, "exact")


PINS = [
    ListPin(PAGE, "staff", _chosen, 9, lambda r: r.content.decode().count("写准确数</td>")),
    ListPin(API, "staff", _chosen, 4, lambda r: len(r.json()), True),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_the_settings_read_in_as_many_queries_however_many(
    pin, p, client, django_assert_num_queries
):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
