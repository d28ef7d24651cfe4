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


def test_a_special_committee_head_is_recorded_among_the_members_committees(p, login):
    client = login(p.staff)
    data = {
        **FORM,
        "name": "李委员",
        "sector": p.economy.pk,
        "id_number": "",
        "heads": p.special.pk,
    }
    page = client.post(f"/members/{p.plain.member_id}/edit/", data).content.decode()
    assert "担任主任的专委会须在所属专委会中勾选" in page
    data["special_committees"] = [p.special.pk]
    assert client.post(f"/members/{p.plain.member_id}/edit/", data).status_code == 302
    assert Membership.objects.get(pk=p.plain.pk).heads == p.special


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


def test_a_reappointed_member_keeps_one_record_across_terms(p):
    from datetime import date

    from zhengxie.core.models import Term
    from zhengxie.members.services import member_create

    Term.objects.filter(pk=p.term.pk).update(is_current=False)
    eleventh = Term.objects.create(
        committee=p.committee, number=11, start_date=date(2027, 1, 1), is_current=True
    )
    person = {
        "name": "李委员",
        "gender": "男",
        "party": "中共党员",
        "employer_title": "县第一中学校长",
        "id_number": "110105197001010011",
    }
    membership = member_create(
        actor=p.staff, committee=p.committee, term=eleventh, sector=p.education, **person
    )
    assert membership.member_id == p.plain.member_id
    assert [m.term.number for m in membership.member.memberships.all()] == [10, 11] or [
        m.term.number for m in membership.member.memberships.all()
    ] == [11, 10]
    assert Member.objects.get(pk=p.plain.member_id).party == "中共党员"


def test_a_member_cannot_join_the_same_term_twice(p):
    from zhengxie.core.errors import ServiceError
    from zhengxie.members.services import member_create

    try:
        member_create(
            actor=p.staff,
            committee=p.committee,
            term=p.term,
            sector=p.education,
            name="李委员",
            gender="男",
            party="群众",
            employer_title="x",
            id_number="110105197001010011",
        )
    except ServiceError as exc:
        assert exc.code == "already_in_term"
    else:
        raise AssertionError("joined twice")


def test_editing_to_another_members_id_number_is_refused(p, login):
    data = {**FORM, "name": "李委员", "sector": p.education.pk, "id_number": "110105198001010016"}
    page = login(p.staff).post(f"/members/{p.plain.member_id}/edit/", data).content.decode()
    assert "身份证号与另一位委员相同" in page
