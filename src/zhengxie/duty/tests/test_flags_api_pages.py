"""/duty/flags/ and /api/v1/duty/flags: who reads the flags, who acts, and how bad input and
wrong steps are answered."""

from datetime import date

import pytest

from zhengxie.duty import services
from zhengxie.duty.actions import FLAG_ACTIONS
from zhengxie.duty.models import DutyFlag, ScoringMinimum, ScoringRule
from zhengxie.duty.services import duty_record
from zhengxie.members.tests.test_list_query_counts import members as directory_members
from zhengxie.testing import ListPin, assert_list_queries_pinned, counter, read_as
from zhengxie.testing_payloads import server_errors

YEAR = 2026
K, S = DutyFlag.Kind, DutyFlag.State


@pytest.fixture
def rule(p):
    """Training at least once: 王常委 trained (2 points); the three others get a talk flag."""
    duty_record(member=p.standing.member, kind="training", date=date(YEAR, 3, 1))
    made = services.scoring_rule_create(actor=p.staff, term=p.term, year=YEAR)
    services.scoring_line_add(
        actor=p.staff, rule=made, line=ScoringMinimum(kind="training", count=1)
    )
    return made


@pytest.fixture
def flag(p, rule):
    return DutyFlag.objects.get(rule=rule, member=p.plain.member, kind=K.TALK)


TALK = {"talked_on": "2026-05-06", "talked_by": "张主席", "note": "已谈话"}


def test_the_office_records_a_talk_through_the_api(api, p, flag):
    url = f"/api/v1/duty/flags/{flag.pk}"
    assert api.login(p.staff).get(url).json()["actions"] == ["talk"]
    response = api.post(f"{url}/actions/talk", TALK)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["state"], body["state_label"], body["talked_by"]) == ("done", "已谈话", "张主席")
    assert body["actions"] == []
    again = api.post(f"{url}/actions/talk", TALK)
    assert again.status_code == 409 and again.json()["code"] == "duty_flag_wrong_state"
    assert "已办结" in again.json()["detail"]


def test_a_step_of_another_kind_of_flag_is_a_409_with_its_code(api, p, flag):
    response = api.login(p.staff).post(
        f"/api/v1/duty/flags/{flag.pk}/actions/drop", {"reason": "理由"}
    )
    assert response.status_code == 409 and response.json()["code"] == "duty_flag_not_commend"


def test_a_leader_reads_the_flags_but_acting_is_a_403_in_chinese(api, p, flag):
    api.login(p.chair.member.user)
    assert api.get("/api/v1/duty/flags").json()["count"] == 3
    response = api.post(f"/api/v1/duty/flags/{flag.pk}/actions/talk", TALK)
    assert response.status_code == 403 and response.json()["code"] == "duty_flag_forbidden"
    assert not response.json()["detail"].isascii()


def test_a_member_sees_no_flag_their_own_included(api, login, p, flag):
    api.login(p.plain.member.user)
    assert api.get("/api/v1/duty/flags").status_code == 403
    assert api.get(f"/api/v1/duty/flags/{flag.pk}").status_code == 404
    assert api.post(f"/api/v1/duty/flags/{flag.pk}/actions/talk", TALK).status_code == 404
    client = login(p.plain.member.user)
    assert client.get("/duty/flags/").status_code == 403
    assert client.get(f"/duty/flags/{flag.pk}/").status_code == 403
    assert "履职提示" not in client.get("/").content.decode()


def test_units_and_another_committee_see_no_flag(api, p, other, flag):
    assert api.login(p.unit_user).get("/api/v1/duty/flags").status_code == 403
    api.login(other.staff)
    assert api.get("/api/v1/duty/flags").json()["count"] == 0
    assert api.get(f"/api/v1/duty/flags/{flag.pk}").status_code == 404
    assert api.post(f"/api/v1/duty/flags/{flag.pk}/actions/talk", TALK).status_code == 404


def test_commendation_and_exit_flags_are_out_of_every_members_sight(client, p, rule):
    services.scoring_rule_flags_set(actor=p.staff, rule=rule, commend_top=1)
    commended = DutyFlag.objects.get(rule=rule, kind=K.COMMEND)
    for user in (p.plain.member.user, p.another.member.user, p.standing.member.user):
        client.force_login(user)
        assert client.get(f"/duty/flags/{commended.pk}/").status_code == 403
    read = read_as(
        client, p.chair.member.user, f"/duty/flags/{commended.pk}/", "/api/v1/duty/flags"
    )
    assert "表彰候选" in read


def test_the_list_filters_by_kind_and_state(api, login, p, rule, flag):
    services.scoring_rule_flags_set(actor=p.staff, rule=rule, commend_top=1)
    services.flag_talk(
        actor=p.staff, flag=flag, talked_on=date(2026, 5, 6), talked_by="张主席", note=""
    )
    api.login(p.staff)
    assert api.get("/api/v1/duty/flags", kind="commend").json()["count"] == 1
    talks = api.get("/api/v1/duty/flags", kind="talk", state="open").json()
    assert talks["count"] == 2 and "李委员" not in [i["member"] for i in talks["items"]]
    page = login(p.staff).get("/duty/flags/", {"kind": "talk", "state": "done"}).content.decode()
    assert "李委员" in page and "王常委" not in page and "已谈话" in page


@pytest.mark.parametrize(
    "params", [{"kind": "nope"}, {"state": 5}, {"rule_id": 0}, {"member_id": 2**70}]
)
def test_bad_list_filters_are_a_chinese_400(api, p, rule, params):
    response = api.login(p.staff).get("/api/v1/duty/flags", **params)
    assert response.status_code == 400 and response.json()["code"] == "invalid_input"


@pytest.mark.parametrize("params", [{"kind": "nope"}, {"state": "x"}, {"rule": "x"}])
def test_bad_page_filters_are_a_chinese_400_showing_the_list(login, p, rule, params):
    response = login(p.staff).get("/duty/flags/", params)
    assert response.status_code == 400 and "李委员" in response.content.decode()


def test_the_office_records_a_talk_on_the_page(login, p, flag):
    client = login(p.staff)
    page = client.get(f"/duty/flags/{flag.pk}/").content.decode()
    assert "记录谈话" in page and "未达最低要求" in page
    response = client.post(f"/duty/flags/{flag.pk}/act/talk/", TALK)
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.state == S.DONE
    assert "2026年5月6日" in client.get(f"/duty/flags/{flag.pk}/").content.decode()


def test_a_step_refused_on_the_page_says_why_in_chinese(login, p, flag):
    client = login(p.staff)
    client.post(f"/duty/flags/{flag.pk}/act/talk/", {**TALK, "talked_by": ""})
    page = client.get(f"/duty/flags/{flag.pk}/").content.decode()
    assert "提交的内容有误" in page
    assert client.post(f"/duty/flags/{flag.pk}/act/nothing/").status_code == 404
    assert client.get(f"/duty/flags/{flag.pk}/act/talk/").status_code == 405


def test_a_leader_gets_no_action_form_and_a_posted_one_is_refused(login, p, flag):
    client = login(p.chair.member.user)
    assert "记录谈话" not in client.get(f"/duty/flags/{flag.pk}/").content.decode()
    client.post(f"/duty/flags/{flag.pk}/act/talk/", TALK)
    flag.refresh_from_db()
    assert flag.state == S.OPEN


def test_the_flag_settings_are_set_through_the_api_and_the_page(api, client, login, p, rule):
    url = f"/api/v1/duty/rules/{rule.pk}/flags"
    headers = api.login(p.staff)._headers()

    def put(data):
        return client.put(url, data, content_type="application/json", headers=headers)

    response = put({"talk_absences": 3, "commend_share": 10})
    assert response.status_code == 200, response.content
    assert response.json()["flag_settings"]["commend_share"] == 10
    bad = put({"exit_after": 1})
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_input"
    client = login(p.staff)
    posted = {"talk_absences": "2", "exit_after": "2", "commend_top": "1", "commend_share": ""}
    assert client.post(f"/duty/rules/{rule.pk}/flags/", posted).status_code == 302
    rule.refresh_from_db()
    assert (rule.commend_top, rule.commend_share, rule.talk_absences) == (1, None, 2)
    client.post(f"/duty/rules/{rule.pk}/flags/", {**posted, "exit_after": "x"})
    assert "谈话提醒期间数为2至99个" in client.get(f"/duty/rules/{rule.pk}/").content.decode()
    client = login(p.chair.member.user)
    assert client.post(f"/duty/rules/{rule.pk}/flags/", posted).status_code == 403


def test_no_flag_action_payload_reaches_a_5xx(client, p, rule, flag):
    services.scoring_rule_flags_set(actor=p.staff, rule=rule, commend_top=1)
    commended = DutyFlag.objects.get(rule=rule, kind=K.COMMEND)
    for target in (flag, commended):
        url = f"/api/v1/duty/flags/{target.pk}/actions/{{action}}"
        assert server_errors(client, p.staff, FLAG_ACTIONS, url, {}) == []
    url = f"/api/v1/duty/flags/{flag.pk}/actions/{{action}}"
    assert server_errors(client, p.chair.member.user, FLAG_ACTIONS, url, {}) == []


def test_the_office_home_counts_the_open_flags_and_opens_them(login, p, flag):
    response = login(p.staff).get("/")
    assert counter("待办理的履职提示")(response) == 3
    assert "/duty/flags/?state=open" in response.content.decode()
    assert "待办理的履职提示" not in login(p.chair.member.user).get("/").content.decode()


def _flagged_members(p, numbers):
    """The directory's pinned members, each below the training minimum: a talk flag each."""
    directory_members(p, numbers)
    rule = ScoringRule.objects.get(term=p.term, year=YEAR)
    services.scores_recompute(actor=p.staff, rule=rule)


@pytest.mark.parametrize(
    "pin",
    [
        ListPin("/api/v1/duty/flags?limit=100", "staff", _flagged_members, queries=4, api=True),
        ListPin("/duty/flags/", "staff", _flagged_members, queries=12),
        ListPin("/duty/flags/", "chair.member.user", _flagged_members, queries=13),
    ],
    ids=str,
)
def test_the_flags_list_keeps_its_query_count(pin, p, rule, client, django_assert_num_queries):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)


def test_the_flags_show_on_the_members_record_for_the_office_and_leaders_only(login, p, flag):
    url = f"/duty/record/members/{p.plain.member.pk}/"
    for user in (p.staff, p.chair.member.user):
        page = login(user).get(url).content.decode()
        assert f"/duty/flags/{flag.pk}/" in page and "未达最低要求" in page
    own = login(p.plain.member.user).get("/duty/record/").content.decode()
    assert "谈话提醒" not in own and "履职提示" not in own
