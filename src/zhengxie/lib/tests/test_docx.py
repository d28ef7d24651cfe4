"""The official-document writer: page numbers, fitted tables, East Asian fonts."""

from io import BytesIO

from docx import Document
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st

from zhengxie.lib.docx import TEXT_WIDTH, OfficialDocument, fitted_widths

TITLE = "关于加快推进城关镇老旧小区加装电梯和无障碍设施改造工作的建议"


def _written(doc: OfficialDocument):
    return Document(BytesIO(doc.bytes()))


def test_docx_has_page_numbers():
    doc = OfficialDocument()
    doc.title("标题")
    doc.text("正文")
    section = _written(doc).sections[0]
    assert _written(doc).settings.odd_and_even_pages_header_footer
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert 'w:fldCharType="begin"' in xml and "PAGE" in xml and 'w:fldCharType="end"' in xml
        assert footer.paragraphs[0].text == "— 1 —"
        fonts = footer.paragraphs[0].runs[0]._element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == doc.fonts.body
    assert section.footer.paragraphs[0].alignment == 2  # odd pages right, even pages left
    assert section.even_page_footer.paragraphs[0].alignment == 0


def test_table_columns_fit_their_content():
    doc = OfficialDocument()
    headers = ["序号", "编号", "案由", "提案人", "办理方式", "办理期限"]
    doc.table(headers, [["1", "12", TITLE, "李委员", "主办", "2026年6月30日"]])
    table = _written(doc).tables[0]
    widths = [cell.width.pt for cell in table.rows[1].cells]
    assert widths[2] == max(widths) and widths[2] > 3 * widths[0]
    assert abs(sum(widths) - TEXT_WIDTH) < 1
    assert [c.width.pt for c in table.columns] == widths  # the grid says the same (WPS)
    run = table.rows[1].cells[2].paragraphs[0].runs[0]
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == doc.fonts.body


def test_narrow_columns_keep_their_width_when_the_text_must_wrap():
    widths = fitted_widths([["序号", "1"], ["案由", TITLE * 3], ["办理期限", "2026年6月30日"]], 12)
    assert widths[0] == 2 * 12 + 12 and abs(sum(widths) - TEXT_WIDTH) < 0.01


@given(
    st.lists(
        st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=5), min_size=1, max_size=8
    )
)
def test_fitted_widths_fill_the_text_block(columns):
    widths = fitted_widths(columns, 12)
    assert abs(sum(widths) - TEXT_WIDTH) < 0.01 and all(w > 0 for w in widths)


def test_each_document_starts_blank_whatever_was_written_before():
    first = OfficialDocument()
    first.title("第一份")
    first.table(["序号", "事项"], [["1", "第一份的表格"]])
    first.doc.sections[0].left_margin = 0
    second = _written(OfficialDocument())
    assert not second.paragraphs and not second.tables
    assert second.sections[0].left_margin == OfficialDocument().doc.sections[0].left_margin > 0


def test_table_rows_keep_their_own_texts_and_the_body_font():
    doc = OfficialDocument()
    doc.table(["序号", "事项"], [["1", "甲"], ["2", "乙\t丙"], ["3", ""], ["4", " 丁 "]])
    table = _written(doc).tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["序号", "事项"],
        ["1", "甲"],
        ["2", "乙\t丙"],
        ["3", ""],
        ["4", " 丁 "],
    ]
    body = table.rows[1].cells[1].paragraphs[0].runs[0]._element.rPr.rFonts
    assert body.get(qn("w:eastAsia")) == doc.fonts.body
