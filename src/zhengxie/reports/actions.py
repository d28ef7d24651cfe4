"""The steps of a 工作报告稿 (`workflow.SAVED`) as the pages and the API take them: a payload
schema and the service call, per action name."""

from ninja import Field

from zhengxie.core import actionforms
from zhengxie.core.actionforms import Empty
from zhengxie.core.inputs import Id, InSchema, ModelText

from . import services
from .models import ReportVersion

MAX_HEADING = 100
MAX_SECTION = 20_000


class SectionIn(InSchema):
    key: str = Field(max_length=50, title="部分")
    heading: str = Field(max_length=MAX_HEADING, title="标题")
    text: str = Field("", max_length=MAX_SECTION, title="正文")


class Save(InSchema):
    title: ModelText(ReportVersion, "title") = Field(title="标题")
    addressee: ModelText(ReportVersion, "addressee") = Field("", title="主送")
    sections: list[SectionIn] = Field(max_length=50, title="各部分")
    note: ModelText(ReportVersion, "note") = Field("", title="版本说明")


class Restore(InSchema):
    number: Id = Field(title="恢复的版本")
    note: ModelText(ReportVersion, "note") = Field("", title="版本说明")


class Reopen(InSchema):
    reason: ModelText(ReportVersion, "note") = Field(title="重新起草的理由")


def _save(actor, report, d: Save):
    return services.saved_report_save(
        actor=actor,
        report=report,
        title=d.title,
        addressee=d.addressee,
        sections=[s.model_dump() for s in d.sections],
        note=d.note,
    )


ACTIONS = {
    "save": (Save, _save),
    "restore": (
        Restore,
        lambda a, r, d: services.saved_report_restore(
            actor=a, report=r, number=d.number, note=d.note
        ),
    ),
    "finalize": (Empty, lambda a, r, d: services.saved_report_finalize(actor=a, report=r)),
    "reopen": (
        Reopen,
        lambda a, r, d: services.saved_report_reopen(actor=a, report=r, reason=d.reason),
    ),
}


def run_action(actor, report, action: str, payload: dict | None = None):
    return actionforms.run_action(ACTIONS, actor, report, action, payload or {})
