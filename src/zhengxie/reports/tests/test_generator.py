"""The work-report generator: each app's sections in its own words from the statistics
registry, every number written as `wording` says, compared with the previous period, linked to
its records; a clause of nothing left out; a statistic nobody worded still reported."""

from datetime import date

import pytest

from zhengxie.core.stats import AppStats, Rate, ReportSection, Stat
from zhengxie.reports.generator import work_report
from zhengxie.reports.periods import first_half, year

TODAY = date(2026, 12, 2)


def _count(key, label="计数", unit="件", **kw):
    return Stat(key=key, label=label, unit=unit, definition=f"{label}的件数", **kw)


RATE = Rate(
    key="a_share",
    label="A类占比",
    parts=("a",),
    whole="registered",
    definition="A类件数 ÷ 立案件数",
)
KINDS = (("standing", "常委会议"), ("chairs", "主席会议"), ("party_group", "党组会议"))
STATS = (
    _count("collected", "收到提案"),
    _count("registered", "立案"),
    _count("a", "A类"),
    RATE,
    _count("by_kind", "各类会议", "次", per_item=True, items=KINDS),
    _count("bulletins", "刊物", "期", per_item=True, titled=True),
    _count("key", "重点提案"),
    _count("unworded", "新统计", "条"),
)
YEARS = {
    2025: {"collected": 83, "registered": 81, "a": 48, "key": 10, "unworded": 3},
    2024: {"collected": 47, "registered": 40, "a": 20, "key": 4, "unworded": 0},
}


def _counts(scope):
    row = dict.fromkeys(("collected", "registered", "a", "key", "unworded"), 0)
    row |= YEARS.get(scope.start.year, {})
    meetings = {"standing": 5, "chairs": 12, "party_group": 15}
    return {**row, "by_kind": meetings, "bulletins": {"各界反映": 27, "政协调研": 0}}


SECTION = ReportSection(
    "proposals",
    "提案工作",
    20,
    (
        ("{period}共收到委员提案{collected}{collected:change}",),
        ("立案{registered}", "其中已经解决和基本解决的{a}，占立案总数的{a_share}"),
        ("全年召开{by_kind:items}",),
        ("编发{bulletins:items}",),
        ("对{key:titles}重点提案进行了督办",),
    ),
    omit=(),
)
NAMES = [f"关于第{n}件的提案" for n in range(1, 11)]


def _app(*, report=(SECTION,), app="sample", title="样例统计", **kw):
    return AppStats(
        app=app,
        title=title,
        page="sample_stats",
        endpoint="/api/v1/sample/stats",
        stats=kw.pop("stats", STATS),
        counts=kw.pop("counts", _counts),
        names=kw.pop("names", lambda scope: {"key": NAMES if scope.start.year == 2025 else []}),
        report=report,
        **kw,
    )


def _texts(report) -> dict[str, list[str]]:
    return {s.key: [p.text for p in s.paragraphs] for s in report.sections}


def test_a_section_is_written_in_the_apps_words_with_measure_words_and_shares(only, p):
    only(_app())
    texts = _texts(work_report(year(p.committee, 2025, TODAY)))["proposals"]
    assert texts[:2] == [
        "2025年共收到委员提案83件，比上年增加77%。",
        "立案81件，其中已经解决和基本解决的48件，占立案总数的59%。",
    ]


def test_meetings_by_kind_read_as_committees_write_them(only, p):
    only(_app())
    texts = _texts(work_report(year(p.committee, 2025, TODAY)))["proposals"]
    assert "全年召开常委会议5次、主席会议12次、党组会议15次。" in texts


def test_titled_items_are_in_book_brackets_and_items_of_none_are_left_out(only, p):
    only(_app())
    texts = _texts(work_report(year(p.committee, 2025, TODAY)))["proposals"]
    assert "编发《各界反映》27期。" in texts


def test_named_items_list_three_titles_and_the_count(only, p):
    only(_app())
    texts = _texts(work_report(year(p.committee, 2025, TODAY)))["proposals"]
    listed = "《关于第1件的提案》《关于第2件的提案》《关于第3件的提案》等10件"
    assert f"对{listed}重点提案进行了督办。" in texts


def test_a_half_year_is_compared_with_the_same_days_of_the_year_before(only, p):
    only(_app())
    report = work_report(first_half(p.committee, 2025, TODAY))
    # Both halves count as their year in the sample: the comparison is named 去年同期.
    assert _texts(report)["proposals"][0] == "2025年上半年共收到委员提案83件，比去年同期增加77%。"


def test_the_comparison_states_the_previous_periods_figure(only, p):
    only(_app())
    [paragraph, *_] = work_report(year(p.committee, 2025, TODAY)).sections[0].paragraphs
    assert [(f.key, f.value, f.previous) for f in paragraph.figures] == [
        ("sample.collected", 83, False),
        ("sample.collected", 47, True),
    ]


def test_a_clause_of_nothing_and_a_rate_of_nothing_are_left_out(only, p):
    only(_app())
    texts = _texts(work_report(year(p.committee, 2024, TODAY)))["proposals"]
    # 2023 had nothing (the sample says nothing of when it came into use): 上年为零; 2024 has
    # no key proposals named.
    assert texts[0] == "2024年共收到委员提案47件，上年为零。"
    assert not any("重点提案" in t for t in texts)
    nothing = work_report(year(p.committee, 2023, TODAY))
    assert all("立案" not in t and "%" not in t for t in _texts(nothing).get("proposals", []))


def test_a_statistic_nobody_worded_reaches_the_report_in_a_closing_sentence(only, p):
    only(_app())
    texts = _texts(work_report(year(p.committee, 2025, TODAY)))["proposals"]
    assert texts[-1] == "此外，新统计3条。"


def test_an_app_without_sections_gets_one_titled_as_its_statistics(only, p):
    only(_app(report=()))
    [section] = work_report(year(p.committee, 2025, TODAY)).sections
    assert (section.key, section.title) == ("sample", "样例统计")
    text = section.paragraphs[0].text
    assert text.startswith("2025年，收到提案83件、立案81件、A类48件、A类占比59%")


def test_sections_follow_their_declared_order(only, p):
    later = ReportSection("later", "后写", 30, (("立案{registered}",),))
    first = ReportSection("first", "先写", 10, (("收到{collected}",),))
    only(_app(report=(later,), app="b"))
    only(_app(report=(first,), app="a"))
    keys = [s.key for s in work_report(year(p.committee, 2025, TODAY)).sections]
    assert keys[:2] == ["first", "later"]


def test_every_number_of_the_text_is_a_figure_with_its_value(only, p):
    only(_app())
    for section in work_report(year(p.committee, 2025, TODAY)).sections:
        for paragraph in section.paragraphs:
            assert paragraph.text == "".join(
                x if isinstance(x, str) else x.words for x in paragraph.pieces
            )
            counts = [f for f in paragraph.figures if not (f.is_rate or f.previous)]
            assert all(str(f.value) in f.words for f in counts)


def test_a_rate_carries_its_definition(only, p):
    only(_app())
    paragraph = work_report(year(p.committee, 2025, TODAY)).sections[0].paragraphs[1]
    [rate] = [f for f in paragraph.figures if f.is_rate]
    assert (rate.words, rate.value, rate.definition) == ("59%", 0.5926, "A类件数 ÷ 立案件数")


@pytest.mark.parametrize(
    "clause",
    [
        "{missing}",
        "{collected.item}",
        "{by_kind.nobody}",
        "{collected:items}",
        "{a:style}",
        "{by_kind.standing:titles}",
        "{by_kind.nobody:series}",
    ],
)
def test_a_clause_naming_no_statistic_is_refused_at_start_up(clause):
    with pytest.raises(ValueError, match="names no statistic"):
        _app(report=(ReportSection("x", "x", 1, ((clause,),)),))


def test_a_statistic_linking_to_records_needs_the_apps_records():
    with pytest.raises(ValueError, match="cannot list"):
        _app(stats=(_count("collected", records="proposal_list"),))


def test_a_committee_with_no_records_before_the_period_is_compared_with_nothing(only, p):
    only(_app(first_day=lambda committee: date(2024, 3, 1)))
    texts = _texts(work_report(year(p.committee, 2024, TODAY)))["proposals"]
    assert texts[0] == "2024年共收到委员提案47件。"
    [paragraph, *_] = work_report(year(p.committee, 2024, TODAY)).sections[0].paragraphs
    assert not any(f.previous for f in paragraph.figures)
    later = _texts(work_report(year(p.committee, 2025, TODAY)))["proposals"]
    assert later[0] == "2025年共收到委员提案83件，比上年增加77%。"


def test_a_committee_with_no_records_at_all_is_compared_with_nothing(only, p):
    only(_app(first_day=lambda committee: None))
    texts = _texts(work_report(year(p.committee, 2025, TODAY)))["proposals"]
    assert texts[0] == "2025年共收到委员提案83件。"


def test_a_real_nought_last_year_is_said_as_committees_do(only, p):
    only(_app(first_day=lambda committee: date(2020, 1, 1)))
    texts = _texts(work_report(year(p.committee, 2024, TODAY)))["proposals"]
    assert texts[0] == "2024年共收到委员提案47件，上年为零。"


def test_a_half_year_compares_only_when_the_same_days_of_last_year_were_in_use(only, p):
    # In use from August 2024: the first half of 2024 counted nothing, it was not yet in use.
    only(_app(first_day=lambda committee: date(2024, 8, 1)))
    texts = _texts(work_report(first_half(p.committee, 2025, TODAY)))["proposals"]
    assert texts[0] == "2025年上半年共收到委员提案83件。"


TOPICS = ["社会治安防控体系建设", "生态市创建工作", "优化营商环境", "农村人居环境整治"]


def test_the_topics_of_one_kind_of_meeting_are_named_in_running_text(only, p):
    clause = "常委会议围绕{by_kind.standing:series}等议题协商议政"
    section = ReportSection("meetings", "会议", 10, (("召开{by_kind:items}", "；" + clause),))
    only(_app(report=(section,), names=lambda scope: {"by_kind.standing": TOPICS[:3]}))
    [text] = _texts(work_report(year(p.committee, 2025, TODAY)))["meetings"][:1]
    assert text == (
        "召开常委会议5次、主席会议12次、党组会议15次；常委会议围绕社会治安防控体系建设、"
        "生态市创建工作和优化营商环境等议题协商议政。"
    )


def test_a_kind_of_meeting_without_topics_names_none(only, p):
    clause = "；常委会议围绕{by_kind.standing:series}等议题协商议政"
    section = ReportSection("meetings", "会议", 10, (("召开{by_kind:items}", clause),))
    only(_app(report=(section,), names=lambda scope: {}))
    [text] = _texts(work_report(year(p.committee, 2025, TODAY)))["meetings"][:1]
    assert text == "召开常委会议5次、主席会议12次、党组会议15次。"
