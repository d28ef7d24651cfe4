"""The scoring rules (履职考核细则): what each kind of line does to the scores."""

from datetime import UTC, date, datetime
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps

from zhengxie.core.errors import ServiceError
from zhengxie.core.models import AuditEvent
from zhengxie.duty import queries, services
from zhengxie.duty.models import (
    Audience,
    DutyRecord,
    DutyScore,
    ScoringMinimum,
    ScoringMultiplier,
    ScoringPoints,
)
from zhengxie.duty.services import duty_record

DAY = date(2026, 5, 1)


@pytest.fixture
def rule(p):
    return services.scoring_rule_create(actor=p.staff, term=p.term, year=2026)


def record(member, kind, source=None, day=DAY, **extra):
    return duty_record(member=member.member, kind=kind, date=day, source=source, **extra)


def score(rule, who) -> DutyScore:
    return DutyScore.objects.get(rule=rule, member=who.member)


def add(p, rule, line):
    return services.scoring_line_add(actor=p.staff, rule=rule, line=line)


def test_a_new_rule_set_scores_every_member_in_office_on_the_ledgers_points(p):
    record(p.plain, "training", p.sessions[0])
    rule = services.scoring_rule_create(actor=p.staff, term=p.term, year=2026)
    assert score(rule, p.plain).total == Decimal("2")
    assert score(rule, p.plain).breakdown == {"training": {"count": 1, "points": "2.00"}}
    assert DutyScore.objects.filter(rule=rule).count() == 4


def test_scores_are_recomputed_when_the_rules_change_and_the_old_totals_stay_in_the_audit(p, rule):
    record(p.plain, "training", p.sessions[0])
    services.scores_recompute(actor=p.staff, rule=rule)
    line = add(p, rule, ScoringPoints(kind="training", points=Decimal("5")))
    assert score(rule, p.plain).total == Decimal("5")
    audit = AuditEvent.objects.filter(action="duty.scores_recompute").order_by("-seq").first()
    assert audit.before["totals"][str(p.plain.member.pk)] == "2.00"
    services.scoring_line_update(actor=p.staff, line=line, points=Decimal("1"))
    assert score(rule, p.plain).total == Decimal("1")
    services.scoring_line_remove(actor=p.staff, line=line)
    assert score(rule, p.plain).total == Decimal("2")
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"duty.rule_line_add", "duty.rule_line_update", "duty.rule_line_remove"} <= actions


def test_a_cap_bounds_what_a_kind_gives_in_the_period(p, rule):
    for session in p.sessions:
        record(p.plain, "training", session)
    add(p, rule, ScoringPoints(kind="training", cap=Decimal("5")))
    assert score(rule, p.plain).breakdown["training"] == {"count": 3, "points": "5.00"}


def test_a_multiplier_applies_when_the_same_source_also_carries_the_qualifying_kind(p, rule):
    key, plain = p.sessions[0], p.sessions[1]
    record(p.plain, "proposal_registered", key)
    record(p.plain, "proposal_registered", plain)
    # Made a key proposal the next year: the 2026 registration still counts ×1.5.
    record(p.plain, "proposal_key", key, day=date(2027, 2, 1))
    add(
        p, rule, ScoringMultiplier(kind="proposal_registered", with_kind="proposal_key", factor=1.5)
    )
    assert score(rule, p.plain).breakdown["proposal_registered"]["points"] == "12.50"


def test_a_multiplier_without_a_qualifying_kind_weighs_every_record(p, rule):
    record(p.plain, "opinion_adopted_city", p.sessions[0])
    add(p, rule, ScoringMultiplier(kind="opinion_adopted_city", factor=2))
    assert score(rule, p.plain).total == Decimal("6")


def test_absence_without_leave_from_the_plenary_is_deducted_by_the_meetings_kind(p, rule):
    record(p.plain, "meeting_absent", p.sessions[0], qualifier="plenary")
    record(p.plain, "meeting_absent", p.sessions[1], qualifier="symposium")
    add(p, rule, ScoringPoints(kind="meeting_absent", qualifier="plenary", points=-10))
    assert score(rule, p.plain).total == Decimal("-12")


def test_members_below_a_minimum_are_marked_with_the_minimum_they_miss(p, rule):
    record(p.plain, "proposal_registered", p.sessions[0])
    record(p.plain, "meeting_attendance", p.sessions[1], qualifier="symposium")
    add(p, rule, ScoringMinimum(kind="proposal_registered", count=1))
    add(p, rule, ScoringMinimum(kind="meeting_attendance", qualifier="plenary", count=1))
    shortfalls = score(rule, p.plain).shortfalls
    assert [s["label"] for s in shortfalls] == ["出席会议(全体会议)至少1次"]
    assert {s["kind"] for s in score(rule, p.another).shortfalls} == {
        "proposal_registered",
        "meeting_attendance",
    }


def test_a_terms_minimum_counts_the_whole_term(p):
    record(p.plain, "training", p.sessions[0], day=date(2023, 4, 1))
    rule = services.scoring_rule_create(actor=p.staff, term=p.term, year=None)
    add(p, rule, ScoringMinimum(kind="training", count=1))
    assert score(rule, p.plain).shortfalls == []
    assert score(rule, p.another).shortfalls[0]["label"] == "参加学习培训至少1次"


def test_lines_for_standing_members_and_heads_apply_to_them_before_the_general_line(p, rule):
    p.plain.heads = p.special
    p.plain.save()
    for who in (p.standing, p.plain, p.another):
        record(who, "training", p.sessions[0])
    add(p, rule, ScoringPoints(kind="training", points=1))
    add(p, rule, ScoringPoints(kind="training", points=3, applies_to=Audience.STANDING))
    add(
        p,
        rule,
        ScoringPoints(kind="training", points=4, applies_to=Audience.SPECIAL_COMMITTEE_HEAD),
    )
    assert score(rule, p.standing).total == 3 and score(rule, p.plain).total == 4
    assert score(rule, p.another).total == 1


def test_a_minimum_for_standing_members_does_not_mark_the_others(p, rule):
    add(
        p,
        rule,
        ScoringMinimum(
            kind="meeting_attendance", qualifier="standing", count=1, applies_to=Audience.STANDING
        ),
    )
    assert score(rule, p.standing).shortfalls and not score(rule, p.plain).shortfalls


def test_equal_totals_share_a_rank(p, rule):
    record(p.plain, "training", p.sessions[0])
    record(p.another, "training", p.sessions[0])
    services.scores_recompute(actor=p.staff, rule=rule)
    ranks = {s.member_id: s.rank for s in DutyScore.objects.filter(rule=rule)}
    assert ranks[p.plain.member.pk] == ranks[p.another.member.pk] == 1
    assert ranks[p.chair.member.pk] == ranks[p.standing.member.pk] == 3


def test_records_outside_the_period_do_not_count(p, rule):
    record(p.plain, "training", p.sessions[0], day=date(2025, 12, 31))
    services.scores_recompute(actor=p.staff, rule=rule)
    assert score(rule, p.plain).total == 0


def test_another_committees_members_and_ledger_are_not_scored(p, other, rule):
    record(other.plain, "training", other.sessions[0])
    services.scores_recompute(actor=p.staff, rule=rule)
    assert not DutyScore.objects.filter(rule=rule, member=other.plain.member).exists()
    with pytest.raises(ServiceError) as refused:
        services.scores_recompute(actor=other.staff, rule=rule)
    assert refused.value.status == 403


def test_groups_show_totals_and_averages_and_who_has_not_engaged(p, rule):
    record(p.plain, "proposal_registered", p.sessions[0])
    services.scores_recompute(actor=p.staff, rule=rule)
    sectors = dict((row["name"], row) for row in queries.aggregates(rule)["sector"][1])
    assert sectors["教育界"]["total"] == 5 and sectors["教育界"]["average"] == Decimal("2.50")
    stations = queries.aggregates(rule)["station"][1]
    assert [(s["name"], s["members"]) for s in stations] == [("城关镇政协委员联络工作站", 1)]
    lists = dict(queries.not_engaged(rule))
    assert "李委员" not in lists["提案"] and "丁委员" in lists["提案"]


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (ScoringPoints(kind="made_up", points=1), "invalid_input"),
        (ScoringPoints(kind="training", qualifier="nowhere", points=1), "invalid_input"),
        (ScoringPoints(kind="proposal_key", qualifier="plenary", points=1), "invalid_input"),
        (ScoringPoints(kind="training", cap=-1), "invalid_input"),
        (ScoringMultiplier(kind="training", factor=0), "invalid_input"),
        (ScoringMultiplier(kind="training", with_kind="made_up", factor=2), "invalid_input"),
    ],
)
def test_bad_lines_are_refused_in_chinese(p, rule, line, code):
    with pytest.raises(ServiceError) as refused:
        add(p, rule, line)
    assert refused.value.code == code and refused.value.status == 400
    assert not refused.value.detail.isascii()


def test_the_same_line_twice_and_the_same_period_twice_are_conflicts(p, rule):
    add(p, rule, ScoringPoints(kind="training", points=1))
    with pytest.raises(ServiceError) as twice:
        add(p, rule, ScoringPoints(kind="training", points=2))
    assert twice.value.status == 409 and twice.value.code == "scoring_line_exists"
    with pytest.raises(ServiceError) as again:
        services.scoring_rule_create(actor=p.staff, term=p.term, year=2026)
    assert again.value.code == "scoring_rule_exists"


def test_a_year_outside_the_term_is_refused(p):
    with pytest.raises(ServiceError) as refused:
        services.scoring_rule_create(actor=p.staff, term=p.term, year=2019)
    assert refused.value.code == "scoring_year_outside_term"


def test_only_staff_set_the_rules(p, rule):
    with pytest.raises(ServiceError) as refused:
        services.scoring_line_add(
            actor=p.chair.member.user, rule=rule, line=ScoringPoints(kind="training", points=1)
        )
    assert refused.value.status == 403 and not ScoringPoints.objects.exists()


def test_the_migration_gives_meeting_records_their_meetings_kind(p):
    from zhengxie.meetings.services import meeting_create

    meeting = meeting_create(
        actor=p.staff,
        kind="plenary",
        title="十届三次会议",
        starts_at=datetime(2026, 1, 10, 9, tzinfo=UTC),
        ends_at=datetime(2026, 1, 10, 12, tzinfo=UTC),
        place="县会议中心",
        invite_rule="all",
    )
    absent = record(p.plain, "meeting_absent", meeting)  # as recorded before the column
    other = record(p.plain, "training", p.sessions[0])
    import_module("zhengxie.duty.migrations.0002_scoring").meeting_kinds(apps, None)
    assert DutyRecord.objects.get(pk=absent.pk).qualifier == "plenary"
    assert DutyRecord.objects.get(pk=other.pk).qualifier == ""
