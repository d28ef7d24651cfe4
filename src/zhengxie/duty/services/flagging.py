from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from zhengxie.core import errors
from zhengxie.core.audit import audit_log
from zhengxie.core.errors import require
from zhengxie.core.models import User
from zhengxie.members.models import Membership
from zhengxie.members.services import member_exit

from ..models import DutyFlag, ScoringRule
from ..workflow import FLAG

# A recompute raises the period's flags (`flags.py` holds the rules); the office records
# each one's outcome.


def flags_raise(actor: User, rule: ScoringRule, wanted: dict, now: datetime) -> None:
    """The period's flags as its scores now raise them: new ones created, open ones given
    their current reasons, open ones whose reasons are gone withdrawn; a flag whose outcome is
    recorded stays as it is (one per member, kind and period, so a recompute never doubles)."""
    existing = {(f.member_id, f.kind): f for f in DutyFlag.objects.filter(rule=rule)}
    new = [
        DutyFlag(
            committee_id=rule.committee_id,
            rule=rule,
            member_id=member_id,
            kind=kind,
            reasons=reasons,
            raised_at=now,
        )
        for (member_id, kind), reasons in wanted.items()
        if (member_id, kind) not in existing
    ]
    still_open = {key: f for key, f in existing.items() if f.state == DutyFlag.State.OPEN}
    gone = [f for key, f in still_open.items() if key not in wanted]
    changed = [f for key, f in still_open.items() if key in wanted and f.reasons != wanted[key]]
    for flag in changed:
        flag.reasons = wanted[flag.member_id, flag.kind]
    DutyFlag.objects.bulk_create(new, batch_size=500)
    DutyFlag.objects.bulk_update(changed, ["reasons"], batch_size=500)
    DutyFlag.objects.filter(pk__in=[f.pk for f in gone]).delete()
    if new or gone:
        audit_log(
            actor=actor,
            action="duty.flags_raise",
            target=rule,
            after={"raised": _by_kind(new), "withdrawn": _by_kind(gone)},
            now=now,
        )


def _by_kind(found: list[DutyFlag]) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = {}
    for flag in found:
        grouped.setdefault(flag.kind, []).append(flag.member_id)
    return grouped


# The outcome of a flag (workflow.FLAG): each step locks the flag, checks actor, state and
# kind, records what was done and closes it under the step's audit row.


TALK_LATER = "谈话日期不能晚于今天。"


def flag_talk(
    *,
    actor: User,
    flag: DutyFlag,
    talked_on: date,
    talked_by: str,
    note: str,
    now: datetime | None = None,
) -> DutyFlag:
    """谈话提醒: the talk was held (on `talked_on`, by `talked_by`); `note` what was said."""
    require(bool(talked_by.strip()), errors.BAD_INPUT, "请填写谈话人。")
    require(talked_on <= timezone.localdate(now), errors.BAD_INPUT, TALK_LATER)
    with transaction.atomic():
        flag, step = FLAG.begin(actor, flag, "talk")
        flag.talked_on, flag.talked_by = talked_on, talked_by.strip()
        return _close(actor, flag, step, now, note, ("talked_on", "talked_by"))


def flag_exit(
    *, actor: User, flag: DutyFlag, left_on: date, reason: str, now: datetime | None = None
) -> DutyFlag:
    """退出 carried out through the members app's own exit (the membership of the period's
    term ends on `left_on` for `reason`; the member's record and duty history stay)."""
    require(bool(reason.strip()), errors.BAD_INPUT, "请填写退出原因。")
    with transaction.atomic():
        flag, step = FLAG.begin(actor, flag, "exit")
        membership = Membership.objects.get(member=flag.member_id, term=flag.rule.term_id)
        member_exit(actor=actor, membership=membership, left_on=left_on, reason=reason.strip())
        return _close(actor, flag, step, now, reason)


def flag_dismiss(
    *, actor: User, flag: DutyFlag, action: str, reason: str, now: datetime | None = None
) -> DutyFlag:
    """不予退出 (`keep`) or 不予表彰 (`drop`), with the reason."""
    require(action in ("keep", "drop"), errors.BAD_INPUT)
    require(bool(reason.strip()), errors.BAD_INPUT, "请填写理由。")
    with transaction.atomic():
        flag, step = FLAG.begin(actor, flag, action)
        return _close(actor, flag, step, now, reason)


def flag_commend(
    *, actor: User, flag: DutyFlag, note: str = "", now: datetime | None = None
) -> DutyFlag:
    """表彰候选 confirmed (`note`: the honour, e.g. 优秀政协委员)."""
    with transaction.atomic():
        flag, step = FLAG.begin(actor, flag, "commend")
        return _close(actor, flag, step, now, note)


def _close(actor, flag: DutyFlag, step, now, note: str, fields: tuple[str, ...] = ()) -> DutyFlag:
    flag.note, flag.closed_at, flag.closed_by = note.strip(), now or timezone.now(), actor
    outcome = {name: getattr(flag, name) for name in ("note", *fields)}
    return FLAG.finish(
        actor,
        flag,
        step,
        now=flag.closed_at,
        fields=("note", "closed_at", "closed_by", *fields),
        audit={"member": flag.member_id, "kind": flag.kind, **outcome},
    )
