"""Reads of public-opinion items for pages, API and documents."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from zhengxie.core import roles
from zhengxie.core.models import User
from zhengxie.core.queries import committee_rules
from zhengxie.members.models import Membership
from zhengxie.members.permissions import unit_account

from .models import (
    Adoption,
    BulletinIssue,
    BulletinItem,
    Instruction,
    Opinion,
    OpinionAttachment,
    OpinionAuthor,
    OpinionPolicy,
    OpinionQuota,
    OpinionStep,
)
from .permissions import is_author
from .workflow import OPEN

LIST_RELATED = ("category", "station", "sector_group", "submitted_by", "origin__committee")


def policy_for(committee_id: int) -> OpinionPolicy:
    """The committee's opinion rules (`committee_rules`: never written by a read)."""
    return committee_rules(OpinionPolicy, committee_id)


def warning_recipients(policy: OpinionPolicy) -> QuerySet[User]:
    """The leaders named to hear 预警 (none for unsaved default rules)."""
    return policy.warning_recipients.all() if policy.pk else User.objects.none()


def opinions_for(user: User) -> QuerySet[Opinion]:
    """Every item `user` may see (see `permissions.can_view`)."""
    base = (
        Opinion.objects.filter(committee_id=user.committee_id)
        .select_related(*LIST_RELATED)
        .prefetch_related("authors__member")
    )
    if user.has_role(roles.STAFF, roles.LEADER):
        return base
    account = unit_account(user)
    if account is not None:
        return base.filter(instructions__unit=account.unit).distinct()
    member = getattr(user, "member", None)
    mine = base.filter(submitted_by=user)
    if member is not None:
        mine = (mine | base.filter(authors__member=member)).distinct()
    return mine


def urgent_open(user: User, today: date) -> QuerySet[Opinion]:
    """预警 items not yet edited through: the fast path staff watch."""
    return opinions_for(user).filter(urgent=True, state__in=OPEN)


def to_review_by_me(user: User, today: date) -> QuerySet[Opinion]:
    """Edited items awaiting review by someone other than their editor (four eyes)."""
    return opinions_for(user).filter(state=Opinion.State.ACCEPTED).exclude(editor=user)


def returned_to_me(user: User, today: date) -> QuerySet[Opinion]:
    """Items sent back to their authors for more material (退回待补充)."""
    return opinions_for(user).filter(state=Opinion.State.RETURNED, authors__member__user=user)


def printable(user: User, today: date) -> QuerySet[Opinion]:
    return opinions_for(user).filter(pk__in=ready_for_bulletin(user.committee_id).values("pk"))


# Home-page counters and the lists their links open (`?filter=<name>`), one definition each.
NAMED_LISTS: dict[str, tuple[str, Callable[[User, date], QuerySet[Opinion]]]] = {
    "urgent_open": ("预警信息待处理", urgent_open),
    "to_review": ("待我审核(他人编辑)", to_review_by_me),
    "returned": ("退回待补充", returned_to_me),
    "ready": ("待编入刊物", printable),
}


def named_list(user: User, name: str, today: date) -> QuerySet[Opinion] | None:
    entry = NAMED_LISTS.get(name)
    return entry[1](user, today).distinct() if entry else None


def open_tasks(user: User, today: date) -> QuerySet[Instruction]:
    return instruction_tasks(user).filter(state=Instruction.State.OPEN)


def overdue_tasks(user: User, today: date) -> QuerySet[Instruction]:
    return open_tasks(user, today).filter(due_on__lt=today)


NAMED_TASK_LISTS: dict[str, tuple[str, Callable[[User, date], QuerySet[Instruction]]]] = {
    "open": ("待反馈", open_tasks),
    "overdue": ("已超期", overdue_tasks),
}


@dataclass(frozen=True)
class OpinionFilter:
    """The list's search, one for the page (`?state=&year=&urgent=1&q=`) and the API
    (`?state=&year=&urgent=&q=`)."""

    state: str | None = None
    year: int | None = None
    urgent: bool | None = None
    q: str = ""


def filtered(rows: QuerySet[Opinion], criteria: OpinionFilter) -> QuerySet[Opinion]:
    """`rows` (items the user reads) narrowed to `criteria`."""
    if criteria.state:
        rows = rows.filter(state=criteria.state)
    if criteria.year:
        rows = rows.filter(year=criteria.year)
    if criteria.urgent is not None:
        rows = rows.filter(urgent=criteria.urgent)
    if criteria.q.strip():
        rows = rows.filter(title__contains=criteria.q.strip())
    return rows


def opinion_for_user(user: User, opinion_id: int) -> Opinion:
    """The item if `user` may read it; 404 otherwise. A parent committee reads only the copy
    forwarded to it, never the item it came from."""
    rows = opinions_for(user).select_related("editor", "approved_by")
    return get_object_or_404(rows, pk=opinion_id)


def issue_for_user(user: User, issue_id: int) -> BulletinIssue:
    """A bulletin issue of `user`'s committee; 404 otherwise."""
    rows = BulletinIssue.objects.select_related("bulletin")
    return get_object_or_404(rows, pk=issue_id, bulletin__committee_id=user.committee_id)


def instruction_task_for_user(user: User, instruction_id: int) -> Instruction:
    """A leader's instruction `user` carries out (see `instruction_tasks`); 404 otherwise."""
    return get_object_or_404(instruction_tasks(user), pk=instruction_id)


def reads_everything(user: User, opinion: Opinion) -> bool:
    """The office and the leaders of the item's committee read its drafts and notes."""
    return user.has_role(roles.STAFF, roles.LEADER) and user.committee_id == opinion.committee_id


def reads_original(user: User, opinion: Opinion) -> bool:
    """The original (原稿) is for the office and the item's authors; others read the text
    as released."""
    return reads_everything(user, opinion) or is_author(user, opinion)


def steps_for(user: User, opinion: Opinion) -> QuerySet[OpinionStep]:
    """The office reads every entry; authors those not kept in the office; a unit besides
    only the entries about its own instruction."""
    steps = opinion.steps.all()
    if reads_everything(user, opinion):
        return steps
    steps = steps.filter(audience=OpinionStep.Audience.EVERYONE)
    account = unit_account(user)
    if account is not None and not is_author(user, opinion):
        return steps.filter(Q(unit=None) | Q(unit=account.unit))
    return steps


def attachments_for(user: User, opinion: Opinion) -> QuerySet[OpinionAttachment]:
    """Files are the authors' material and the office's: a unit carrying out an instruction
    reads the released text, not the files."""
    if not reads_original(user, opinion):
        return OpinionAttachment.objects.none()
    return opinion.attachments.order_by("uploaded_at", "id")


def instructions_for(user: User, opinion: Opinion) -> QuerySet[Instruction]:
    """A unit sees the instructions it carries out, not other units' tasks and feedback."""
    rows = opinion.instructions.select_related("unit")
    account = unit_account(user)
    if account is not None and not reads_everything(user, opinion):
        return rows.filter(unit=account.unit)
    return rows


def ready_for_bulletin(committee_id: int) -> QuerySet[Opinion]:
    """Approved, not sensitive, and in no issue yet (printed or being drafted)."""
    in_an_issue = BulletinItem.objects.filter(opinion=OuterRef("pk"))
    return (
        Opinion.objects.filter(
            committee_id=committee_id, state=Opinion.State.APPROVED, sensitive=False
        )
        .exclude(Exists(in_an_issue))
        .select_related("station", "sector_group")
        .prefetch_related("authors__member")
        .order_by("-urgent", "approved_at")
    )


def issues_of(committee_id: int) -> QuerySet[BulletinIssue]:
    return (
        BulletinIssue.objects.filter(bulletin__committee_id=committee_id)
        .select_related("bulletin")
        .prefetch_related("items")
    )


def instruction_tasks(user: User, relayed: bool = False) -> QuerySet[Instruction]:
    """Instructions to carry out: a unit its own, staff their committee's — with `relayed`,
    staff also those relayed from a higher committee's copy (tracked there, counted here)."""
    rows = Instruction.objects.select_related("opinion", "unit")
    account = unit_account(user)
    if account is not None:
        return rows.filter(unit=account.unit).exclude(state=Instruction.State.RELAYED)
    rows = rows.filter(opinion__committee_id=user.committee_id)
    return rows if relayed else rows.exclude(state=Instruction.State.RELAYED)


def member_places(member_ids) -> dict[int, tuple[str, str]]:
    """member → (sector, station) of their current-term membership."""
    rows = Membership.objects.filter(member_id__in=member_ids, term__is_current=True).values_list(
        "member_id", "sector__name", "station__name"
    )
    return {m: (sector or "", station or "") for m, sector, station in rows}


def quota_progress(committee_id: int, year: int) -> list[dict]:
    """Each quota of the year beside what its holder submitted and got adopted."""
    quotas = OpinionQuota.objects.filter(committee_id=committee_id, year=year).select_related(
        "member", "station", "sector_group"
    )
    items = Opinion.objects.filter(committee_id=committee_id, year=year).exclude(
        state=Opinion.State.MERGED
    )
    adopted = set(
        Adoption.objects.filter(opinion__in=items.values("pk")).values_list("opinion_id", flat=True)
    )
    by_item = {
        pk: (station, group, set())
        for pk, station, group in items.values_list("pk", "station_id", "sector_group_id")
    }
    for opinion_id, member_id in OpinionAuthor.objects.filter(
        opinion__in=items.values("pk")
    ).values_list("opinion_id", "member_id"):
        by_item[opinion_id][2].add(member_id)
    authors = {m for _, _, members in by_item.values() for m in members}
    places = dict(
        (m, (station, group))
        for m, station, group in Membership.objects.filter(
            member_id__in=authors, term__is_current=True
        ).values_list("member_id", "station_id", "sector_group_id")
    )
    rows = []
    for quota in quotas:
        mine = [pk for pk, item in by_item.items() if _holds(quota, item, places)]
        done = len(mine)
        rows.append(
            {
                "quota": quota,
                "holder": str(quota.member or quota.station or quota.sector_group),
                "kind": "委员" if quota.member else "工作站" if quota.station else "界别活动组",
                "target": quota.target,
                "submitted": done,
                "adopted": sum(1 for pk in mine if pk in adopted),
                "share": round(done / quota.target, 4) if quota.target else 0.0,
                "met": done >= quota.target,
            }
        )
    return sorted(rows, key=lambda r: (r["kind"], -r["share"], r["holder"]))


def _holds(quota: OpinionQuota, item: tuple, places: dict) -> bool:
    station, group, members = item
    if quota.member_id:
        return quota.member_id in members
    if quota.station_id:
        return station == quota.station_id or any(
            places.get(m, (None, None))[0] == quota.station_id for m in members
        )
    return group == quota.sector_group_id or any(
        places.get(m, (None, None))[1] == quota.sector_group_id for m in members
    )


def instruction_tasks_for_committee(committee_id: int) -> QuerySet[Instruction]:
    return Instruction.objects.filter(opinion__committee_id=committee_id).exclude(
        state=Instruction.State.RELAYED
    )
