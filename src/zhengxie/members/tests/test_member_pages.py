from zhengxie.core.models import AuditEvent
from zhengxie.members.models import Member, Membership

FORM = {
    "name": "马晓东",
    "gender": "男",
    "ethnicity": "汉族",
    "birth_month": "1975-03",
    "party": "民建会员",
    "employer_title": "云溪县恒通实业有限公司董事长",
    "phone": "13912345678",
    "id_number": "110105197503010011",
    "post": "",
}


def test_staff_add_a_member(p, login):
    data = {
        **FORM,
        "sector": p.economy.pk,
        "standing": "on",
        "station": p.station.pk,
        "special_committees": [p.special.pk],
    }
    response = login(p.staff).post("/members/new/", data)
    member = Member.objects.get(name="马晓东")
    assert response.status_code == 302 and response["Location"] == f"/members/{member.pk}/"
    membership = member.memberships.get()
    assert membership.standing and membership.term == p.term
    assert f"{member.birth_month:%Y-%m-%d}" == "1975-03-01"


def test_adding_a_member_with_bad_input_explains_in_chinese(p, login):
    data = {**FORM, "name": "M", "id_number": "110105197503010012", "sector": p.economy.pk}
    page = login(p.staff).post("/members/new/", data).content.decode()
    assert "姓名应为2至20个汉字" in page and "不是有效的18位身份证号" in page
    assert not Member.objects.filter(employer_title=FORM["employer_title"]).exists()


def test_staff_edit_a_member_and_the_change_is_audited(p, login):
    client = login(p.staff)
    assert "李委员的单位" in client.get(f"/members/{p.plain.member_id}/edit/").content.decode()
    data = {**FORM, "name": "李委员", "sector": p.economy.pk, "id_number": ""}
    response = client.post(f"/members/{p.plain.member_id}/edit/", data)
    assert response.status_code == 302
    membership = Membership.objects.get(pk=p.plain.pk)
    assert membership.sector == p.economy and membership.station is None
    assert membership.member.employer_title == FORM["employer_title"]
    assert AuditEvent.objects.filter(
        action="membership.update", object_id=str(p.plain.member_id)
    ).exists()


def test_an_exited_member_leaves_the_directory_but_keeps_the_record(p, login):
    client = login(p.staff)
    client.post(
        f"/members/{p.another.member_id}/exit/",
        {"left_on": "2026-06-30", "left_reason": "工作调动"},
    )
    assert Membership.objects.get(pk=p.another.pk).left_reason == "工作调动"
    client.get("/")  # the success message is shown once
    assert "丁委员" not in client.get("/members/").content.decode()
    assert "已于2026年6月退出" in client.get(f"/members/{p.another.member_id}/").content.decode()


def test_members_cannot_edit_members(p, login):
    client = login(p.plain.member.user)
    assert client.get(f"/members/{p.another.member_id}/edit/").status_code == 403
    assert client.post(f"/members/{p.another.member_id}/exit/").status_code == 403


def test_staff_cannot_edit_another_committees_member(p, other, login):
    assert login(p.staff).get(f"/members/{other.plain.member_id}/edit/").status_code == 404
