"""大会发言 and 会议简报."""

from datetime import date, datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from zhengxie.core import errors
from zhengxie.core.audit import audit_log
from zhengxie.core.errors import Problem, ServiceError
from zhengxie.core.models import Session, User
from zhengxie.duty.services import duty_record
from zhengxie.lib.dates import cn_date
from zhengxie.lib.docx import OfficialDocument
from zhengxie.members.models import Member

from . import audit_actions
from .models import BriefingIssue, BriefingItem, Invitation, Meeting, Speech
from .permissions import may_issue_briefing
from .workflow import SPEECH

SPEECH_KIND = Problem("speech_meeting", "大会发言只用于全体会议和常委会议。", 409)
SPEECH_TEXT = Problem("speech_text", "请填写发言题目和发言稿。")
BRIEFING_EMPTY = Problem("briefing_empty", "简报至少要有一条意见。")


def speech_submit(
    *, actor: User, meeting: Meeting, kind: str, title: str, text: str, now: datetime | None = None
) -> Speech:
    member = getattr(actor, "member", None)
    if member is None or not Invitation.objects.filter(meeting=meeting, member=member).exists():
        raise ServiceError(errors.FORBIDDEN)
    if not meeting.traits.takes_speeches:
        raise ServiceError(SPEECH_KIND)
    if not title.strip() or not text.strip() or kind not in Speech.Kind.values:
        raise ServiceError(SPEECH_TEXT)
    # Not durable: the demo loader hands in speeches inside its one transaction.
    with transaction.atomic():
        speech = Speech.objects.create(
            meeting=meeting,
            member=member,
            kind=kind,
            title=title.strip(),
            text=text.strip(),
            submitted_at=now or timezone.now(),
        )
        audit_log(
            actor=actor,
            action=audit_actions.SPEECH_SUBMIT,
            target=meeting,
            after={"title": speech.title, "kind": kind},
        )
    return speech


def speech_decide(*, actor: User, speech: Speech, action: str) -> Speech:
    """Staff choose what is delivered orally and what is printed; both, and delivery, count
    in the member's duty record."""
    if action not in SPEECH:
        raise ServiceError(errors.NOT_FOUND)
    # Not durable: the demo loader decides speeches inside its one transaction.
    with transaction.atomic():
        speech, transition = SPEECH.begin(actor, speech, action)
        target = transition.target
        before, speech.state = speech.state, target
        speech.save(update_fields=["state"])
        day = timezone.localdate(speech.meeting.starts_at)
        if target in (Speech.State.SELECTED_ORAL, Speech.State.SELECTED_WRITTEN):
            duty_record(
                member=speech.member, kind="speech_selected", date=day, source=speech, actor=actor
            )
        if target == Speech.State.DELIVERED:
            duty_record(
                member=speech.member, kind="speech_delivered", date=day, source=speech, actor=actor
            )
        audit_log(
            actor=actor,
            action=transition.audit,
            target=speech.meeting,
            before={"speech": speech.title, "state": before},
            after={"state": target},
        )
    return speech


def briefing_issue(
    *, actor: User, session: Session, title: str, items: list[dict], issued_on: date | None = None
) -> BriefingIssue:
    """The next numbered issue of the session's briefing; `items` are {member, opinion,
    meeting?} in the order they appear."""
    if not may_issue_briefing(actor, session.term.committee_id):
        raise ServiceError(errors.FORBIDDEN)
    rows = [i for i in items if i.get("opinion", "").strip()]
    if not rows:
        raise ServiceError(BRIEFING_EMPTY)
    # Not durable: the demo loader issues briefings inside its one transaction.
    with transaction.atomic():
        # Numbers are handed out in turn: two issues at once wait for each other and get
        # consecutive numbers, never the same one (the unique constraint would refuse it).
        Session.objects.select_for_update().get(pk=session.pk)
        last = BriefingIssue.objects.filter(session=session).aggregate(n=Max("number"))["n"]
        issue = BriefingIssue.objects.create(
            session=session,
            number=(last or 0) + 1,
            title=title.strip(),
            created_by=actor,
            issued_on=issued_on or timezone.localdate(),
        )
        items = BriefingItem.objects.bulk_create(
            BriefingItem(
                issue=issue,
                member=row["member"],
                meeting=row.get("meeting"),
                opinion=row["opinion"].strip(),
                position=i,
            )
            for i, row in enumerate(rows)
        )
        for item in items:  # each opinion raised in a group discussion and printed
            duty_record(
                member=item.member,
                kind="briefing_opinion",
                date=issue.issued_on,
                source=item,
                note=item.opinion[:200],
                actor=actor,
            )
        audit_log(
            actor=actor,
            action=audit_actions.BRIEFING_ISSUE,
            target=session,
            committee=session.term.committee,
            after={"number": issue.number, "title": issue.title, "items": len(rows)},
        )
    return issue


def briefing_docx(issue: BriefingIssue) -> bytes:
    session = issue.session
    doc = OfficialDocument()
    doc.title(f"{session.label}\n会议简报")
    doc.text(issue.number_label, align=1)
    doc.right(f"{session.term.committee.name}秘书处 {cn_date(issue.issued_on)}")
    doc.heading(issue.title)
    sectors = _sectors(issue)
    for item in issue.items.select_related("member"):
        sector = sectors.get(item.member_id, "")
        doc.text(f"{item.member.name}委员{f'({sector})' if sector else ''}:{item.opinion}")
    return doc.bytes()


def _sectors(issue: BriefingIssue) -> dict[int, str]:
    rows = Member.objects.filter(
        pk__in=issue.items.values("member_id"), memberships__term=issue.session.term
    )
    return dict(rows.values_list("pk", "memberships__sector__name"))
