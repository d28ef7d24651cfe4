import logging
import re
import tempfile
import zipfile
from datetime import datetime, timedelta

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from zhengxie.core import errors
from zhengxie.core.audit import audit_log
from zhengxie.core.errors import Problem, require
from zhengxie.core.models import Term, User
from zhengxie.core.services.notifications import notify
from zhengxie.lib.xmltext import xml_safe

from .. import queries
from ..documents import card_docx, card_title
from ..models import DutyCardJob
from ..permissions import can_read_scores, can_send_cards

# 成绩单 of every member in a period, built in the background into one ZIP under the
# committee's media. The task reports its progress as it goes (each report its own commit, so
# the polling page sees it); a request while a job of the period is unfinished joins it.

logger = logging.getLogger(__name__)
JOB_NOT_READY = Problem("card_job_not_ready", "成绩单尚未生成完毕,请稍后再下载。", 409)
JOB_FAILED = Problem("card_job_failed", "该批成绩单生成失败,没有可下载的文件,请重新生成。", 409)
JOB_NOT_SENDABLE = Problem("card_job_not_done", "成绩单生成完毕后才能发送给委员。", 409)
# A job silent this long has lost its worker (a restart): the next request replaces it.
STALLED = timedelta(minutes=10)
STALLED_ERROR = "后台任务长时间没有进展,生成已中断,请重新生成。"
BUILD_ERROR = "生成{}的成绩单时出错,请稍后重新生成;如仍失败,请联系系统管理员。"
# Progress is written about a hundred times a job, not once per card.
PROGRESS_STEPS = 100


def duty_card_job_request(
    *,
    actor: User,
    term: Term,
    year: int | None,
    to_employer: bool = False,
    now: datetime | None = None,
) -> tuple[DutyCardJob, bool]:
    """Start building the period's cards, or join the job already under way; returns the job
    and whether it was joined (a joined job keeps its own `to_employer`)."""
    require(can_read_scores(actor) and term.committee_id == actor.committee_id, errors.FORBIDDEN)
    now = now or timezone.now()
    queries.card_period_check(term, year, timezone.localdate(now))
    with transaction.atomic(durable=True):
        Term.objects.select_for_update().get(pk=term.pk)  # two requests at once: one job
        running = DutyCardJob.objects.filter(term=term, year=year, finished_at=None).first()
        if running is not None and now - (running.touched_at or running.requested_at) < STALLED:
            return running, True
        if running is not None:
            _job_finish(running, now, error=STALLED_ERROR)
        job = DutyCardJob.objects.create(
            committee_id=term.committee_id,
            term=term,
            year=year,
            to_employer=to_employer,
            requested_by=actor,
            requested_at=now,
        )
        audit_log(
            actor=actor,
            action="duty.cards_request",
            target=job,
            after={"year": year, "to_employer": to_employer},
            now=now,
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job, False


def _enqueue(job_id: int) -> None:
    from ..tasks import duty_cards_build  # the task module imports this one

    duty_cards_build.enqueue(job_id=job_id)


def _job_finish(job: DutyCardJob, now: datetime, *, error: str = "", file: str = "") -> None:
    job.finished_at, job.touched_at, job.error = now, now, error
    job.file.name = file
    job.save(update_fields=["finished_at", "touched_at", "error", "file"])


def _progress(job: DutyCardJob, **fields) -> None:
    DutyCardJob.objects.filter(pk=job.pk).update(touched_at=timezone.now(), **fields)


def duty_card_job_run(*, job_id: int) -> DutyCardJob:
    """The task's work: every card of the period into one ZIP, stored as the job's file. A job
    already finished (replaced as stalled) is left alone; an error is recorded on the job in
    Chinese, naming the member whose card failed, and logged with its traceback."""
    job = DutyCardJob.objects.select_related("term__committee").get(pk=job_id)
    if job.finished_at is not None:
        return job
    _progress(job, started_at=timezone.now())
    name = ""
    try:
        cards = queries.cards(job.term, job.year)
        _progress(job, total=len(cards))
        step = max(1, len(cards) // PROGRESS_STEPS)
        today = timezone.localdate()
        with tempfile.TemporaryFile() as spool:
            # The cards are zipped already: stored, not compressed a second time.
            with zipfile.ZipFile(spool, "w", zipfile.ZIP_STORED) as archive:
                for number, card in enumerate(cards, start=1):
                    name = card.member.name
                    content = card_docx(card, to_employer=job.to_employer, today=today)
                    archive.writestr(card_file_name(number, card), content)
                    if number % step == 0 or number == len(cards):
                        _progress(job, done=number)
            name = ""
            spool.seek(0)
            stored = default_storage.save(
                f"duty/cards/{job.committee_id}/cards-{job.pk}.zip", File(spool)
            )
    except Exception:
        logger.exception("duty cards job %s failed", job.pk)
        _job_finish(job, timezone.now(), error=BUILD_ERROR.format(f"{name}委员" if name else ""))
        job.refresh_from_db()
        return job
    with transaction.atomic():
        _job_finish(job, timezone.now(), file=stored)
        audit_log(
            actor=None,
            action="duty.cards_build",
            target=job,
            committee=job.committee,
            after={"cards": len(cards), "file": stored},
        )
    job.refresh_from_db()
    return job


UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|]')


def card_file_name(number: int, card) -> str:
    """0001_丁委员第十届2026年度履职成绩单.docx: numbered in 姓氏笔画 order, so two members of one
    name keep a file each."""
    return f"{number:04d}_{UNSAFE_IN_NAME.sub('', xml_safe(card_title(card)))}.docx"


def duty_card_job_download(*, actor: User, job: DutyCardJob, now: datetime | None = None):
    """The job's ZIP, opened for reading; every download is audited."""
    require(can_read_scores(actor) and job.committee_id == actor.committee_id, errors.FORBIDDEN)
    require(job.state != DutyCardJob.State.FAILED, JOB_FAILED)
    require(job.ready, JOB_NOT_READY)
    audit_log(
        actor=actor,
        action="duty.cards_download",
        target=job,
        committee=job.committee,
        after={"year": job.year, "cards": job.total},
        now=now,
    )
    return job.file.open("rb")


def duty_cards_send(*, actor: User, job: DutyCardJob, now: datetime | None = None) -> int:
    """Tell every member of the job's period who has an account that their card is ready (each
    reads only their own, on 我的履职成绩单); returns how many were told."""
    require(can_send_cards(actor) and job.committee_id == actor.committee_id, errors.FORBIDDEN)
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        job = DutyCardJob.objects.select_for_update().select_related("term").get(pk=job.pk)
        require(job.ready, JOB_NOT_SENDABLE)
        start, end = queries.period_dates(job.term, job.year)
        users = User.objects.filter(
            member__memberships__in=queries.in_office(job.term, start, end), is_active=True
        )
        told = notify(
            recipients=users,
            title=f"您的{job.term.label}{job.period_label}履职成绩单已生成",
            body="请在“我的履职成绩单”中查看和下载。",
            link="/duty/cards/",
            now=now,
        )
        job.sent_at = now
        job.save(update_fields=["sent_at"])
        audit_log(
            actor=actor,
            action="duty.cards_send",
            target=job,
            after={"members": len(told)},
            now=now,
        )
    return len(told)
