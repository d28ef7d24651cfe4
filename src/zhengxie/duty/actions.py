"""The steps of a self-reported activity as both the pages and the API take them: a payload
schema and the service call, per action name of `workflow.SELF_REPORT`."""

from datetime import date
from decimal import Decimal

from ninja import Field

from zhengxie.core.actionforms import Empty, schema_fields, schema_payload
from zhengxie.core.inputs import InSchema, ModelText

from . import queries, services
from .kinds import OTHER_ACTIVITY
from .models import SelfReport

Hours = Field(None, ge=Decimal("0.5"), le=999, max_digits=5, decimal_places=1, title="学时/时长")


class Return(InSchema):
    reason: ModelText(SelfReport, "reason")


class Report(InSchema):
    """A submission, and a returned report sent again."""

    kind: ModelText(SelfReport, "kind") = Field(description="本会的活动类别,或“其他”")
    date: date
    description: ModelText(SelfReport, "description")
    hours: Decimal | None = Hours


ACTIONS = {
    "confirm": (Empty, lambda a, r, d: services.self_report_confirm(actor=a, report=r)),
    "return": (
        Return,
        lambda a, r, d: services.self_report_return(actor=a, report=r, reason=d.reason),
    ),
    "resubmit": (
        Report,
        lambda a, r, d: services.self_report_resubmit(actor=a, report=r, **d.dict()),
    ),
}

LABELS = {
    "reason": ("退回理由", "textarea"),
    "kind": ("活动类别", "select"),
    "date": ("活动日期", "date"),
    "description": ("活动内容", "textarea"),
    "hours": ("学时/时长", "text"),
}


def kind_choices(committee_id: int) -> list[tuple[str, str]]:
    names = list(queries.activity_kinds(committee_id).values_list("name", flat=True))
    return [(n, n) for n in [*names, OTHER_ACTIVITY]]


def action_fields(action: str, report: SelfReport):
    return schema_fields(ACTIONS[action][0], LABELS, lambda key: kind_choices(report.committee_id))


def payload_from_post(action: str, post) -> dict:
    return schema_payload(ACTIONS[action][0], LABELS, post)
