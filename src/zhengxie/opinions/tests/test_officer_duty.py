"""信息员 service in the duty record: one record per year an appointed member served (seed 002
L164 counts the post held, apart from the items gathered, which credit their authors)."""

from datetime import date

import pytest

from zhengxie.core.errors import ServiceError
from zhengxie.duty.models import DutyRecord
from zhengxie.duty.sources import sources_of
from zhengxie.opinions import services
from zhengxie.opinions.services.setup import END_BEFORE_START
from zhengxie.testing import build_committee

KIND = "opinion_officer"


def appointed(p, on=date(2025, 6, 1), today=date(2026, 3, 1), who=None):
    user = who or p.plain.member.user
    return services.officer_appoint(
        actor=p.staff, committee=p.committee, user=user, member=user.member, on=on, today=today
    )


def years(member) -> list[tuple[int, date]]:
    rows = DutyRecord.objects.filter(kind=KIND, member=member).order_by("date")
    return [(r.source.year, r.date) for r in rows]


def test_a_member_serving_as_officer_is_credited_once_per_year_served(p):
    appointed(p)
    assert years(p.plain.member) == [(2025, date(2025, 6, 1)), (2026, date(2026, 1, 1))]


def test_the_daily_task_credits_the_year_just_begun_and_only_once(p):
    appointed(p, today=date(2025, 7, 1))
    assert services.officer_years_record(today=date(2026, 1, 2)) == 1
    assert services.officer_years_record(today=date(2026, 1, 3)) == 0
    assert [y for y, _ in years(p.plain.member)] == [2025, 2026]


def test_ending_an_appointment_takes_back_the_years_it_no_longer_covers(p):
    officer = appointed(p)
    services.officer_end(actor=p.staff, officer=officer, on=date(2025, 12, 31))
    assert [y for y, _ in years(p.plain.member)] == [2025]
    assert services.officer_years_record(today=date(2027, 1, 2)) == 0


def test_an_end_before_the_appointment_is_refused_in_chinese(p):
    officer = appointed(p)
    with pytest.raises(ServiceError) as refused:
        services.officer_end(actor=p.staff, officer=officer, on=date(2025, 5, 31))
    assert refused.value.problem == END_BEFORE_START and "聘任日期" in END_BEFORE_START.detail


def test_an_appointment_not_yet_begun_credits_nothing(p):
    appointed(p, on=date(2026, 6, 1), today=date(2026, 3, 1))
    assert years(p.plain.member) == []


def test_the_service_links_the_roster_for_the_office_only(p):
    appointed(p)
    records = list(DutyRecord.objects.filter(kind=KIND))
    other = build_committee("外县政协", prefix="o_")
    assert all(sources_of(records, p.staff)[r.pk].url == "/opinions/settings/" for r in records)
    for reader in (p.plain.member.user, p.chair.member.user, other.staff):
        read = sources_of(records, reader)
        assert all(read[r.pk].url == "" and read[r.pk].noun == "信息员" for r in records)
    assert sources_of(records)[records[0].pk].title.endswith("年度社情民意信息员")


def test_an_officer_who_is_no_member_has_no_duty_record(p):
    services.officer_appoint(
        actor=p.staff, committee=p.committee, user=p.staff, on=date(2025, 6, 1)
    )
    assert not DutyRecord.objects.filter(kind=KIND).exists()
