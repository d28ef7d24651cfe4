from datetime import date

from zhengxie.core.calendar import add_working_days, deadline_after_months, next_working_day
from zhengxie.core.models import AuditEvent, CalendarDay
from zhengxie.core.services import calendar_day_set


def test_national_schedule_is_seeded_at_install(db):
    assert CalendarDay.objects.filter(
        committee=None, date=date(2025, 10, 8), is_workday=False
    ).exists()
    assert CalendarDay.objects.get(committee=None, date=date(2026, 2, 14)).is_workday


def test_deadline_skips_national_day_with_its_make_up_days(db):
    # From Friday 9月26日: 9月28日(周日)调休上班, 29日, 30日, then 10月1日—8日 off.
    deadline = add_working_days(None, date(2025, 9, 26), 4)
    assert deadline.date == date(2025, 10, 9)
    assert deadline.confirmed


def test_deadline_skips_spring_festival(db):
    # 2026 春节: 2月15日—23日放假, 2月14日(周六)上班.
    assert add_working_days(None, date(2026, 2, 13), 1).date == date(2026, 2, 14)
    assert add_working_days(None, date(2026, 2, 14), 1).date == date(2026, 2, 24)


def test_committee_override_moves_a_deadline(p):
    calendar_day_set(
        actor=p.staff, committee=p.committee, day=date(2025, 10, 9), is_workday=False, name="县庆"
    )
    assert add_working_days(p.committee, date(2025, 9, 30), 1).date == date(2025, 10, 10)
    assert add_working_days(None, date(2025, 9, 30), 1).date == date(2025, 10, 9)
    assert AuditEvent.objects.filter(action="calendar.set_day").exists()


def test_other_committees_are_not_affected_by_an_override(p, other):
    calendar_day_set(
        actor=p.staff, committee=p.committee, day=date(2025, 10, 9), is_workday=False, name="县庆"
    )
    assert add_working_days(other.committee, date(2025, 9, 30), 1).date == date(2025, 10, 9)


def test_deadline_in_an_unconfirmed_year_is_flagged(db):
    deadline = add_working_days(None, date(2026, 12, 28), 10)
    assert deadline.date.year == 2027
    assert not deadline.confirmed
    assert "2027年节假日安排尚未确认" in deadline.warning


def test_three_month_deadline_moves_off_a_holiday(db):
    # 2025-07-01 plus three months is 10月1日, 国庆: the deadline moves to 10月9日.
    assert deadline_after_months(None, date(2025, 7, 1), 3).date == date(2025, 10, 9)
    assert deadline_after_months(None, date(2025, 11, 30), 3).date == date(2026, 2, 28)


def test_next_working_day_of_a_working_day_is_itself(db):
    assert next_working_day(None, date(2025, 10, 9)).date == date(2025, 10, 9)


def test_staff_edit_the_calendar_page(p, login):
    client = login(p.staff)
    response = client.post("/calendar/", {"date": "2025-10-09", "is_workday": "0", "name": "县庆"})
    assert response.status_code == 302
    assert CalendarDay.objects.filter(committee=p.committee, date=date(2025, 10, 9)).exists()
    client.post("/calendar/2025-10-09/remove/")
    assert not CalendarDay.objects.filter(committee=p.committee).exists()


def test_members_cannot_edit_the_calendar(p, login):
    assert login(p.plain.member.user).get("/calendar/").status_code == 403
