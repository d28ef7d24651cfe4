"""How the rules (履职考核细则) turn a period's ledger into scores: pure computation over rows
already read, so one pass over the ledger serves every member (`services.scores_recompute`).

- A record is worth its points line's `points` (most specific line: its meeting kind before
  any, then 专委会主任 before 常委 before 全体委员), else what the ledger gave it.
- Each multiplier of its kind multiplies it when the member's ledger carries the multiplier's
  `with_kind` for the same source (a proposal registered and made a key proposal), or always
  when the multiplier names no `with_kind`.
- A points line's `cap` bounds the absolute sum of the records it priced in the period.
- A minimum is met by records of its kind (and meeting kind) in the period; those not met are
  the score's shortfalls. The total is the sum of the kinds; equal totals share a rank.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from .kinds import DUTY_KINDS, QUALIFIERS
from .models import Audience

# Most specific first: a line for the heads applies to them before one for everybody.
PRECEDENCE = (Audience.SPECIAL_COMMITTEE_HEAD, Audience.STANDING, Audience.ALL)
CENT = Decimal("0.01")

# A ledger row as read for scoring: member, kind, qualifier, points, source type, source id.
Entry = tuple[int, str, str, Decimal, int | None, int | None]


def audiences_of(*, standing: bool, heads: bool) -> frozenset[str]:
    found = {Audience.ALL} | ({Audience.STANDING} if standing else set())
    return frozenset(found | ({Audience.SPECIAL_COMMITTEE_HEAD} if heads else set()))


def kind_label(kind: str, qualifier: str = "") -> str:
    label = DUTY_KINDS[kind].label if kind in DUTY_KINDS else kind
    extra = QUALIFIERS.get(kind, {}).get(qualifier, qualifier)
    return f"{label}({extra})" if qualifier else label


@dataclass
class Result:
    total: Decimal = Decimal(0)
    breakdown: dict = field(default_factory=dict)
    shortfalls: list = field(default_factory=list)


def _most_specific(lines: dict, key: tuple, audiences: frozenset[str]):
    for audience in PRECEDENCE:
        if audience in audiences and (line := lines.get((*key, audience))):
            return line
    return None


class Rules:
    """A rule set's lines, indexed for the lookups a record needs."""

    def __init__(self, points: Iterable, multipliers: Iterable, minimums: Iterable):
        self.points = {(p.kind, p.qualifier, p.applies_to): p for p in points}
        self.multipliers = {(m.kind, m.with_kind, m.applies_to): m for m in multipliers}
        self.minimums = {(m.kind, m.qualifier, m.applies_to): m for m in minimums}
        self.with_kinds = {m.with_kind for m in self.multipliers.values() if m.with_kind}
        self._memo: dict = {}

    def points_line(self, kind: str, qualifier: str, audiences: frozenset[str]):
        memo_key = ("p", kind, qualifier, audiences)
        if memo_key not in self._memo:
            line = None
            if qualifier:
                line = _most_specific(self.points, (kind, qualifier), audiences)
            self._memo[memo_key] = line or _most_specific(self.points, (kind, ""), audiences)
        return self._memo[memo_key]

    def multipliers_for(self, kind: str, audiences: frozenset[str]) -> list:
        memo_key = ("m", kind, audiences)
        if memo_key not in self._memo:
            pairs = {(k, w) for k, w, _ in self.multipliers if k == kind}
            found = (_most_specific(self.multipliers, pair, audiences) for pair in sorted(pairs))
            self._memo[memo_key] = [m for m in found if m is not None]
        return self._memo[memo_key]

    def minimums_for(self, audiences: frozenset[str]) -> list:
        memo_key = ("n", audiences)
        if memo_key not in self._memo:
            pairs = sorted({(k, q) for k, q, _ in self.minimums})
            found = (_most_specific(self.minimums, pair, audiences) for pair in pairs)
            self._memo[memo_key] = [m for m in found if m is not None]
        return self._memo[memo_key]


def price(rules: Rules, entry: Entry, audiences: frozenset[str], qualifying: set) -> tuple:
    """What one record is worth before its line's cap, and the points line that priced it."""
    member_id, kind, qualifier, points, source_type, source_id = entry
    line = rules.points_line(kind, qualifier, audiences)
    value = points if line is None or line.points is None else line.points
    for multiplier in rules.multipliers_for(kind, audiences):
        if not multiplier.with_kind or (
            (member_id, source_type, source_id, multiplier.with_kind) in qualifying
        ):
            value *= multiplier.factor
    return value, line


def compute(
    rules: Rules,
    members: dict[int, frozenset[str]],
    entries: Iterable[Entry],
    qualifying: set[tuple[int, int, int, str]],
) -> dict[int, Result]:
    """Each member's result. `qualifying` holds (member, source type, source id, kind) of the
    ledger rows a multiplier's `with_kind` may ask for, whatever their date."""
    priced: dict[tuple, list] = defaultdict(lambda: [0, Decimal(0)])  # (member, kind, line)
    counted: dict[tuple, int] = defaultdict(int)  # (member, kind, qualifier), and (member, kind)
    for entry in entries:
        member_id, kind, qualifier = entry[:3]
        audiences = members.get(member_id)
        if audiences is None:
            continue
        value, line = price(rules, entry, audiences, qualifying)
        bucket = priced[member_id, kind, line.pk if line else None]
        bucket[0] += 1
        bucket[1] += value
        counted[member_id, kind, qualifier] += 1
        counted[member_id, kind] += 1
    caps = {line.pk: line.cap for line in rules.points.values() if line.cap is not None}
    results = {member_id: Result() for member_id in members}
    for (member_id, kind, line_pk), (count, value) in priced.items():
        cap = caps.get(line_pk)
        if cap is not None and abs(value) > cap:
            value = cap if value > 0 else -cap
        item = results[member_id].breakdown.setdefault(kind, {"count": 0, "points": Decimal(0)})
        item["count"] += count
        item["points"] += value
    for member_id, result in results.items():
        for item in result.breakdown.values():
            item["points"] = item["points"].quantize(CENT)
        result.total = sum((i["points"] for i in result.breakdown.values()), Decimal(0))
        result.shortfalls = _shortfalls(rules, member_id, members[member_id], counted)
        for item in result.breakdown.values():
            item["points"] = str(item["points"])
    return results


def minimum_label(minimum) -> str:
    return f"{kind_label(minimum.kind, minimum.qualifier)}至少{minimum.count}次"


def _shortfalls(rules: Rules, member_id: int, audiences, counted) -> list[dict]:
    missing = []
    for minimum in rules.minimums_for(audiences):
        key = (member_id, minimum.kind, minimum.qualifier) if minimum.qualifier else None
        actual = counted.get(key or (member_id, minimum.kind), 0)
        if actual < minimum.count:
            missing.append(
                {
                    "kind": minimum.kind,
                    "qualifier": minimum.qualifier,
                    "label": minimum_label(minimum),
                    "required": minimum.count,
                    "actual": actual,
                }
            )
    return missing


def ranks(totals: dict[int, Decimal]) -> dict[int, int]:
    """Competition ranking (1, 2, 2, 4): equal totals share the better rank."""
    ordered = sorted(totals.values(), reverse=True)
    first = {}
    for position, total in enumerate(ordered, start=1):
        first.setdefault(total, position)
    return {member_id: first[total] for member_id, total in totals.items()}
