"""/api/v1/duty/scores and the rules' endpoints, and the scores and rules pages."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from zhengxie.core.models import AuditEvent
from zhengxie.duty import services
from zhengxie.duty.models import DutyScore, ScoringMinimum, ScoringPoints, ScoringRule
from zhengxie.duty.services import duty_record
from zhengxie.lib.dates import cn_datetime
from zhengxie.members.tests.test_list_query_counts import members as directory_members
from zhengxie.testing import ListPin, assert_list_queries_pinned

YEAR = timezone.localdate().year


@pytest.fixture
def rule(p):
    duty_record(member=p.plain.member, kind="proposal_registered", date=date(YEAR, 3, 1))
    made = services.scoring_rule_create(actor=p.staff, term=p.term, year=YEAR)
    services.scoring_line_add(
        actor=p.staff, rule=made, line=ScoringMinimum(kind="proposal_registered", count=1)
    )
    return made


def test_staff_and_leaders_read_the_scores_with_rank_breakdown_and_minimums(api, p, rule):
    for user in (p.staff, p.chair.member.user):
        body = api.login(user).get("/api/v1/duty/scores", year=YEAR).json()
        assert body["count"] == 4
        first = body["items"][0]
        assert (first["name"], first["rank"], Decimal(first["total"])) == ("李委员", 1, 5)
        assert first["breakdown"][0]["label"] == "提交提案并立案"
        assert first["below_minimum"] == []
        assert body["items"][1]["below_minimum"][0]["label"] == "提交提案并立案至少1次"


def test_a_member_cannot_read_the_scores(api, p, rule):
    response = api.login(p.plain.member.user).get("/api/v1/duty/scores", year=YEAR)
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert api.get("/api/v1/duty/rules").status_code == 403


def test_scores_filter_by_sector_and_sort_by_name(api, p, rule):
    api.login(p.staff)
    body = api.get("/api/v1/duty/scores", year=YEAR, sector=p.economy.pk, order="name").json()
    assert [i["name"] for i in body["items"]] == ["王常委", "张主席"]


@pytest.mark.parametrize(
    "params", [{"year": "abc"}, {"year": 1800}, {"order": "drop"}, {"sector": 0}, {"limit": 0}]
)
def test_bad_query_parameters_are_a_chinese_400(api, p, rule, params):
    response = api.login(p.staff).get("/api/v1/duty/scores", **params)
    assert response.status_code == 400
    assert (
        response.json()["code"] == "invalid_input" and "提交的内容有误" in response.json()["detail"]
    )


def test_a_year_without_rules_is_404_with_its_code(api, p, rule):
    response = api.login(p.staff).get("/api/v1/duty/scores", year=YEAR - 1)
    assert response.status_code == 404 and response.json()["code"] == "scoring_rule_missing"


def test_rules_are_created_and_their_lines_added_updated_and_removed(api, client, p, rule):
    api.login(p.staff)
    created = api.post("/api/v1/duty/rules", {"year": None})
    assert created.status_code == 201 and created.json()["period"] == "整届"
    assert api.post("/api/v1/duty/rules", {"year": None}).json()["code"] == "scoring_rule_exists"
    url = f"/api/v1/duty/rules/{rule.pk}/lines"
    added = api.post(url, {"type": "points", "kind": "proposal_registered", "points": "8"})
    assert added.status_code == 201, added.content
    assert DutyScore.objects.get(rule=rule, member=p.plain.member).total == 8
    line = ScoringPoints.objects.get()
    again = api.post(url, {"type": "points", "kind": "proposal_registered", "points": "9"})
    assert again.status_code == 409 and again.json()["code"] == "scoring_line_exists"
    headers = api._headers()
    changed = client.put(
        f"{url}/points/{line.pk}",
        {"type": "points", "kind": "proposal_registered", "points": "6", "cap": "5"},
        content_type="application/json",
        headers=headers,
    )
    assert changed.status_code == 200, changed.content
    assert DutyScore.objects.get(rule=rule, member=p.plain.member).total == 5
    removed = client.delete(f"{url}/points/{line.pk}", headers=headers)
    assert removed.status_code == 200 and not ScoringPoints.objects.exists()
    assert AuditEvent.objects.filter(action="duty.rule_line_remove").count() == 1


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "points", "kind": "made_up", "points": "1"},
        {"type": "points", "kind": "training", "points": "1.234"},
        {"type": "multiplier", "kind": "training", "factor": "0"},
        {"type": "minimum", "kind": "training", "count": -1},
        {"type": "drop", "kind": "training"},
        {"type": "minimum", "kind": "training"},
        {"type": "points", "kind": "training"},
        {"type": "points", "kind": "training", "qualifier": "nowhere", "points": "1"},
    ],
)
def test_bad_lines_are_a_chinese_400(api, p, rule, payload):
    response = api.login(p.staff).post(f"/api/v1/duty/rules/{rule.pk}/lines", payload)
    assert response.status_code == 400, response.content
    assert not response.json()["detail"].isascii()


def test_leaders_read_the_rules_but_only_staff_change_them(api, p, rule):
    api.login(p.chair.member.user)
    assert api.get("/api/v1/duty/rules").json()[0]["lines"][0]["kind"] == "proposal_registered"
    response = api.post(f"/api/v1/duty/rules/{rule.pk}/recompute")
    assert response.status_code == 403


def test_another_committees_rules_are_404(api, p, other, rule):
    api.login(other.staff)
    response = api.post(
        f"/api/v1/duty/rules/{rule.pk}/lines", {"type": "minimum", "kind": "training", "count": 1}
    )
    assert response.status_code == 404
    assert api.get("/api/v1/duty/scores", year=YEAR).json()["code"] == "scoring_rule_missing"


def _members(p, numbers):
    """The directory's pinned members, scored."""
    directory_members(p, numbers)
    rule = ScoringRule.objects.get(term=p.term, year=YEAR)
    services.scores_recompute(actor=p.staff, rule=rule)


@pytest.mark.parametrize(
    "pin",
    [
        ListPin("/api/v1/duty/scores?limit=100", "staff", _members, queries=7, api=True),
        ListPin("/duty/scores/", "staff", _members, queries=18),
    ],
    ids=str,
)
def test_the_scores_list_keeps_its_query_count(pin, p, rule, client, django_assert_num_queries):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)


def test_the_scores_page_shows_ranks_groups_and_who_has_not_engaged(login, p, rule):
    page = login(p.staff).get("/duty/scores/").content.decode()
    assert "李委员" in page and "提交提案并立案至少1次" in page
    assert "人均分" in page and "总分为该组委员本期得分之和" in page
    assert "提案:3人" in page


def test_the_scores_page_dates_its_computation_in_chinese(login, p, rule):
    rule.refresh_from_db()
    page = login(p.staff).get("/duty/scores/").content.decode()
    assert f"计算时间 {cn_datetime(rule.scored_at)}。" in page


def test_the_scores_page_is_the_office_and_leaders(login, p, rule):
    assert login(p.plain.member.user).get("/duty/scores/").status_code == 403
    assert login(p.chair.member.user).get("/duty/scores/").status_code == 200


def test_a_bad_filter_on_the_page_is_a_chinese_400(login, p, rule):
    response = login(p.staff).get("/duty/scores/", {"sector": "x"})
    assert response.status_code == 400 and "界别“x”无效" in response.content.decode()


def test_the_editor_adds_a_line_and_recomputes(login, p, rule):
    client = login(p.staff)
    response = client.post(
        f"/duty/rules/{rule.pk}/",
        {"type": "points", "kind": "proposal_registered", "applies_to": "all", "points": "7"},
    )
    assert response.status_code == 302
    assert DutyScore.objects.get(rule=rule, member=p.plain.member).total == 7
    page = client.get(f"/duty/rules/{rule.pk}/").content.decode()
    assert "提交提案并立案" in page and "7.00" in page


def test_the_editor_refuses_a_line_without_its_value_in_chinese(login, p, rule):
    response = login(p.staff).post(
        f"/duty/rules/{rule.pk}/", {"type": "multiplier", "kind": "training", "applies_to": "all"}
    )
    assert response.status_code == 200 and "请填写倍数。" in response.content.decode()
    assert not ScoringPoints.objects.exists()


def test_leaders_cannot_change_the_rules_on_the_page(login, p, rule):
    client = login(p.chair.member.user)
    data = {"type": "minimum", "kind": "training", "applies_to": "all", "count": "1"}
    assert client.post(f"/duty/rules/{rule.pk}/", data).status_code == 403
    assert client.post(f"/duty/rules/{rule.pk}/recompute/").status_code == 403


def test_a_rule_set_is_created_from_the_page(login, p):
    client = login(p.staff)
    response = client.post("/duty/rules/new/", {"year": "2024"})
    assert response.status_code == 302 and ScoringRule.objects.filter(year=2024).exists()
    client.post("/duty/rules/new/", {"year": "2024"})
    assert "该期间的履职考核细则已存在" in client.get("/duty/scores/").content.decode()
