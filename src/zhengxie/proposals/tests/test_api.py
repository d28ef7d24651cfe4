from datetime import date

from zhengxie.proposals.models import CollectionCall
from zhengxie.testing import PASSWORD


def login_api(client, user):
    token = client.post(
        "/api/v1/auth/token",
        {"username": user.username, "password": PASSWORD},
        content_type="application/json",
    ).json()["token"]

    def call(method, path, data=None):
        headers = {"Authorization": f"Bearer {token}"}
        if method == "get":
            return client.get(path, data or {}, headers=headers)
        return client.post(path, data or {}, content_type="application/json", headers=headers)

    return call


def act(call, pk, action, data=None):
    return call("post", f"/api/v1/proposals/{pk}/actions/{action}", data)


def test_member_creates_a_proposal_with_201_and_state_submitted(p, client):
    member = login_api(client, p.plain.member.user)
    response = member(
        "post",
        "/api/v1/proposals",
        {"title": "关于加强农村学校寄宿条件建设的建议", "body": "宿舍拥挤。", "kind": "individual"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["state"] == "submitted" and body["proposer"] == "李委员"
    assert body["history"][0]["action"] == "submit"


def test_a_draft_is_created_on_request(p, client):
    member = login_api(client, p.plain.member.user)
    body = member("post", "/api/v1/proposals", {"title": "草稿", "body": "x", "draft": True})
    assert body.json()["state"] == "draft"


def test_bad_input_gets_400_with_a_chinese_detail(p, client):
    member = login_api(client, p.plain.member.user)
    response = member("post", "/api/v1/proposals", {"title": "", "body": "x"})
    assert response.status_code == 400
    assert response.json() == {"detail": "请填写案由。", "code": "title_required"}
    response = member("post", "/api/v1/proposals", {"body": "x"})
    assert response.status_code == 400 and response.json()["code"] == "invalid_input"


def test_the_whole_cycle_through_the_api(p, client):
    member = login_api(client, p.plain.member.user)
    staff = login_api(client, p.staff)
    unit = login_api(client, p.unit_user)
    chair = login_api(client, p.chair.member.user)
    pk = member(
        "post",
        "/api/v1/proposals",
        {"title": "关于建设城区停车场的建议", "body": "停车难。", "kind": "individual"},
    ).json()["id"]
    assert act(staff, pk, "register").json()["serial"] == 1
    body = act(staff, pk, "assign", {"lead_unit_id": p.unit.pk, "co_unit_ids": []}).json()
    assert body["state"] == "assigned" and body["units"][0]["name"] == "县教育局"
    assert act(
        chair, pk, "mark_key", {"leader_id": p.chair.member_id, "lead_by": "副县长 王强"}
    ).json()["key"]
    response = act(unit, pk, "reply", {"category": "A", "text": "已解决"})
    assert response.status_code == 409 and response.json()["code"] == "reply_needs_contact"
    act(unit, pk, "contact", {"mode": "phone", "note": "电话沟通"})
    response = act(unit, pk, "reply", {"category": "A", "text": "已解决"})
    assert response.status_code == 409 and response.json()["code"] == "key_needs_meeting"
    contact = act(unit, pk, "contact", {"mode": "in_person", "note": "现场座谈"}).json()
    act(member, pk, "confirm_contact", {"contact_id": contact["contacts"][-1]["id"]})
    act(
        staff,
        pk,
        "supervise",
        {"kind": "visit", "note": "主席实地督办", "leader_id": p.chair.member_id},
    )
    assert act(
        unit, pk, "reply", {"category": "A", "text": "已解决", "doc_number": "云教复〔2026〕9号"}
    ).json()["state"] == ("reply_pending")
    assert act(unit, pk, "approve_reply").json()["state"] == "reply_review"
    assert act(staff, pk, "accept_reply", {}).json()["state"] == "replied"
    closed = act(member, pk, "evaluate", {"rating": "satisfied", "comment": "很好"}).json()
    assert closed["state"] == "closed"
    assert [s["action"] for s in closed["history"]] == [
        "submit",
        "register",
        "assign",
        "mark_key",
        "contact",
        "contact",
        "confirm_contact",
        "supervise",
        "reply",
        "approve_reply",
        "accept_reply",
        "evaluate",
    ]
    stats = staff("get", "/api/v1/proposals/stats").json()
    assert stats["registered"] == 1 and stats["replied"] == 1 and stats["reply_rate"] == 1.0
    assert stats["meeting_rate"] == 1.0 and stats["chair_supervision_rate"] == 1.0
    assert stats["by_category"] == {"A": 1, "B": 0, "C": 0}


def test_a_role_that_may_not_act_gets_403_and_a_wrong_state_409(p, client):
    member = login_api(client, p.plain.member.user)
    staff = login_api(client, p.staff)
    pk = member("post", "/api/v1/proposals", {"title": "x案由", "body": "y"}).json()["id"]
    forbidden = act(member, pk, "register")
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "proposal_forbidden"
    conflict = act(staff, pk, "assign", {"lead_unit_id": p.unit.pk})
    assert conflict.status_code == 409 and conflict.json()["code"] == "proposal_wrong_state"
    assert "待审查" in conflict.json()["detail"]
    assert act(staff, pk, "fly").status_code == 404
    assert act(staff, pk, "decline", {}).status_code == 400


def test_units_see_only_what_is_assigned_to_them(p, client):
    member = login_api(client, p.plain.member.user)
    staff = login_api(client, p.staff)
    first = member("post", "/api/v1/proposals", {"title": "一", "body": "y"}).json()["id"]
    second = member("post", "/api/v1/proposals", {"title": "二", "body": "y"}).json()["id"]
    for pk in (first, second):
        act(staff, pk, "register")
    act(staff, first, "assign", {"lead_unit_id": p.unit.pk})
    unit = login_api(client, p.unit_user)
    assert [r["id"] for r in unit("get", "/api/v1/proposals").json()["items"]] == [first]
    assert unit("get", f"/api/v1/proposals/{second}").status_code == 404
    other = login_api(client, p.other_unit_user)
    assert other("get", "/api/v1/proposals").json()["count"] == 0


def test_other_committees_proposals_are_invisible(p, other, client):
    member = login_api(client, p.plain.member.user)
    pk = member("post", "/api/v1/proposals", {"title": "一", "body": "y"}).json()["id"]
    outsider = login_api(client, other.staff)
    assert outsider("get", f"/api/v1/proposals/{pk}").status_code == 404
    assert act(outsider, pk, "register").status_code == 404


def test_stats_of_one_session_and_of_a_period(p, client):
    CollectionCall.objects.create(
        session=p.sessions[-1], outline="x", opens_on=date(2020, 1, 1), closes_on=date(2030, 1, 1)
    )
    member = login_api(client, p.plain.member.user)
    staff = login_api(client, p.staff)
    for i in range(3):
        pk = member("post", "/api/v1/proposals", {"title": f"提案{i}", "body": "y"}).json()["id"]
        if i:
            act(staff, pk, "register")
    act(login_api(client, p.another.member.user), pk, "endorse")
    session = staff("get", "/api/v1/proposals/stats", {"session_id": p.sessions[-1].pk}).json()
    assert (session["collected"], session["registered"], session["endorsers"]) == (3, 2, 1)
    assert session["participation_rate"] == 0.5  # 李委员 proposed, 丁委员 endorsed, of 4
    empty = staff("get", "/api/v1/proposals/stats", {"from": "2001-01-01", "to": "2001-12-31"})
    assert empty.json()["collected"] == 0
    assert member("get", "/api/v1/proposals/stats").status_code == 403
