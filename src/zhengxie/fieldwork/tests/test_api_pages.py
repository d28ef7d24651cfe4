"""The API and the pages take the same steps: create → 201, the steps on the engine with
403 for a role that may not act and 409 for a step the state does not allow; bad input is
a Chinese 400 or a 404, never a 500."""

import pytest

from zhengxie.consultations.models import Outcome
from zhengxie.fieldwork.models import Fieldwork, Participant

from .conftest import topic_of, write


def _act(api, fieldwork, action, data=None):
    return api.post(f"/api/v1/fieldwork/{fieldwork.pk}/actions/{action}", data)


def test_create_answers_201_with_its_state(p, api):
    topic_id = topic_of(p).pk
    response = api.login(p.staff).post(
        "/api/v1/fieldwork", {"kind": "inspection", "title": "河道治理视察", "topic_id": topic_id}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == Fieldwork.State.PLANNED and body["kind_label"] == "视察"
    assert body["topic_id"] == topic_id and "start" in body["actions"]


def test_a_member_may_not_create_fieldwork(p, api):
    response = api.login(p.plain.member.user).post(
        "/api/v1/fieldwork", {"kind": "research", "title": "调研"}
    )
    assert response.status_code == 403
    assert response.json()["code"]


def test_the_list_is_paginated(p, api, flow):
    body = api.login(p.staff).get("/api/v1/fieldwork", limit=1).json()
    assert body["count"] == 1 and body["items"][0]["title"] == "乡村振兴专题调研"


def test_the_whole_way_through_the_api_to_the_report(p, api, flow):
    staff = api.login(p.staff)
    assert (
        _act(
            staff,
            flow.fieldwork,
            "attendance",
            {"visit_id": flow.visit.pk, "present_ids": [flow.plain.pk, flow.standing.pk]},
        ).status_code
        == 200
    )
    assert (
        _act(
            staff, flow.fieldwork, "add_finding", {"visit_id": flow.visit.pk, "text": "村道破损"}
        ).status_code
        == 200
    )
    member = api.login(p.plain.member.user)
    response = _act(
        member,
        flow.fieldwork,
        "write_draft",
        {"title": "调研报告", "text": "正文", "suggestions": "建议一\n建议二"},
    )
    assert response.status_code == 200, response.content
    draft_id = response.json()["drafts"][0]["id"]
    staff = api.login(p.staff)
    assert _act(staff, flow.fieldwork, "select_draft", {"draft_id": draft_id}).status_code == 200
    response = _act(staff, flow.fieldwork, "report", {})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == Fieldwork.State.REPORTED
    assert body["outcome_url"] == f"/consultations/outcomes/{body['outcome_id']}/"
    outcome = Outcome.objects.get(pk=body["outcome_id"])
    assert list(outcome.suggestions.values_list("number", flat=True)) == [1, 2]


def test_a_step_the_state_does_not_allow_is_409_with_its_code(p, api, flow):
    response = _act(api.login(p.staff), flow.fieldwork, "start")
    assert response.status_code == 409
    assert response.json()["code"] == "fieldwork_wrong_state"
    response = _act(api.login(p.staff), flow.fieldwork, "report")
    assert response.status_code == 409 and response.json()["code"] == "no_final_draft"


def test_a_role_that_may_not_act_is_403(p, api, flow):
    response = _act(
        api.login(p.plain.member.user),
        flow.fieldwork,
        "add_visit",
        {"date": "2026-05-08", "place": "某地"},
    )
    assert response.status_code == 403 and response.json()["code"] == "fieldwork_forbidden"
    response = _act(
        api.login(p.chair.member.user),
        flow.fieldwork,
        "write_draft",
        {"title": "稿", "text": "正文"},
    )
    assert response.status_code == 403 and response.json()["code"] == "draft_not_in_group"


def test_the_group_limit_refusal_has_its_own_code(p, api, flow):
    from zhengxie.fieldwork import services

    services.rules_set(actor=p.staff, group_limit=4)
    response = _act(
        api.login(p.staff),
        flow.fieldwork,
        "add_participant",
        {"role": "member", "member_id": p.another.member.pk},
    )
    assert response.status_code == 409 and response.json()["code"] == "group_full"
    assert "严格控制调研组人数" in response.json()["detail"]


@pytest.mark.parametrize(
    "payload",
    [
        {"visit_id": 2**64, "present_ids": []},
        {"visit_id": "abc", "present_ids": []},
        {"visit_id": 1, "present_ids": [2**70]},
        {"visit_id": 1, "present_ids": ["x"]},
    ],
)
def test_bad_ids_in_a_step_are_400(p, api, flow, payload):
    response = _act(api.login(p.staff), flow.fieldwork, "attendance", payload)
    assert response.status_code == 400 and response.json()["code"] == "invalid_input"


@pytest.mark.parametrize(
    "payload",
    [
        {"date": "2026-02-30", "place": "某地"},
        {"date": "0001-01-01", "place": "某地"},
        {"date": "2026-05-08", "place": "某\x00地"},
        {"date": "2026-05-08", "place": "长" * 121},
    ],
)
def test_bad_dates_and_text_in_a_step_are_400(p, api, flow, payload):
    response = _act(api.login(p.staff), flow.fieldwork, "add_visit", payload)
    assert response.status_code == 400, response.content
    assert response.json()["detail"].startswith("提交的内容有误")


def test_ids_of_nothing_are_404(p, api, flow):
    staff = api.login(p.staff)
    assert staff.get(f"/api/v1/fieldwork/{2**63 - 1}").status_code == 404
    assert staff.get(f"/api/v1/fieldwork/{2**64}").status_code in (400, 404)
    assert staff.get("/api/v1/fieldwork/abc").status_code in (400, 404)
    assert _act(staff, flow.fieldwork, "attendance", {"visit_id": 999}).status_code == 404
    assert _act(staff, flow.fieldwork, "no_such_step").status_code == 404
    response = staff.post(
        "/api/v1/fieldwork", {"kind": "research", "title": "调研", "topic_id": 999}
    )
    assert response.status_code == 404


def test_create_refuses_bad_input_with_a_chinese_400(p, api):
    staff = api.login(p.staff)
    for payload in [
        {"kind": "party", "title": "调研"},
        {"kind": "research", "title": "长" * 201},
        {"kind": "research", "title": "调研\x07"},
        {"kind": "research", "title": "调研", "starts_on": "2026-13-01"},
    ]:
        response = staff.post("/api/v1/fieldwork", payload)
        assert response.status_code == 400, payload
    response = staff.post(
        "/api/v1/fieldwork",
        {"kind": "research", "title": "调研", "starts_on": "2026-05-08", "ends_on": "2026-05-01"},
    )
    assert response.status_code == 400 and response.json()["code"] == "bad_dates"


def test_the_staff_pages_create_and_run_a_fieldwork(p, login):
    client = login(p.staff)
    assert client.get("/fieldwork/new/").status_code == 200
    response = client.post(
        "/fieldwork/new/",
        {
            "kind": "research",
            "title": "养老服务调研",
            "mode": "special",
            "chair": p.chair.member.pk,
        },
    )
    fieldwork = Fieldwork.objects.get(title="养老服务调研")
    assert response.status_code == 302 and fieldwork.chair == p.chair.member
    act = f"/fieldwork/{fieldwork.pk}/act/"
    client.post(
        f"{act}add_participant/",
        {"role": "member", "member_id": p.plain.member.pk, "is_leader": "true"},
    )
    client.post(
        f"{act}add_participant/",
        {"role": "expert", "name": "钱教授", "unit": "农科所", "is_leader": "false"},
    )
    client.post(f"{act}add_visit/", {"date": "2026-05-08", "place": "敬老院"})
    client.post(f"{act}start/")
    visit = fieldwork.visits.get()
    people = list(fieldwork.group.values_list("pk", flat=True))
    client.post(f"{act}attendance/", {"visit_id": visit.pk, "present_ids": people})
    fieldwork.refresh_from_db()
    assert fieldwork.state == Fieldwork.State.UNDER_WAY
    assert visit.present.count() == 2
    assert Participant.objects.get(name="钱教授").is_leader is False
    html = client.get(f"/fieldwork/{fieldwork.pk}/").content.decode()
    assert "敬老院" in html and "记录走访出勤" in html


def test_a_page_step_refused_says_why(p, login, flow):
    client = login(p.staff)
    response = client.post(f"/fieldwork/{flow.fieldwork.pk}/act/report/", follow=True)
    assert "优选定稿" in response.content.decode()
    assert client.post(f"/fieldwork/{flow.fieldwork.pk}/act/nothing/").status_code == 404
    assert client.get(f"/fieldwork/{flow.fieldwork.pk}/act/start/").status_code == 405


def test_the_member_writes_a_draft_on_the_page(p, login, flow):
    client = login(p.plain.member.user)
    client.post(
        f"/fieldwork/{flow.fieldwork.pk}/act/write_draft/",
        {"title": "调研报告", "text": "正文", "suggestions": "一\n二"},
    )
    assert flow.fieldwork.drafts.get().author == p.plain.member


def test_the_rules_page_sets_the_group_limit(p, login):
    client = login(p.staff)
    assert client.get("/fieldwork/rules/").status_code == 200
    client.post("/fieldwork/rules/", {"group_limit": "8"})
    assert p.committee.fieldwork_rules.group_limit == 8
    assert client.post("/fieldwork/rules/", {"group_limit": "9" * 30}).status_code == 200
    assert login(p.plain.member.user).get("/fieldwork/rules/").status_code == 403


def test_page_ids_beyond_64_bits_are_404(p, login):
    client = login(p.staff)
    assert client.get(f"/fieldwork/{2**64}/").status_code == 404
    assert client.get(f"/fieldwork/{2**64}/plan.docx").status_code == 404


def test_a_malformed_list_filter_is_refused_with_the_full_list(p, login, flow):
    response = login(p.staff).get("/fieldwork/", {"filter": "nothing\x00"})
    assert response.status_code == 400
    assert "乡村振兴专题调研" in response.content.decode()


def test_drafts_page_is_in_the_report_link(p, login, flow):
    draft = write(p, flow)
    client = login(p.staff)
    client.post(f"/fieldwork/{flow.fieldwork.pk}/act/select_draft/", {"draft_id": draft.pk})
    client.post(f"/fieldwork/{flow.fieldwork.pk}/act/report/", {})
    flow.fieldwork.refresh_from_db()
    html = client.get(f"/fieldwork/{flow.fieldwork.pk}/").content.decode()
    assert f'href="/consultations/outcomes/{flow.fieldwork.outcome_id}/"' in html


def test_a_member_sees_the_groups_next_visits_on_the_list_and_home(p, login, flow):
    from datetime import timedelta

    from django.utils import timezone

    from zhengxie.fieldwork import services

    services.visit_add(
        actor=p.staff,
        fieldwork=flow.fieldwork,
        date=timezone.localdate() + timedelta(days=3),
        place="龙溪镇敬老院",
    )
    assert "龙溪镇敬老院" in login(p.plain.member.user).get("/fieldwork/").content.decode()
    assert "龙溪镇敬老院" in login(p.plain.member.user).get("/").content.decode()
    assert "龙溪镇敬老院" not in login(p.another.member.user).get("/").content.decode()
