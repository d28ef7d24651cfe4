"""What changed between two versions of a 工作报告稿, section by section: each paragraph
(a line of the section's text) kept, added, removed or changed, and within a changed one the
characters taken out and put in (Chinese has no spaces to diff words by)."""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .drafting import paragraphs


@dataclass(frozen=True)
class Line:
    # "added", "removed" or "changed"; pieces are (op, text) with op "", "del" or "ins".
    kind: str
    pieces: list[tuple[str, str]]


@dataclass(frozen=True)
class SectionDiff:
    key: str
    heading: str
    old_heading: str  # "" where the heading is unchanged
    change: str  # "changed", "added" or "removed"
    lines: list[Line] = field(default_factory=list)


def versions_diff(old: list[dict], new: list[dict]) -> list[SectionDiff]:
    """The sections that differ, in the newer version's order, then those it dropped."""
    before = {s["key"]: s for s in old}
    after = {s["key"]: s for s in new}
    found = [_section(before.get(s["key"]), s) for s in new]
    found += [_section(s, None) for s in old if s["key"] not in after]
    return [d for d in found if d is not None]


def _section(old: dict | None, new: dict | None) -> SectionDiff | None:
    if old is None:
        return SectionDiff(new["key"], new["heading"], "", "added", _lines("", new["text"]))
    if new is None:
        return SectionDiff(old["key"], old["heading"], "", "removed", _lines(old["text"], ""))
    if old == new:
        return None
    renamed = old["heading"] if old["heading"] != new["heading"] else ""
    lines = _lines(old["text"], new["text"])
    return SectionDiff(new["key"], new["heading"], renamed, "changed", lines)


def _lines(old: str, new: str) -> list[Line]:
    a, b = paragraphs(old), paragraphs(new)
    lines = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1:
            pairs = zip(a[i1:i2], b[j1:j2], strict=True)
            lines += [Line("changed", _chars(x, y)) for x, y in pairs]
            continue
        if op in ("replace", "delete"):
            lines += [Line("removed", [("del", x)]) for x in a[i1:i2]]
        if op in ("replace", "insert"):
            lines += [Line("added", [("ins", y)]) for y in b[j1:j2]]
    return lines


def _chars(old: str, new: str) -> list[tuple[str, str]]:
    pieces = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("", old[i1:i2]))
            continue
        if i2 > i1:
            pieces.append(("del", old[i1:i2]))
        if j2 > j1:
            pieces.append(("ins", new[j1:j2]))
    return pieces
