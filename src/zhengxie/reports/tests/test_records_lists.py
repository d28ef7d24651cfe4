"""The lists a report's numbers open (`?counted=&item=&from=&to=`): each list narrows what its
reader already sees and never shows more; a statistic of another list is refused; a rate opens
the records of its parts."""

from datetime import date

import pytest

from zhengxie.consultations.tests.outcomes_setup import instructed, sent
from zhengxie.core import stats
from zhengxie.duty.services import duty_record
from zhengxie.opinions import services as opinions
from zhengxie.opinions.tests.conftest import Flow

YEAR = {"from": "2026-01-01", "to": "2026-12-31"}


def _listed(client, url, **query) -> int:
    response = client.get(url, {**YEAR, **query})
    assert response.status_code == 200, response.content.decode()[:200]
    return response.context["page"].paginator.count


def _instruct(flow, unit, day=date(2026, 6, 10)):
    return opinions.opinion_instruct(
        actor=flow.staff,
        opinion=flow.approved(),
        leader="县委书记 赵某",
        text="请研究落实。",
        unit=unit,
        given_on=day,
    )


def test_a_count_of_instructions_lists_no_more_than_a_unit_already_sees(p, login):
    flow = Flow(p)
    _instruct(flow, p.unit)
    _instruct(flow, p.other_unit)
    url = "/opinions/instructions/"
    assert _listed(login(p.staff), url, counted="instructions") == 2
    assert _listed(login(p.unit_user), url, counted="instructions") == 1
    assert _listed(login(p.unit_user), url, counted="tasks_open") == 1


def test_a_count_of_outcomes_lists_no_more_than_a_unit_already_sees(p, login):
    instructed(p)
    sent(p, title="关于养老服务的协商专报")
    assert _listed(login(p.staff), "/consultations/outcomes/", counted="outcomes") == 2
    board = login(p.unit_user).get("/consultations/outcomes/", {**YEAR, "counted": "outcomes"})
    assert board.status_code == 403
    tasks = "/consultations/outcomes/tasks/"
    assert _listed(login(p.unit_user), tasks, counted="instructions") == 1
    assert _listed(login(p.other_unit_user), tasks, counted="instructions") == 0


@pytest.mark.parametrize(
    "url, key",
    [
        ("/opinions/", "issues"),
        ("/opinions/instructions/", "received"),
        ("/opinions/bulletins/", "adopted"),
        ("/consultations/outcomes/", "activities"),
        ("/duty/stats/members/", "records"),
        ("/duty/stats/records/", "members"),
    ],
)
def test_a_list_refuses_the_statistic_of_another_list(url, key, p, login):
    response = login(p.staff).get(url, {**YEAR, "counted": key})
    assert response.status_code == 400
    assert "所选统计项没有可列出的记录" in response.content.decode()


def test_the_duty_lists_are_the_office_and_leaders_only(p, login):
    member = login(p.plain.member.user)
    assert member.get("/duty/stats/members/", YEAR).status_code == 403
    assert member.get("/duty/stats/records/", YEAR).status_code == 403
    assert login(p.unit_user).get("/duty/stats/records/", YEAR).status_code == 403


def test_the_duty_lists_hold_what_the_figures_count_and_only_the_committees(p, other, login):
    duty_record(member=p.plain.member, kind="training", date=date(2026, 5, 1))
    duty_record(member=p.plain.member, kind="meeting_attendance", date=date(2026, 5, 2))
    duty_record(member=p.another.member, kind="meeting_absent", date=date(2026, 5, 2))
    counted = {f.key: f.value for f in stats.figures("duty", _scope(p))}
    office = login(p.staff)
    assert _listed(office, "/duty/stats/members/", counted="members") == counted["members"]
    assert _listed(office, "/duty/stats/members/", counted="active") == counted["active"] == 1
    assert _listed(office, "/duty/stats/records/", counted="records") == counted["records"] == 2
    training = {"counted": "by_category", "item": "training"}
    assert _listed(office, "/duty/stats/records/", **training) == 1
    theirs = login(other.staff)
    assert _listed(theirs, "/duty/stats/records/", counted="records") == 0


def test_a_rate_opens_the_records_of_its_parts(p, login):
    duty_record(member=p.plain.member, kind="training", date=date(2026, 5, 1))
    [rate] = stats.figures("duty", _scope(p), ("training_rate",))
    url = stats.records_url(rate.stat, _scope(p))
    assert "counted=training_rate" in url
    assert login(p.staff).get(url).context["page"].paginator.count == 1


def _scope(p) -> stats.Scope:
    return stats.Scope(p.committee, start=date(2026, 1, 1), end=date(2026, 12, 31))
