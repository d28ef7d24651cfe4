"""Terms and their numbered plenary sessions."""

from datetime import date, timedelta

from django.db import transaction

from .. import errors
from ..audit import audit_log
from ..errors import ServiceError
from ..models import (
    Committee,
    Session,
    Term,
    User,
)

SESSION_DATES = errors.Problem("session_dates", "闭幕日期不能早于开幕日期。")
TERM_NUMBER = errors.Problem("term_number", "新一届的届次须大于现有各届。", 409)


def term_start(*, actor: User, committee: Committee, number: int, start_date: date) -> Term:
    """A new term becomes current; the previous one ends the day before."""
    with transaction.atomic(durable=True):
        latest = (
            # Two terms started at once would both pass the number check and both be current.
            Term.objects.select_for_update().filter(committee=committee).order_by("-number").first()
        )
        if latest and number <= latest.number:
            raise ServiceError(TERM_NUMBER)
        previous = Term.objects.filter(committee=committee, is_current=True).first()
        if previous:
            previous.is_current = False
            previous.end_date = previous.end_date or start_date - timedelta(days=1)
            previous.save(update_fields=["is_current", "end_date"])
        term = Term.objects.create(
            committee=committee, number=number, start_date=start_date, is_current=True
        )
        audit_log(
            actor=actor,
            action="term.start",
            target=term,
            committee=committee,
            before={"current": previous.number if previous else None},
            after={"current": number, "start_date": start_date},
        )
    return term


def session_create(*, actor: User, term: Term, start_date: date, end_date: date) -> Session:
    """The next numbered plenary session of `term`."""
    if end_date < start_date:
        raise ServiceError(SESSION_DATES)
    with transaction.atomic(durable=True):
        # Two sessions added at once would both take the same next number.
        Term.objects.select_for_update().get(pk=term.pk)
        number = (
            term.sessions.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        session = Session.objects.create(
            term=term, number=number, start_date=start_date, end_date=end_date
        )
        audit_log(
            actor=actor,
            action="session.create",
            target=session,
            committee=term.committee,
            after={"label": session.label, "start_date": start_date, "end_date": end_date},
        )
    return session
