"""Bulletin issues: assemble approved items, publish under the year's next number (which
counts as adoption in this committee's own publication), send the issue on."""

from datetime import date, datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from zhengxie.core import errors, roles
from zhengxie.core.audit import audit_log
from zhengxie.core.errors import Problem, require
from zhengxie.core.models import User
from zhengxie.core.workflow import Transition

from .. import audit_actions
from ..models import Adoption, Bulletin, BulletinIssue, BulletinItem, Forwarding, Opinion
from ..workflow import BULLETIN_ISSUE
from .outcomes import _adopt, opinion_forward

ISSUE_NOT_PUBLISHED = Problem("issue_not_published", "本期尚未印发。", 409)
ISSUE_EMPTY = Problem("issue_empty", "本期还没有编入信息。", 409)
NOT_APPROVED = Problem("opinion_not_approved", "只有审核通过的信息才能编入刊物。", 409)
SENSITIVE = Problem(
    "opinion_sensitive", "该信息已被标记为敏感内容,只能向领导或上级政协报送,不能刊发。", 409
)
IN_ANOTHER_ISSUE = Problem("opinion_in_another_issue", "这条信息已编入其他一期刊物。", 409)
TITLE_REQUIRED = Problem("title_required", "请填写本期标题。")
RECIPIENTS_REQUIRED = Problem("recipients_required", "请填写报送范围。")


def _staff_of(actor: User, committee_id: int) -> None:
    require(actor.has_role(roles.STAFF) and actor.committee_id == committee_id, errors.FORBIDDEN)


def _draft(actor: User, issue: BulletinIssue, action: str) -> tuple[BulletinIssue, Transition]:
    """The issue locked for a step of `workflow.BULLETIN_ISSUE`: edits of a draft wait for
    its publication and the other way round, so nothing changes an issue once printed."""
    return BULLETIN_ISSUE.begin(actor, issue, action)


def _check_item(opinion: Opinion, issue: BulletinIssue | None = None) -> None:
    require(opinion.state == Opinion.State.APPROVED, NOT_APPROVED)
    require(not opinion.sensitive, SENSITIVE)
    # An item is printed once: a draft issue holding it keeps it from every other issue.
    elsewhere = BulletinItem.objects.filter(opinion=opinion).exclude(issue=issue)
    require(not elsewhere.exists(), IN_ANOTHER_ISSUE)


def bulletin_issue_create(
    *, actor: User, bulletin: Bulletin, title: str, recipients: str = "", opinions=()
) -> BulletinIssue:
    _staff_of(actor, bulletin.committee_id)
    require(bool(title.strip()), TITLE_REQUIRED)
    recipients = recipients.strip() or bulletin.default_recipients
    require(bool(recipients), RECIPIENTS_REQUIRED)
    # Not durable: the demo loader assembles its issues inside its one transaction.
    with transaction.atomic():
        issue = BulletinIssue.objects.create(
            bulletin=bulletin, title=title.strip(), recipients=recipients, created_by=actor
        )
        items = [_add(issue, opinion).opinion_id for opinion in opinions]
        audit_log(
            actor=actor,
            action=audit_actions.ISSUE_DRAFT,
            target=issue,
            committee=bulletin.committee,
            after={"bulletin": bulletin.name, "title": issue.title, **_listed(items)},
        )
    return issue


def _listed(items: list[int]) -> dict:
    return {"items": items} if items else {}


def _add(issue: BulletinIssue, opinion: Opinion) -> BulletinItem:
    require(opinion.committee_id == issue.bulletin.committee_id, errors.BAD_INPUT)
    _check_item(opinion, issue)
    last = issue.items.aggregate(n=Max("position"))["n"]
    item, _ = BulletinItem.objects.get_or_create(
        issue=issue, opinion=opinion, defaults={"position": (last or 0) + 1}
    )
    return item


def bulletin_issue_add(*, actor: User, issue: BulletinIssue, opinion: Opinion) -> BulletinItem:
    with transaction.atomic(durable=True):
        locked, transition = _draft(actor, issue, "add")
        item = _add(locked, opinion)
        _audit_item(actor, locked, transition.audit, opinion)
    return item


def bulletin_issue_remove(*, actor: User, issue: BulletinIssue, opinion: Opinion) -> None:
    with transaction.atomic(durable=True):
        locked, transition = _draft(actor, issue, "remove")
        if locked.items.filter(opinion=opinion).delete()[0]:
            _audit_item(actor, locked, transition.audit, opinion)


def _audit_item(actor: User, issue: BulletinIssue, action: str, opinion: Opinion) -> None:
    audit_log(
        actor=actor,
        action=action,
        target=issue,
        committee=issue.bulletin.committee,
        after={"opinion": opinion.pk},
    )


def bulletin_issue_update(
    *, actor: User, issue: BulletinIssue, title: str, recipients: str
) -> BulletinIssue:
    require(bool(title.strip()), TITLE_REQUIRED)
    require(bool(recipients.strip()), RECIPIENTS_REQUIRED)
    with transaction.atomic(durable=True):
        locked, transition = _draft(actor, issue, "update")
        before = {"title": locked.title, "recipients": locked.recipients}
        locked.title, locked.recipients = title.strip(), recipients.strip()
        locked.save(update_fields=["title", "recipients"])
        audit_log(
            actor=actor,
            action=transition.audit,
            target=locked,
            committee=locked.bulletin.committee,
            before=before,
            after={"title": locked.title, "recipients": locked.recipients},
        )
    return locked


def bulletin_issue_publish(
    *, actor: User, issue: BulletinIssue, on: date | None = None, now: datetime | None = None
) -> BulletinIssue:
    """Print the issue under the next number of its year. Numbers are handed out in turn with
    the bulletin locked and published issues are never removed, so a year's issues have no
    gaps. Each item counts as adopted by this committee's own publication."""
    now = now or timezone.now()
    on = on or timezone.localdate()
    # Not durable: the demo loader prints its issues inside its one transaction.
    with transaction.atomic():
        locked, transition = _draft(actor, issue, "publish")
        # Numbers of a year are handed out in turn: two issues printed at once wait for each
        # other and get consecutive numbers, never the same one.
        Bulletin.objects.select_for_update().get(pk=locked.bulletin_id)
        items = list(locked.items.select_related("opinion"))
        require(bool(items), ISSUE_EMPTY)
        for item in items:
            # An item flagged or edited while the issue prints is checked as it ends up.
            _check_item(Opinion.objects.select_for_update().get(pk=item.opinion_id), locked)
        last = BulletinIssue.objects.filter(bulletin=locked.bulletin, year=on.year).aggregate(
            n=Max("number")
        )["n"]
        locked.year, locked.number = on.year, (last or 0) + 1
        locked.published_on, locked.published_by = on, actor
        locked.save(update_fields=["year", "number", "published_on", "published_by"])
        for item in items:
            if not item.opinion.adoptions.filter(level=Adoption.Level.OWN).exists():
                _adopt(actor, item.opinion, Adoption.Level.OWN, on, str(locked), locked, None, now)
        audit_log(
            actor=actor,
            action=transition.audit,
            target=locked,
            committee=locked.bulletin.committee,
            after={"issue": str(locked), "items": [i.opinion_id for i in items]},
            now=now,
        )
    return locked


def bulletin_issue_forward(
    *, actor: User, issue: BulletinIssue, to: str, recipient: str = ""
) -> list[Forwarding]:
    """Send a printed issue on: every item in it is forwarded."""
    require(issue.published, ISSUE_NOT_PUBLISHED)
    with transaction.atomic(durable=True):
        return [
            opinion_forward(
                actor=actor, opinion=item.opinion, to=to, recipient=recipient, issue=issue
            )
            for item in issue.items.select_related("opinion")
            if not (to == Forwarding.To.PARENT and item.opinion.forwardings.filter(to=to).exists())
        ]
