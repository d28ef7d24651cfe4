"""The steps of a self-reported activity (`workflow.SELF_REPORT`) and of a duty flag
(`workflow.FLAG`) as both the pages and the API take them: a payload schema and the service
call, per action name."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field

from zhengxie.core import actionforms
from zhengxie.core.actionforms import Empty, schema_fields, schema_payload
from zhengxie.core.inputs import Id, InSchema, ModelText
from zhengxie.members.models import Membership

from . import queries, services
from .kinds import OTHER_ACTIVITY
from .models import DutyFlag, DutyReport, SelfReport

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


# Duty flags (workflow.FLAG).


class Talk(InSchema):
    talked_on: date = Field(title="谈话日期")
    talked_by: ModelText(DutyFlag, "talked_by") = Field(title="谈话人")
    note: ModelText(DutyFlag, "note") = Field("", title="谈话情况")


class Exit(InSchema):
    left_on: date = Field(title="退出日期")
    reason: ModelText(Membership, "left_reason") = Field(title="退出原因")


class Dismiss(InSchema):
    reason: ModelText(DutyFlag, "note") = Field(title="理由")


class Commend(InSchema):
    note: ModelText(DutyFlag, "note") = Field("", title="表彰名称或说明")


Action = Callable[..., object]


def _dismiss(action: str) -> Action:
    return lambda a, f, d: services.flag_dismiss(actor=a, flag=f, action=action, reason=d.reason)


FLAG_ACTIONS: dict[str, tuple[type[InSchema], Action]] = {
    "talk": (
        Talk,
        lambda a, f, d: services.flag_talk(
            actor=a, flag=f, talked_on=d.talked_on, talked_by=d.talked_by, note=d.note
        ),
    ),
    "exit": (
        Exit,
        lambda a, f, d: services.flag_exit(actor=a, flag=f, left_on=d.left_on, reason=d.reason),
    ),
    "keep": (Dismiss, _dismiss("keep")),
    "commend": (Commend, lambda a, f, d: services.flag_commend(actor=a, flag=f, note=d.note)),
    "drop": (Dismiss, _dismiss("drop")),
}


def run_flag_action(actor, flag: DutyFlag, action: str, payload: dict | None = None):
    """Take `action` on `flag`; an unknown action is a 404."""
    return actionforms.run_action(FLAG_ACTIONS, actor, flag, action, payload or {})


# 述职 (workflow.REPORT).


class Edit(InSchema):
    title: ModelText(DutyReport, "title") = Field(title="标题")
    text: ModelText(DutyReport, "text") = Field(title="正文")


class ReturnReport(InSchema):
    reason: ModelText(DutyReport, "return_reason") = Field(title="退回理由")


class Schedule(InSchema):
    meeting_id: Id = Field(title="常委会议")


class Assess(InSchema):
    grade: DutyReport.Grade = Field(title="评定等次")
    note: ModelText(DutyReport, "assessment") = Field("", title="评定意见")


def _schedule(actor, report: DutyReport, d: Schedule):
    meeting = get_object_or_404(queries.standing_meetings(report.committee_id), pk=d.meeting_id)
    return services.duty_report_schedule(actor=actor, report=report, meeting=meeting)


REPORT_ACTIONS: dict[str, tuple[type[InSchema], Action]] = {
    "edit": (
        Edit,
        lambda a, r, d: services.duty_report_edit(actor=a, report=r, title=d.title, text=d.text),
    ),
    "submit": (Empty, lambda a, r, d: services.duty_report_submit(actor=a, report=r)),
    "return": (
        ReturnReport,
        lambda a, r, d: services.duty_report_return(actor=a, report=r, reason=d.reason),
    ),
    "schedule": (Schedule, _schedule),
    "assess": (
        Assess,
        lambda a, r, d: services.duty_report_assess(actor=a, report=r, grade=d.grade, note=d.note),
    ),
}


def run_report_action(actor, report: DutyReport, action: str, payload: dict | None = None):
    return actionforms.run_action(REPORT_ACTIONS, actor, report, action, payload or {})
