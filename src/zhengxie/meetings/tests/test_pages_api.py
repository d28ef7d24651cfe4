from datetime import timedelta

from django.utils import timezone

from zhengxie.meetings import services
from zhengxie.meetings.models import CheckIn, LeaveRequest, Meeting
from zhengxie.proposals.tests.test_api import login_api

from .conftest import materials_meeting


def _now_meeting(p, **kw):
    start = timezone.now() + timedelta(minutes=30)
    return services.meeting_create(
        actor=p.staff,
        kind="standing",
        title="常委会议",
        starts_at=start,
        place="会议室",
        invite_rule="standing",
        **kw,
    )


def test_api_creates_a_meeting_checks_in_idempotently_and_counts(p, client):
    staff = login_api(client, p.staff)
    start = (timezone.now() + timedelta(minutes=30)).isoformat()
    response = staff(
        "post",
        "/api/v1/meetings",
        {
            "kind": "standing",
            "title": "常委会议",
            "start": start,
            "place": "会议室",
            "invite": "standing",
        },
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    code = {"code": staff("get", f"/api/v1/meetings/{pk}/hall-code").json()["code"]}
    member = login_api(client, p.standing.member.user)
    first = member("post", f"/api/v1/meetings/{pk}/checkin", code).json()
    second = member("post", f"/api/v1/meetings/{pk}/checkin", code).json()
    assert first == second
    assert first | {"rate": 0} == {
        "expected": 2,
        "present": 1,
        "on_leave": 0,
        "absent": 0,
        "awaiting": 1,
        "rate": 0,
        "quorum": False,
    }
    assert staff("get", f"/api/v1/meetings/{pk}/attendance").json()["present"] == 1
    outsider = login_api(client, p.plain.member.user)
    assert outsider("post", f"/api/v1/meetings/{pk}/checkin", code).status_code == 404


def test_bare_checkin_is_refused_by_the_api(p, client):
    meeting = _now_meeting(p)
    member = login_api(client, p.standing.member.user)
    for body in (None, {}, {"code": ""}):
        refused = member("post", f"/api/v1/meetings/{meeting.pk}/checkin", body)
        assert refused.status_code == 403
        assert refused.json() == {
            "detail": services.PRESENCE_REQUIRED.detail,
            "code": "presence_required",
        }
    assert not CheckIn.objects.exists()


def test_only_staff_read_the_hall_code(p, client):
    meeting = _now_meeting(p)
    chair = login_api(client, p.chair.member.user)
    assert chair("get", f"/api/v1/meetings/{meeting.pk}/hall-code").status_code == 403
    shown = login_api(client, p.staff)("get", f"/api/v1/meetings/{meeting.pk}/hall-code").json()
    assert 0 < shown["turns_in"] <= services.HALL_WINDOW
    assert shown["url"].endswith(f"/meetings/c/{shown['code']}/")


def test_staff_check_in_at_the_door_through_the_api(p, client):
    meeting = _now_meeting(p)
    staff = login_api(client, p.staff)
    path = f"/api/v1/meetings/{meeting.pk}/checkin"
    scanned = staff("post", path, {"code": services.checkin_token(meeting, p.chair.member)})
    assert scanned.json()["present"] == 1
    assert staff("post", path, {"member_id": p.standing.member_id}).json()["present"] == 2
    assert staff("post", path, {"member_id": 10**9}).status_code == 404
    assert dict(CheckIn.objects.values_list("member__name", "method")) == {
        "张主席": "code",
        "王常委": "staff",
    }


def test_api_leave_and_its_approval(p, client):
    meeting = _now_meeting(p)
    member = login_api(client, p.standing.member.user)
    leave = member("post", f"/api/v1/meetings/{meeting.pk}/leave", {"reason": "出差"})
    assert leave.status_code == 201
    leave_id = leave.json()["id"]
    assert (
        member(
            "post", f"/api/v1/meetings/{meeting.pk}/leaves/{leave_id}/actions/approve"
        ).status_code
        == 403
    )
    staff = login_api(client, p.staff)
    decided = staff("post", f"/api/v1/meetings/{meeting.pk}/leaves/{leave_id}/actions/approve")
    assert decided.json()["state"] == "approved"
    again = staff("post", f"/api/v1/meetings/{meeting.pk}/leaves/{leave_id}/actions/approve")
    assert again.status_code == 409 and again.json()["code"] == "leave_state"
    assert staff("get", f"/api/v1/meetings/{meeting.pk}/attendance").json()["on_leave"] == 1


def test_api_stats_by_kind(p, client):
    _now_meeting(p)
    stats = login_api(client, p.staff)("get", "/api/v1/meetings/stats").json()
    assert stats["by_kind"]["standing"] == 1 and stats["total"] == 1
    assert (
        login_api(client, p.plain.member.user)("get", "/api/v1/meetings/stats").status_code == 403
    )


def test_members_cannot_create_meetings(p, client):
    member = login_api(client, p.plain.member.user)
    response = member(
        "post",
        "/api/v1/meetings",
        {
            "kind": "standing",
            "title": "x",
            "start": timezone.now().isoformat(),
            "place": "x",
            "invite": "all",
        },
    )
    assert response.status_code == 403


def test_staff_create_a_meeting_from_the_page(p, login):
    start = timezone.localtime() + timedelta(days=2)
    response = login(p.staff).post(
        "/meetings/new/",
        {
            "kind": "symposium",
            "title": "教育界别座谈会",
            "place": "二楼",
            "starts_at": f"{start:%Y-%m-%dT%H:%M}",
            "ends_at": f"{start + timedelta(hours=2):%Y-%m-%dT%H:%M}",
            "invite_rule": "station",
            "station": p.station.pk,
            "guests": "王强 副县长\n李华 教育局局长",
        },
    )
    meeting = Meeting.objects.get(title="教育界别座谈会")
    assert response["Location"] == f"/meetings/{meeting.pk}/"
    assert meeting.guests.count() == 2 and meeting.invitations.count() == 1


def test_the_hall_qr_code_checks_in_the_member_who_scans_it(p, login):
    meeting = _now_meeting(p)
    token = services.hall_code(meeting)
    client = login(p.standing.member.user)
    assert "签到" in client.get(f"/meetings/c/{token}/").content.decode()
    page = client.post(f"/meetings/c/{token}/").content.decode()
    assert "王常委 签到成功" in page
    assert CheckIn.objects.get().method == "qr"


def test_a_personal_code_scanned_by_staff_checks_that_member_in(p, login):
    meeting = _now_meeting(p)
    token = services.checkin_token(meeting, p.chair.member)
    page = login(p.staff).post(f"/meetings/c/{token}/").content.decode()
    assert "张主席 签到成功" in page
    assert CheckIn.objects.get().by == p.staff


def test_a_member_cannot_check_in_with_their_own_personal_code(p, login):
    meeting = _now_meeting(p)
    token = services.checkin_token(meeting, p.standing.member)
    page = login(p.standing.member.user).post(f"/meetings/c/{token}/")
    assert page.status_code == 403
    assert services.PERSONAL_CODE_AT_DOOR.detail in page.content.decode()
    assert not CheckIn.objects.exists()


def test_a_forged_code_is_refused(p, login):
    assert login(p.staff).get("/meetings/c/not-a-token/").status_code == 400


def test_an_expired_hall_code_is_refused_on_the_page(p, login):
    meeting = _now_meeting(p)
    token = services.hall_code(meeting, timezone.now() - timedelta(minutes=2))
    page = login(p.standing.member.user).get(f"/meetings/c/{token}/")
    assert page.status_code == 400
    assert services.HALL_CODE_EXPIRED.detail in page.content.decode()


def test_the_hall_screen_shows_a_turning_qr_to_staff(p, login):
    meeting = _now_meeting(p)
    client = login(p.staff)
    page = client.get(f"/meetings/{meeting.pk}/screen/").content.decode()
    assert "<svg" in page and 'hx-trigger="every 10s"' in page
    qr = client.get(f"/meetings/{meeting.pk}/screen/qr/").content.decode()
    assert f"/meetings/c/{services.hall_code(meeting)}/" in qr
    chair = login(p.chair.member.user)
    assert "data-scan-url" not in chair.get(f"/meetings/{meeting.pk}/screen/").content.decode()
    assert chair.get(f"/meetings/{meeting.pk}/screen/qr/").status_code == 403


def test_the_hall_screen_updates_itself(p, login):
    meeting = _now_meeting(p)
    client = login(p.staff)
    page = client.get(f"/meetings/{meeting.pk}/screen/").content.decode()
    assert 'hx-trigger="every 3s"' in page
    services.check_in(
        actor=p.standing.member.user, meeting=meeting, code=services.hall_code(meeting)
    )
    partial = client.get(f"/meetings/{meeting.pk}/screen/", headers={"HX-Request": "true"})
    assert 'data-count="present">1<' in partial.content.decode()


def test_member_asks_leave_from_the_meeting_page(p, login):
    meeting = _now_meeting(p)
    client = login(p.standing.member.user)
    client.post(f"/meetings/{meeting.pk}/respond/", {"response": "leave", "reason": "外出学习"})
    assert LeaveRequest.objects.get().reason == "外出学习"
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "请假待审批" in page and "<svg" in page


def test_meeting_stats_page_and_export(p, login):
    _now_meeting(p)
    client = login(p.staff)
    assert "召开会议1次" in client.get("/meetings/stats/").content.decode()
    assert client.get("/meetings/stats/", {"format": "xlsx"})["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )


def test_staff_upload_materials_that_invitees_download(p, login, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    meeting = _now_meeting(p)
    pdf = b"%PDF-1.4 agenda"
    login(p.staff).post(
        f"/meetings/{meeting.pk}/materials/", {"file": SimpleUploadedFile("会议议程.pdf", pdf)}
    )
    material = meeting.materials.get()
    member = login(p.standing.member.user)
    response = member.get(f"/meetings/{meeting.pk}/materials/{material.pk}/")
    assert b"".join(response.streaming_content) == pdf
    refused = member.post(
        f"/meetings/{meeting.pk}/materials/", {"file": SimpleUploadedFile("x.pdf", pdf)}
    )
    assert refused.status_code == 403
    outsider = login(p.plain.member.user)
    assert outsider.get(f"/meetings/{meeting.pk}/materials/{material.pk}/").status_code == 404


def test_a_checkin_request_stays_cheap(p, client, django_assert_max_num_queries):
    """A hall of members scans within a minute: the proof costs no query, a repeat no write."""
    meeting = _now_meeting(p)
    member = login_api(client, p.standing.member.user)
    path, code = f"/api/v1/meetings/{meeting.pk}/checkin", {"code": services.hall_code(meeting)}
    with django_assert_max_num_queries(16):
        assert member("post", path, code).status_code == 200
    with django_assert_max_num_queries(6):
        assert member("post", path, code).status_code == 200


def test_meeting_materials_are_for_invitees_only(p, login, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    meeting = materials_meeting(p, observer_ids=[p.another.member.pk])
    other = _now_meeting(p)
    for m in (meeting, other):
        services.material_add(
            actor=p.staff, meeting=m, upload=SimpleUploadedFile("征求意见稿.pdf", b"%PDF-1.4 x")
        )
    material, foreign = meeting.materials.get(), other.materials.get()
    url = f"/meetings/{meeting.pk}/materials/{material.pk}/"
    for user in (p.staff, p.plain.member.user, p.another.member.user):
        client = login(user)
        assert "征求意见稿.pdf" in client.get(f"/meetings/{meeting.pk}/").content.decode()
        download = client.get(url)
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == b"%PDF-1.4 x"
    chair = login(p.chair.member.user)
    assert chair.get(f"/meetings/{meeting.pk}/").status_code == 200
    assert "征求意见稿.pdf" not in chair.get(f"/meetings/{meeting.pk}/").content.decode()
    assert chair.get(url).status_code == 404
    invited = login(p.plain.member.user)
    assert invited.get(f"/meetings/{meeting.pk}/materials/{foreign.pk}/").status_code == 404
    assert login(p.standing.member.user).get(url).status_code == 404
