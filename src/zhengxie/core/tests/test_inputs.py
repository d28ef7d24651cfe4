"""Never a 500 on bad input: the rules of `core.inputs`, through the API and the pages."""

from datetime import datetime
from io import BytesIO

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from zhengxie.core.audit import audit_log
from zhengxie.core.inputs import MAX_ID
from zhengxie.meetings.models import Meeting
from zhengxie.proposals import services as proposals
from zhengxie.proposals.models import Proposal

pytestmark = pytest.mark.django_db


def _meeting(**fields) -> dict:
    return {
        "kind": "standing",
        "title": "常委会议",
        "start": "2026-05-06T09:00:00",
        "place": "会议室",
        "invite": "standing",
        **fields,
    }


def _refused(response, *words):
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid_input"
    for word in words:
        assert word in body["detail"]


def test_control_characters_are_refused_in_api_text(p, api):
    api.login(p.plain.member.user)
    for bad in ("问题\x0b", "问题\x00", "\x1f"):
        _refused(api.post("/api/v1/proposals", {"title": bad, "situation": "情况"}), "控制字符")
    assert not Proposal.objects.exists()


def test_a_number_the_api_cannot_take_is_refused_saying_why_in_chinese(p, api):
    api.login(p.plain.member.user)
    report = {"kind": "其他", "date": "2026-05-06", "description": "走访"}
    for hours, why in ((1e30, "数字位数过多"), (1.25, "小数位数过多"), ("三", "须为数字")):
        response = api.post("/api/v1/self-reports", report | {"hours": hours})
        _refused(response, f"hours({why})")
    _refused(api.post("/api/v1/duty/reports", {"year": "二〇二六"}), "year(须为整数)")


def test_tab_and_newlines_are_text(p, api):
    api.login(p.plain.member.user)
    response = api.post("/api/v1/proposals", {"title": "关于\t加强", "situation": "一\r\n二\n三"})
    assert response.status_code == 201, response.content


def test_control_characters_are_refused_in_a_failed_login(p, client):
    response = client.post(
        "/api/v1/auth/token",
        {"username": "no\x0bbody", "password": "x"},
        content_type="application/json",
    )
    _refused(response, "控制字符")
    page = client.post("/login/", {"username": "no\x0bbody", "password": "x"})
    assert page.status_code == 200
    assert "控制字符" in page.content.decode()


def test_oversized_title_is_refused_on_both_databases(p, api):
    api.login(p.plain.member.user)
    response = api.post("/api/v1/proposals", {"title": "长" * 201, "situation": "情况"})
    _refused(response, "title", "200")
    assert api.post(
        "/api/v1/proposals", {"title": "长" * 200, "situation": "情况"}
    ).status_code == (201)


def test_oversized_free_text_is_refused(p, api):
    api.login(p.plain.member.user)
    _refused(api.post("/api/v1/proposals", {"title": "题", "situation": "长" * 50_001}), "50000")


def test_ids_beyond_64_bits_are_refused(p, api):
    api.login(p.staff)
    _refused(api.get("/api/v1/proposals", session_id=str(2**64)))
    _refused(api.get(f"/api/v1/proposals/{2**64}"))
    _refused(api.post("/api/v1/meetings", _meeting(invitee_ids=[2**70], invite="named")))
    _refused(api.post("/api/v1/meetings", _meeting(group_id=-1, invite="group")))
    assert api.get(f"/api/v1/proposals/{MAX_ID}").status_code == 404


def test_naive_datetime_is_read_in_committee_time_zone(p, api):
    api.login(p.staff)
    response = api.post("/api/v1/meetings", _meeting(start="2026-05-06T09:00:00"))
    assert response.status_code == 201, response.content
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert timezone.localtime(meeting.starts_at).replace(tzinfo=None) == datetime(2026, 5, 6, 9)
    assert response.json()["start"].startswith("2026-05-06T09:00:00+08:00")


def test_out_of_range_dates_are_refused(p, api):
    api.login(p.staff)
    _refused(api.post("/api/v1/meetings", _meeting(start="0001-01-01T00:00:00")), "1900")
    _refused(api.post("/api/v1/meetings", _meeting(start="9999-12-31T23:59:59+00:00")))
    _refused(api.get("/api/v1/proposals/stats", **{"from": "2026-02-30"}))


def test_oversized_api_body_is_json(p, api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    api.login(p.plain.member.user)
    response = api.post("/api/v1/proposals", {"title": "题", "situation": "长" * 1000})
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def _stored_with_controls(p) -> Proposal:
    """A row stored before input was checked: it holds \\x0b and \\x1f (not \\x00, which
    PostgreSQL never stored)."""
    proposal = proposals.proposal_create(
        actor=p.plain.member.user, kind="individual", title="关于加强", situation="情况"
    )
    Proposal.objects.filter(pk=proposal.pk).update(title="关于\x0b加强\x1f", situation="一\x0c二")
    return proposal


def test_xlsx_export_survives_stored_control_characters(p, login):
    _stored_with_controls(p)
    audit_log(actor=None, action="login.failed", committee=p.committee, actor_label="坏\x0b名")
    response = login(p.staff).get("/proposals/", {"format": "xlsx"})
    assert response.status_code == 200
    cells = [c for row in load_workbook(BytesIO(response.content)).active.values for c in row]
    assert "关于加强" in cells
    audit = login(p.auditor).get("/audit/", {"format": "xlsx"})
    assert audit.status_code == 200
    load_workbook(BytesIO(audit.content))


def test_docx_survives_stored_control_characters(p, login):
    proposal = _stored_with_controls(p)
    response = login(p.staff).get(f"/proposals/{proposal.pk}/form.docx")
    assert response.status_code == 200
    text = "\n".join(par.text for par in Document(BytesIO(response.content)).paragraphs)
    text += "".join(c.text for t in Document(BytesIO(response.content)).tables for c in t._cells)
    assert "关于加强" in text


@pytest.mark.parametrize(
    "path, query",
    [
        ("/calendar/", {"year": "abc"}),
        ("/proposals/stats/", {"session": "abc"}),
        ("/proposals/stats/", {"from": "2026-02-30"}),
        ("/proposals/", {"session": str(2**70)}),
        ("/meetings/briefings/", {"session": "abc"}),
        ("/meetings/stats/", {"to": "0001-01-01"}),
        ("/opinions/quotas/", {"year": "abc"}),
        ("/opinions/", {"q": "\x00"}),
    ],
)
def test_malformed_page_parameter_is_400_in_chinese(p, login, path, query):
    response = login(p.staff).get(path, query)
    assert response.status_code == 400
    page = response.content.decode()
    assert '<ul class="messages">' in page
    assert "无效" in page or "不是有效日期" in page or "控制字符" in page


def test_well_formed_page_parameter_is_200(p, login):
    assert login(p.staff).get("/calendar/", {"year": "2026"}).status_code == 200


def test_impossible_deadline_in_bulk_assignment_is_refused(p, login):
    response = login(p.staff).post(
        "/proposals/assign/", {"deadline": "2026-02-30", "lead_unit": p.unit.pk}, follow=True
    )
    assert "不是有效日期" in response.content.decode()


def test_control_characters_are_refused_in_page_forms(p, login):
    response = login(p.plain.member.user).post(
        "/proposals/new/", {"kind": "individual", "title": "关于\x0b加强", "situation": "情况"}
    )
    assert response.status_code == 200
    assert "控制字符" in response.content.decode()
    assert not Proposal.objects.exists()


def test_oversized_text_is_refused_in_page_forms(p, login):
    response = login(p.plain.member.user).post(
        "/proposals/new/", {"kind": "individual", "title": "长" * 201, "situation": "情况"}
    )
    assert response.status_code == 200
    assert not Proposal.objects.exists()


def test_ids_beyond_64_bits_in_page_paths_are_404(p, login):
    client = login(p.staff)
    for path in (f"/proposals/{2**64}/", f"/members/{2**64}/", f"/meetings/{2**64}/"):
        assert client.get(path).status_code == 404


def test_api_pagination_is_bounded(p, api):
    api.login(p.staff)
    _refused(api.get("/api/v1/members", offset=str(2**64)))
    _refused(api.get("/api/v1/proposals", limit="100000"))
    assert api.get("/api/v1/members", offset=str(2**63 - 1)).status_code == 200


# Each kind of value that once reached a 500 somewhere: not a number, NUL and other control
# characters, beyond 64 bits, an impossible and an out-of-range date, longer than a column.
BAD_VALUES = ["abc\x0b", "\x00", "9" * 30, "2026-02-30", "0001-01-01", "长" * 300]
PAGE_PARAMETERS = ["year", "session", "from", "to", "q", "state", "page", "filter", "key"]


def _pages_without_arguments() -> list[str]:
    from zhengxie.urls import urlpatterns

    paths = [f"/{p.pattern}" for p in urlpatterns if not p.pattern.converters]
    return [p for p in paths if "logout" not in p and not p.startswith("/api/")]


@pytest.mark.parametrize("persona", ["staff", "member"])
def test_no_page_answers_5xx_on_malformed_parameters(p, client, persona):
    client.force_login(p.staff if persona == "staff" else p.plain.member.user)
    for path in _pages_without_arguments():
        for bad in BAD_VALUES:
            query = dict.fromkeys(PAGE_PARAMETERS, bad)
            query["format"] = "xlsx" if bad == BAD_VALUES[0] else ""
            assert client.get(path, query).status_code < 500, (path, bad)


STATS_ENDPOINTS = ["proposals", "opinions", "meetings", "consultations", "fieldwork"]
STATS_PAGES = [
    "/proposals/stats/",
    "/opinions/stats/",
    "/meetings/stats/",
    "/consultations/stats/",
    "/fieldwork/stats/",
]


@pytest.mark.parametrize("app", STATS_ENDPOINTS)
def test_a_period_that_ends_before_it_starts_is_refused_by_every_statistics_endpoint(p, api, app):
    api.login(p.staff)
    _refused(
        api.get(f"/api/v1/{app}/stats", **{"from": "2026-06-30", "to": "2026-01-01"}), "起始日期"
    )
    assert (
        api.get(f"/api/v1/{app}/stats", **{"from": "2026-01-01", "to": "2026-01-01"}).status_code
        == 200
    )


@pytest.mark.parametrize("path", STATS_PAGES)
def test_a_period_that_ends_before_it_starts_is_refused_by_every_statistics_page(p, login, path):
    page = login(p.staff).get(path, {"from": "2026-06-30", "to": "2026-01-01"})
    assert page.status_code == 400
    assert "起始日期不能晚于截止日期" in page.content.decode()
    assert login(p.staff).get(path, {"from": "2026-01-01", "to": "2026-01-01"}).status_code == 200
