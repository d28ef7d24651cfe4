import pytest

from zhengxie.lib.cells import safe_cell
from zhengxie.lib.idnumbers import id_check_digit, is_valid_id_number
from zhengxie.lib.masking import mask_id_number, mask_phone


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_formula_like_cells_are_neutralised(value):
    assert safe_cell(value) == "'" + value


def test_ordinary_cells_are_kept():
    assert safe_cell("王伟") == "王伟"
    assert safe_cell(42) == 42


def test_phone_and_id_number_are_masked_in_the_middle():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_id_number("11010519491231002X") == "1101**********002X"


def test_id_numbers_are_checked_by_their_check_character():
    assert is_valid_id_number("11010519491231002X")
    assert not is_valid_id_number("110105194912310021")
    month_13 = "11010519491331002"
    assert not is_valid_id_number(month_13 + id_check_digit(month_13))
