"""The member's record (履职档案): who reads it, what each record earned under the period's rule,
its source through the registry, and staff recording on a member's behalf."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from zhengxie.core.models import AuditEvent
from zhengxie.duty import services
from zhengxie.duty.models import DutyRecord, ScoringMultiplier, ScoringPoints
from zhengxie.duty.services import duty_record
from zhengxie.meetings.tests.conftest import chairs_meeting
from zhengxie.testing import ROW, ListPin, assert_list_queries_pinned

YEAR = timezone.localdate().year
DAY = date(YEAR, 1, 5)


def _note(member, note="走访困难群众", day=DAY, **extra):
    return duty_record(member=member.member, kind="other", date=day, note=note, **extra)


def _url(who) -> str:
    return f"/duty/record/members/{who.member.pk}/"


def test_the_member_sees_their_own_record_with_its_sources(login, p):
    meeting = chairs_meeting(p)
    duty_record(member=p.plain.member, kind="training", date=DAY, source=meeting)
    _note(p.plain)
    _note(p.another, note="别人的记录")
    page = login(p.plain.member.user).get("/duty/record/").content.decode()
    assert "我的履职档案" in page and "走访困难群众" in page and "主席会议" in page
    assert "别人的记录" not in page
    # 李委员 is not invited to the 主席会议: its title shows, its page is not linked.
    assert f'href="/meetings/{meeting.pk}/"' not in page


def test_a_member_opening_another_members_record_gets_404(login, api, p):
    _note(p.another)
    assert login(p.plain.member.user).get(_url(p.another)).status_code == 404
    assert (
        api.login(p.plain.member.user)
        .get(f"/api/v1/members/{p.another.member.pk}/duty")
        .status_code
        == 404
    )


def test_a_leader_without_a_member_record_is_offered_no_record_of_their_own(login, p, leader):
    client = login(leader)
    home = client.get("/").content.decode()
    assert 'href="/duty/record/"' not in home
    assert client.get("/duty/record/").status_code == 403
    # Still the leaders' pages: the committee's self-reported activities and every record.
    assert 'href="/self-reports/"' in home
    assert client.get(_url(p.plain)).status_code == 200
    assert 'href="/duty/record/"' in login(p.chair.member.user).get("/").content.decode()


def test_a_year_outside_the_members_terms_offers_each_term_whole(login, p):
    page = login(p.plain.member.user).get("/duty/record/", {"year": 2019}).content.decode()
    assert "我的履职档案" in page and "2019年不在任期内。" in page
    assert f'href="?term={p.term.pk}">查看第十届(整届)' in page


def test_staff_and_leaders_read_any_record_of_their_committee(login, api, p):
    meeting = chairs_meeting(p)
    duty_record(member=p.plain.member, kind="training", date=DAY, source=meeting)
    for user in (p.staff, p.chair.member.user):
        page = login(user).get(_url(p.plain)).content.decode()
        assert "李委员的履职档案" in page and f'href="/meetings/{meeting.pk}/"' in page
        body = api.login(user).get(f"/api/v1/members/{p.plain.member.pk}/duty").json()
        assert body["count"] == 1 and body["items"][0]["source"]["title"] == "主席会议"


def test_another_committee_and_a_unit_get_404(login, api, p, other):
    _note(p.plain)
    for user in (other.staff, p.unit_user):
        assert login(user).get(_url(p.plain)).status_code == 404
        response = api.login(user).get(f"/api/v1/members/{p.plain.member.pk}/duty")
        assert response.status_code == 404


def test_each_record_shows_what_it_earned_under_the_periods_rule(login, api, p):
    meeting = chairs_meeting(p)
    duty_record(member=p.plain.member, kind="training", date=DAY, source=meeting)
    for n in range(3):
        _note(p.plain, note=f"活动{n}")
    rule = services.scoring_rule_create(actor=p.staff, term=p.term, year=YEAR)
    services.scoring_line_add(
        actor=p.staff, rule=rule, line=ScoringPoints(kind="other", points=4, cap=10)
    )
    services.scoring_line_add(
        actor=p.staff, rule=rule, line=ScoringMultiplier(kind="training", factor=Decimal("1.5"))
    )
    body = (
        api.login(p.plain.member.user)
        .get(f"/api/v1/members/{p.plain.member.pk}/duty", year=YEAR)
        .json()
    )
    points = {item["note"] or item["kind"]: Decimal(item["points"]) for item in body["items"]}
    assert points == {"training": 3, "活动0": 4, "活动1": 4, "活动2": 4}
    view = login(p.plain.member.user).get("/duty/record/").context["view"]
    # The cap bounds the kind's total; the period's stored score gives the rank.
    assert {c.label: c.points for c in view.categories} == {"学习培训": 3, "其他履职活动": 10}
    assert view.total == 13 and view.score.rank == 1


def test_a_year_without_a_rule_reads_the_ledgers_points(login, p):
    _note(p.plain)
    view = login(p.plain.member.user).get("/duty/record/").context["view"]
    assert view.period.rule is None and view.rows[0].points == 1


def test_by_term_the_record_covers_the_whole_term(login, p):
    _note(p.plain, note="去年的记录", day=date(YEAR - 1, 6, 1))
    _note(p.plain, note="今年的记录")
    client = login(p.plain.member.user)
    assert "去年的记录" not in client.get("/duty/record/").content.decode()
    page = client.get("/duty/record/", {"term": p.term.pk}).content.decode()
    assert "去年的记录" in page and "今年的记录" in page and "第十届(整届)" in page


def test_staff_recording_on_a_members_behalf_is_audited(login, api, p):
    login(p.staff).post(
        _url(p.plain) + "add/",
        {"kind": "training", "date": DAY.isoformat(), "note": "市委党校培训班", "hours": "8"},
    )
    record = DutyRecord.objects.get(member=p.plain.member, kind="training")
    assert record.recorded_by == p.staff and record.hours == 8
    event = AuditEvent.objects.get(action="duty.record_for", object_id=str(record.pk))
    assert event.actor == p.staff and event.after["member"] == p.plain.member.pk
    response = api.login(p.staff).post(
        f"/api/v1/members/{p.plain.member.pk}/duty",
        {"kind": "other", "date": DAY.isoformat(), "note": "走访联系群众"},
    )
    assert response.status_code == 201 and response.json()["on_behalf"] is True
    assert AuditEvent.objects.filter(action="duty.record_for").count() == 2
    page = login(p.plain.member.user).get("/duty/record/").content.decode()
    assert "机关代记" in page and "市委党校培训班" in page


def test_only_the_office_records_on_a_members_behalf(login, api, p):
    payload = {"kind": "other", "date": DAY.isoformat(), "note": "自己记的"}
    for user in (p.plain.member.user, p.chair.member.user):
        response = api.login(user).post(f"/api/v1/members/{p.plain.member.pk}/duty", payload)
        assert response.status_code == 403
        assert login(user).post(_url(p.plain) + "add/", payload).status_code == 403
    assert not DutyRecord.objects.exists()


def test_a_kind_an_app_feeds_is_not_recorded_on_behalf(api, p):
    response = api.login(p.staff).post(
        f"/api/v1/members/{p.plain.member.pk}/duty",
        {"kind": "proposal_registered", "date": DAY.isoformat(), "note": "代记立案"},
    )
    assert response.status_code == 400 and "自动记入" in response.json()["detail"]


def test_a_future_date_is_refused_on_behalf(api, p):
    future = timezone.localdate() + timedelta(days=3)
    response = api.login(p.staff).post(
        f"/api/v1/members/{p.plain.member.pk}/duty",
        {"kind": "other", "date": future.isoformat(), "note": "明天的事"},
    )
    assert response.status_code == 400 and response.json()["code"] == "duty_future_date"


@pytest.mark.parametrize(
    "params", [{"year": "abc"}, {"year": "99999"}, {"term": "-1"}, {"term": "x"}]
)
def test_hostile_record_queries_are_refused_not_500(login, api, p, params):
    _note(p.plain)
    assert login(p.plain.member.user).get("/duty/record/", params).status_code in (200, 400)
    response = api.login(p.plain.member.user).get(
        f"/api/v1/members/{p.plain.member.pk}/duty", **params
    )
    assert response.status_code in (400, 422) and response.json()["detail"]


@pytest.mark.parametrize(
    "payload",
    [
        {"kind": "other", "date": "2026-02-30", "note": "x"},
        {"kind": "other", "date": DAY.isoformat(), "note": "x" * 201},
        {"kind": "other", "date": DAY.isoformat(), "note": "x", "hours": "-1"},
        {"kind": "made_up", "date": DAY.isoformat(), "note": "x"},
        {"kind": "other", "date": DAY.isoformat(), "note": "  "},
        {"kind": "other", "date": DAY.isoformat(), "note": "a\x00b"},
    ],
)
def test_hostile_input_on_behalf_is_refused_not_500(api, login, p, payload):
    response = api.login(p.staff).post(f"/api/v1/members/{p.plain.member.pk}/duty", payload)
    assert response.status_code in (400, 422) and response.json()["detail"]
    assert login(p.staff).post(_url(p.plain) + "add/", payload).status_code == 302
    assert not DutyRecord.objects.exists()


def test_a_term_the_member_never_served_is_404(api, login, p, other):
    path = f"/api/v1/members/{p.plain.member.pk}/duty"
    assert api.login(p.staff).get(path, term=other.term.pk).status_code == 404
    assert login(p.staff).get(_url(p.plain), {"term": other.term.pk}).status_code == 404


def test_the_scores_page_links_each_member_to_their_record(login, p):
    _note(p.plain)
    services.scoring_rule_create(actor=p.staff, term=p.term, year=YEAR)
    page = login(p.staff).get("/duty/scores/").content.decode()
    assert f'href="{_url(p.plain)}?year={YEAR}"' in page


def test_the_members_home_links_their_record(login, p):
    page = login(p.plain.member.user).get("/").content.decode()
    assert 'href="/duty/record/"' in page
    assert 'href="/duty/record/"' not in login(p.unit_user).get("/").content.decode()


def _rows(p, numbers):
    """Each row a record of its own and one sourced from a meeting of its own."""
    for n in numbers:
        _note(p.plain, note=f"{ROW}{n}")
        duty_record(member=p.plain.member, kind="training", date=DAY, source=chairs_meeting(p))


@pytest.mark.parametrize(
    "pin",
    [
        ListPin("/duty/record/", "plain.member.user", _rows, queries=16),
        ListPin("/duty/record/members/{p.plain.member.pk}/", "staff", _rows, queries=17),
        ListPin(
            "/api/v1/members/{p.plain.member.pk}/duty?limit=100",
            "plain.member.user",
            _rows,
            queries=10,
            api=True,
        ),
    ],
    ids=str,
)
def test_the_record_keeps_its_query_count(pin, p, client, django_assert_num_queries):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
