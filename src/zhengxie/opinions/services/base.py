"""The mechanics every public-opinion action shares: lock, check the table, record the step,
credit the authors."""

from datetime import date, datetime

from zhengxie.core import roles
from zhengxie.core.audit import audit_log
from zhengxie.core.errors import Problem, ServiceError
from zhengxie.core.models import User
from zhengxie.core.services import notify
from zhengxie.duty.services import duty_record
from zhengxie.members.models import HandlingUnit

from ..models import Opinion, OpinionStep
from ..permissions import may_act
from ..workflow import TRANSITIONS, Transition

FORBIDDEN = Problem("opinion_forbidden", "您不能对该社情民意信息进行此操作。", 403)
FOUR_EYES = Problem("four_eyes", "编辑人不能审核自己编辑的信息,请由另一位工作人员审核。", 403)
WRONG_STATE = Problem("opinion_wrong_state", "信息当前状态不允许此操作。", 409)
REASON_REQUIRED = Problem("reason_required", "请填写理由。")


def require(condition: bool, problem: Problem, detail: str | None = None) -> None:
    if not condition:
        raise ServiceError(problem, detail)


def begin(actor: User, opinion: Opinion, action: str) -> tuple[Opinion, Transition]:
    """Lock the item and check that `actor` may take `action` now. Call inside atomic()."""
    transition = TRANSITIONS[action]
    locked = Opinion.objects.select_for_update().get(pk=opinion.pk)
    if not may_act(actor, locked, transition.actors):
        own_edit = "reviewer" in transition.actors and locked.editor_id == actor.pk
        raise ServiceError(FOUR_EYES if own_edit else FORBIDDEN)
    if locked.state not in transition.sources:
        detail = f"信息当前状态为“{locked.get_state_display()}”,不能{transition.label}。"
        raise ServiceError(WRONG_STATE, detail)
    return locked, transition


# Editing is the office's work until the item is approved, and the reviewer's note on
# sensitive content never leaves the office: authors and units do not read these entries.
OFFICE_ONLY = frozenset({"accept", "edit", "flag"})
AUDIENCE = OpinionStep.Audience


def step(
    actor: User | None,
    opinion: Opinion,
    action: str,
    *,
    now: datetime,
    before: str,
    note: str = "",
    audit: dict | None = None,
    unit: HandlingUnit | None = None,
) -> None:
    OpinionStep.objects.create(
        opinion=opinion,
        at=now,
        actor=actor,
        actor_label=str(actor) if actor else "系统",
        action=action,
        state_before=before,
        state_after=opinion.state,
        note=note,
        audience=AUDIENCE.COMMITTEE if action in OFFICE_ONLY else AUDIENCE.EVERYONE,
        unit=unit,
    )
    audit_log(
        actor=actor,
        action=f"opinion.{action}",
        target=opinion,
        committee=opinion.committee,
        before={"state": before},
        after={"state": opinion.state, **(audit or {})},
        now=now,
    )


def finish(
    actor: User,
    opinion: Opinion,
    transition: Transition,
    *,
    now: datetime,
    fields: tuple[str, ...] = (),
    note: str = "",
    audit: dict | None = None,
) -> Opinion:
    before = opinion.state
    if transition.target is not None:
        opinion.state = transition.target
    opinion.save(update_fields=[*fields, "state"])
    step(actor, opinion, transition.action, now=now, before=before, note=note, audit=audit)
    return opinion


def credit(opinion: Opinion, kind: str, on: date, source, actor: User | None) -> None:
    """Record duty of `kind` for every author who belongs to the item's committee; authors of
    a lower committee's item are credited through that item instead."""
    for author in opinion.authors.select_related("member"):
        if author.member.committee_id == opinion.committee_id:
            duty_record(
                member=author.member,
                kind=kind,
                date=on,
                source=source,
                note=opinion.current_title[:200],
                actor=actor,
            )


def author_users(opinion: Opinion) -> list[User]:
    users = {opinion.submitted_by_id: opinion.submitted_by}
    for author in opinion.authors.select_related("member__user"):
        if author.member.user:
            users[author.member.user.pk] = author.member.user
    return [u for u in users.values() if u.committee_id == opinion.committee_id]


def staff_users(committee_id: int):
    return User.objects.filter(committee_id=committee_id, groups__name=roles.STAFF, is_active=True)


def tell(users, opinion: Opinion, title: str, body: str = "") -> None:
    notify(
        recipients=users,
        title=title,
        body=body or opinion.released_title,
        link=f"/opinions/{opinion.pk}/",
    )
