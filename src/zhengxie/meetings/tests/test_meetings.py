import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from zhengxie.core.errors import ServiceError
from zhengxie.core.models import Notification
from zhengxie.duty.models import DutyRecord
from zhengxie.meetings import permissions, queries, services
from zhengxie.meetings.models import CheckIn, Invitation, LeaveRequest
from zhengxie.meetings.stats import kind_attendance, meeting_stats, member_attendance

from .conftest import START, arrive, chairs_meeting


def codes(fn, **kwargs):
    with pytest.raises(ServiceError) as exc:
        fn(**kwargs)
    return exc.value.status, exc.value.code


def names(meeting, role="invitee"):
    return set(
        Invitation.objects.filter(meeting=meeting, role=role).values_list("member__name", flat=True)
    )


def test_invitees_are_chosen_by_rule_plus_individuals_and_observers(p):
    meeting = services.meeting_create(
        actor=p.staff,
        kind="special_committee",
        title="提案委员会会议",
        starts_at=START,
        place="二楼",
        invite_rule="special_committee",
        rule_group_id=p.special.pk,
        invitee_ids=[p.plain.member_id],
        observer_ids=[p.another.member_id],
        guests=[{"name": "王强", "title": "副县长", "kind": "leader"}],
    )
    assert names(meeting) == {"王常委", "李委员"}
    assert names(meeting, "observer") == {"丁委员"}
    assert meeting.guests.get().title == "副县长"


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("all", {"张主席", "王常委", "李委员", "丁委员"}),
        ("standing", {"张主席", "王常委"}),
        ("chairs", {"张主席"}),
    ],
)
def test_invitation_rules(p, rule, expected):
    meeting = services.meeting_create(
        actor=p.staff, kind="plenary", title="会", starts_at=START, place="礼堂", invite_rule=rule
    )
    assert names(meeting) == expected


def test_a_group_rule_needs_its_group(p):
    assert codes(
        services.meeting_create,
        actor=p.staff,
        kind="symposium",
        title="座谈",
        starts_at=START,
        place="x",
        invite_rule="station",
    ) == (400, "bad_rule")


def test_invitees_get_a_notice(meeting, p):
    assert Notification.objects.filter(
        recipient=p.standing.member.user, title__contains="会议通知"
    ).exists()


def test_leave_is_asked_before_the_meeting_only(meeting, p):
    member = p.standing.member.user
    assert codes(
        services.leave_request,
        actor=member,
        meeting=meeting,
        reason="出差",
        now=START + timedelta(minutes=1),
    ) == (409, "leave_too_late")
    services.leave_request(
        actor=member, meeting=meeting, reason="出差", now=START - timedelta(days=1)
    )
    assert codes(
        services.leave_request,
        actor=member,
        meeting=meeting,
        reason="再请",
        now=START - timedelta(days=1),
    ) == (409, "leave_twice")
    assert Notification.objects.filter(recipient=p.staff, title__contains="请假").exists()


def test_members_not_invited_cannot_ask_leave(meeting, p):
    assert codes(
        services.leave_request,
        actor=p.plain.member.user,
        meeting=meeting,
        reason="x",
        now=START - timedelta(days=1),
    ) == (403, "not_invited")


def test_staff_approve_leave_by_default_and_leaders_where_configured(meeting, p):
    member = p.standing.member.user
    leave = services.leave_request(
        actor=member, meeting=meeting, reason="出差", now=START - timedelta(days=1)
    )
    assert codes(
        services.leave_decide, actor=p.chair.member.user, leave=leave, action="approve"
    ) == (403, "leave_forbidden")
    services.leave_rule_set(actor=p.staff, kind="standing", approver="leader")
    assert codes(services.leave_decide, actor=p.staff, leave=leave, action="approve") == (
        403,
        "leave_forbidden",
    )
    approved = services.leave_decide(actor=p.chair.member.user, leave=leave, action="approve")
    assert approved.state == "approved"
    assert codes(
        services.leave_decide, actor=p.chair.member.user, leave=leave, action="approve"
    ) == (409, "leave_state")


def test_check_in_only_inside_the_window(meeting, p):
    member = p.standing.member.user
    for now in (START - timedelta(hours=2), START + timedelta(hours=4)):
        code = services.hall_code(meeting, now)
        assert codes(services.check_in, actor=member, meeting=meeting, code=code, now=now) == (
            409,
            "checkin_closed",
        )
    arrive(member, meeting, START - timedelta(minutes=50))


def test_bare_checkin_is_refused(meeting, p):
    assert codes(services.check_in, actor=p.standing.member.user, meeting=meeting, now=START) == (
        403,
        "presence_required",
    )
    assert codes(services.check_in, actor=p.staff, meeting=meeting, now=START) == (
        403,
        "presence_required",
    )
    assert not CheckIn.objects.exists()


def test_checkin_needs_the_current_hall_code(meeting, p):
    member = p.standing.member.user
    elsewhere = chairs_meeting(p, notify_invitees=False)
    for code in (
        "not-a-code",
        services.hall_code(elsewhere, START),
        services.hall_code(meeting, START + timedelta(seconds=services.HALL_WINDOW)),
    ):
        assert codes(services.check_in, actor=member, meeting=meeting, code=code, now=START) == (
            400,
            "bad_token",
        ), code
    entry = arrive(member, meeting, START)
    assert (entry.method, entry.by) == ("qr", member)


def test_expired_hall_code_is_refused(meeting, p):
    member = p.standing.member.user
    shown = START.replace(second=5)
    code = services.hall_code(meeting, shown)
    assert services.hall_code(meeting, shown + timedelta(seconds=20)) == code  # one window
    assert codes(
        services.check_in,
        actor=member,
        meeting=meeting,
        code=code,
        now=shown + timedelta(seconds=2 * services.HALL_WINDOW),
    ) == (400, "hall_code_expired")
    # Scanned just after the code turned: still good.
    entry = services.check_in(
        actor=member,
        meeting=meeting,
        code=code,
        now=shown + timedelta(seconds=services.HALL_WINDOW),
    )
    assert entry.method == "qr"


def test_staff_scans_personal_code_at_the_door(meeting, p):
    code = services.checkin_token(meeting, p.chair.member)
    assert codes(
        services.check_in, actor=p.chair.member.user, meeting=meeting, code=code, now=START
    ) == (403, "personal_code_at_door")
    assert codes(
        services.check_in, actor=p.standing.member.user, meeting=meeting, code=code, now=START
    ) == (403, "personal_code_at_door")
    entry = services.check_in(actor=p.staff, meeting=meeting, code=code, now=START)
    assert (entry.member, entry.method, entry.by) == (p.chair.member, "code", p.staff)


def test_old_static_hall_codes_are_no_proof(meeting, p):
    from django.core import signing

    old = signing.dumps([meeting.pk, None], salt=services.CHECKIN_SALT)
    assert codes(
        services.check_in, actor=p.standing.member.user, meeting=meeting, code=old, now=START
    ) == (400, "bad_token")


def test_checking_in_twice_is_harmless(meeting, p):
    member = p.standing.member.user
    first = arrive(member, meeting, START)
    second = arrive(member, meeting, START + timedelta(hours=9))
    assert first.pk == second.pk and CheckIn.objects.count() == 1


def test_staff_check_in_someone_at_the_door_but_members_cannot(meeting, p):
    entry = services.check_in(actor=p.staff, meeting=meeting, member=p.chair.member, now=START)
    assert entry.method == "staff" and entry.by == p.staff
    assert codes(
        services.check_in,
        actor=p.standing.member.user,
        meeting=meeting,
        member=p.chair.member,
        now=START,
    ) == (403, "forbidden")


def test_absent_without_leave_and_attendance_go_to_the_duty_record(meeting, p):
    services.leave_request(
        actor=p.chair.member.user, meeting=meeting, reason="公务", now=START - timedelta(days=1)
    )
    leave = LeaveRequest.objects.get()
    services.leave_decide(actor=p.staff, leave=leave, action="refuse", note="会议重要")
    sheet = queries.attendance(meeting)
    assert (sheet.expected, sheet.present, sheet.on_leave, sheet.absent) == (2, 0, 0, 2)
    arrive(p.standing.member.user, meeting, START)
    assert codes(services.meeting_close, actor=p.staff, meeting=meeting, now=START) == (
        409,
        "not_ended",
    )
    services.meeting_close(actor=p.staff, meeting=meeting, now=START + timedelta(hours=4))
    # The meeting's kind goes with them: the scoring rules deduct a standing meeting's absence.
    kinds = set(DutyRecord.objects.values_list("member__name", "kind", "qualifier"))
    assert kinds == {
        ("王常委", "meeting_attendance", "standing"),
        ("张主席", "meeting_absent", "standing"),
    }
    assert codes(
        services.meeting_close, actor=p.staff, meeting=meeting, now=START + timedelta(hours=5)
    ) == (409, "already_closed")


def test_approved_leave_is_not_absence(meeting, p):
    leave = services.leave_request(
        actor=p.chair.member.user, meeting=meeting, reason="公务", now=START - timedelta(days=1)
    )
    services.leave_decide(actor=p.staff, leave=leave, action="approve")
    sheet = queries.attendance(meeting)
    assert (sheet.on_leave, sheet.absent) == (1, 1)


def test_training_meetings_count_toward_the_training_duty(p):
    meeting = services.meeting_create(
        actor=p.staff,
        kind="training",
        title="委员履职培训班",
        starts_at=START,
        place="党校",
        invite_rule="all",
    )
    arrive(p.plain.member.user, meeting, START)
    services.meeting_close(actor=p.staff, meeting=meeting, now=START + timedelta(hours=4))
    assert DutyRecord.objects.filter(member=p.plain.member, kind="training").exists()


def test_meeting_counts_by_kind_for_a_period(meeting, p):
    chairs_meeting(p)
    stats = meeting_stats(p.committee, START.date(), START.date())
    assert stats["total"] == 2 and stats["by_kind"]["standing"] == 1
    assert meeting_stats(p.committee, START.date() + timedelta(days=1), None)["total"] == 0


@pytest.mark.django_db(transaction=True)
def test_many_members_checking_in_at_once_lose_nothing(transactional_db):
    from zhengxie.members.services import member_create
    from zhengxie.testing import build_committee

    p = build_committee()
    people = [
        member_create(
            actor=None,
            committee=p.committee,
            term=p.term,
            sector=p.economy,
            name=f"委员{i:02d}",
            gender="男",
            party="群众",
            employer_title="x",
        ).member
        for i in range(40)
    ]
    meeting = services.meeting_create(
        actor=p.staff,
        kind="plenary",
        title="全体会议",
        starts_at=START,
        place="礼堂",
        invite_rule="all",
        notify_invitees=False,
    )
    barrier = threading.Barrier(8)

    def scan(member):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=5)
        try:
            return services.check_in(
                actor=p.staff, meeting=meeting, member=member, now=START
            ).member_id
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        done = list(pool.map(scan, people + people[:10]))
    assert len(done) == 50
    assert CheckIn.objects.filter(meeting=meeting).count() == 40


def test_attendance_rate_per_meeting_kind(meeting, p):
    arrive(p.standing.member.user, meeting, START)
    services.meeting_close(actor=p.staff, meeting=meeting, now=START + timedelta(hours=4))
    rows = kind_attendance(p.committee, None, None)
    assert rows == [
        {
            "kind": "standing",
            "label": "常委会议",
            "meetings": 1,
            "expected": 2,
            "present": 1,
            "on_leave": 0,
            "observers": 0,
            "rate": 0.5,
        }
    ]


def test_staff_set_who_approves_leave_on_the_stats_page(meeting, p, login):
    login(p.staff).post("/meetings/leave-rules/", {"standing": "leader"})
    leave = services.leave_request(
        actor=p.standing.member.user, meeting=meeting, reason="出差", now=START - timedelta(days=1)
    )
    assert permissions.may_decide_leave(p.chair.member.user, leave.meeting)
    assert not permissions.may_decide_leave(p.staff, leave.meeting)


def _held(p, title, rule, **kw):
    return services.meeting_create(
        actor=p.staff,
        kind="symposium",
        title=title,
        starts_at=START,
        place="x",
        invite_rule=rule,
        notify_invitees=False,
        **kw,
    )


def _close(p, *meetings):
    for meeting in meetings:
        services.meeting_close(actor=p.staff, meeting=meeting, now=START + timedelta(hours=4))


def _row(rows, name):
    return next(r for r in rows if r["name"] == name)


def test_observer_checkin_is_not_member_attendance(p):
    observed = _held(p, "列席的座谈会", "chairs", observer_ids=[p.plain.member_id])
    invited = _held(p, "受邀的座谈会", "none", invitee_ids=[p.plain.member_id])
    arrive(p.plain.member.user, observed)
    _close(p, observed, invited)
    row = _row(member_attendance(p.committee, None, None), "李委员")
    assert (row["invited"], row["present"], row["absent"], row["observed"]) == (1, 0, 1, 1)
    assert row["rate"] == 0.0
    [kind] = kind_attendance(p.committee, None, None)
    assert (kind["expected"], kind["present"], kind["observers"]) == (2, 0, 1)
    assert not DutyRecord.objects.filter(member=p.plain.member, kind="meeting_attendance")


def test_person_counts_once_present_wins_over_leave(meeting, p):
    for persona in (p.chair, p.standing):
        leave = services.leave_request(
            actor=persona.member.user,
            meeting=meeting,
            reason="出差",
            now=START - timedelta(days=1),
        )
        services.leave_decide(actor=p.staff, leave=leave, action="approve")
    arrive(p.chair.member.user, meeting)  # came after all
    later = _held(p, "主席会议", "chairs")
    _close(p, meeting, later)
    rows = member_attendance(p.committee, None, None)
    chair = _row(rows, "张主席")
    assert (chair["invited"], chair["present"], chair["on_leave"], chair["absent"]) == (2, 1, 0, 1)
    standing = _row(rows, "王常委")
    assert (standing["present"], standing["on_leave"], standing["absent"]) == (0, 1, 0)
    kinds = {k["kind"]: k for k in kind_attendance(p.committee, None, None)}
    assert (kinds["standing"]["expected"], kinds["standing"]["present"]) == (2, 1)
    assert kinds["standing"]["on_leave"] == 1


def test_no_absence_before_the_meeting_starts(meeting, p, login):
    early = START - timedelta(minutes=30)
    sheet = queries.attendance(meeting, early)
    assert (sheet.absent, sheet.awaiting, sheet.absent_members) == (0, 2, [])
    counts = queries.live_counts(meeting, early)
    assert (counts["absent"], counts["awaiting"]) == (0, 2)
    late = queries.attendance(meeting, START + timedelta(minutes=1))
    assert (late.absent, late.awaiting) == (2, 0)
    upcoming = services.meeting_create(
        actor=p.staff,
        kind="standing",
        title="下周的常委会议",
        starts_at=timezone.now() + timedelta(days=7),
        place="x",
        invite_rule="standing",
        notify_invitees=False,
    )
    page = login(p.staff).get(f"/meetings/{upcoming.pk}/").content.decode()
    assert "待签到 2" in page and "缺席" not in page


def _soon(p, days):
    return services.meeting_create(
        actor=p.staff,
        kind="standing",
        title=f"{days}天后的常委会议",
        starts_at=timezone.now() + timedelta(days=days),
        place="x",
        invite_rule="standing",
        notify_invitees=False,
    )


def test_the_meeting_list_shows_pending_leave_to_its_approvers(
    p, login, django_assert_max_num_queries, django_assert_num_queries
):
    first = _soon(p, 1)
    for persona in (p.chair, p.standing):
        services.leave_request(actor=persona.member.user, meeting=first, reason="出差")
    client = login(p.staff)
    with django_assert_max_num_queries(11) as few:
        page = client.get("/meetings/").content.decode()
    assert f'data-pending-leave="{first.pk}"' in page and "待审批2人" in page
    for days in (2, 3, 4):
        services.leave_request(actor=p.chair.member.user, meeting=_soon(p, days), reason="出差")
    with django_assert_num_queries(len(few)):
        page = client.get("/meetings/").content.decode()
    assert page.count("data-pending-leave") == 4
    member = login(p.standing.member.user).get("/meetings/").content.decode()
    assert "data-pending-leave" not in member


def test_stats_page_title_is_plain_text(p, login):
    page = login(p.staff).get("/meetings/stats/").content.decode()
    title = page[page.index("<title>") + 7 : page.index("</title>")]
    assert title == "会议统计 · 政协履职协商平台"
    assert page.count('action="/meetings/leave-rules/"') == 1
    assert 'href="#leave-rules"' in page and 'id="leave-rules"' in page


def test_the_home_counter_counts_the_leave_the_user_decides(p):
    from zhengxie.meetings.panels import leave_approvals

    services.leave_request(actor=p.standing.member.user, meeting=_soon(p, 2), reason="出差")

    def pending(user):
        [panel] = leave_approvals(user)
        return panel.rows[0].value

    assert (pending(p.staff), pending(p.chair.member.user)) == (1, 0)
    services.leave_rule_set(actor=p.staff, kind="standing", approver="leader")
    assert (pending(p.staff), pending(p.chair.member.user)) == (0, 1)


def test_attendance_statistics_do_not_grow_with_meetings(
    p, login, django_assert_max_num_queries, django_assert_num_queries
):
    _close(p, _held(p, "座谈会", "all"))
    client = login(p.staff)
    with django_assert_max_num_queries(14) as few:
        assert "李委员" in client.get("/meetings/stats/").content.decode()
    for n in range(3):
        meeting = _held(p, f"座谈会{n}", "all", observer_ids=[])
        arrive(p.plain.member.user, meeting)
        _close(p, meeting)
    with django_assert_num_queries(len(few)):
        client.get("/meetings/stats/")


def test_the_leave_counter_opens_the_leave_it_counts(
    p, login, django_assert_max_num_queries, django_assert_num_queries
):
    from zhengxie.meetings.panels import leave_approvals

    services.leave_request(actor=p.chair.member.user, meeting=_soon(p, 1), reason="出差")
    client = login(p.staff)
    [panel] = leave_approvals(p.staff)
    pending, coming = panel.rows
    assert pending.link == "/meetings/?filter=leave_pending" and pending.value == 1
    with django_assert_max_num_queries(11) as few:
        page = client.get(pending.link)
    assert page.context["page"].paginator.count == 1 and "出差" in page.content.decode()
    for days in (2, 3, 4):
        services.leave_request(actor=p.standing.member.user, meeting=_soon(p, days), reason="出差")
    with django_assert_num_queries(len(few)):
        assert client.get(pending.link).context["page"].paginator.count == 4
    assert coming.link == "/meetings/?filter=coming"
    assert client.get(coming.link).context["page"].paginator.count == coming.value + 3


@pytest.mark.parametrize("value", ["nonsense", "x" * 500, "a\x00b"])
def test_an_unknown_meeting_list_filter_is_refused_not_an_error(p, login, value):
    response = login(p.staff).get("/meetings/", {"filter": value})
    assert response.status_code == 400
    assert "upcoming" in response.context
