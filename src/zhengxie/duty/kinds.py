"""Kinds of duty record. Each app registers its own kinds in `AppConfig.ready()`."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

# The lines of work a kind belongs to, for "who has not engaged in …" (未参与 lists). A kind's
# category is the first word of its code unless it names another; an unknown one is 其他.
CATEGORIES = {
    "proposal": "提案",
    "opinion": "社情民意信息",
    "meeting": "参加会议",
    "speech": "大会发言",
    "fieldwork": "视察调研考察",
    "consultation": "协商议政",
    "outcome": "协商成果",
    "training": "学习培训",
    "other": "其他履职活动",
}


@dataclass(frozen=True)
class DutyKind:
    code: str
    label: str
    default_points: Decimal
    category: str
    # Staff may record it on a member's behalf (a training outside the platform, another
    # activity); the kinds the apps feed come only from their facts.
    manual: bool = False


DUTY_KINDS: dict[str, DutyKind] = {}
# What a kind's `DutyRecord.qualifier` may hold, with its label (the meetings app registers its
# kinds of meeting for attendance, absence and training).
QUALIFIERS: dict[str, dict[str, str]] = {}


def register_duty_kind(
    code: str, label: str, default_points: str | int = 0, category: str = "", manual: bool = False
) -> DutyKind:
    category = category or code.split("_")[0]
    kind = DutyKind(
        code,
        label,
        Decimal(default_points),
        category if category in CATEGORIES else "other",
        manual,
    )
    DUTY_KINDS[code] = kind
    return kind


def engaging() -> dict[str, str]:
    """The kinds that are engagement, each with its category: a kind that takes points away
    (无故缺席) is none."""
    return {k.code: k.category for k in DUTY_KINDS.values() if k.default_points > 0}


def register_duty_qualifiers(kinds: Iterable[str], choices: Iterable[tuple[str, str]]) -> None:
    for kind in kinds:
        QUALIFIERS.setdefault(kind, {}).update(choices)


register_duty_kind("training", "参加学习培训", 2, manual=True)
register_duty_kind("other", "其他履职活动", 1, manual=True)
# A self-reported activity the office confirmed; its qualifier is the activity's kind, so the
# rules may weigh the default kinds apart (a committee's own kinds count as the kind at large).
OTHER_ACTIVITY = "其他"
DEFAULT_ACTIVITIES = ["为群众办实事", "捐资助学", "委员工作室接待", "走访联系群众", "扶贫帮困"]
register_duty_kind("activity", "自报履职活动", 2, category="other")
register_duty_qualifiers(["activity"], [(n, n) for n in [*DEFAULT_ACTIVITIES, OTHER_ACTIVITY]])


def manual_kinds() -> list[DutyKind]:
    return [kind for kind in DUTY_KINDS.values() if kind.manual]
