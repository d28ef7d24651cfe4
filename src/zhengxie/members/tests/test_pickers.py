"""The searchable pickers' server side: who may be found, by whom, and what is shown."""

import re
from datetime import date

from zhengxie.members import services
from zhengxie.members.models import HandlingUnit


def _names(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'data-label="([^"]*)"', response.content.decode())


def test_cosigner_picker_searches_current_members(p, other, login):
    services.member_exit(
        actor=p.staff, membership=p.another, left_on=date(2026, 1, 5), reason="调离本县"
    )
    client = login(p.plain.member.user)
    assert _names(client.get("/members/pick/", {"q": "委员"})) == ["李委员"]
    assert _names(client.get("/members/pick/", {"q": "委员", "not_me": "1"})) == []
    assert _names(client.get("/members/pick/", {"q": "王"})) == ["王常委"]
    everyone = _names(client.get("/members/pick/", {"not_me": "1"}))
    assert everyone == ["王常委", "张主席"]  # 姓氏笔画: 王 (4) before 张 (7); no one who left
    page = client.get("/members/pick/", {"q": "王"}).content.decode()
    assert "经济界 · 常委" in page and "13800000002" not in page  # no contact details
    assert "没有找到“赵”" in client.get("/members/pick/", {"q": "赵"}).content.decode()


def test_member_picker_is_for_the_committee_not_for_units_or_writes(p, login):
    assert login(p.unit_user).get("/members/pick/").status_code == 403
    assert login(p.staff).post("/members/pick/").status_code == 405
    assert login(p.staff).get("/members/pick/", {"q": "\x00王"}).status_code == 400


def test_unit_picker_searches_active_units_of_the_committee(p, other, login):
    HandlingUnit.objects.filter(pk=p.other_unit.pk).update(is_active=False)
    client = login(p.plain.member.user)
    assert _names(client.get("/units/pick/", {"q": "县"})) == ["县教育局"]
    assert _names(client.get("/units/pick/", {"q": "水利"})) == []


def test_meeting_invitations_and_opinion_coauthors_use_the_member_picker(p, login):
    meeting_form = login(p.staff).get("/meetings/new/").content.decode()
    assert meeting_form.count('hx-get="/members/pick/"') == 2  # invitees and observers
    opinion_form = login(p.plain.member.user).get("/opinions/new/").content.decode()
    assert 'hx-get="/members/pick/?not_me=1"' in opinion_form
