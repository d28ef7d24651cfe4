"""Self-reported activities (委员自报履职活动): a member reports, the office confirms or returns;
only a confirmed one is a duty record."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhengxie.core.errors import ServiceError
from zhengxie.core.models import AuditEvent
from zhengxie.core.services import committee_create
from zhengxie.core.workflow import problems
from zhengxie.duty import services
from zhengxie.duty.actions import ACTIONS
from zhengxie.duty.models import ActivityKind, DutyRecord, SelfReport
from zhengxie.duty.workflow import SELF_REPORT
from zhengxie.testing import ROW, ListPin, assert_list_queries_pinned

DAY = timezone.localdate() - timedelta(days=2)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _report(p, who=None, **extra):
    values = {"kind": "捐资助学", "date": DAY, "description": "资助城关镇贫困学生5名"} | extra
    return services.self_report_submit(actor=(who or p.plain).member.user, **values)


def test_every_self_report_transition_has_a_schema_a_service_and_a_known_actor():
    assert problems(SELF_REPORT, ACTIONS) == []


def test_a_committee_starts_with_the_default_activity_kinds(db):
    committee = committee_create(
        actor=None, name="新县政协", full_name="中国人民政治协商会议新县委员会"
    )
    names = list(ActivityKind.objects.filter(committee=committee).values_list("name", flat=True))
    assert names[:3] == ["为群众办实事", "捐资助学", "委员工作室接待"]


def test_a_self_report_counts_only_once_confirmed(p):
    report = _report(p)
    assert not DutyRecord.objects.filter(member=p.plain.member).exists()
    services.self_report_confirm(actor=p.staff, report=report)
    record = DutyRecord.objects.get(member=p.plain.member)
    assert (record.kind, record.qualifier, record.date) == ("activity", "捐资助学", DAY)
    assert record.source == report
    assert AuditEvent.objects.filter(action="duty.self_report_confirm").count() == 1


def test_a_returned_report_does_not_count_and_tells_why(p, login):
    report = services.self_report_return(actor=p.staff, report=_report(p), reason="请补充受助名单")
    assert report.state == SelfReport.State.RETURNED and report.reason == "请补充受助名单"
    assert not DutyRecord.objects.exists()
    page = login(p.plain.member.user).get(f"/self-reports/{report.pk}/").content.decode()
    assert "请补充受助名单" in page and "修改后重新报送" in page
    again = services.self_report_resubmit(
        actor=p.plain.member.user,
        report=report,
        kind="捐资助学",
        date=DAY,
        description="资助贫困学生5名(附名单)",
    )
    assert again.state == SelfReport.State.PENDING and again.reason == ""


def test_returning_needs_a_reason(p):
    with pytest.raises(ServiceError) as refused:
        services.self_report_return(actor=p.staff, report=_report(p), reason=" ")
    assert refused.value.problem == services.REASON_REQUIRED


def test_a_kind_off_the_committees_list_is_refused_but_other_is_taken(p):
    with pytest.raises(ServiceError) as refused:
        _report(p, kind="随便写的类别")
    assert refused.value.problem == services.UNKNOWN_ACTIVITY
    assert _report(p, kind="其他").kind == "其他"


def test_the_office_extends_the_list_of_activity_kinds(p, login):
    login(p.staff).post("/self-reports/kinds/new/", {"name": "送法律下乡"})
    assert _report(p, kind="送法律下乡").kind == "送法律下乡"
    with pytest.raises(ServiceError):
        services.activity_kind_add(actor=p.plain.member.user, name="委员自己加的")


def test_only_the_office_confirms_and_only_the_member_resubmits(api, p):
    report = _report(p)
    path = f"/api/v1/self-reports/{report.pk}/actions/confirm"
    for user in (p.plain.member.user, p.chair.member.user):
        response = api.login(user).post(path)
        assert response.status_code == 403 and response.json()["code"] == "self_report_forbidden"
    assert api.login(p.staff).post(path).json()["state"] == "confirmed"
    again = api.login(p.staff).post(path)
    assert again.status_code == 409 and again.json()["code"] == "self_report_wrong_state"
    assert "已确认" in again.json()["detail"]
    assert DutyRecord.objects.filter(kind="activity").count() == 1


def test_the_member_reads_only_their_own_reports(api, login, p):
    mine, theirs = _report(p), _report(p, who=p.another)
    body = api.login(p.plain.member.user).get("/api/v1/self-reports").json()
    assert [r["id"] for r in body["items"]] == [mine.pk]
    assert api.get(f"/api/v1/self-reports/{theirs.pk}").status_code == 404
    assert login(p.plain.member.user).get(f"/self-reports/{theirs.pk}/").status_code == 404
    assert api.login(p.chair.member.user).get("/api/v1/self-reports").json()["count"] == 2


def test_another_committee_gets_404(api, p, other):
    report = _report(p)
    assert api.login(other.staff).get(f"/api/v1/self-reports/{report.pk}").status_code == 404
    response = api.post(f"/api/v1/self-reports/{report.pk}/actions/confirm")
    assert response.status_code == 404 and not DutyRecord.objects.exists()


def test_the_evidence_is_the_members_and_the_offices_only(api, login, p):
    report = services.self_report_submit(
        actor=p.plain.member.user,
        kind="捐资助学",
        date=DAY,
        description="资助",
        upload=SimpleUploadedFile("收据.pdf", PDF),
    )
    stored = report.files.get()
    url = f"/self-reports/{report.pk}/files/{stored.pk}/"
    for user, status in ((p.plain.member.user, 200), (p.staff, 200), (p.chair.member.user, 404)):
        assert login(user).get(url).status_code == status
        api.login(user)
        listed = api.get(f"/api/v1/self-reports/{report.pk}").json()["files"]
        assert bool(listed) is (status == 200)
    assert AuditEvent.objects.filter(action="duty.self_report_attach").count() == 1


def test_a_member_submits_on_the_page_and_the_office_confirms_there(login, p):
    client = login(p.plain.member.user)
    client.post(
        "/self-reports/new/",
        {"kind": "委员工作室接待", "date": DAY.isoformat(), "description": "接待群众12人次"},
    )
    report = SelfReport.objects.get()
    assert report.member == p.plain.member and report.state == "pending"
    office = login(p.staff)
    queue = office.get("/self-reports/", {"filter": "pending"}).content.decode()
    assert "接待群众12人次" in queue
    office.post(f"/self-reports/{report.pk}/act/confirm/")
    assert DutyRecord.objects.filter(kind="activity", qualifier="委员工作室接待").exists()
    record = login(p.plain.member.user).get("/duty/record/").content.decode()
    assert "自报履职活动(委员工作室接待)" in record and "接待群众12人次" in record


def test_the_office_home_counts_the_queue(login, p):
    _report(p)
    _report(p, who=p.another)
    panels = login(p.staff).get("/").context["panels"]
    row = next(r for panel in panels for r in panel.rows if r.label == "待确认的自报履职活动")
    assert row.value == 2 and row.link == "/self-reports/?filter=pending"


@pytest.mark.parametrize(
    "payload",
    [
        {"kind": "捐资助学", "date": "2026-13-01", "description": "x"},
        {"kind": "捐资助学", "date": DAY.isoformat(), "description": ""},
        {"kind": "捐资助学", "date": DAY.isoformat(), "description": "x" * 2001},
        {"kind": "捐资助学", "date": DAY.isoformat(), "description": "x", "hours": "0"},
        {"kind": "x" * 41, "date": DAY.isoformat(), "description": "x"},
        {"kind": "捐资助学", "date": (DAY + timedelta(days=9)).isoformat(), "description": "x"},
        {"kind": "捐资助学", "date": DAY.isoformat(), "description": "a\x00b"},
        {},
    ],
)
def test_hostile_input_is_refused_not_500(api, p, payload):
    response = api.login(p.plain.member.user).post("/api/v1/self-reports", payload)
    assert response.status_code in (400, 422) and response.json()["detail"]
    assert not SelfReport.objects.exists()


def test_hostile_actions_are_refused_not_500(api, p):
    report = _report(p)
    api.login(p.staff)
    assert api.post(f"/api/v1/self-reports/{report.pk}/actions/nothing").status_code == 404
    response = api.post(f"/api/v1/self-reports/{report.pk}/actions/return", {"reason": 5})
    assert response.status_code == 400
    assert api.get("/api/v1/self-reports", state="bogus").status_code in (400, 422)


def test_a_staff_account_without_a_member_record_cannot_self_report(api, p):
    response = api.login(p.staff).post(
        "/api/v1/self-reports", {"kind": "其他", "date": DAY.isoformat(), "description": "x"}
    )
    assert response.status_code == 403


def test_the_office_reads_every_self_report_page_by_page(login, p):
    _rows(p, range(51))
    client = login(p.staff)
    first = client.get("/self-reports/?filter=pending").content.decode()
    assert first.count(ROW) == 50 and "第1页,共2页(51条)" in first
    assert client.get("/self-reports/?filter=pending&page=2").content.decode().count(ROW) == 1


def _rows(p, numbers):
    for n in numbers:
        _report(p, description=f"{ROW}{n}")


@pytest.mark.parametrize(
    "pin",
    [
        ListPin("/self-reports/?filter=pending", "staff", _rows, queries=11),
        ListPin("/api/v1/self-reports?limit=100", "staff", _rows, queries=4, api=True),
    ],
    ids=str,
)
def test_the_queue_keeps_its_query_count(pin, p, client, django_assert_num_queries):
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)


def test_a_confirmed_report_reads_as_the_source_of_its_record(p, login):
    report = _report(p)
    services.self_report_confirm(actor=p.staff, report=report)
    page = login(p.staff).get(f"/duty/record/members/{p.plain.member.pk}/").content.decode()
    assert f'href="/self-reports/{report.pk}/"' in page and "已确认" in page


def test_hours_of_a_confirmed_activity_join_the_record(p):
    report = _report(p, hours="3.5")
    services.self_report_confirm(actor=p.staff, report=report)
    assert str(DutyRecord.objects.get().hours) == "3.5"
    # The record's date is the activity's, not the confirmation's.
    assert DutyRecord.objects.get().date == DAY
