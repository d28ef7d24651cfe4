"""Flags raised by a period's scores (谈话提醒, 建议退出, 表彰候选) and their outcomes."""

from datetime import date

import pytest

from zhengxie.core.auditlabels import ACTIONS as AUDIT_LABELS
from zhengxie.core.errors import ServiceError
from zhengxie.core.models import AuditEvent
from zhengxie.core.workflow import problems
from zhengxie.duty import services
from zhengxie.duty.actions import FLAG_ACTIONS
from zhengxie.duty.models import DutyFlag, ScoringMinimum
from zhengxie.duty.services import duty_record
from zhengxie.duty.workflow import FLAG
from zhengxie.members.models import Membership

DAY = date(2026, 5, 1)
K, S = DutyFlag.Kind, DutyFlag.State


@pytest.fixture
def rule(p):
    return services.scoring_rule_create(actor=p.staff, term=p.term, year=2026)


def flags(rule, kind=K.TALK) -> dict[str, DutyFlag]:
    return {f.member.name: f for f in DutyFlag.objects.filter(rule=rule, kind=kind)}


def absent(who, *sources, day=DAY):
    for source in sources:
        duty_record(
            member=who.member, kind="meeting_absent", qualifier="plenary", date=day, source=source
        )


def minimum(p, rule, kind="proposal_registered"):
    services.scoring_line_add(actor=p.staff, rule=rule, line=ScoringMinimum(kind=kind, count=1))


def talk(p, flag, **changes):
    values = {"talked_on": DAY, "talked_by": "张主席", "note": "已提醒按时参会"} | changes
    return services.flag_talk(actor=p.staff, flag=flag, **values)


def test_every_flag_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(FLAG, FLAG_ACTIONS) == []
    assert set(FLAG_ACTIONS) == set(FLAG.transitions)
    assert {"duty.flags_raise", "duty.rule_flags_set"} <= AUDIT_LABELS.keys()


def test_a_member_below_a_required_minimum_is_flagged_for_a_talk_when_scores_are_computed(p, rule):
    duty_record(member=p.plain.member, kind="proposal_registered", date=DAY, source=p.sessions[0])
    minimum(p, rule)
    talks = flags(rule)
    assert sorted(talks) == ["丁委员", "张主席", "王常委"]
    assert talks["丁委员"].reasons == ["未达最低要求:提交提案并立案至少1次(实际0次)"]
    assert talks["丁委员"].state == S.OPEN
    raised = AuditEvent.objects.get(action="duty.flags_raise")
    assert sorted(raised.after["raised"]["talk"]) == sorted(
        m.member.pk for m in (p.chair, p.standing, p.another)
    )


def test_two_plenary_absences_without_leave_flag_a_talk_and_one_does_not(p, rule):
    absent(p.plain, p.sessions[0], p.sessions[1])
    absent(p.another, p.sessions[0])
    duty_record(
        member=p.standing.member,
        kind="meeting_absent",
        qualifier="standing",
        date=DAY,
        source=p.sessions[0],
    )
    services.scores_recompute(actor=p.staff, rule=rule)
    assert flags(rule)["李委员"].reasons == ["无故缺席会议(全体会议)2次"]
    assert sorted(flags(rule)) == ["李委员"]


def test_the_number_of_plenary_absences_that_flags_a_talk_is_the_rule_sets(p, rule):
    absent(p.another, p.sessions[0])
    services.scoring_rule_flags_set(actor=p.staff, rule=rule, talk_absences=1)
    assert sorted(flags(rule)) == ["丁委员"]
    assert AuditEvent.objects.get(action="duty.rule_flags_set").after["talk_absences"] == 1


def test_absences_outside_the_period_do_not_count(p, rule):
    absent(p.plain, p.sessions[0], p.sessions[1], day=date(2025, 12, 31))
    services.scores_recompute(actor=p.staff, rule=rule)
    assert flags(rule) == {}


def test_recomputing_raises_no_duplicate_and_a_closed_flag_stays_closed(p, rule):
    minimum(p, rule)
    talk(p, flags(rule)["李委员"])
    services.scores_recompute(actor=p.staff, rule=rule)
    services.scores_recompute(actor=p.staff, rule=rule)
    assert DutyFlag.objects.filter(rule=rule, kind=K.TALK).count() == 4
    closed = flags(rule)["李委员"]
    assert (closed.state, closed.talked_by, closed.note) == (S.DONE, "张主席", "已提醒按时参会")
    assert AuditEvent.objects.filter(action="duty.flags_raise").count() == 1


def test_an_open_flag_whose_reason_is_gone_is_withdrawn_and_a_closed_one_kept(p, rule):
    minimum(p, rule)
    talk(p, flags(rule)["李委员"])
    for who, source in ((p.plain, p.sessions[0]), (p.another, p.sessions[1])):
        duty_record(member=who.member, kind="proposal_registered", date=DAY, source=source)
    services.scores_recompute(actor=p.staff, rule=rule)
    assert sorted(flags(rule)) == ["张主席", "李委员", "王常委"]
    withdrawn = AuditEvent.objects.filter(action="duty.flags_raise").order_by("-seq").first()
    assert withdrawn.after["withdrawn"] == {"talk": [p.another.member.pk]}


def test_the_talk_is_recorded_with_its_date_who_talked_and_a_note_and_audited(p, rule):
    minimum(p, rule)
    flag = talk(p, flags(rule)["李委员"], note="委员表示今后按时参加活动")
    flag.refresh_from_db()
    assert (flag.state, flag.talked_on, flag.closed_by) == (S.DONE, DAY, p.staff)
    event = AuditEvent.objects.get(action="duty.flag_talk")
    assert event.before == {"state": "open"} and event.after["talked_by"] == "张主席"


def test_a_talk_needs_who_talked_and_cannot_be_dated_later_than_today(p, rule):
    minimum(p, rule)
    flag = flags(rule)["李委员"]
    with pytest.raises(ServiceError, match="请填写谈话人"):
        talk(p, flag, talked_by=" ")
    with pytest.raises(ServiceError, match="谈话日期不能晚于今天"):
        talk(p, flag, talked_on=date(2100, 1, 1))


def test_a_closed_flag_cannot_be_closed_again(p, rule):
    minimum(p, rule)
    flag = talk(p, flags(rule)["李委员"])
    with pytest.raises(ServiceError) as refused:
        talk(p, flag)
    assert (refused.value.status, refused.value.code) == (409, "duty_flag_wrong_state")


def test_each_flag_offers_only_the_steps_of_its_kind(p, rule):
    minimum(p, rule)
    flag = flags(rule)["李委员"]
    assert [tr.action for tr in FLAG.offered(p.staff, flag)] == ["talk"]
    with pytest.raises(ServiceError) as refused:
        services.flag_commend(actor=p.staff, flag=flag)
    assert (refused.value.status, refused.value.code) == (409, "duty_flag_not_commend")


def test_leaders_read_flags_but_only_the_office_records_their_outcome(p, rule):
    minimum(p, rule)
    flag = flags(rule)["李委员"]
    assert FLAG.offered(p.chair.member.user, flag) == []
    with pytest.raises(ServiceError) as refused:
        services.flag_talk(
            actor=p.chair.member.user, flag=flag, talked_on=DAY, talked_by="张主席", note=""
        )
    assert (refused.value.status, refused.value.code) == (403, "duty_flag_forbidden")


@pytest.fixture
def two_periods(p):
    """Members without a proposal in 2025 and in 2026: flagged for a talk in both."""
    earlier = services.scoring_rule_create(actor=p.staff, term=p.term, year=2025)
    minimum(p, earlier)
    duty_record(member=p.plain.member, kind="proposal_registered", date=DAY, source=p.sessions[0])
    later = services.scoring_rule_create(actor=p.staff, term=p.term, year=2026)
    minimum(p, later)
    return earlier, later


def test_a_member_flagged_for_a_talk_in_two_periods_of_the_term_is_suggested_for_exit(
    p, two_periods
):
    earlier, later = two_periods
    assert flags(earlier, K.EXIT) == {}
    exits = flags(later, K.EXIT)
    assert sorted(exits) == ["丁委员", "张主席", "王常委"]
    assert exits["丁委员"].reasons == ["本届已在2个考核期间被提示谈话"]


def test_the_number_of_periods_that_suggests_exit_is_the_rule_sets(p, two_periods):
    earlier, later = two_periods
    services.scoring_rule_flags_set(actor=p.staff, rule=later, exit_after=3)
    assert flags(later, K.EXIT) == {}


def test_carrying_out_an_exit_ends_the_membership_through_the_members_exit(p, two_periods):
    flag = flags(two_periods[1], K.EXIT)["丁委员"]
    services.flag_exit(actor=p.staff, flag=flag, left_on=DAY, reason="履职不合格")
    membership = Membership.objects.get(member=p.another.member, term=p.term)
    assert (membership.left_on, membership.left_reason) == (DAY, "履职不合格")
    flag.refresh_from_db()
    assert (flag.state, flag.outcome_label) == (S.DONE, "已退出")
    assert AuditEvent.objects.filter(action="membership.update").exists()
    assert AuditEvent.objects.get(action="duty.flag_exit").after["note"] == "履职不合格"


def test_a_member_who_has_left_is_flagged_for_nothing_and_their_exit_is_not_offered(p, two_periods):
    earlier, later = two_periods
    flag = flags(later, K.EXIT)["丁委员"]
    services.flag_exit(actor=p.staff, flag=flag, left_on=DAY, reason="履职不合格")
    services.scores_recompute(actor=p.staff, rule=earlier)
    assert "丁委员" not in flags(earlier)  # the open talk is withdrawn: nobody to talk to
    other = flags(later, K.EXIT)["王常委"]
    Membership.objects.filter(member=p.standing.member).update(left_on=DAY)
    assert [tr.action for tr in FLAG.offered(p.staff, other)] == ["keep"]
    with pytest.raises(ServiceError) as refused:
        services.flag_exit(actor=p.staff, flag=other, left_on=DAY, reason="履职不合格")
    assert refused.value.code == "duty_flag_member_left"
    services.scores_recompute(actor=p.staff, rule=later)
    assert "王常委" not in flags(later) and "王常委" not in flags(later, K.EXIT)


def test_an_exit_suggestion_is_declined_with_a_reason_and_not_raised_again(p, two_periods):
    earlier, later = two_periods
    flag = flags(later, K.EXIT)["丁委员"]
    with pytest.raises(ServiceError, match="请填写理由"):
        services.flag_dismiss(actor=p.staff, flag=flag, action="keep", reason="")
    services.flag_dismiss(actor=p.staff, flag=flag, action="keep", reason="因病缺席,已补请假")
    flag.refresh_from_db()
    assert (flag.state, flag.outcome_label, flag.note) == (
        S.DISMISSED,
        "不予退出",
        "因病缺席,已补请假",
    )
    services.scores_recompute(actor=p.staff, rule=later)
    assert flags(later, K.EXIT)["丁委员"].state == S.DISMISSED


def test_an_open_exit_suggestion_of_another_period_is_not_doubled(p, two_periods):
    """2027 flags all four for a talk: three have an open suggestion from 2026, 李委员 (who
    made a proposal in 2026 only) is flagged in a second period now."""
    earlier, later = two_periods
    third = services.scoring_rule_create(actor=p.staff, term=p.term, year=2027)
    minimum(p, third)
    assert sorted(flags(third, K.EXIT)) == ["李委员"]


@pytest.fixture
def ranked(p, rule):
    """李委员 10, 王常委 and 丁委员 5 (tied second), 张主席 0."""
    sources = iter(p.sessions + [p.term, p.committee])
    for who, count in ((p.plain, 2), (p.standing, 1), (p.another, 1)):
        for _ in range(count):
            duty_record(
                member=who.member, kind="proposal_registered", date=DAY, source=next(sources)
            )
    services.scores_recompute(actor=p.staff, rule=rule)
    return rule


def test_no_one_is_shortlisted_for_commendation_until_the_rules_say_how_many(p, ranked):
    assert flags(ranked, K.COMMEND) == {}


def test_the_top_n_are_shortlisted_for_commendation_with_ties_at_the_last_rank(p, ranked):
    services.scoring_rule_flags_set(actor=p.staff, rule=ranked, commend_top=2)
    shortlisted = flags(ranked, K.COMMEND)
    assert sorted(shortlisted) == ["丁委员", "李委员", "王常委"]
    assert shortlisted["李委员"].reasons == ["总分10.00分,排名第1"]


def test_the_top_share_is_shortlisted_rounded_up_and_a_zero_total_never(p, ranked):
    services.scoring_rule_flags_set(actor=p.staff, rule=ranked, commend_share=25)
    assert sorted(flags(ranked, K.COMMEND)) == ["李委员"]
    services.scoring_rule_flags_set(actor=p.staff, rule=ranked, commend_share=100)
    assert "张主席" not in flags(ranked, K.COMMEND)


def test_a_member_flagged_for_a_talk_is_not_shortlisted_for_commendation(p, ranked):
    absent(p.plain, p.term, p.committee)
    services.scoring_rule_flags_set(actor=p.staff, rule=ranked, commend_top=1)
    assert "李委员" not in flags(ranked, K.COMMEND) and "李委员" in flags(ranked)


def test_a_shortlisted_member_is_confirmed_or_dropped_with_a_reason(p, ranked):
    services.scoring_rule_flags_set(actor=p.staff, rule=ranked, commend_top=2)
    shortlisted = flags(ranked, K.COMMEND)
    services.flag_commend(actor=p.staff, flag=shortlisted["李委员"], note="优秀政协委员")
    services.flag_dismiss(
        actor=p.staff, flag=shortlisted["王常委"], action="drop", reason="名额有限"
    )
    labels = {name: f.outcome_label for name, f in flags(ranked, K.COMMEND).items()}
    assert labels == {"李委员": "已确认表彰", "王常委": "未列入表彰", "丁委员": "待办理"}
    services.scoring_rule_flags_set(actor=p.staff, rule=ranked, commend_top=None)
    assert sorted(flags(ranked, K.COMMEND)) == ["李委员", "王常委"]


@pytest.mark.parametrize(
    "changes",
    [{"talk_absences": 0}, {"exit_after": 1}, {"commend_share": 101}, {"commend_top": True}],
)
def test_flag_settings_out_of_bounds_are_refused_in_chinese(p, rule, changes):
    with pytest.raises(ServiceError) as refused:
        services.scoring_rule_flags_set(actor=p.staff, rule=rule, **changes)
    assert refused.value.code == "flag_settings_invalid"


def test_only_the_office_sets_when_flags_are_raised(p, rule):
    with pytest.raises(ServiceError) as refused:
        services.scoring_rule_flags_set(actor=p.chair.member.user, rule=rule, commend_top=3)
    assert refused.value.status == 403
