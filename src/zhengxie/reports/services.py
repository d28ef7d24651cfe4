"""Every write of a 工作报告稿: saved from a generated report (version 1 its generated text),
each save and each restore a new numbered version, 定稿 and 重新起草 on workflow.SAVED; and the
committee's 数字写法 (`approximation_set`). Each in one transaction with its audit row."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from zhengxie.core import errors
from zhengxie.core.audit import audit_log
from zhengxie.core.errors import Problem, ServiceError, require
from zhengxie.core.models import User
from zhengxie.core.permissions import is_staff

from . import audit_actions, drafting, generator, queries
from .audit_actions import SAVED_CREATE
from .models import COUNT_STYLES, RATE_STYLES, Approximation, ReportVersion, SavedReport
from .periods import Period
from .permissions import writes_saved
from .workflow import SAVED

UNCHANGED = Problem("saved_report_unchanged", "内容与最新版本相同,无需保存新版本。")
NO_VERSION = Problem("saved_report_no_version", "所选版本不存在。", 404)
TITLE_REQUIRED = "请填写标题。"
HEADING_REQUIRED = "每一部分都要有标题。"
UNKNOWN_SECTION = "提交的部分与报告不符:每一部分只能出现一次,且须是生成报告中的部分。"
REASON_REQUIRED = "请填写重新起草的理由。"


def saved_report_create(
    *,
    actor: User,
    period: Period,
    name: str = "",
    now: datetime | None = None,
) -> SavedReport:
    """The period's generated report saved as version 1, titled by default with `name`, the
    period's in a title (政协云溪县委员会2026年工作报告), and addressed to 中共云溪县委."""
    committee = period.committee
    require(writes_saved(actor) and actor.committee_id == committee.pk, errors.FORBIDDEN)
    now = now or timezone.now()
    generated = generator.as_data(generator.work_report(period))
    title = drafting.default_title(committee, name or period.label)
    with transaction.atomic():
        report = SavedReport.objects.create(
            committee=committee,
            start=period.start,
            end=period.end,
            period_label=period.label,
            created_by=actor,
            created_at=now,
        )
        version = _version(
            report,
            actor,
            now,
            title=title,
            addressee=drafting.default_addressee(committee),
            sections=drafting.sections_of(generated),
            generated=generated,
        )
        audit_log(
            actor=actor,
            action=SAVED_CREATE,
            target=report,
            committee=committee,
            after={"period": period.label, "version": version.number, "title": title},
            now=now,
        )
    return report


def _version(report: SavedReport, actor: User, now: datetime, **content) -> ReportVersion:
    """The next numbered version (the report's row is locked or new), made the latest."""
    last = report.versions.order_by("-number").values_list("number", flat=True).first()
    version = ReportVersion.objects.create(
        report=report, number=(last or 0) + 1, saved_by=actor, saved_at=now, **content
    )
    report.latest = version
    report.save(update_fields=["latest"])
    return version


def _cleaned(sections: list[dict], known: set[str]) -> list[dict]:
    keys = [s["key"] for s in sections]
    require(len(set(keys)) == len(keys) and set(keys) <= known, errors.BAD_INPUT, UNKNOWN_SECTION)
    cleaned = [
        {
            "key": s["key"],
            "heading": s["heading"].strip(),
            "text": "\n".join(line.rstrip() for line in s["text"].strip().splitlines()),
        }
        for s in sections
    ]
    require(all(s["heading"] for s in cleaned), errors.BAD_INPUT, HEADING_REQUIRED)
    return cleaned


def saved_report_save(
    *,
    actor: User,
    report: SavedReport,
    title: str,
    addressee: str,
    sections: list[dict],
    note: str = "",
    now: datetime | None = None,
) -> ReportVersion:
    """A new version of the text (title, 主送, each section's heading and text); the figures
    it came from are the latest version's."""
    require(bool(title.strip()), errors.BAD_INPUT, TITLE_REQUIRED)
    now = now or timezone.now()
    with transaction.atomic():
        report, step = SAVED.begin(actor, report, "save")
        latest = report.latest
        known = {s["key"] for s in latest.generated["sections"]} | {
            s["key"] for s in latest.sections
        }
        content = {
            "title": title.strip(),
            "addressee": addressee.strip(),
            "sections": _cleaned(sections, known),
        }
        require(content != _content(latest), UNCHANGED)
        version = _version(
            report, actor, now, **content, generated=latest.generated, note=note.strip()
        )
        SAVED.finish(actor, report, step, now=now, audit=_audited(version))
    return version


def _content(version: ReportVersion) -> dict:
    return {"title": version.title, "addressee": version.addressee, "sections": version.sections}


def _audited(version: ReportVersion) -> dict:
    return {"version": version.number, "title": version.title, "note": version.note}


def saved_report_restore(
    *, actor: User, report: SavedReport, number: int, note: str = "", now: datetime | None = None
) -> ReportVersion:
    """An old version's text and figures saved again as the newest version."""
    now = now or timezone.now()
    with transaction.atomic():
        report, step = SAVED.begin(actor, report, "restore")
        old = report.versions.filter(number=number).first()
        require(old is not None, NO_VERSION)
        require(_content(old) != _content(report.latest), UNCHANGED)
        version = _version(
            report,
            actor,
            now,
            **_content(old),
            generated=old.generated,
            note=note.strip() or f"恢复第{number}版",
            restored_from=number,
        )
        SAVED.finish(actor, report, step, now=now, audit=_audited(version) | {"from": number})
    return version


def saved_report_finalize(
    *, actor: User, report: SavedReport, now: datetime | None = None
) -> SavedReport:
    with transaction.atomic():
        report, step = SAVED.begin(actor, report, "finalize")
        report.finalized_at = now or timezone.now()
        return SAVED.finish(
            actor,
            report,
            step,
            now=report.finalized_at,
            fields=("finalized_at",),
            audit={"version": report.latest.number},
        )


def saved_report_reopen(
    *, actor: User, report: SavedReport, reason: str, now: datetime | None = None
) -> SavedReport:
    require(bool(reason.strip()), errors.BAD_INPUT, REASON_REQUIRED)
    with transaction.atomic():
        report, step = SAVED.begin(actor, report, "reopen")
        report.finalized_at = None
        return SAVED.finish(
            actor,
            report,
            step,
            now=now or timezone.now(),
            fields=("finalized_at",),
            audit={"reason": reason.strip()},
        )


UNKNOWN_TARGET = Problem("approximation_target", "没有这个统计项,请从列表中选择。")
WRONG_STYLE = Problem(
    "approximation_style", "数量可写作“多”“余”“近”,比率只可写作“以上”,也可写准确数。"
)


def approximation_set(*, actor: User, target: str, style: str, now=None) -> Approximation | None:
    """The committee's way of writing a statistic (or every count or rate) in its reports.
    Exact for a whole class is the default and leaves no row; for one statistic it is kept,
    so that it stays exact whatever its class reads."""
    if not is_staff(actor):
        raise ServiceError(errors.FORBIDDEN)
    chosen = queries.target(target)
    require(chosen is not None, UNKNOWN_TARGET)
    require(style in (RATE_STYLES if chosen.is_rate else COUNT_STYLES), WRONG_STYLE)
    now = now or timezone.now()
    with transaction.atomic():
        rows = Approximation.objects.select_for_update().filter(
            committee_id=actor.committee_id, target=target
        )
        row = rows.first()
        before = {"target": target, "style": row.style if row else Approximation.Style.EXACT}
        if style == Approximation.Style.EXACT and chosen in queries.CLASSES:
            rows.delete()
            row = None
        elif row is None:
            row = Approximation.objects.create(
                committee_id=actor.committee_id,
                target=target,
                style=style,
                set_by=actor,
                set_at=now,
            )
        else:
            row.style, row.set_by, row.set_at = style, actor, now
            row.save(update_fields=["style", "set_by", "set_at"])
        audit_log(
            actor=actor,
            action=audit_actions.APPROXIMATION_SET,
            target=row,
            committee=actor.committee,
            before=before,
            after={"target": target, "style": style},
            now=now,
        )
    return row
