"""The activities' home counters: each opens the list of exactly what it counts, and a member
asked for a written opinion sees it there until they give it."""

from datetime import date, timedelta

import pytest

from zhengxie.consultations.models import WrittenRequest
from zhengxie.consultations.panels import activities_panel
from zhengxie.consultations.services import activities as services

from .activities_fixtures import DAY, consultation_of, leader, researched

pytestmark = pytest.mark.django_db


def _asked(p, document: str = "《方案》") -> WrittenRequest:
    return services.written_request_assign(
        actor=p.staff,
        request=services.written_request_create(
            actor=p.staff,
            requester_kind="government",
            requester="县政府办",
            document=document,
            received_on=DAY,
            due_on=DAY + timedelta(days=10),
        ),
        special_committee=p.special,
    )


def _year(p) -> None:
    """Two planned consultations (one without research, one with a material past due), one
    held; a request answered and one still gathering opinions."""
    consultation_of(p, title="尚无调研的协商")
    late = consultation_of(p, topic=researched(p), title="材料逾期的协商")
    services.consultation_request_material(
        actor=p.staff, consultation=late, unit=p.unit, title="材料", due_on=date(2020, 1, 1)
    )
    held = consultation_of(p, topic=researched(p), title="已开展的协商")
    services.consultation_hold(actor=p.staff, consultation=held)
    answered = _asked(p, "《已答复的方案》")
    services.written_request_opine(actor=p.standing.member.user, request=answered, text="意见")
    services.written_request_answer(
        actor=p.staff, request=answered, title="书面答复", text="一、……", answered_on=DAY
    )
    _asked(p)


def _counts(user, client) -> dict[str, tuple[int, int]]:
    """Each counter's value against the rows its link lists."""
    client.force_login(user)
    seen = {}
    for panel in activities_panel(user):
        for row in panel.rows:
            response = client.get(row.link)
            seen[row.label] = (row.value, response.context["page"].paginator.count)
    return seen


def test_each_activities_counter_opens_exactly_what_it_counts(p, client):
    _year(p)
    staff = _counts(p.staff, client)
    assert staff == {
        "待开展的协商活动": (2, 2),
        "书面协商待答复": (1, 1),
        "会前材料逾期未报": (1, 1),
    }
    assert _counts(leader(p), client)["议题尚无调研报告"] == (1, 1)
    assert _counts(p.standing.member.user, client)["待我提出意见的书面协商"] == (1, 1)


def test_a_member_asked_for_a_written_opinion_sees_it_until_they_give_it(p, client):
    written = _asked(p)
    member = p.standing.member.user
    assert _counts(member, client)["待我提出意见的书面协商"] == (1, 1)
    assert _counts(p.plain.member.user, client)["待我提出意见的书面协商"] == (0, 0)
    services.written_request_opine(actor=member, request=written, text="建议明确网格员职责。")
    assert _counts(member, client)["待我提出意见的书面协商"] == (0, 0)
