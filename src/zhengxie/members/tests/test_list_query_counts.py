"""Every list page and list endpoint of members loads in the same number of queries with a few
rows and with many: an N+1 fails here (STYLE.md 17)."""

import pytest

from zhengxie.members import services
from zhengxie.testing import ROW, ListPin, assert_list_queries_pinned


def members(p, numbers):
    """Members with everything the directory shows: a station, a special committee, a contact."""
    for n in numbers:
        membership = services.member_create(
            actor=p.staff,
            committee=p.committee,
            term=p.term,
            sector=p.economy,
            station=p.station,
            special_committees=[p.special],
            name=f"{ROW}{n}",
            gender="女",
            party="群众",
            employer_title="某单位",
            phone=f"139{n:08d}",
        )
        services.liaison_set(actor=p.staff, contact=p.standing, member=membership)


def organisation(p, numbers):
    for n in numbers:
        sector = services.sector_create(actor=p.staff, committee=p.committee, name=f"{ROW}界{n}")
        services.special_committee_create(
            actor=p.staff, committee=p.committee, name=f"{ROW}委{n}", paired_units=[p.unit]
        )
        station = services.liaison_station_create(
            actor=p.staff, committee=p.committee, name=f"{ROW}站{n}", township="城关镇"
        )
        services.member_create(
            actor=p.staff,
            committee=p.committee,
            term=p.term,
            sector=sector,
            station=station,
            name=f"委员{n}",
            gender="男",
            party="群众",
            employer_title="某单位",
        )


def units(p, numbers):
    for n in numbers:
        services.handling_unit_create(actor=p.staff, committee=p.committee, name=f"{ROW}{n}")


PINS = [
    ListPin("/members/", "staff", members, queries=14),
    ListPin("/members/", "plain.member.user", members, queries=15),
    ListPin("/members/?format=xlsx", "staff", members, queries=10),
    ListPin(f"/members/pick/?q={ROW}", "staff", members, queries=11),
    ListPin("/organisation/", "staff", organisation, queries=13),
    ListPin("/organisation/?format=sectors", "staff", organisation, queries=9),
    ListPin("/organisation/?format=special_committees", "staff", organisation, queries=10),
    ListPin("/organisation/?format=stations", "staff", organisation, queries=9),
    ListPin("/organisation/liaison/", "staff", members, queries=18),
    ListPin("/organisation/liaison/?format=xlsx", "staff", members, queries=13),
    ListPin("/units/", "staff", units, queries=9),
    ListPin("/units/", "unit_user", units, queries=11),
    ListPin("/units/?format=xlsx", "staff", units, queries=8),
    ListPin(f"/units/pick/?q={ROW}", "staff", units, queries=9),
    ListPin("/api/v1/members", "staff", members, queries=7, api=True),
    ListPin("/api/v1/members", "plain.member.user", members, queries=7, api=True),
    ListPin("/api/v1/units", "staff", units, queries=4, api=True),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_members_list_queries_do_not_grow_with_rows(pin, p, client, django_assert_num_queries):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
