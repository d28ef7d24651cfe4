"""What a 工作报告稿 starts from and how a saved version reads: the default title and 主送 line
built from the committee's name and the period, the generated sections as the first text, and
a saved paragraph that still reads as generated keeping its numbers' links to the records."""

from dataclasses import dataclass

from zhengxie.core.models import Committee

from .periods import Period

FULL_PREFIX = "中国人民政治协商会议"
FULL_SUFFIX = "委员会"


def place_of(committee: Committee) -> str:
    """The county, district or city a committee is of: 云溪县 from 中国人民政治协商会议云溪县委员会
    (or, failing that, from 云溪县政协)."""
    full = committee.full_name
    if full.startswith(FULL_PREFIX) and full.endswith(FULL_SUFFIX) and len(full) > 15:
        return full[len(FULL_PREFIX) : -len(FULL_SUFFIX)]
    return committee.name.removesuffix("政协")


def period_name(period: Period, kind: str = "", number: int | None = None) -> str:
    """The period as a title names it: a year asked for while it runs is still 2026年 (its
    generated text says 今年以来), its first half 2026年上半年; any other period by its label."""
    if kind == "year" and number:
        return f"{number}年"
    if kind == "first_half" and number:
        return f"{number}年上半年"
    return period.label


def issuer(committee: Committee) -> str:
    """The committee as a work report signs it (政协云溪县委员会)."""
    return f"政协{place_of(committee)}委员会"


def default_title(committee: Committee, name: str) -> str:
    return f"{issuer(committee)}{name}工作报告"


def default_addressee(committee: Committee) -> str:
    return f"中共{place_of(committee)}委"


def sections_of(generated: dict) -> list[dict]:
    """The generated report's sections as a version's text: each paragraph a line."""
    return [
        {
            "key": s["key"],
            "heading": s["title"],
            "text": "\n".join(p["text"] for p in s["paragraphs"]),
        }
        for s in generated["sections"]
    ]


@dataclass(frozen=True)
class Shown:
    """A section of a version as the page shows it: each paragraph as pieces, text and the
    generated figures (dicts of generator.as_data) where the paragraph is as generated."""

    key: str
    heading: str
    paragraphs: list[list]


def shown(version_sections: list[dict], generated: dict) -> list[Shown]:
    figures = {
        (s["key"], p["text"]): p["figures"] for s in generated["sections"] for p in s["paragraphs"]
    }
    return [
        Shown(
            s["key"],
            s["heading"],
            [_linked(line, figures.get((s["key"], line))) for line in paragraphs(s["text"])],
        )
        for s in version_sections
    ]


def paragraphs(text: str) -> list[str]:
    """A section's paragraphs: its lines that hold text."""
    return [line for line in text.splitlines() if line.strip()]


def _linked(line: str, figures: list[dict] | None) -> list:
    """The paragraph's figures found in order in its text (the generator wrote it as pieces,
    text and figures' words in turn); an edited paragraph is text alone."""
    if not figures:
        return [line]
    pieces, at = [], 0
    for figure in figures:
        found = line.find(figure["words"], at)
        if found < 0 or not figure["words"]:
            continue
        pieces += [line[at:found], figure]
        at = found + len(figure["words"])
    return [p for p in (*pieces, line[at:]) if p]


@dataclass(frozen=True)
class Recount:
    """A number a saved version states that a regeneration for the same dates states
    otherwise (`now` "" where it is no longer written: nothing to count any more)."""

    key: str
    label: str
    saved: str
    now: str
    records_url: str


def _stated(generated: dict) -> dict[str, dict]:
    """The figures a generated report states for its own period, by key."""
    return {
        f["key"]: f
        for s in generated["sections"]
        for p in s["paragraphs"]
        for f in p["figures"]
        if not f["previous"]
    }


def recounted(saved: dict, fresh: dict) -> list[Recount]:
    """Each statistic whose value differs between the saved generation and a fresh one, in
    the saved report's order, then those only the fresh one states."""
    before, after = _stated(saved), _stated(fresh)
    found = []
    for key in [*before, *(k for k in after if k not in before)]:
        old, new = before.get(key), after.get(key)
        if old and new and old["value"] == new["value"]:
            continue
        shown = new or old
        found.append(
            Recount(
                key,
                shown["label"],
                old["words"] if old else "",
                new["words"] if new else "",
                shown["records_url"],
            )
        )
    return found
