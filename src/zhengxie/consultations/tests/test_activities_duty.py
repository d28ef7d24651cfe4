"""Taking part in a consultation held without a meeting (对口协商, 约谈协商, 基层协商 on the
spot) is a duty of each member on the office's list, once it is held; one held as a meeting
credits attendance through the meetings app only, so nobody is counted twice. Through the
services, the API and the page."""

import pytest

from zhengxie.consultations.models import Form
from zhengxie.consultations.services import activities as services
from zhengxie.consultations.tests.stats_fixtures import close_and_hold, convened, figures, held
from zhengxie.core.errors import ServiceError
from zhengxie.duty.models import DutyRecord

from .activities_fixtures import DAY, consultation_of, researched

pytestmark = pytest.mark.django_db
BASE = "/api/v1/consultations"


def _credited(kind="consultation_attendance") -> list[tuple[str, object]]:
    records = DutyRecord.objects.filter(kind=kind).select_related("member")
    return sorted((r.member.name, r.date) for r in records)


def _listed(p, consultation, *personas):
    return services.consultation_record_members(
        actor=p.staff, consultation=consultation, members=[x.member for x in personas]
    )


def _counterpart(p, **fields):
    return consultation_of(p, researched(p), form=Form.COUNTERPART, title="对口协商", **fields)


def test_members_on_the_list_are_credited_with_taking_part_when_it_is_held(p):
    planned = _counterpart(p)
    _listed(p, planned, p.plain, p.standing)
    assert _credited() == []  # not yet held
    services.consultation_hold(actor=p.staff, consultation=planned)
    assert _credited() == [("李委员", DAY), ("王常委", DAY)]
    _listed(p, planned, p.plain, p.standing)  # the same list again credits nobody twice
    assert len(_credited()) == 2


def test_a_member_taken_off_the_list_after_it_was_held_loses_the_duty(p):
    activity = held(p, form=Form.INTERVIEW)
    _listed(p, activity, p.plain, p.standing)
    _listed(p, activity, p.plain, p.another)
    assert _credited() == [("丁委员", DAY), ("李委员", DAY)]
    _listed(p, activity)
    assert _credited() == []


def test_a_cancelled_consultation_credits_nobody_on_its_list(p):
    planned = _counterpart(p)
    _listed(p, planned, p.plain)
    services.consultation_cancel(actor=p.staff, consultation=planned, reason="议题调整")
    assert _credited() == []


def test_a_consultation_held_as_a_meeting_keeps_no_list_of_its_own(p):
    meeting = convened(p, invitees=[p.plain.member])
    with pytest.raises(ServiceError) as refused:
        _listed(p, meeting, p.plain)
    assert (refused.value.status, refused.value.code) == (409, "attended_at_meeting")
    close_and_hold(p, meeting)
    assert _credited() == []  # its attendance is the meetings app's record
    listed = _counterpart(p)
    _listed(p, listed, p.plain)
    with pytest.raises(ServiceError) as refused:
        services.consultation_convene(
            actor=p.staff, consultation=listed, invite_rule="none", invitee_ids=[]
        )
    assert (refused.value.status, refused.value.code) == (409, "members_recorded")


def test_only_the_committees_current_members_are_put_on_the_list(p, other):
    with pytest.raises(ServiceError) as refused:
        _listed(p, _counterpart(p), p.plain, other.plain)
    assert (refused.value.status, refused.value.code) == (400, "bad_member")


def test_a_member_on_the_list_counts_once_in_participation_with_their_opinion(p):
    activity = held(p)
    _listed(p, activity, p.plain, p.standing)
    services.consultation_opine(actor=p.plain.member.user, consultation=activity, text="意见。")
    assert figures(p)["participation"] == 2


def test_api_records_the_list_and_a_member_reads_only_their_own_line(p, api):
    planned = _counterpart(p)
    api.login(p.staff)
    ids = [p.plain.member.pk, p.standing.member.pk]
    response = api.post(f"{BASE}/{planned.pk}/actions/record_members", {"member_ids": ids})
    assert response.status_code == 200, response.content
    assert response.json()["members_present"] == ["王常委", "李委员"]  # 姓氏笔画
    assert api.post(f"{BASE}/{planned.pk}/actions/hold").json()["state"] == "held"
    assert _credited() == [("李委员", DAY), ("王常委", DAY)]
    api.login(p.plain.member.user)
    assert api.get(f"{BASE}/{planned.pk}").json()["members_present"] == ["李委员"]
    refused = api.post(f"{BASE}/{planned.pk}/actions/record_members", {"member_ids": []})
    assert refused.status_code == 403 and refused.json()["code"]


@pytest.mark.parametrize("member_ids", [["x"], [0], "李委员", [-1], None])
def test_api_bad_member_ids_are_a_clear_error_never_a_500(p, api, member_ids):
    planned = _counterpart(p)
    response = api.login(p.staff).post(
        f"{BASE}/{planned.pk}/actions/record_members", {"member_ids": member_ids}
    )
    assert response.status_code in (400, 422)
    assert {"detail", "code"} <= set(response.json())


def test_api_another_committees_member_is_not_found(p, other, api):
    planned = _counterpart(p)
    response = api.login(p.staff).post(
        f"{BASE}/{planned.pk}/actions/record_members", {"member_ids": [other.plain.member.pk]}
    )
    assert response.status_code == 404


def test_staff_record_the_list_on_the_page(p, login):
    planned = _counterpart(p)
    client = login(p.staff)
    page = client.get(f"/consultations/{planned.pk}/").content.decode()
    assert "登记参加委员" in page
    response = client.post(
        f"/consultations/{planned.pk}/act/record_members/",
        {"member_ids": [p.plain.member.pk, p.another.member.pk]},
        follow=True,
    )
    assert "参加委员</h2><p>丁委员、李委员" in response.content.decode()
    client.post(f"/consultations/{planned.pk}/act/hold/")
    assert _credited() == [("丁委员", DAY), ("李委员", DAY)]
