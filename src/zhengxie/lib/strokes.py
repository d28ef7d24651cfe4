"""Sort keys for 姓氏笔画 order: stroke count, then the strokes in writing order.

Names compare character by character, so everyone named 王 comes together and
is then ordered by the second character. The key is a plain string, so SQLite
and PostgreSQL order it the same way.
"""

from functools import cache
from importlib import resources

UNKNOWN = "99" + "9" * 8


@cache
def _stroke_table() -> dict[str, str]:
    text = resources.files("zhengxie.lib").joinpath("data/strokes.txt").read_text("utf-8")
    table = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            char, strokes = line.split(" ")
            table[char] = strokes
    return table


def stroke_count(char: str) -> int | None:
    strokes = _stroke_table().get(char)
    return len(strokes) if strokes else None


def char_key(char: str) -> str:
    """Two digits of stroke count, then the first eight strokes (1横 2竖 3撇 4点 5折)."""
    strokes = _stroke_table().get(char)
    if strokes is None:
        return UNKNOWN
    return f"{len(strokes):02d}{strokes[:8]:0<8}"


def name_sort_key(name: str) -> str:
    return "".join(char_key(char) for char in name.strip())
