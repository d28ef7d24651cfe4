"""The one way every app tells people something."""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ..models import (
    Notification,
    User,
)
from ..tasks import send_notification_email


def notify(
    *,
    recipients: Iterable[User],
    title: str,
    body: str = "",
    link: str = "",
    email: bool = True,
    now: datetime | None = None,
) -> list[Notification]:
    """The one way every app tells people something: inbox now, e-mail after commit."""
    now = now or timezone.now()
    people = [user for user in recipients if user.is_active]
    created = Notification.objects.bulk_create(
        Notification(recipient=user, title=title, body=body, link=link, created_at=now)
        for user in people
    )
    if email:
        text = f"{body}\n\n{link}".strip()
        for user in people:
            if user.email:
                transaction.on_commit(
                    lambda to=user.email: send_notification_email.enqueue(
                        to=to, subject=title, body=text
                    )
                )
    return created


def notification_mark_read(
    *, user: User, ids: Iterable[int] | None = None, now: datetime | None = None
) -> int:
    unread = Notification.objects.filter(recipient=user, read_at=None)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=now or timezone.now())
