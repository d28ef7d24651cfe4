from zhengxie.core.models import Committee


def test_token_then_me(p, api):
    body = api.login(p.plain.member.user).get("/api/v1/me").json()
    assert body["roles"] == ["member"]
    assert body["member_id"] == p.plain.member_id and body["handling_unit_id"] is None


def test_me_of_a_unit_user_names_the_unit(p, api):
    assert api.login(p.unit_user).get("/api/v1/me").json()["handling_unit_id"] == p.unit.pk


def test_wrong_password_gives_401_in_chinese(p, client):
    response = client.post(
        "/api/v1/auth/token",
        {"username": p.staff.username, "password": "x"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response.json() == {"detail": "用户名或密码错误。", "code": "login_failed"}


def test_missing_field_gives_400(p, client):
    response = client.post("/api/v1/auth/token", {"username": "x"}, content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "invalid_input"
    assert "password" in response.json()["detail"]


def test_calls_without_a_token_get_401(p, client):
    response = client.get("/api/v1/members")
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


def test_a_bad_token_gets_401(p, client):
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 401 and response.json()["code"] == "token_invalid"


def test_members_list_is_in_stroke_order_and_filterable(p, api):
    api.login(p.staff)
    body = api.get("/api/v1/members").json()
    assert [m["name"] for m in body["items"]] == ["丁委员", "王常委", "李委员", "张主席"]
    assert body["count"] == 4
    standing = api.get("/api/v1/members", standing="true").json()["items"]
    assert [m["name"] for m in standing] == ["王常委", "张主席"]
    by_sector = api.get("/api/v1/members", sector=p.education.pk).json()["items"]
    assert {m["name"] for m in by_sector} == {"丁委员", "李委员"}
    assert [m["name"] for m in api.get("/api/v1/members", q="张").json()["items"]] == ["张主席"]


def test_members_list_masks_phones_for_members(p, api):
    api.login(p.plain.member.user)
    rows = {m["name"]: m["phone"] for m in api.get("/api/v1/members").json()["items"]}
    assert rows["王常委"] == "138****0002" and rows["李委员"] == "13800000003"


def test_member_detail_and_404_across_committees(p, other, api):
    api.login(p.staff)
    body = api.get(f"/api/v1/members/{p.standing.member_id}").json()
    assert body["id_number"] == "110105196001010017"
    assert body["memberships"][0]["term"] == "第十届"
    response = api.get(f"/api/v1/members/{other.standing.member_id}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_member_detail_masks_id_number_for_other_members(p, api):
    api.login(p.plain.member.user)
    assert api.get(f"/api/v1/members/{p.standing.member_id}").json()["id_number"] == (
        "1101**********0017"
    )


def test_units_list(p, api):
    names = [u["name"] for u in api.login(p.unit_user).get("/api/v1/units").json()]
    assert names == ["县教育局", "县水利局"]


def test_sessions_are_labelled_in_chinese_numerals(p, api):
    labels = [s["label"] for s in api.login(p.staff).get("/api/v1/sessions").json()]
    assert labels == ["十届三次会议", "十届二次会议", "十届一次会议"]


def test_units_and_members_of_another_committee_are_invisible(p, other, api):
    api.login(other.staff)
    assert {m["name"] for m in api.get("/api/v1/members").json()["items"]} == {
        "丁委员",
        "王常委",
        "李委员",
        "张主席",
    }
    ids = {m["id"] for m in api.get("/api/v1/members").json()["items"]}
    assert p.plain.member_id not in ids
    assert Committee.objects.count() == 2


def test_wrong_method_is_405(p, api):
    assert api.login(p.staff).post("/api/v1/members").status_code == 405


def test_openapi_is_published(p, client):
    assert client.get("/api/docs").status_code == 200
    assert "/api/v1/members" in client.get("/api/openapi.json").json()["paths"]
