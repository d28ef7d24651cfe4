"""Kinds of duty record. Each app registers its own kinds in `AppConfig.ready()`."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class DutyKind:
    code: str
    label: str
    default_points: Decimal


DUTY_KINDS: dict[str, DutyKind] = {}


def register_duty_kind(code: str, label: str, default_points: str | int = 0) -> DutyKind:
    kind = DutyKind(code, label, Decimal(default_points))
    DUTY_KINDS[code] = kind
    return kind


register_duty_kind("training", "参加学习培训", 2)
register_duty_kind("other", "其他履职活动", 1)
