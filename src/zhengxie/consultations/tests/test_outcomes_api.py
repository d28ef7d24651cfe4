"""/api/v1/outcomes: list, detail, create, actions; 403 for a role that may not act, 409 with
a Chinese detail and a stable code for a step the state does not allow; bad input is a 400,
another committee's id a 404."""

import pytest
from django.utils import timezone

from zhengxie.consultations import services
from zhengxie.consultations.models import Outcome
from zhengxie.core.inputs import MAX_ID
from zhengxie.duty.models import DutyRecord

from .outcomes_setup import instructed, outcome, sent

NEW = {
    "kind": "brief",
    "title": "关于优化营商环境的协商专报",
    "text": "正文",
    "written_on": "2026-05-06",
    "suggestions": ["简化审批", "  ", "减轻企业负担"],
}


def test_staff_enter_an_outcome_with_numbered_suggestions(p, api):
    api.login(p.staff)
    payload = {**NEW, "author_ids": [p.plain.member.pk], "participant_ids": [p.another.member.pk]}
    response = api.post("/api/v1/outcomes", payload)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["state"], body["kind_label"]) == ("drafted", "协商专报")
    assert [(s["number"], s["text"]) for s in body["suggestions"]] == [
        (1, "简化审批"),
        (2, "减轻企业负担"),
    ]
    assert {m["role"] for m in body["members"]} == {"author", "participant"}
    assert "send" in body["actions"]


def test_a_member_may_not_enter_an_outcome(p, api):
    api.login(p.plain.member.user)
    response = api.post("/api/v1/outcomes", NEW)
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")


def test_another_committees_member_or_topic_is_a_404(p, other, api):
    api.login(p.staff)
    assert (
        api.post("/api/v1/outcomes", {**NEW, "author_ids": [other.plain.member.pk]}).status_code
        == 404
    )
    assert api.post("/api/v1/outcomes", {**NEW, "author_ids": [MAX_ID]}).status_code == 404


@pytest.mark.parametrize(
    "bad",
    [
        {"written_on": "2026-02-30"},
        {"written_on": "1800-01-01"},
        {"title": "x" * 201},
        {"title": "标题\x00"},
        {"kind": "memo"},
        {"topic_id": 2**64},
        {"author_ids": ["abc"]},
    ],
)
def test_bad_input_is_a_400_in_chinese(p, api, bad):
    api.login(p.staff)
    response = api.post("/api/v1/outcomes", {**NEW, **bad})
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid_input"


def test_the_list_is_paginated_and_another_committees_outcome_is_a_404(p, other, api):
    mine = outcome(p)
    theirs = outcome(other)
    api.login(p.staff)
    body = api.get("/api/v1/outcomes", limit=10).json()
    assert ([r["id"] for r in body["items"]], body["count"]) == ([mine.pk], 1)
    assert api.get(f"/api/v1/outcomes/{theirs.pk}").status_code == 404
    assert api.get("/api/v1/outcomes/99999999999999999999").status_code in (400, 404, 422)
    assert (
        api.post(f"/api/v1/outcomes/{theirs.pk}/actions/send", {"to": "party"}).status_code == 404
    )


def test_a_step_the_state_does_not_allow_is_a_409_with_a_chinese_detail(p, api):
    o = outcome(p)
    api.login(p.staff)
    response = api.post(f"/api/v1/outcomes/{o.pk}/actions/conclude")
    assert response.status_code == 409
    assert response.json()["code"] == "outcome_wrong_state"
    assert "待报送" in response.json()["detail"]


def test_a_role_that_may_not_act_is_a_403(p, api):
    o = outcome(p)
    api.login(p.plain.member.user)
    response = api.post(
        f"/api/v1/outcomes/{o.pk}/actions/send", {"to": "party", "recipient": "县委"}
    )
    assert (response.status_code, response.json()["code"]) == (403, "outcome_forbidden")


def test_the_chain_through_the_api_send_instruct_feedback_suggestion(p, api):
    o = outcome(p)
    api.login(p.staff)
    body = api.post(
        f"/api/v1/outcomes/{o.pk}/actions/send", {"to": "department", "unit_id": p.unit.pk}
    ).json()
    assert body["state"] == "sent" and body["sendings"][0]["recipient"] == "县教育局"
    due = (timezone.localdate().replace(year=timezone.localdate().year + 1)).isoformat()
    body = api.post(
        f"/api/v1/outcomes/{o.pk}/actions/instruct",
        {"leader": "县长", "text": "请研究落实", "unit_id": p.unit.pk, "due_on": due},
    ).json()
    task_id = body["tasks"][0]["id"]
    first = body["suggestions"][0]["id"]
    response = api.post(
        f"/api/v1/outcomes/{o.pk}/suggestions/{first}/actions/decline", {"reason": ""}
    )
    assert (response.status_code, response.json()["code"]) == (400, "reason_required")
    response = api.post(
        f"/api/v1/outcomes/{o.pk}/suggestions/{first}/actions/adopt", {"evidence": "县长批示"}
    )
    assert response.json()["state"] == "adopted"
    api.login(p.unit_user)
    assert [t["id"] for t in api.get("/api/v1/outcomes/tasks").json()["items"]] == [task_id]
    response = api.post(f"/api/v1/outcomes/tasks/{task_id}/actions/feedback", {"text": "已落实"})
    assert response.json()["state"] == "done"
    api.login(p.other_unit_user)
    assert api.get("/api/v1/outcomes/tasks").json()["items"] == []
    assert (
        api.post(f"/api/v1/outcomes/tasks/{task_id}/actions/feedback", {"text": "x"}).status_code
        == 404
    )


def test_an_unknown_action_is_a_404(p, api):
    o = sent(p)
    api.login(p.staff)
    assert api.post(f"/api/v1/outcomes/{o.pk}/actions/explode").status_code == 404
    first = o.suggestions.first()
    assert api.post(f"/api/v1/outcomes/{o.pk}/suggestions/{first.pk}/actions/x").status_code == 404


def test_a_unit_reads_only_its_own_tasks_and_steps(p, api):
    o, task = instructed(p)

    services.outcome_instruct(
        actor=p.staff,
        outcome=o,
        leader="县长",
        text="水利局配合",
        unit=p.other_unit,
        due_on=task.due_on,
    )
    api.login(p.unit_user)
    body = api.get(f"/api/v1/outcomes/{o.pk}").json()
    assert [t["unit"] for t in body["tasks"]] == ["县教育局"]
    assert all("水利局" not in h["note"] for h in body["history"])
    api.login(p.plain.member.user)
    body = api.get(f"/api/v1/outcomes/{o.pk}").json()
    assert sorted(t["unit"] for t in body["tasks"]) == ["县教育局", "县水利局"]
    assert Outcome.objects.count() == 1


def test_api_an_adopted_suggestion_is_a_duty_until_it_is_found_not_adopted(p, api):
    o = sent(p)
    first = o.suggestions.get(number=1)
    url = f"/api/v1/outcomes/{o.pk}/suggestions/{first.pk}/actions"
    api.login(p.staff)
    assert api.post(f"{url}/adopt", {"evidence": "县长批示"}).json()["state"] == "adopted"

    def credited():
        records = DutyRecord.objects.filter(kind="suggestion_adopted", source_id=first.pk)
        return [r.member for r in records]

    assert credited() == [p.plain.member]
    declined = api.post(f"{url}/decline", {"reason": "经研究暂缓实施"})
    assert declined.json()["state"] == "not_adopted" and credited() == []
