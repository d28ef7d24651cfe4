"""The statistics registry: what an app declares is what the API, the export and a report
serve, and a wrong declaration fails at start-up."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zhengxie.core import stats
from zhengxie.core.stats import AppStats, Breakdown, Rate, Scope, Stat

MEASURE_WORDS = {"件", "次", "篇", "条", "期", "人次", "人", "个", "%"}


def _count(key, label="计数", unit="件"):
    return Stat(key=key, label=label, unit=unit, definition=f"{label}的件数")


def _share(key="share", parts=("part",), whole="whole", **kw):
    return Rate(key=key, label="比率", parts=parts, whole=whole, definition="部分 ÷ 全部", **kw)


def _app(*declared, counts=None, breakdowns=(), rows=None, app="sample", borrowed=()):
    return AppStats(
        app=app,
        title="样例统计",
        page="sample_stats",
        endpoint="/api/v1/sample/stats",
        stats=declared,
        counts=counts or (lambda scope: {}),
        breakdowns=breakdowns,
        rows=rows,
        borrowed=borrowed,
    )


def _part_of_whole(part: int, whole: int) -> AppStats:
    counted = {"part": part, "whole": whole}
    return _app(_count("part"), _count("whole"), _share(), counts=lambda scope: counted)


@pytest.fixture
def sample(monkeypatch):
    """Registers an app for one test; the registry is left as the apps made it."""
    monkeypatch.setattr(stats, "_REGISTRY", dict(stats._REGISTRY))
    return stats.register


def _cells(response) -> set[str]:
    sheet = load_workbook(BytesIO(response.content)).active
    return {str(c).strip() for row in sheet.iter_rows(values_only=True) for c in row if c}


@pytest.mark.parametrize("app", [a.app for a in stats.registered()])
def test_every_registered_statistic_is_served_by_the_api_and_the_export(app, p, api, login):
    declared = stats.of(app)
    body = api.login(p.staff).get(declared.endpoint).json()
    assert {s.key for s in declared.stats} <= set(body)
    listed = {r["key"]: r for r in body["rates"]}
    for rate in AppStats.rates(declared.resolved(p.committee)):
        assert listed[rate.key]["definition"] == rate.definition
    response = login(p.staff).get(reverse(declared.page), {"format": "xlsx"})
    cells = _cells(response)
    missing = [s.label for s in declared.stats if not {s.label, stats.heading(s)} & cells]
    assert not missing
    for lent in stats.lenders(app):  # another app's figures served beside the app's own
        assert set(lent.keys) <= set(body[lent.app]) and lent.label in cells
        lender = [s for s in stats.of(lent.app).stats if s.key in lent.keys]
        assert len(lender) == len(lent.keys)
        assert {stats.heading(s) for s in lender} <= cells


@pytest.mark.parametrize("app", [a.app for a in stats.registered()])
def test_every_statistic_has_a_label_a_measure_word_and_a_definition(app):
    declared = stats.of(app)
    columns = [c for b in declared.breakdowns for c in b.columns]
    for stat in (*declared.stats, *columns):
        assert stat.label and stat.definition, stat.key
        assert stat.unit in MEASURE_WORDS, stat.key


def test_the_apps_register_proposals_opinions_and_meetings():
    assert {a.app for a in stats.registered()} >= {"proposals", "opinions", "meetings"}


def test_a_rate_over_an_undeclared_statistic_is_refused():
    with pytest.raises(ValueError, match="undeclared"):
        _app(_count("part"), _share())


def test_a_statistic_declared_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        _app(_count("part"), _count("part"))


def test_rates_are_computed_from_their_declaration(sample, p):
    sample(
        _app(_count("part"), _count("whole"), _share(), counts=lambda s: {"part": 1, "whole": 3})
    )
    values = stats.values("sample", Scope(p.committee))
    assert values["share"] == 0.3333
    assert values["rates"] == [
        {"key": "share", "label": "比率", "value": 0.3333, "definition": "部分 ÷ 全部"}
    ]


def test_a_rate_with_no_whole_is_zero_or_reads_as_its_empty_text():
    assert _share().of({"part": 0, "whole": 0}) == 0.0
    row = {"part": 0, "whole": 0, "share": 0.0}
    assert _share().cell(row) == "0.0%" and _share(empty="—").cell(row) == "—"


def test_a_report_asks_one_call_for_every_figure_with_label_unit_and_definition(sample, p):
    sample(
        _app(_count("part"), _count("whole"), _share(), counts=lambda s: {"part": 2, "whole": 4})
    )
    figures = stats.figures("sample", Scope(p.committee))
    assert [(f.key, f.label, f.unit, f.definition, f.value) for f in figures] == [
        ("part", "计数", "件", "计数的件数", 2),
        ("whole", "计数", "件", "计数的件数", 4),
        ("share", "比率", "%", "部分 ÷ 全部", 0.5),
    ]


def test_a_committees_choice_of_basis_gives_the_rate_and_its_definition(sample, p, other):
    chosen = _share(whole="part").variant(("part",), "whole", "部分 ÷ 全部(所选口径)")
    rate = _share(whole="part", chosen=lambda c: chosen if c == other.committee else _share())
    sample(_app(_count("part"), _count("whole"), rate, counts=lambda s: {"part": 1, "whole": 2}))
    mine, theirs = (stats.values("sample", Scope(c)) for c in (p.committee, other.committee))
    assert (mine["share"], theirs["share"]) == (0.5, 0.5)
    assert theirs["rates"][0]["definition"] == "部分 ÷ 全部(所选口径)"
    assert mine["rates"][0]["definition"] == "部分 ÷ 全部"


def test_the_api_schema_has_a_field_for_each_declared_statistic(sample):
    sample(_app(_count("part"), _count("whole"), _count("new_one", "新指标", "人次")))
    schema = stats.response_schema("SampleStatsOut", "sample").model_json_schema()
    assert {"part", "whole", "new_one", "rates"} <= set(schema["properties"])
    assert schema["properties"]["new_one"]["description"] == "新指标(人次);口径:新指标的件数"


def test_breakdown_rows_get_their_rates(sample, p):
    columns = (_count("part"), _count("whole"), _share())
    sample(
        _app(
            *columns,
            breakdowns=(Breakdown("unit", "单位", columns),),
            rows=lambda scope, keys: {"unit": [{"label": "甲", "part": 1, "whole": 4}]},
        )
    )
    [table] = stats.tables("sample", Scope(p.committee))
    assert (table.label, table.rows[0]["share"]) == ("单位", 0.25)
    assert stats.table_rows(table) == [["按单位", "计数", "计数", "比率"], ["甲", 1, 4, "25.0%"]]


def test_borrowed_figures_are_served_under_the_lenders_name_with_its_definitions(sample, p):
    sample(
        _app(
            _count("part"), _count("whole"), app="lender", counts=lambda s: {"part": 1, "whole": 2}
        )
    )
    lent = stats.Borrowed("lender", "出借方", ("whole",))
    sample(_app(_count("own"), counts=lambda s: {"own": 5}, borrowed=(lent,)))
    assert stats.values("sample", Scope(p.committee)) == {
        "own": 5,
        "rates": [],
        "lender": {"whole": 2, "rates": []},
    }
    [section] = stats.borrowed("sample", Scope(p.committee))
    assert (section.label, [(f.key, f.definition) for f in section.figures]) == (
        "出借方",
        [("whole", "计数的件数")],
    )
    assert [f.key for f in stats.figures("sample", Scope(p.committee))] == ["own"]
    schema = stats.response_schema("SampleStatsOut", "sample").model_json_schema()
    assert "lender" in schema["properties"]


def test_an_app_that_is_not_installed_lends_nothing(sample, p):
    lent = stats.Borrowed("absent", "未安装", ("x",))
    sample(_app(_count("own"), counts=lambda s: {"own": 5}, borrowed=(lent,)))
    assert stats.values("sample", Scope(p.committee)) == {"own": 5, "rates": []}


def test_a_borrowed_apps_name_taken_by_a_statistic_is_refused():
    with pytest.raises(ValueError, match="borrowed"):
        _app(_count("lender"), borrowed=(stats.Borrowed("lender", "出借方", ("x",)),))
