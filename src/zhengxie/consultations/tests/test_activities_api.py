"""The consultations API: shapes, the research gate's 409, roles, audiences, isolation and
bad input."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhengxie.consultations.models import Consultation, Form, WrittenRequest
from zhengxie.consultations.services import activities as services

from .activities_fixtures import consultation_of, leader, researched, topic_of

pytestmark = pytest.mark.django_db
BASE = "/api/v1/consultations"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def _create(api, topic, **fields):
    body = {
        "topic_id": topic.pk,
        "form": "bimonthly",
        "title": "双月协商座谈会",
        "date": "2026-05-06",
    }
    return api.post(BASE, body | fields)


def test_api_creates_lists_and_reads_a_consultation(p, api):
    topic = topic_of(p)
    api.login(p.staff)
    created = _create(api, topic, time="14:30", co_hosts="县人大代表联络站")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["state"] == "planned" and body["form_label"] == "双月协商座谈会"
    assert body["research_ready"] is False and body["co_hosts"] == "县人大代表联络站"
    assert "hold" not in body["actions"] and "exempt" not in body["actions"]
    listed = api.get(BASE).json()
    assert listed["count"] == 1 and listed["items"][0]["topic"] == topic.title
    assert api.get(f"{BASE}/{body['id']}").json()["time"] == "14:30:00"


def test_api_hold_answers_research_first_until_the_topic_is_ready(p, api):
    consultation = consultation_of(p)
    api.login(p.staff)
    refused = api.post(f"{BASE}/{consultation.pk}/actions/hold")
    assert refused.status_code == 409
    assert refused.json()["code"] == "research_first" and "不调研不协商" in refused.json()["detail"]
    api.login(leader(p))
    assert api.post(f"{BASE}/{consultation.pk}/actions/hold").status_code == 403
    exempted = api.post(f"{BASE}/{consultation.pk}/actions/exempt", {"reason": "县委交办急需。"})
    assert exempted.status_code == 200 and exempted.json()["research_ready"] is True
    api.login(p.staff)
    held = api.post(f"{BASE}/{consultation.pk}/actions/hold", {"summary": "形成建议5条。"})
    assert held.json()["state"] == "held"
    again = api.post(f"{BASE}/{consultation.pk}/actions/hold")
    assert again.status_code == 409 and again.json()["code"] == "consultation_wrong_state"


def test_api_actions_by_a_role_that_may_not_act_are_403(p, api):
    consultation = consultation_of(p, researched(p))
    api.login(p.plain.member.user)
    denied = api.post(f"{BASE}/{consultation.pk}/actions/hold")
    assert denied.status_code == 403 and denied.json()["code"] == "forbidden"
    assert api.post(f"{BASE}/{consultation.pk}/actions/fly").status_code == 404
    api.login(p.plain.member.user)
    assert (
        api.post(
            BASE,
            {
                "topic_id": consultation.topic_id,
                "form": "thematic",
                "title": "x",
                "date": "2026-05-06",
            },
        ).status_code
        == 403
    )


def test_api_online_opinions_inside_the_window_only(p, api):
    consultation = consultation_of(p, researched(p), form=Form.ONLINE)
    api.login(p.staff)
    now = timezone.now()
    window = {
        "opens_at": (now + timedelta(hours=1)).isoformat(),
        "closes_at": (now + timedelta(hours=3)).isoformat(),
    }
    assert api.post(f"{BASE}/{consultation.pk}/actions/open_online", window).status_code == 200
    api.login(p.plain.member.user)
    refused = api.post(f"{BASE}/{consultation.pk}/actions/opine", {"text": "建议。"})
    assert refused.status_code == 409 and refused.json()["code"] == "online_closed"


def test_another_committees_consultation_is_a_404(p, other, api):
    theirs = consultation_of(other)
    api.login(p.staff)
    assert api.get(f"{BASE}/{theirs.pk}").status_code == 404
    assert api.post(f"{BASE}/{theirs.pk}/actions/cancel", {"reason": "x"}).status_code == 404
    assert api.get(BASE).json()["count"] == 0
    assert _create(api, theirs.topic).status_code == 404
    unit_of_theirs = {"unit_id": other.unit.pk, "title": "材料", "date": "2026-05-01"}
    mine = consultation_of(p)
    assert (
        api.post(
            f"{BASE}/{mine.pk}/actions/request_material", unit_of_theirs | {"due_on": "2026-05-01"}
        ).status_code
        == 404
    )


def test_a_member_reads_only_their_own_opinions_and_no_office_records(p, api):
    now = timezone.now()
    consultation = consultation_of(p, researched(p), form=Form.ONLINE)
    services.consultation_open_online(
        actor=p.staff,
        consultation=consultation,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=1),
    )
    services.consultation_opine(
        actor=p.plain.member.user, consultation=consultation, text="李的意见"
    )
    services.consultation_opine(
        actor=p.another.member.user, consultation=consultation, text="丁的意见"
    )
    services.consultation_request_material(
        actor=p.staff,
        consultation=consultation,
        unit=p.unit,
        title="情况汇报",
        due_on=consultation.date - timedelta(days=2),
    )
    services.consultation_record_attendance(
        actor=p.staff, consultation=consultation, unit=p.unit, attendees="局长"
    )
    api.login(p.plain.member.user)
    body = api.get(f"{BASE}/{consultation.pk}").json()
    assert [o["text"] for o in body["opinions"]] == ["李的意见"]
    assert body["materials"] == [] and body["units_present"] == [] and body["history"] == []
    api.login(leader(p))
    body = api.get(f"{BASE}/{consultation.pk}").json()
    assert len(body["opinions"]) == 2 and len(body["materials"]) == 1
    assert body["units_present"] == ["县教育局:局长"] and body["history"]


def test_units_and_uninvited_members_do_not_read_a_consultation_meeting(p, api):
    consultation = services.consultation_convene(
        actor=p.staff,
        consultation=consultation_of(p),
        invite_rule="none",
        invitee_ids=[p.plain.member.pk],
    )
    for outsider in (p.another.member.user, p.unit_user):
        api.login(outsider)
        assert api.get(f"{BASE}/{consultation.pk}").status_code == 404
        assert api.get(BASE).json()["count"] == 0
    api.login(p.plain.member.user)
    body = api.get(f"{BASE}/{consultation.pk}").json()
    assert body["meeting_id"] == consultation.meeting_id and body["attendance"]["expected"] == 1


@pytest.mark.parametrize(
    "path",
    [f"{BASE}/99999999999999999999999", f"{BASE}/abc", f"{BASE}/0", f"{BASE}/-1"],
)
def test_bad_ids_are_never_a_500(p, api, path):
    api.login(p.staff)
    assert api.get(path).status_code in (400, 404, 422)


@pytest.mark.parametrize(
    "fields",
    [
        {"topic_id": 2**70},
        {"topic_id": "abc"},
        {"date": "2026-02-30"},
        {"date": "9999-01-01"},
        {"title": "标题\x00"},
        {"title": "长" * 201},
        {"form": "tea"},
        {"time": "25:00"},
        {"co_hosts": "单位\x07"},
    ],
)
def test_bad_input_on_create_is_a_chinese_400(p, api, fields):
    api.login(p.staff)
    response = _create(api, topic_of(p), **fields)
    assert response.status_code in (400, 404), response.content
    assert set(response.json()) >= {"detail", "code"}
    assert not Consultation.objects.exists()


def test_a_naive_window_is_read_in_the_committees_time_zone(p, api):
    consultation = consultation_of(p, form=Form.REMOTE)
    api.login(p.staff)
    window = {"opens_at": "2026-05-06T09:00:00", "closes_at": "2026-05-06T17:00:00"}
    assert api.post(f"{BASE}/{consultation.pk}/actions/open_online", window).status_code == 200
    consultation.refresh_from_db()
    assert timezone.localtime(consultation.opens_at).hour == 9


def test_bad_action_payloads_are_400(p, api):
    consultation = consultation_of(p, form=Form.ONLINE)
    api.login(p.staff)
    for action, payload in [
        ("open_online", {"opens_at": "yesterday"}),
        ("request_material", {"unit_id": 2**64, "title": "x", "due_on": "2026-05-01"}),
        ("cancel", {"reason": "x" * 301}),
        ("link_proposals", {"proposal_ids": []}),
    ]:
        response = api.post(f"{BASE}/{consultation.pk}/actions/{action}", payload)
        assert response.status_code == 400, (action, response.content)
        assert response.json()["code"] == "invalid_input"


def test_api_written_request_from_receipt_to_reply(p, api):
    api.login(p.staff)
    created = api.post(
        f"{BASE}/written-requests",
        {
            "requester_kind": "department",
            "requester": "县发展和改革局",
            "document": "《县“十五五”规划纲要(征求意见稿)》",
            "received_on": "2026-05-01",
            "due_on": "2026-05-10",
        },
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    api.login(p.standing.member.user)
    assert api.get(f"{BASE}/written-requests/{pk}").status_code == 404  # not yet put to members
    api.login(p.staff)
    assigned = api.post(
        f"{BASE}/written-requests/{pk}/actions/assign", {"special_committee_id": p.special.pk}
    )
    assert assigned.json()["state"] == "assigned"
    api.login(p.standing.member.user)
    assert (
        api.post(f"{BASE}/written-requests/{pk}/actions/opine", {"text": "建议。"}).status_code
        == 200
    )
    api.login(p.staff)
    answered = api.post(
        f"{BASE}/written-requests/{pk}/actions/answer",
        {"title": "书面意见", "text": "意见如下。", "answered_on": "2026-05-12"},
    )
    body = answered.json()
    assert body["state"] == "answered" and body["late"] is True and body["reply_id"]
    assert api.get(f"{BASE}/written-requests").json()["count"] == 1


def test_consultations_stats_route_is_not_taken_for_an_id(p, api):
    api.login(p.staff)
    # The statistics answer there, not a 400 from reading "stats" as an id.
    response = api.get(f"{BASE}/stats")
    assert response.status_code == 200 and "by_form" in response.json()


def _written_body(**fields):
    body = {
        "requester_kind": "party",
        "requester": "县委办公室",
        "document": "《意见(征求意见稿)》",
        "received_on": "2026-05-01",
        "due_on": "2026-05-08",
    }
    return body | fields


@pytest.mark.parametrize(
    "fields, code",
    [
        ({"due_on": "2026-04-30"}, "due_before_received"),
        ({"requester": "  "}, "document_required"),
        ({"document": "稿\x1b"}, "invalid_input"),
        ({"requester_kind": "court"}, "invalid_input"),
        ({"received_on": "2026-13-01"}, "invalid_input"),
    ],
)
def test_bad_written_requests_are_a_chinese_400(p, api, fields, code):
    api.login(p.staff)
    response = api.post(f"{BASE}/written-requests", _written_body(**fields))
    assert response.status_code == 400 and response.json()["code"] == code
    assert not WrittenRequest.objects.exists()


def test_written_requests_are_the_offices_to_log_and_another_committees_are_404(p, other, api):
    api.login(p.plain.member.user)
    assert api.post(f"{BASE}/written-requests", _written_body()).status_code == 403
    theirs = services.written_request_create(
        actor=other.staff,
        requester_kind="party",
        requester="邻县县委办",
        document="文件",
        received_on=date(2026, 5, 1),
        due_on=date(2026, 5, 8),
    )
    api.login(p.staff)
    assert api.get(f"{BASE}/written-requests/{theirs.pk}").status_code == 404
    assert api.get(f"{BASE}/written-requests/{theirs.pk}/files").status_code == 404
    assert api.get(f"{BASE}/written-requests").json()["count"] == 0


def test_a_department_reaches_only_its_own_materials_through_the_api(
    p, api, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    consultation = consultation_of(p)
    owed = services.consultation_request_material(
        actor=p.staff,
        consultation=consultation,
        unit=p.unit,
        title="情况汇报",
        due_on=date(2026, 5, 1),
    )
    api.login(p.other_unit_user)
    upload = SimpleUploadedFile("汇报.pdf", PDF)
    refused = client_upload(client, api, f"{BASE}/materials/{owed.pk}/file", upload)
    assert refused.status_code == 404
    assert api.get(f"{BASE}/materials").json()["count"] == 0
    assert api.get(f"{BASE}/{consultation.pk}/materials").status_code == 404
    api.login(p.unit_user)
    stored = client_upload(
        client, api, f"{BASE}/materials/{owed.pk}/file", SimpleUploadedFile("汇报.pdf", PDF)
    )
    assert stored.status_code == 201, stored.content
    listed = api.get(f"{BASE}/materials").json()["items"]
    # Received today, months after its due day before the consultation: late.
    assert listed[0]["state"] == "received" and listed[0]["late"] is True
    assert api.get(f"{BASE}/{consultation.pk}/materials").json()[0]["url"] == stored.json()["url"]
    assert api.get(f"{BASE}/{consultation.pk}").status_code == 404  # not the consultation itself


def client_upload(client, api, path, upload):
    """A multipart upload with the api fixture's token."""
    return client.post(path, {"file": upload}, headers={"Authorization": f"Bearer {api.token}"})
