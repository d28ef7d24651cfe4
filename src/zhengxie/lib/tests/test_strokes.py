from zhengxie.lib.strokes import name_sort_key, stroke_count


def test_surnames_sort_by_stroke_count_then_first_stroke():
    # 丁2; 万 and 马 have 3 strokes, 万 starts with 横 and 马 with 折; 李 张 陈 have 7 strokes
    # and start with 横, 折(横折 then 横) and 折(横折折折钩 then 竖).
    names = ["陈", "王", "李", "马", "张", "刘", "丁", "万"]
    assert sorted(names, key=name_sort_key) == ["丁", "万", "马", "王", "刘", "李", "张", "陈"]


def test_same_surname_sorts_by_following_characters():
    names = ["王五", "王一", "王", "王二"]
    assert sorted(names, key=name_sort_key) == ["王", "王一", "王二", "王五"]


def test_stroke_counts_of_common_surnames():
    assert [stroke_count(c) for c in "王李张刘陈"] == [4, 7, 7, 6, 7]


def test_unknown_characters_sort_last():
    assert name_sort_key("王") < name_sort_key("\U00030000")
