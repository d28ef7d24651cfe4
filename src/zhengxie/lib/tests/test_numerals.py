import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhengxie.lib.numerals import (
    chinese_numeral,
    heading_number,
    session_label,
    term_label,
    term_name,
)


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (0, "零"),
        (3, "三"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1001, "一千零一"),
        (2024, "二千零二十四"),
    ],
)
def test_numbers_are_written_as_documents_write_them(number, text):
    assert chinese_numeral(number) == text


def test_terms_and_sessions_are_rendered_in_chinese_numerals():
    assert term_label(10) == "第十届"
    assert term_label(12) == "第十二届"
    assert term_name(11) == "十一届"
    assert term_name(23) == "二十三届"
    assert session_label(10, 3) == "十届三次会议"
    assert session_label(11, 1) == "十一届一次会议"


@given(st.integers(min_value=0, max_value=9999), st.integers(min_value=0, max_value=9999))
def test_distinct_numbers_get_distinct_numerals(a, b):
    assert (chinese_numeral(a) == chinese_numeral(b)) == (a == b)


@given(st.integers(min_value=1, max_value=9999))
def test_numerals_never_double_a_zero_or_end_in_one(n):
    text = chinese_numeral(n)
    assert "零零" not in text
    assert not text.endswith("零")


def test_numbers_out_of_range_are_refused():
    with pytest.raises(ValueError):
        chinese_numeral(10000)


@pytest.mark.parametrize(
    ("position", "text"), [(1, "一、"), (2, "二、"), (10, "十、"), (11, "十一、"), (20, "二十、")]
)
def test_first_level_headings_are_numbered_in_chinese_with_a_dunhao(position, text):
    assert heading_number(position) == text


def test_headings_are_counted_from_one():
    with pytest.raises(ValueError):
        heading_number(0)
