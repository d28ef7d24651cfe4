"""Numbers read as a committee writes them, with the seeds' own numbers (seeds_000_002.md
§10.2, seeds_003_004.md §5)."""

import re
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhengxie.core.stats import share as registry_share
from zhengxie.reports.wording import (
    change,
    count,
    percent,
    percent_at_least,
    series,
    share,
    title,
    titles,
)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [(48, "件", "48件"), (19, "次", "19次"), (128, "人", "128人"), (275, "名", "275名"),
     (13, "条", "13条"), (27, "期", "27期"), (65, "人次", "65人次"), (13, "篇", "13篇")],
)  # fmt: skip
def test_a_count_carries_the_measure_word_its_statistic_declares(value, unit, text):
    assert count(value, unit) == text


@pytest.mark.parametrize(
    ("part", "whole", "whole_name", "text"),
    [
        (48, 81, "立案总数", "占立案总数的59%"),  # seed 004: 48件, 59%
        (29, 81, "立案总数", "占立案总数的36%"),  # seed 004: 29件, 36%
        (128, 171, "委员总数", "占委员总数的75%"),  # seed 004: 128人, 75% (171 members)
        (109, 275, "委员总数", "占委员总数的40%"),  # seed 000 篇5: 109 of 275
        (15, 47, "常委总数", "占常委总数的32%"),  # seed 000 篇5: 15 of 47
        (1, 8, "立案总数", "占立案总数的13%"),  # 12.5 rounds half up
    ],
)
def test_a_share_names_its_whole_and_rounds_half_up_to_a_whole_percent(
    part, whole, whole_name, text
):
    assert share(part, whole, whole_name) == text


def test_a_share_takes_one_decimal_when_the_committee_asks_and_drops_a_zero_one():
    assert share(47, 275, "委员总数", digits=1) == "占委员总数的17.1%"  # seed 000 篇5
    assert share(1, 2, "委员总数", digits=1) == "占委员总数的50%"


@pytest.mark.parametrize(
    ("part", "whole", "text"),
    [(1, 300, "0.3%"), (299, 300, "99.7%"), (1, 100_000, "0.001%"), (0, 81, "0%"),
     (81, 81, "100%")],
)  # fmt: skip
def test_a_part_neither_nothing_nor_whole_never_reads_0_or_100_percent(part, whole, text):
    assert share(part, whole, "总数") == f"占总数的{text}"


def test_a_share_of_an_empty_whole_is_left_out():
    assert share(0, 0, "立案总数") == ""


def test_a_rate_from_the_registry_reads_as_its_percentage():
    assert percent(registry_share(48, 81)) == "59%"
    assert percent(registry_share(47, 275), digits=1) == "17.1%"
    assert percent(registry_share(81, 81)) == "100%"


@pytest.mark.parametrize(
    ("value", "unit", "style", "text"),
    [
        (537, "条", "多", "500多条"),  # seed 000: 报送意见建议500多条
        (63, "篇", "余", "60余篇"),  # seed 000: 宣传稿件60余篇
        (23, "篇", "多", "20多篇"),  # seed 000: 建议案20多篇
        (104, "次", "余", "100余次"),  # seed 000: 100余次调研、视察活动
        (1634, "人次", "多", "1600多人次"),  # prov: 1600多人次 (two figures from 1,000)
        (25321, "条", "多", "25000多条"),  # prov: 25000多条
    ],
)
def test_more_than_reads_the_round_figure_below_with_duo_or_yu(value, unit, style, text):
    assert count(value, unit, style) == text


@pytest.mark.parametrize(("value", "style"), [(500, "多"), (60, "余"), (1600, "多")])
def test_more_than_is_never_written_of_the_round_figure_itself(value, style):
    assert count(value, "条", style) == f"{value}条"


@pytest.mark.parametrize(
    ("value", "text"),
    [(38, "近40份"), (36, "近40份"), (39, "近40份"), (35, "35份"), (40, "40份"),
     (96, "近100份"), (5400, "近6000份"), (5399, "5399份")],
)  # fmt: skip
def test_near_reads_only_within_a_tenth_below_the_round_figure(value, text):
    assert count(value, "份", "近") == text  # seed 000: 近40份有质量的调研报告


@pytest.mark.parametrize("style", ["多", "余", "近"])
def test_counts_below_ten_are_never_approximated(style):
    assert [count(n, "次", style) for n in (0, 1, 8, 9)] == ["0次", "1次", "8次", "9次"]


def test_an_unknown_approximation_style_is_a_mistake_whatever_the_count():
    for value in (5, 537):
        with pytest.raises(ValueError, match="unknown approximation style"):
            count(value, "条", "约")


@pytest.mark.parametrize(
    ("rate", "text"),
    [(0.973, "95%以上"), (0.31, "30%以上"), (0.95, "95%"), (1.0, "100%"), (0.03, "3%")],
)
def test_at_least_reads_the_multiple_of_five_points_below_the_rate(rate, text):
    assert percent_at_least(rate) == text  # seed 004: 满意率95%以上, 主席直接督办率30%以上


def test_growth_is_a_percentage_of_the_previous_period():
    # seed 004: 共收到委员提案83件,比上年增加77%
    assert change(83, 47, "上年") == "比上年增加77%"


def test_a_fall_is_a_percentage_of_the_previous_period():
    assert change(30, 40, "上年") == "比上年减少25%"
    assert change(0, 4, "去年同期") == "比去年同期减少100%"


def test_the_same_count_as_before_is_level():
    assert change(47, 47, "上年") == "与上年持平"
    assert change(0, 0, "去年同期") == "与去年同期持平"


def test_a_change_short_of_double_or_of_nothing_never_reads_100_or_0_percent():
    assert change(1999, 1000, "上年") == "比上年增加99.9%"
    assert change(1001, 1000, "上年") == "比上年增加0.1%"


@pytest.mark.parametrize(
    ("current", "text"),
    [(94, "是去年同期的2倍"), (118, "是去年同期的2.5倍"), (96, "是去年同期的2倍多"),
     (139, "是去年同期的2.9倍"), (141, "是去年同期的3倍")],
)  # fmt: skip
def test_twice_or_more_is_a_multiple_cut_down_to_one_decimal(current, text):
    assert change(current, 47, "去年同期") == text  # seed 002: 是去年同期的*倍


def test_nothing_in_the_previous_period_reads_as_nought_in_words_not_a_percentage():
    assert change(5, 0, "上年") == "上年为零"
    assert change(5, 0, "去年同期") == "去年同期为零"


def test_named_items_list_the_first_titles_then_their_count():
    # seed 000: 《关于…的提案》《…》《…》等10件重点提案进行了督办
    names = [f"关于第{n}项工作的提案" for n in range(1, 11)]
    assert titles(names, "件") == (
        "《关于第1项工作的提案》《关于第2项工作的提案》《关于第3项工作的提案》等10件"
    )


def test_named_items_all_shown_read_their_count_without_deng():
    assert titles(["关于甲的提案", "关于乙的提案"], "件") == "《关于甲的提案》《关于乙的提案》2件"
    assert titles([], "件") == ""


def test_a_title_already_in_brackets_is_not_wrapped_again():
    assert title("《各界反映》") == "《各界反映》"
    assert title("「委员建言」") == "「委员建言」"
    assert title(" 关于落实《条例》的提案 ") == "《关于落实〈条例〉的提案》"


def test_a_complete_list_joins_with_dunhao_and_he_before_the_last():
    # seed 000 篇4: 农村人居环境整治、农村文化阵地建设和"扫黑除恶"工作开展情况
    topics = ["农村人居环境整治", "农村文化阵地建设", '"扫黑除恶"工作开展情况']
    assert series(topics) == '农村人居环境整治、农村文化阵地建设和"扫黑除恶"工作开展情况'
    assert series(topics[:2]) == "农村人居环境整治和农村文化阵地建设"
    assert series(topics[:1]) == "农村人居环境整治"


NUMBER = re.compile(r"(近)?(\d+(?:\.\d+)?)(多|余)?条")


@given(st.integers(min_value=0, max_value=10**7), st.sampled_from(["多", "余", "近"]))
def test_an_approximation_never_states_a_number_the_value_contradicts(value, style):
    near, figure, above = NUMBER.fullmatch(count(value, "条", style)).groups()
    figure = int(figure)
    if near:
        assert figure * 9 <= value * 10 < figure * 10
    elif above:
        assert figure < value and value >= 10
    else:
        assert figure == value


@given(st.integers(min_value=1, max_value=10**6).flatmap(
    lambda whole: st.tuples(st.integers(min_value=0, max_value=whole), st.just(whole))
), st.sampled_from([0, 1]))  # fmt: skip
def test_a_share_lies_between_0_and_100_percent_and_reads_them_only_when_exact(part_whole, digits):
    part, whole = part_whole
    shown = float(re.fullmatch(r"占总数的(\d+(?:\.\d+)?)%", share(part, whole, "总数", digits))[1])
    assert 0 <= shown <= 100
    assert (shown == 0) == (part == 0) and (shown == 100) == (part == whole)


@given(st.fractions(min_value=0, max_value=1))
def test_at_least_never_states_more_than_the_rate(rate):
    text = percent_at_least(rate)
    shown = Fraction(re.fullmatch(r"(\d+(?:\.\d+)?)%(以上)?", text)[1])
    assert shown <= rate * 100 or not text.endswith("以上")


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_a_comparison_reads_the_direction_of_the_change(current, previous):
    text = change(current, previous, "上年")
    if current == previous:
        assert text == "与上年持平"
    elif previous == 0:
        assert text == "上年为零"
    elif current >= 2 * previous:
        times = Fraction(re.fullmatch(r"是上年的(\d+(?:\.\d)?)倍多?", text)[1])
        assert times <= Fraction(current, previous)
    else:
        assert text.startswith("比上年增加" if current > previous else "比上年减少")
