"""Who sees what: the schedule is the group's (and the office's and the responsible
leaders'), drafts are the group's and the office's, another committee sees nothing (404)."""

import pytest

from zhengxie.core.services import api_token_issue
from zhengxie.testing import ids_on_page

from .conftest import write

DRAFT = "一、基本情况"
VISIT = "城关镇东村"


@pytest.fixture
def drafted(p, flow):
    write(p, flow)
    return flow


def _page(client, flow):
    return client.get(f"/fieldwork/{flow.fieldwork.pk}/")


def _api(client, user, path):
    return client.get(path, headers={"Authorization": f"Bearer {api_token_issue(user=user)}"})


def _reader(p, leader, name):
    return {
        "staff": p.staff,
        "group member": p.plain.member.user,
        "responsible chair": p.chair.member.user,
        "other leader": leader,
    }[name]


@pytest.mark.parametrize(
    ("name", "schedule", "drafts"),
    [
        ("staff", True, True),
        ("group member", True, True),
        ("responsible chair", True, False),
        ("other leader", False, False),
    ],
)
def test_each_reader_sees_the_schedule_and_drafts_their_audience_holds(
    p, leader, drafted, client, name, schedule, drafts
):
    user = _reader(p, leader, name)
    client.force_login(user)
    html = _page(client, drafted).content.decode()
    assert "乡村振兴专题调研" in html and "钱教授" in html
    assert (VISIT in html) is schedule
    assert (DRAFT in html) is drafts
    body = _api(client, user, f"/api/v1/fieldwork/{drafted.fieldwork.pk}").json()
    assert bool(body["visits"]) is schedule
    assert bool(body["drafts"]) is drafts


def test_a_member_outside_the_group_does_not_find_it(p, drafted, client):
    user = p.another.member.user
    client.force_login(user)
    assert _page(client, drafted).status_code == 404
    assert ids_on_page(client, "/fieldwork/") == []
    assert _api(client, user, f"/api/v1/fieldwork/{drafted.fieldwork.pk}").status_code == 404
    assert _api(client, user, "/api/v1/fieldwork").json()["items"] == []


def test_each_list_is_its_readers_own(p, leader, drafted, client):
    mine = [drafted.fieldwork.pk]
    for user, expected in [
        (p.staff, mine),
        (p.plain.member.user, mine),
        (p.chair.member.user, mine),
        (leader, []),
    ]:
        client.force_login(user)
        assert ids_on_page(client, "/fieldwork/") == expected, user
        listed = _api(client, user, "/api/v1/fieldwork").json()["items"]
        assert [f["id"] for f in listed] == expected, user


def test_another_committee_sees_nothing(p, other, drafted, client):
    url = f"/fieldwork/{drafted.fieldwork.pk}/"
    for user in (other.staff, other.chair.member.user, other.plain.member.user):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get(f"{url}plan.docx").status_code == 404
        assert client.post(f"{url}act/start/").status_code == 404
        assert ids_on_page(client, "/fieldwork/") == []
        assert _api(client, user, f"/api/v1/fieldwork/{drafted.fieldwork.pk}").status_code == 404
    api = {"Authorization": f"Bearer {api_token_issue(user=other.staff)}"}
    response = client.post(
        f"/api/v1/fieldwork/{drafted.fieldwork.pk}/actions/start",
        {},
        content_type="application/json",
        headers=api,
    )
    assert response.status_code == 404


def test_units_have_no_fieldwork_pages(p, drafted, client):
    client.force_login(p.unit_user)
    assert client.get("/fieldwork/").status_code == 403
    assert _page(client, drafted).status_code == 403


def test_the_member_page_offers_writing_a_draft_only_to_the_group(p, leader, drafted, client):
    client.force_login(p.plain.member.user)
    assert "提交报告稿" in _page(client, drafted).content.decode()
    client.force_login(p.chair.member.user)
    html = _page(client, drafted).content.decode()
    assert "提交报告稿" not in html and "优选定稿" not in html
