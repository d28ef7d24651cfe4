"""述职 (a member's report of duty): drafted from the record in seed 003's order, edited and
submitted by the member, heard at a standing-committee meeting and assessed by the office;
who may read it and who may not."""

import re
from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from zhengxie.core.errors import ServiceError
from zhengxie.core.http import DOCX
from zhengxie.core.models import AuditEvent
from zhengxie.core.workflow import problems
from zhengxie.duty import services
from zhengxie.duty.actions import REPORT_ACTIONS
from zhengxie.duty.models import DutyReport, ScoringMinimum
from zhengxie.duty.services import duty_record
from zhengxie.duty.tests.test_cards import read
from zhengxie.duty.workflow import REPORT
from zhengxie.meetings import services as meetings
from zhengxie.meetings.tests.conftest import chairs_meeting
from zhengxie.members.models import Member
from zhengxie.members.tests.test_list_query_counts import members as directory_members
from zhengxie.proposals.tests.conftest import cycle_for
from zhengxie.testing import ROW, ListPin, assert_list_queries_pinned, read_as
from zhengxie.testing_payloads import server_errors

YEAR = 2026
R = DutyReport.State


def draft(p, who=None, actor=None, **extra) -> DutyReport:
    who = who or p.plain
    return services.duty_report_draft(
        actor=actor or who.member.user, member=who.member, year=YEAR, **extra
    )


def standing_meeting(p):
    return meetings.meeting_create(
        actor=p.staff,
        kind="standing",
        title="十届第五次常委会议",
        starts_at=timezone.make_aware(datetime(YEAR, 12, 20, 9)),
        place="县政协四楼会议室",
        invite_rule="standing",
        notify_invitees=False,
    )


def test_every_report_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(REPORT, REPORT_ACTIONS) == []
    assert set(REPORT_ACTIONS) == set(REPORT.transitions)


def test_the_draft_tells_the_proposals_by_title_and_what_became_of_them(p):
    cycle_for(p).replied()  # 李委员's proposal, registered, replied A
    duty_record(member=p.plain.member, kind="training", date=date(YEAR, 3, 1), hours=4)
    duty_record(member=p.plain.member, kind="other", date=date(YEAR, 6, 1), note="走访农户60多户")
    report = draft(p)
    assert report.title == "李委员2026年度履职情况报告"
    assert report.text.startswith("2026年,我作为测试县政协十届委员")
    assert "按照十届三次会议精神" in report.text
    assert "《关于加强农村学校寄宿条件建设的建议》(" in report.text and "A类" in report.text
    assert "一、注重学习" in report.text and "学习培训1次,累计4.0学时" in report.text
    assert "走访农户60多户" in report.text
    assert report.text.rstrip().endswith("努力成为一名合格、优秀的政协委员。")
    assert AuditEvent.objects.get(action="duty.report_draft").after["member"] == p.plain.member.pk


def test_the_draft_tells_meetings_attended_and_leaves_out_what_the_record_lacks(p):
    meeting = chairs_meeting(p)
    duty_record(
        member=p.plain.member,
        kind="meeting_attendance",
        qualifier="standing",
        date=date(YEAR, 4, 1),
        source=meeting,
    )
    text = draft(p).text
    assert "出席常委会议1次" in text and "一、遵守纪律" in text
    assert "提案" not in text.split("一、")[1] and "视察调研" not in text


def test_the_draft_names_the_minimums_not_met_among_the_shortcomings(p):
    rule = services.scoring_rule_create(actor=p.staff, term=p.term, year=YEAR)
    services.scoring_line_add(
        actor=p.staff,
        rule=rule,
        line=ScoringMinimum(kind="proposal_registered", count=1),
    )
    assert "提交提案并立案至少1次的要求尚未达到" in draft(p).text


def test_a_member_drafts_their_own_and_the_office_anyones_but_no_one_twice(p):
    draft(p)
    with pytest.raises(ServiceError) as refused:
        draft(p, actor=p.staff)
    assert (refused.value.status, refused.value.code) == (409, "duty_report_exists")
    assert draft(p, who=p.another, actor=p.staff).member == p.another.member
    for actor in (p.plain.member.user, p.chair.member.user, p.unit_user):
        with pytest.raises(ServiceError) as refused:
            draft(p, who=p.standing, actor=actor)
        assert refused.value.status == 403


def test_a_whole_term_report_is_drafted_for_the_term(p):
    report = draft(p, term=p.term)
    assert (report.year, report.title) == (None, "李委员十届履职情况报告")
    assert report.text.startswith("十届任期内")


def test_the_member_edits_and_submits_then_can_no_longer_edit(p):
    report = draft(p)
    user = p.plain.member.user
    services.duty_report_edit(actor=user, report=report, title="我的述职", text="一年来……")
    with pytest.raises(ServiceError) as refused:
        services.duty_report_edit(actor=p.staff, report=report, title="改", text="改")
    assert refused.value.code == "duty_report_forbidden"
    services.duty_report_submit(actor=user, report=report)
    report.refresh_from_db()
    assert (report.state, report.title, report.text) == (R.SUBMITTED, "我的述职", "一年来……")
    with pytest.raises(ServiceError) as refused:
        services.duty_report_edit(actor=user, report=report, title="再改", text="再改")
    assert (refused.value.status, refused.value.code) == (409, "duty_report_wrong_state")


def test_the_office_schedules_it_at_a_standing_meeting_and_records_the_assessment(p):
    report = draft(p)
    services.duty_report_submit(actor=p.plain.member.user, report=report)
    with pytest.raises(ServiceError) as refused:
        services.duty_report_schedule(actor=p.staff, report=report, meeting=chairs_meeting(p))
    assert refused.value.code == "duty_report_not_standing"
    meeting = standing_meeting(p)
    services.duty_report_schedule(actor=p.staff, report=report, meeting=meeting)
    services.duty_report_assess(actor=p.staff, report=report, grade="excellent", note="履职突出")
    report.refresh_from_db()
    assert (report.state, report.meeting, report.get_grade_display()) == (
        R.ASSESSED,
        meeting,
        "优秀",
    )
    assert AuditEvent.objects.get(action="duty.report_assess").after["grade"] == "excellent"
    inbox = p.plain.member.user.notifications.values_list("title", flat=True)
    assert "您的述职已评定为“优秀”" in inbox


def test_the_office_returns_a_submitted_report_for_changes_with_a_reason(p):
    report = draft(p)
    services.duty_report_submit(actor=p.plain.member.user, report=report)
    services.duty_report_return(actor=p.staff, report=report, reason="请补充提案办理情况")
    report.refresh_from_db()
    assert report.state == R.DRAFT
    told = p.plain.member.user.notifications.first()
    assert (told.title, told.body) == ("您的述职已退回修改", "请补充提案办理情况")


def test_a_draft_is_neither_scheduled_nor_assessed(p):
    report = draft(p)
    with pytest.raises(ServiceError) as refused:
        services.duty_report_assess(actor=p.staff, report=report, grade="competent")
    assert refused.value.status == 409
    assert [tr.action for tr in REPORT.offered(p.staff, report)] == []
    assert [tr.action for tr in REPORT.offered(p.plain.member.user, report)] == ["edit", "submit"]


def test_a_member_sees_only_their_own_report(api, client, p):
    mine, theirs = draft(p), draft(p, who=p.another)
    api.login(p.plain.member.user)
    assert [r["id"] for r in api.get("/api/v1/duty/reports").json()["items"]] == [mine.pk]
    assert api.get(f"/api/v1/duty/reports/{theirs.pk}").status_code == 404
    client.force_login(p.plain.member.user)
    assert client.get(f"/duty/reports/{theirs.pk}/").status_code == 404
    assert theirs.title not in client.get("/duty/reports/").content.decode()
    read = read_as(client, p.plain.member.user, f"/duty/reports/{mine.pk}/", "/api/v1/duty/reports")
    assert mine.title in read


def test_the_office_and_leaders_read_every_report_of_their_committee_others_none(api, p, other):
    draft(p), draft(p, who=p.another)
    for user in (p.staff, p.chair.member.user):
        assert api.login(user).get("/api/v1/duty/reports").json()["count"] == 2
    assert api.login(other.staff).get("/api/v1/duty/reports").json()["count"] == 0
    assert api.login(p.unit_user).get("/api/v1/duty/reports").json()["count"] == 0


def test_the_api_drafts_edits_submits_schedules_and_assesses(api, p):
    api.login(p.plain.member.user)
    created = api.post("/api/v1/duty/reports", {"year": YEAR})
    assert created.status_code == 201, created.content
    url = f"/api/v1/duty/reports/{created.json()['id']}"
    assert created.json()["actions"] == ["edit", "submit"]
    edited = api.post(f"{url}/actions/edit", {"title": "述职", "text": "正文"})
    assert edited.json()["text"] == "正文"
    assert api.post(f"{url}/actions/submit").json()["state"] == "submitted"
    again = api.post(f"{url}/actions/submit")
    assert again.status_code == 409 and again.json()["code"] == "duty_report_wrong_state"
    api.login(p.chair.member.user)
    refused = api.post(f"{url}/actions/assess", {"grade": "competent"})
    assert refused.status_code == 403 and refused.json()["code"] == "duty_report_forbidden"
    api.login(p.staff)
    meeting = standing_meeting(p)
    assert api.post(f"{url}/actions/schedule", {"meeting_id": meeting.pk}).status_code == 200
    done = api.post(f"{url}/actions/assess", {"grade": "competent", "note": "称职"}).json()
    assert (done["state"], done["grade_label"], done["meeting"]) == (
        "assessed",
        "称职",
        "十届第五次常委会议",
    )


def test_the_office_drafts_for_a_member_through_the_api_and_a_bad_member_is_404(api, p, other):
    api.login(p.staff)
    made = api.post("/api/v1/duty/reports", {"member_id": p.another.member.pk, "year": YEAR})
    assert made.status_code == 201 and made.json()["member"] == "丁委员"
    assert api.post("/api/v1/duty/reports", {"year": YEAR}).status_code == 400
    stranger = {"member_id": other.plain.member.pk, "year": YEAR}
    assert api.post("/api/v1/duty/reports", stranger).status_code == 404
    far = api.post("/api/v1/duty/reports", {"member_id": p.plain.member.pk, "year": 2000})
    assert far.status_code == 404 and far.json()["code"] == "duty_report_no_term"


def test_the_pages_draft_edit_and_submit(login, p):
    client = login(p.plain.member.user)
    response = client.post("/duty/reports/new/", {"year": str(YEAR)})
    report = DutyReport.objects.get(member=p.plain.member)
    assert response.status_code == 302 and response["Location"] == f"/duty/reports/{report.pk}/"
    page = client.get(f"/duty/reports/{report.pk}/").content.decode()
    assert "修改述职" in page and "提交述职" in page and report.title in page
    client.post(f"/duty/reports/{report.pk}/act/edit/", {"title": "新标题", "text": "新正文"})
    client.post(f"/duty/reports/{report.pk}/act/submit/")
    report.refresh_from_db()
    assert (report.state, report.title) == (R.SUBMITTED, "新标题")
    again = client.post("/duty/reports/new/", {"year": str(YEAR)}, follow=True)
    assert "该委员该期间的述职已存在" in again.content.decode()


def test_the_office_schedules_and_assesses_on_the_page(login, p):
    report = draft(p)
    services.duty_report_submit(actor=p.plain.member.user, report=report)
    meeting = standing_meeting(p)
    client = login(p.staff)
    page = client.get(f"/duty/reports/{report.pk}/").content.decode()
    assert "十届第五次常委会议" in page and "基本称职" in page
    client.post(f"/duty/reports/{report.pk}/act/schedule/", {"meeting_id": meeting.pk})
    client.post(f"/duty/reports/{report.pk}/act/assess/", {"grade": "basic", "note": "一般"})
    report.refresh_from_db()
    assert (report.state, report.grade, report.meeting_id) == (R.ASSESSED, "basic", meeting.pk)


def test_no_report_action_payload_reaches_a_5xx(client, p):
    report = draft(p)
    ids = {"meeting_id": standing_meeting(p).pk}
    url = f"/api/v1/duty/reports/{report.pk}/actions/{{action}}"
    assert server_errors(client, p.plain.member.user, REPORT_ACTIONS, url, ids) == []
    services.duty_report_submit(actor=p.plain.member.user, report=report)
    assert server_errors(client, p.staff, REPORT_ACTIONS, url, ids) == []


def _reports(p, numbers):
    """A report of each of the directory's pinned members, drafted by the office."""
    directory_members(p, numbers)
    drafted = DutyReport.objects.values("member_id")
    for member in Member.objects.filter(name__startswith=ROW).exclude(pk__in=drafted):
        services.duty_report_draft(actor=p.staff, member=member, year=YEAR)


@pytest.mark.parametrize(
    "pin",
    [
        ListPin("/api/v1/duty/reports?limit=100", "staff", _reports, queries=4, api=True),
        ListPin("/duty/reports/", "staff", _reports, queries=12),
    ],
    ids=str,
)
def test_the_reports_list_keeps_its_query_count(pin, p, client, django_assert_num_queries):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)


def test_a_report_dated_a_year_without_a_term_is_refused(p):
    with pytest.raises(ServiceError) as refused:
        services.duty_report_draft(actor=p.staff, member=p.plain.member, year=2001)
    assert refused.value.code == "duty_report_no_term"


def test_a_report_of_a_year_not_begun_is_refused_in_chinese(api, p):
    with pytest.raises(ServiceError) as refused:
        services.duty_report_draft(
            actor=p.staff,
            member=p.plain.member,
            year=YEAR + 1,
            now=datetime(YEAR, 12, 31, 12, tzinfo=UTC),
        )
    assert refused.value.code == "duty_report_year_not_begun"
    next_year = timezone.localdate().year + 1
    response = api.login(p.plain.member.user).post("/api/v1/duty/reports", {"year": next_year})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "该年度尚未开始,不能起草述职。",
        "code": "duty_report_year_not_begun",
    }
    assert not DutyReport.objects.exists()


def test_the_report_downloads_as_a_docx_with_its_title_who_and_east_asian_fonts(api, login, p):
    report = draft(p)
    services.duty_report_edit(
        actor=p.plain.member.user,
        report=report,
        title=report.title,
        text="一、加强学习\n\n二、履职",
    )
    page = login(p.plain.member.user).get(f"/duty/reports/{report.pk}/")
    assert f'href="/duty/reports/{report.pk}.docx">下载DOCX' in page.content.decode()
    response = login(p.plain.member.user).get(f"/duty/reports/{report.pk}.docx")
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    text, _, fonts = read(response.content)
    lines = [line for line in text.splitlines() if line]
    assert lines[:4] == [
        "李委员委员2026年度履职情况述职报告",
        "委员 李委员(教育界)",
        "一、加强学习",
        "二、履职",
    ]
    assert None not in fonts
    by_api = api.login(p.chair.member.user).get(f"/api/v1/duty/reports/{report.pk}/docx")
    assert by_api.status_code == 200 and by_api.content[:2] == b"PK"


def test_a_report_docx_is_404_outside_its_audience(api, login, p, other):
    report = draft(p)
    for user in (p.another.member.user, p.unit_user, other.staff):
        assert login(user).get(f"/duty/reports/{report.pk}.docx").status_code == 404
        refused = api.login(user).get(f"/api/v1/duty/reports/{report.pk}/docx")
        assert refused.status_code == 404 and refused.json()["code"] == "not_found"
    bad = api.login(p.staff).get("/api/v1/duty/reports/0/docx")
    assert bad.status_code == 400 and re.search(r"[\u4e00-\u9fff]", bad.json()["detail"])


def _my_reports(response) -> list:
    panels = response.context["panels"]
    return next((panel.rows for panel in panels if panel.title == "我的述职"), [])


def test_a_members_home_shows_their_report_to_finish_and_why_it_was_returned(login, p):
    report = draft(p)
    member = login(p.plain.member.user)
    [row] = _my_reports(member.get("/"))
    assert (row.value, row.link) == ("草稿待提交", f"/duty/reports/{report.pk}/")
    services.duty_report_submit(actor=p.plain.member.user, report=report)
    assert _my_reports(member.get("/")) == []
    services.duty_report_return(actor=p.staff, report=report, reason="请补充参加视察的情况")
    [row] = _my_reports(member.get("/"))
    assert row.value == "已退回修改:请补充参加视察的情况" and row.alert
    assert "请补充参加视察的情况" in member.get(row.link).content.decode()
    assert _my_reports(login(p.another.member.user).get("/")) == []


def drafted_years(p, numbers):
    """A report for each year of the term (2022 to 2026), then the whole term's."""
    user = p.plain.member.user
    for n in numbers:
        period = {"year": 2022 + n} if n < 5 else {"term": p.term}
        services.duty_report_draft(actor=user, member=p.plain.member, **period)


HOME_PIN = ListPin(
    "/", "plain.member.user", drafted_years, 32, marker=lambda r: len(_my_reports(r))
)


def test_the_members_home_reads_their_reports_in_one_query(p, client, django_assert_num_queries):
    assert_list_queries_pinned(HOME_PIN, p, client, django_assert_num_queries, few=2, many=6)


def test_a_handling_unit_may_not_open_the_reports_or_self_reports_lists(login, p):
    unit = login(p.unit_user)
    assert unit.get("/duty/reports/").status_code == 403
    assert unit.post("/duty/reports/new/", {"year": 2026}).status_code == 403
    assert unit.get("/self-reports/").status_code == 403
    assert login(p.chair.member.user).get("/self-reports/").status_code == 200
