"""What the 社情民意 statistics count: adoptions once per level, 采用率, tasks of the period."""

from datetime import date

import pytest

from zhengxie.core.errors import ServiceError
from zhengxie.core.models import Committee
from zhengxie.opinions import services
from zhengxie.opinions.models import Adoption
from zhengxie.opinions.stats import Period, opinion_stats
from zhengxie.opinions.tests.conftest import approved_upstream, printed_upstream

pytestmark = pytest.mark.django_db


def _adopted_by_the_city(p, parent, flow):
    """An item forwarded to the hosted city committee and printed in its own bulletin."""
    parent.committee.level = Committee.Level.CITY
    parent.committee.save(update_fields=["level"])
    item, copy = approved_upstream(parent, flow)
    printed_upstream(parent, copy)
    return item


def test_adoption_is_counted_once_per_level(p, parent, flow):
    item = _adopted_by_the_city(p, parent, flow)
    assert list(item.adoptions.values_list("level", flat=True)) == ["city"]
    with pytest.raises(ServiceError) as exc:  # the office's manual 市级 entry is the same one
        services.opinion_adopt(actor=flow.staff, opinion=item, level="city")
    assert exc.value.code == "already_adopted"
    with pytest.raises(ServiceError) as exc:
        services.opinion_adopt(actor=flow.staff, opinion=item, level="parent")
    assert exc.value.code == "already_adopted"
    stats = opinion_stats(Period(p.committee))
    assert stats["adopted"] == 1
    assert stats["adoptions"]["市级采用"] == 1 and stats["adoptions"]["上级政协采用"] == 0


def test_an_adoption_recorded_both_ways_before_the_fix_counts_once(p, parent, flow):
    parent.committee.level = Committee.Level.CITY
    parent.committee.save(update_fields=["level"])
    item = flow.approved()
    for level in ("parent", "city"):
        Adoption.objects.create(opinion=item, level=level, adopted_on=date(2026, 6, 1))
    stats = opinion_stats(Period(p.committee))
    assert stats["adoptions"]["市级采用"] == 1 and sum(stats["adoptions"].values()) == 1


def test_adoption_rate(p, flow, login, api):
    adopted = flow.approved()
    for _ in range(3):
        flow.submitted()
    services.opinion_adopt(actor=flow.staff, opinion=adopted, level="city")
    stats = opinion_stats(Period(p.committee))
    assert (stats["received"], stats["adopted"], stats["adoption_rate"]) == (4, 1, 0.25)
    rate = stats["rates"][0]
    assert rate["label"] == "采用率" and "÷ 期内收到的信息条数" in rate["definition"]
    page = login(flow.staff).get("/opinions/stats/").content.decode()
    assert "采用率" in page and "25.0%" in page and rate["definition"] in page
    body = api.login(flow.staff).get("/api/v1/opinions/stats").json()
    assert body["adoption_rate"] == 0.25 and body["rates"][0]["definition"] == rate["definition"]


def _instructed(p, flow, on: date):
    return services.opinion_instruct(
        actor=flow.staff,
        opinion=flow.approved(),
        leader="县委书记 赵某",
        text="请县教育局落实。",
        unit=p.unit,
        given_on=on,
    )


def test_instruction_counts_follow_the_period(p, flow):
    _instructed(p, flow, date(2026, 1, 10))
    june = _instructed(p, flow, date(2026, 6, 10))
    services.instruction_feedback(actor=p.unit_user, instruction=june, text="已落实。")
    _instructed(p, flow, date(2026, 6, 20))
    first_half = opinion_stats(Period(p.committee, date(2026, 4, 1), date(2026, 6, 30)))
    assert first_half["instructions"] == 2
    assert (first_half["tasks_open"], first_half["tasks_done"]) == (1, 1)
    whole = opinion_stats(Period(p.committee))
    assert (whole["tasks_open"], whole["tasks_done"]) == (2, 1)
