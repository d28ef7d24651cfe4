"""Outcomes: forming one (from a fieldwork report, a consultation, or typed in by staff)."""

from datetime import date

from django.db import transaction

from zhengxie.core.audit import audit_log
from zhengxie.core.errors import Problem, require
from zhengxie.core.models import Committee, User
from zhengxie.members.models import Member

from .. import audit_actions
from ..models import Outcome, OutcomeMember, Suggestion, Topic

TITLE_REQUIRED = Problem("title_required", "请填写成果标题。")
TEXT_REQUIRED = Problem("text_required", "请填写成果正文。")
FOREIGN_TOPIC = Problem("bad_topic", "议题须为本会的协商议题。")
FOREIGN_MEMBER = Problem("bad_member", "成果署名须为本会委员。")


@transaction.atomic
def outcome_create(
    *,
    committee: Committee,
    kind: str,
    title: str,
    text: str,
    written_on: date,
    actor: User,
    topic: Topic | None = None,
    suggestions: list[str] = (),
    authors: list[Member] = (),
    participants: list[Member] = (),
) -> Outcome:
    """Suggestions are numbered from 1 in the order given; a member both author and
    participant is recorded once, as author."""
    require(title.strip(), TITLE_REQUIRED)
    require(text.strip(), TEXT_REQUIRED)
    require(topic is None or topic.committee_id == committee.pk, FOREIGN_TOPIC)
    people = [*authors, *participants]
    require(all(m.committee_id == committee.pk for m in people), FOREIGN_MEMBER)
    outcome = Outcome.objects.create(
        committee=committee,
        kind=kind,
        title=title.strip(),
        text=text,
        topic=topic,
        written_on=written_on,
        created_by=actor,
    )
    Suggestion.objects.bulk_create(
        Suggestion(outcome=outcome, number=n, text=s.strip())
        for n, s in enumerate((s for s in suggestions if s.strip()), start=1)
    )
    roles = {m.pk: OutcomeMember.Role.PARTICIPANT for m in participants}
    roles.update({m.pk: OutcomeMember.Role.AUTHOR for m in authors})
    OutcomeMember.objects.bulk_create(
        OutcomeMember(outcome=outcome, member_id=pk, role=role) for pk, role in roles.items()
    )
    audit_log(
        actor=actor,
        action=audit_actions.OUTCOME_CREATE,
        target=outcome,
        committee=committee,
        after={"kind": kind, "title": outcome.title, "suggestions": outcome.suggestions.count()},
    )
    return outcome
