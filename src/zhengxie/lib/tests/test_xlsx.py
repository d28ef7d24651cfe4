"""Workbooks of several sheets: each its own title (Excel's limits kept, no two alike), safe
cells, and a link cell that opens its target."""

from io import BytesIO

from openpyxl import load_workbook

from zhengxie.lib.xlsx import Link, Sheet, sheets_bytes


def _book(sheets):
    return load_workbook(BytesIO(sheets_bytes(sheets)))


def test_each_sheet_keeps_its_rows_under_a_title_excel_takes():
    book = _book([Sheet("提案/工作", ["项目"], [["立案"]]), Sheet("会议", ["项目"], [["=1+1"]])])
    assert book.sheetnames == ["提案_工作", "会议"]
    assert book["会议"]["A2"].value == "'=1+1"


def test_two_titles_excel_would_read_as_one_are_numbered():
    long = "很长的标题" * 8
    book = _book([Sheet(long, ["a"], []), Sheet(long, ["a"], []), Sheet("ab", [], [])])
    names = book.sheetnames
    assert len(set(names)) == 3 and all(len(n) <= 31 for n in names) and names[1].endswith("_2")


def test_a_link_cell_shows_its_text_and_opens_its_target():
    sheet = _book(
        [Sheet("表", ["链接"], [[Link("/proposals/?counted=x", "/proposals/?counted=x")]])]
    )
    cell = sheet["表"]["A2"]
    assert (
        cell.value == "/proposals/?counted=x" and cell.hyperlink.target == "/proposals/?counted=x"
    )


def test_a_workbook_of_no_sheet_still_opens():
    assert _book([]).sheetnames == ["Sheet"]
