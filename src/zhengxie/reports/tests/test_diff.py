"""What changed between two versions, per section — a paragraph changed shows the characters
taken out and put in; added, removed and renamed sections say so; an unchanged one is left
out — and between a version's numbers and a regeneration for the same dates."""

from zhengxie.reports.diff import versions_diff
from zhengxie.reports.drafting import recounted


def _s(key, heading, text):
    return {"key": key, "heading": heading, "text": text}


def test_a_changed_paragraph_shows_what_was_taken_out_and_put_in():
    old = [_s("a", "会议", "全年召开常委会议5次。\n主席会议12次。")]
    new = [_s("a", "会议", "全年召开常委会议6次。\n主席会议12次。")]
    [section] = versions_diff(old, new)
    [line] = section.lines
    assert (section.change, line.kind) == ("changed", "changed")
    assert ("del", "5") in line.pieces and ("ins", "6") in line.pieces
    assert "".join(t for op, t in line.pieces if op != "del") == "全年召开常委会议6次。"


def test_unchanged_sections_are_left_out_and_renamed_added_removed_are_named():
    old = [_s("a", "会议", "甲"), _s("b", "提案", "乙"), _s("c", "协商", "丙")]
    new = [_s("a", "会议", "甲"), _s("b", "提案工作", "乙\n新增一段"), _s("d", "新", "丁")]
    found = {d.key: d for d in versions_diff(old, new)}
    assert set(found) == {"b", "c", "d"}
    assert (found["b"].old_heading, found["b"].heading) == ("提案", "提案工作")
    assert [line.kind for line in found["b"].lines] == ["added"]
    assert (found["c"].change, found["d"].change) == ("removed", "added")


def test_paragraphs_replaced_by_a_different_number_read_as_removed_and_added():
    [section] = versions_diff([_s("a", "会议", "一\n二")], [_s("a", "会议", "三")])
    assert [line.kind for line in section.lines] == ["removed", "removed", "added"]


def _generated(*figures):
    paragraph = {"text": "", "figures": list(figures)}
    return {"sections": [{"key": "a", "title": "甲", "paragraphs": [paragraph]}]}


def _figure(key, value, previous=False):
    return {
        "key": key,
        "value": value,
        "words": f"{value}次",
        "label": key,
        "records_url": "",
        "previous": previous,
    }


def test_a_recount_names_what_changed_came_or_went_and_not_the_compared_period():
    saved = _generated(_figure("m.a", 1), _figure("m.b", 2), _figure("m.a", 9, previous=True))
    fresh = _generated(_figure("m.a", 1), _figure("m.c", 3), _figure("m.a", 5, previous=True))
    found = [(r.key, r.saved, r.now) for r in recounted(saved, fresh)]
    assert found == [("m.b", "2次", ""), ("m.c", "", "3次")]
