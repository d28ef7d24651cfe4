"""Which members a period's scores flag (`DutyFlag`), as pure rules over what a recompute has
read; `services.flags_raise` writes them. The rules, from seeds_001 §5 ("对履职成效好的委员进行
表彰,对履职存在问题的委员进行谈话提醒,对履职不合格和违法违规的委员启动委员退出机制", line 55;
"对参加活动不够经常的委员进行了提醒谈话", line 189; "严格会议请假制度", line 385):

- 谈话提醒: a member below a required minimum of the period (`DutyScore.shortfalls`), or absent
  from the plenary (全体会议) without leave `rule.talk_absences` times (issue 12: twice).
- 建议退出: a member flagged for a talk in this period who was flagged for one in other periods
  of the term too, `rule.exit_after` periods in all (default 2: "repeated flags" of issue 12;
  the seeds give no count), unless an exit suggestion of the term is open or was carried out.
- 表彰候选: the top `rule.commend_top` ranks or the top `rule.commend_share` percent of the
  members scored (rounded up), whichever reaches further, ties at the last rank included; a
  member with a positive total and no talk flag in the period. Neither set: no shortlist.

Members who have left the term (退出) are flagged for nothing.
"""

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .models import DutyFlag, ScoringRule
from .scoring import Entry, Result, kind_label

K = DutyFlag.Kind
PLENARY_ABSENCE = ("meeting_absent", "plenary")


@dataclass(frozen=True)
class Standing:
    """What the rules read about the term beyond the period: who has left, how many other
    periods flagged each member for a talk, who has an exit suggestion open or carried out."""

    left: frozenset[int] = frozenset()
    talks_elsewhere: dict[int, int] | None = None
    exit_pending: frozenset[int] = frozenset()


def plenary_absences(entries: Iterable[Entry]) -> Counter:
    return Counter(e[0] for e in entries if (e[1], e[2]) == PLENARY_ABSENCE)


def flagged(
    rule: ScoringRule,
    results: dict[int, Result],
    ranks: dict[int, int],
    absences: Counter,
    standing: Standing,
) -> dict[tuple[int, str], list[str]]:
    """(member, kind) → the reasons, for every flag the period's scores raise."""
    found: dict[tuple[int, str], list[str]] = {}
    for member_id, result in results.items():
        if member_id in standing.left:
            continue
        reasons = [f"未达最低要求:{s['label']}(实际{s['actual']}次)" for s in result.shortfalls]
        if absences[member_id] >= rule.talk_absences:
            label = kind_label(*PLENARY_ABSENCE)
            reasons.append(f"{label}{absences[member_id]}次")
        if reasons:
            found[member_id, K.TALK] = reasons
    talks = standing.talks_elsewhere or {}
    for member_id, _ in list(found):
        periods = talks.get(member_id, 0) + 1
        if periods >= rule.exit_after and member_id not in standing.exit_pending:
            found[member_id, K.EXIT] = [f"本届已在{periods}个考核期间被提示谈话"]
    cut = _commend_cut(rule, len(results))
    for member_id, rank in ranks.items():
        total = results[member_id].total
        excluded = member_id in standing.left or (member_id, K.TALK) in found
        if rank <= cut and total > 0 and not excluded:
            found[member_id, K.COMMEND] = [f"总分{_points(total)}分,排名第{rank}"]
    return found


def _commend_cut(rule: ScoringRule, scored: int) -> int:
    """The last rank shortlisted (ties at it included); 0 when the rules set neither."""
    by_share = math.ceil(scored * rule.commend_share / 100) if rule.commend_share else 0
    return max(rule.commend_top or 0, by_share)


def _points(total: Decimal) -> str:
    return f"{total.quantize(Decimal('0.01'))}"
