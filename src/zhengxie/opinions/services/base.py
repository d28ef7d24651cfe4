"""Who an item's steps concern and credit. The mechanics of a step (lock, check, record,
audit, notify) are the engine's: see `workflow.OPINION`."""

from datetime import date

from zhengxie.core.models import User
from zhengxie.duty.services import duty_record

from ..models import Opinion


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
