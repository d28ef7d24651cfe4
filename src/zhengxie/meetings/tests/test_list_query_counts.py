"""Every list page, export and list endpoint of meetings, and the sign-in sheet a meeting's
page lists, loads in the same number of queries with a few rows and with many: an N+1 fails
here (STYLE.md 17). The statistics pages are pinned with the statistics registry."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhengxie.meetings import services, speeches, voting
from zhengxie.members.models import Membership
from zhengxie.members.services import member_create, member_grant_login
from zhengxie.testing import PASSWORD, ROW, ListPin, assert_list_queries_pinned, counter


def _meeting(p, title, starts_in, kind="symposium", **fields):
    return services.meeting_create(
        actor=p.staff,
        kind=kind,
        title=title,
        starts_at=timezone.now() + starts_in,
        place="县政协四楼会议室",
        invite_rule="all",
        notify_invitees=False,
        **fields,
    )


def coming(p, numbers):
    for n in numbers:
        _meeting(p, f"{ROW}{n}", timedelta(days=n + 1))


def held(p, numbers):
    for n in numbers:
        _meeting(p, f"{ROW}{n}", -timedelta(days=n + 1))


def leave_asked(p, numbers):
    for n in numbers:
        meeting = _meeting(p, f"{ROW}{n}", timedelta(days=n + 1))
        services.leave_request(actor=p.plain.member.user, meeting=meeting, reason="出差")


def briefings(p, numbers):
    items = [
        {"member": p.plain.member, "opinion": "建议"},
        {"member": p.another.member, "opinion": "赞同"},
    ]
    for n in numbers:
        speeches.briefing_issue(
            actor=p.staff, session=p.sessions[-1], title=f"{ROW}{n}", items=items
        )


def _row_members(p, numbers):
    """New members of the term, one a row, invited to any meeting for all made after them."""
    return [
        member_create(
            actor=p.staff,
            committee=p.committee,
            term=p.term,
            sector=p.economy,
            name=f"{ROW}{n}",
            gender="男",
            party="群众",
            employer_title="某单位",
        )
        for n in numbers
    ]


def signed_in(p, numbers):
    """A meeting under way (`p.meeting`) whose invitees include the new members, each checked
    in by hand at the door."""
    if not numbers:
        return
    _row_members(p, numbers)
    p.meeting = _meeting(p, "座谈会", -timedelta(minutes=30))
    for invitation in p.meeting.invitations.select_related("member"):
        if invitation.member.name.startswith(ROW):
            services.check_in(actor=p.staff, meeting=p.meeting, member=invitation.member)


def busy(p, numbers):
    """A coming plenary session (`p.meeting`, made again with every row so far): each row a
    member who asked leave and handed in a speech, a vote and a material."""
    if not numbers:
        return
    for n, membership in zip(numbers, _row_members(p, numbers), strict=True):
        member_grant_login(
            actor=p.staff, membership=membership, username=f"row{n}", password=PASSWORD
        )
    p.meeting = _meeting(p, "全体会议", timedelta(days=1), kind="plenary")
    rows = Membership.objects.filter(member__name__startswith=ROW).select_related("member__user")
    for n, membership in enumerate(rows):
        user = membership.member.user
        services.leave_request(actor=user, meeting=p.meeting, reason="出差")
        speeches.speech_submit(
            actor=user, meeting=p.meeting, kind="written", title=f"发言{n}", text="正文"
        )
        voting.vote_create(
            actor=p.staff, meeting=p.meeting, kind="motion", title=f"表决{n}", options=[]
        )
        upload = SimpleUploadedFile(f"材料{n}.pdf", b"%PDF-1.4 x")
        services.material_add(actor=p.staff, meeting=p.meeting, upload=upload)


PINS = [
    ListPin("/meetings/", "staff", coming, queries=11),
    ListPin("/meetings/", "staff", held, queries=11),
    ListPin("/meetings/", "plain.member.user", coming, queries=13),
    ListPin("/meetings/?filter=leave_pending", "staff", leave_asked, queries=11),
    ListPin("/meetings/?filter=coming", "plain.member.user", coming, queries=12),
    ListPin("/meetings/briefings/", "staff", briefings, queries=13),
    ListPin("/meetings/{p.meeting.pk}/", "staff", signed_in, queries=23),
    ListPin("/meetings/{p.meeting.pk}/", "staff", busy, queries=24),
    ListPin("/meetings/{p.meeting.pk}/", "chair.member.user", busy, queries=23),
    ListPin("/meetings/{p.meeting.pk}/attendance.xlsx", "staff", signed_in, queries=11),
    # 47: the office home counts its queue of self-reported activities and its open duty flags
    # (duty.panels) too.
    ListPin("/", "staff", leave_asked, queries=47, marker=counter("待审批的请假")),
    ListPin("/", "chair.member.user", coming, queries=39, marker=counter("即将召开的会议")),
    ListPin("/api/v1/meetings", "staff", coming, queries=3, api=True),
    ListPin("/api/v1/meetings", "plain.member.user", held, queries=4, api=True),
    ListPin(
        "/api/v1/meetings/{p.meeting.pk}/attendance",
        "staff",
        signed_in,
        queries=7,
        marker=lambda response: response.json()["present"],
        api=True,
    ),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_meeting_list_queries_do_not_grow_with_rows(
    pin, p, client, django_assert_num_queries, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
