"""/api/v1/consultation-topics and /api/v1/consultation-plans: create, list, detail, actions
on the engine, 403/409 with a Chinese detail and a stable code, bad input, isolation."""

import pytest

from zhengxie.consultations.models import ContentCategory, Topic

from .topics_helpers import YEAR, accepted, decided, plan_of, planned, suggested

TOPICS = "/api/v1/consultation-topics"
PLANS = "/api/v1/consultation-plans"


def _category(p):
    return ContentCategory.objects.filter(committee=p.committee).first()


def test_staff_create_a_topic_and_read_its_state(p, api):
    api.login(p.staff)
    response = api.post(
        TOPICS,
        {
            "title": "关于推进城乡教育均衡发展",
            "source": "party",
            "category": _category(p).pk,
            "form": "thematic",
            "supervisory": True,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["state"], body["category"], body["supervisory"]) == (
        "suggested",
        _category(p).name,
        True,
    )
    assert set(body["actions"]) >= {"accept", "decline", "arrange"}
    assert Topic.objects.get(pk=body["id"]).submitted_by == p.staff


def test_a_member_creates_a_joint_topic_and_a_cosigner_confirms_it(p, api):
    api.login(p.plain.member.user)
    response = api.post(
        TOPICS,
        {
            "title": "关于城区停车难的议题",
            "source": "members",
            "form": "counterpart",
            "cosigner_ids": [p.another.member.pk],
        },
    )
    assert response.status_code == 201, response.content
    topic_id = response.json()["id"]
    api.login(p.another.member.user)
    body = api.post(f"{TOPICS}/{topic_id}/actions/confirm_cosign").json()
    assert body["cosigners"] == [
        {"member_id": p.another.member.pk, "name": "丁委员", "confirmed": True, "refused": False}
    ]


def test_a_role_that_may_not_act_gets_403_and_a_step_the_state_refuses_409(p, api):
    topic = suggested(p, title="关于河道治理的议题")
    api.login(p.plain.member.user)
    response = api.post(f"{TOPICS}/{topic.pk}/actions/accept")
    assert response.status_code == 404  # a member does not read the office's unscreened topic
    api.login(p.chair.member.user)
    topic = accepted(p)
    response = api.post(f"{TOPICS}/{topic.pk}/actions/decline", {"reason": "x"})
    assert (response.status_code, response.json()["code"]) == (403, "topic_forbidden")
    api.login(p.staff)
    response = api.post(f"{TOPICS}/{topic.pk}/actions/accept")
    assert (response.status_code, response.json()["code"]) == (409, "topic_wrong_state")
    assert response.json()["detail"] == "议题当前状态为“拟列入计划”,不能采纳入库。"


def test_the_plan_without_a_supervisory_topic_answers_409_plan_needs_supervisory(p, api):
    plan = plan_of(p)
    planned(p, plan)
    api.login(p.staff)
    response = api.post(f"{PLANS}/{plan.pk}/actions/submit")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "年度协商工作计划应当包含至少一个监督性议题。",
        "code": "plan_needs_supervisory",
    }


def test_the_plan_walks_its_steps_through_the_api(p, api):
    api.login(p.staff)
    created = api.post(PLANS, {"year": YEAR})
    assert created.status_code == 201, created.content
    plan_id = created.json()["id"]
    topic = accepted(p, supervisory=True, form="thematic")
    added = api.post(
        f"{PLANS}/{plan_id}/actions/add_item", {"topic_id": topic.pk, "plan_type": "thematic"}
    )
    assert added.status_code == 200, added.content
    (item,) = added.json()["items"]
    assert (item["plan_type_label"], item["status"]) == ("专题协商", "列入计划")
    assert added.json()["warnings"] == []
    steps = [
        ("submit", {}),
        ("pass", {"passed_on": f"{YEAR}-02-10"}),
        ("decide", {"decided_by": "中共测试县委常委会", "decided_on": f"{YEAR}-02-20"}),
    ]
    for action, payload in steps:
        response = api.post(f"{PLANS}/{plan_id}/actions/{action}", payload)
        assert response.status_code == 200, response.content
    assert response.json()["state"] == "decided"
    assert api.post(PLANS, {"year": YEAR}).json()["code"] == "plan_exists"


def test_the_thematic_count_warning_is_returned_not_refused(p, api):
    plan = plan_of(p)
    planned(p, plan, supervisory=True)
    api.login(p.staff)
    body = api.get(f"{PLANS}/{plan.pk}").json()
    assert body["warnings"] == ["专题协商会一般每年召开1—2次,本计划安排了0次。"]
    assert "submit" in body["actions"]


def test_lists_are_paginated_and_keep_to_their_audience(p, api):
    mine = suggested(p, p.plain.member.user, source="sector", sector=p.education)
    suggested(p, title="机关录入的议题")
    api.login(p.plain.member.user)
    body = api.get(TOPICS).json()
    assert [r["id"] for r in body["items"]] == [mine.pk]
    assert body["count"] == 1
    assert api.get(PLANS).json()["items"] == []
    plan = decided(p)
    assert [r["id"] for r in api.get(PLANS).json()["items"]] == [plan.pk]
    titles = {r["title"] for r in api.get(TOPICS).json()["items"]}
    assert titles == {mine.title, "关于食品安全监管工作的民主监督"}


def test_another_committees_records_are_404(p, other, api):
    topic = suggested(p)
    plan = decided(p)
    api.login(other.staff)
    assert api.get(f"{TOPICS}/{topic.pk}").status_code == 404
    assert api.get(f"{PLANS}/{plan.pk}").status_code == 404
    assert api.post(f"{TOPICS}/{topic.pk}/actions/accept").status_code == 404
    assert api.post(f"{PLANS}/{plan.pk}/actions/submit").status_code == 404
    response = api.post(
        TOPICS,
        {"title": "x", "source": "party", "form": "thematic", "category": _category(p).pk},
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "payload",
    [
        {"title": "x" * 201, "source": "party", "form": "thematic"},
        {"title": "a\x00b", "source": "party", "form": "thematic"},
        {"title": "x", "source": "nobody", "form": "thematic"},
        {"title": "x", "source": "party", "form": "thematic", "category": 2**70},
        {"title": "x", "source": "party", "form": "thematic", "category": "abc"},
        {"title": "x", "source": "party", "form": "thematic", "year": 99999},
        {"title": "x", "source": "members", "form": "thematic", "cosigner_ids": [0]},
    ],
)
def test_bad_input_is_a_chinese_400(p, api, payload):
    api.login(p.staff)
    response = api.post(TOPICS, payload)
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid_input"


@pytest.mark.parametrize(
    "path",
    [
        f"{TOPICS}/{2**70}",
        f"{TOPICS}/abc",
        f"{PLANS}/{2**70}",
        f"{TOPICS}?year=abc",
        f"{TOPICS}?offset={2**70}",
    ],
)
def test_bad_ids_and_filters_never_reach_a_500(p, api, path):
    api.login(p.staff)
    assert api.get(path).status_code in (400, 404, 422)


def test_bad_action_payloads_are_400_and_unknown_actions_404(p, api):
    plan = plan_of(p)
    api.login(p.staff)
    bad = [
        ("pass", {"passed_on": "2026-02-30"}),
        ("pass", {"passed_on": "2026-02-10T10:00:00"}),
        ("add_item", {"topic_id": 2**70}),
        ("decide", {"decided_by": "x" * 101, "decided_on": "2026-01-01"}),
    ]
    for action, payload in bad:
        response = api.post(f"{PLANS}/{plan.pk}/actions/{action}", payload)
        assert response.status_code in (400, 409), (action, response.content)
    assert api.post(f"{PLANS}/{plan.pk}/actions/nothing").status_code == 404
    assert api.post(f"{PLANS}/{plan.pk}/actions/add_item", {"topic_id": 99999}).status_code == 404
