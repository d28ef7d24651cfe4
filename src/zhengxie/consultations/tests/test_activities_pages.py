"""The activities pages for every role: what each may open, what each page shows them, the
steps taken from the page, wrong methods and bad input."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhengxie.consultations.models import Consultation, Form, MaterialRequest, WrittenRequest
from zhengxie.consultations.services import activities as services
from zhengxie.testing import page_read

from .activities_fixtures import DAY, consultation_of, leader, researched, topic_of

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def _online_with_records(p):
    now = timezone.now()
    consultation = services.consultation_open_online(
        actor=p.staff,
        consultation=consultation_of(p, form=Form.ONLINE, title="网络议政:城区停车难"),
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
        title="停车设施规划汇报",
        due_on=DAY - timedelta(days=2),
    )
    services.consultation_record_attendance(
        actor=p.staff, consultation=consultation, unit=p.other_unit, attendees="副局长 赵某"
    )
    return consultation


def test_staff_create_a_consultation_on_the_page(p, login):
    topic = topic_of(p)
    client = login(p.staff)
    assert client.get("/consultations/activities/new/").status_code == 200
    response = client.post(
        "/consultations/activities/new/",
        {
            "topic": topic.pk,
            "form": "counterpart",
            "level": "special_committee",
            "title": "对口协商",
            "date": "2026-05-06",
            "special_committee": p.special.pk,
        },
    )
    consultation = Consultation.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/consultations/{consultation.pk}/"
    )
    assert consultation.special_committee == p.special
    page = page_read(client, f"/consultations/{consultation.pk}/")
    assert "对口协商" in page and "尚无定稿的调研报告" in page and "提案委员会" in page


def test_members_and_units_may_not_create(p, login):
    for user in (p.plain.member.user, p.unit_user, leader(p)):
        assert login(user).get("/consultations/activities/new/").status_code == 403


def test_staff_see_every_part_of_a_consultation_and_a_member_only_their_own(p, login):
    consultation = _online_with_records(p)
    office = page_read(login(p.staff), f"/consultations/{consultation.pk}/")
    for text in ("李的意见", "丁的意见", "停车设施规划汇报", "副局长 赵某", "办理过程"):
        assert text in office
    mine = page_read(login(p.plain.member.user), f"/consultations/{consultation.pk}/")
    assert "李的意见" in mine and "提交书面意见" in mine
    for text in ("丁的意见", "停车设施规划汇报", "副局长 赵某", "办理过程"):
        assert text not in mine
    assert "李的意见" in page_read(login(leader(p)), f"/consultations/{consultation.pk}/")


def test_a_unit_reads_only_its_own_materials_and_no_consultation(p, login):
    consultation = _online_with_records(p)
    mine = page_read(login(p.unit_user), "/consultations/materials/")
    assert "停车设施规划汇报" in mine
    assert login(p.unit_user).get(f"/consultations/{consultation.pk}/").status_code == 403
    theirs = page_read(login(p.other_unit_user), "/consultations/materials/")
    assert "停车设施规划汇报" not in theirs
    assert login(p.plain.member.user).get("/consultations/materials/").status_code == 403


def test_a_unit_uploads_its_material_from_its_page(p, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    consultation = _online_with_records(p)
    owed = MaterialRequest.objects.get()
    client = login(p.other_unit_user)
    upload = SimpleUploadedFile("汇报.pdf", PDF)
    response = client.post(
        f"/consultations/{consultation.pk}/materials/", {"request": owed.pk, "file": upload}
    )
    assert response.status_code == 404 and not owed.files.exists()
    client = login(p.unit_user)
    response = client.post(
        f"/consultations/{consultation.pk}/materials/",
        {"request": owed.pk, "file": SimpleUploadedFile("汇报.pdf", PDF)},
        follow=True,
    )
    assert response.status_code == 200 and "会前材料已报送" in response.content.decode()
    owed.refresh_from_db()
    assert owed.state == MaterialRequest.State.RECEIVED
    assert client.get(f"/consultations/{consultation.pk}/materials/").status_code == 405


def test_the_research_gate_on_the_page(p, login):
    consultation = consultation_of(p)
    client = login(p.staff)
    page = page_read(client, f"/consultations/{consultation.pk}/")
    assert "登记已开展" not in page
    response = client.post(f"/consultations/{consultation.pk}/act/hold/", follow=True)
    assert "不调研不协商" in response.content.decode()
    assert Consultation.objects.get(pk=consultation.pk).state == Consultation.State.PLANNED
    leader_page = page_read(login(leader(p)), f"/consultations/{consultation.pk}/")
    assert "记录免于先行调研理由" in leader_page
    login(leader(p)).post(f"/consultations/{consultation.pk}/act/exempt/", {"reason": "县委急需。"})
    client = login(p.staff)
    assert "登记已开展" in page_read(client, f"/consultations/{consultation.pk}/")
    client.post(f"/consultations/{consultation.pk}/act/hold/", {"summary": "形成建议5条。"})
    assert Consultation.objects.get(pk=consultation.pk).state == Consultation.State.HELD


def test_actions_need_post_and_a_known_name(p, login):
    consultation = consultation_of(p, researched(p))
    client = login(p.staff)
    assert client.get(f"/consultations/{consultation.pk}/act/hold/").status_code == 405
    assert client.post(f"/consultations/{consultation.pk}/act/fly/").status_code == 404


def test_convening_a_consultation_from_the_page_creates_its_meeting(p, login):
    consultation = consultation_of(p, researched(p), place="县政协三楼会议室")
    client = login(p.staff)
    client.post(
        f"/consultations/{consultation.pk}/act/convene/",
        {"invite_rule": "none", "invitee_ids": [p.plain.member.pk], "hours": "2"},
    )
    consultation.refresh_from_db()
    assert consultation.meeting.kind == "consultation"
    page = page_read(client, f"/consultations/{consultation.pk}/")
    assert f"/meetings/{consultation.meeting_id}/" in page and "应到1人" in page


def test_another_committees_consultation_and_request_are_404(p, other, login):
    theirs = consultation_of(other)
    request = services.written_request_create(
        actor=other.staff,
        requester_kind="party",
        requester="县委办",
        document="文件",
        received_on=DAY,
        due_on=DAY,
    )
    client = login(p.staff)
    assert client.get(f"/consultations/{theirs.pk}/").status_code == 404
    assert (
        client.post(f"/consultations/{theirs.pk}/act/cancel/", {"reason": "x"}).status_code == 404
    )
    assert client.get(f"/consultations/written-requests/{request.pk}/").status_code == 404
    assert theirs.title not in page_read(client, "/consultations/activities/")


def test_list_filters_and_bad_query_input(p, login):
    consultation_of(p, title="甲活动", form=Form.BIMONTHLY)
    consultation_of(p, title="乙活动", form=Form.SECTOR, date=date(2025, 3, 1))
    client = login(p.staff)
    page = page_read(client, "/consultations/activities/?form=bimonthly")
    assert "甲活动" in page and "乙活动" not in page
    assert "甲活动" not in page_read(client, "/consultations/activities/?year=2025")
    for bad in ("?year=abc", "?year=99999999999999999999", "?form=%00", "?page=x"):
        assert client.get(f"/consultations/activities/{bad}").status_code in (200, 400)
    assert client.get("/consultations/99999999999999999999/").status_code == 404


def test_written_request_pages_from_receipt_to_reply(p, login):
    client = login(p.staff)
    response = client.post(
        "/consultations/written-requests/",
        {
            "requester_kind": "party",
            "requester": "县委办公室",
            "document": "《关于加强基层治理的意见(征求意见稿)》",
            "received_on": "2026-05-01",
            "due_on": "2026-05-08",
        },
    )
    written = WrittenRequest.objects.get()
    assert response["Location"] == f"/consultations/written-requests/{written.pk}/"
    client.post(
        f"/consultations/written-requests/{written.pk}/act/assign/",
        {"special_committee_id": p.special.pk},
    )
    member = login(p.standing.member.user)
    assert "提交书面意见" in page_read(member, f"/consultations/written-requests/{written.pk}/")
    member.post(
        f"/consultations/written-requests/{written.pk}/act/opine/", {"text": "建议明确网格员职责。"}
    )
    assert member.post("/consultations/written-requests/", {"requester": "x"}).status_code == 404
    client = login(p.staff)
    client.post(
        f"/consultations/written-requests/{written.pk}/act/answer/",
        {"title": "关于基层治理意见的书面答复", "text": "一、……", "answered_on": "2026-05-09"},
    )
    written.refresh_from_db()
    assert written.state == WrittenRequest.State.ANSWERED and written.reply.title.startswith("关于")
    listing = page_read(client, "/consultations/written-requests/")
    assert "逾期" in listing and "征求意见稿" in listing


def test_a_member_outside_the_special_committee_reads_the_request_not_its_opinions(p, login):
    written = services.written_request_assign(
        actor=p.staff,
        request=services.written_request_create(
            actor=p.staff,
            requester_kind="government",
            requester="县政府办",
            document="《方案》",
            received_on=DAY,
            due_on=DAY,
        ),
        special_committee=p.special,
    )
    services.written_request_opine(actor=p.standing.member.user, request=written, text="王的意见")
    page = page_read(login(p.plain.member.user), f"/consultations/written-requests/{written.pk}/")
    assert "《方案》" in page and "王的意见" not in page and "提交书面意见" not in page


def test_home_panels_tell_each_role_what_waits(p, login):
    consultation_of(p)
    services.consultation_request_material(
        actor=p.staff,
        consultation=consultation_of(p),
        unit=p.unit,
        title="材料",
        due_on=date(2020, 1, 1),
    )
    staff_home = page_read(login(p.staff), "/")
    assert "待开展的协商活动" in staff_home and "会前材料逾期未报" in staff_home
    assert "议题尚无调研报告" in page_read(login(leader(p)), "/")
    assert "待报送" in page_read(login(p.unit_user), "/")
