from datetime import date

import pytest

from zhengxie.core.errors import ServiceError
from zhengxie.core.models import AuditEvent, Term
from zhengxie.core.services import session_create, term_start


def test_sessions_are_numbered_in_order_and_labelled(p):
    session = session_create(
        actor=p.staff, term=p.term, start_date=date(2025, 1, 12), end_date=date(2025, 1, 15)
    )
    assert session.number == 4 and session.label == "十届四次会议"
    assert AuditEvent.objects.filter(action="session.create").exists()


def test_a_session_cannot_close_before_it_opens(p):
    with pytest.raises(ServiceError):
        session_create(
            actor=p.staff, term=p.term, start_date=date(2025, 1, 12), end_date=date(2025, 1, 11)
        )


def test_a_new_term_becomes_current_and_ends_the_previous(p):
    term = term_start(actor=p.staff, committee=p.committee, number=11, start_date=date(2027, 1, 10))
    previous = Term.objects.get(pk=p.term.pk)
    assert term.is_current and not previous.is_current
    assert previous.end_date == date(2027, 1, 9)
    with pytest.raises(ServiceError):
        term_start(actor=p.staff, committee=p.committee, number=11, start_date=date(2027, 2, 1))


def test_staff_manage_terms_from_the_page(p, login):
    client = login(p.staff)
    client.post("/terms/sessions/new/", {"start_date": "2025-01-12", "end_date": "2025-01-15"})
    assert "十届四次会议" in client.get("/terms/").content.decode()
    assert login(p.plain.member.user).get("/terms/").status_code == 403
