"""成绩单 (the yearly duty record card): one member's DOCX, and the bulk ZIP of every member's
built by a background job."""

import zipfile
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn

from zhengxie.core.http import DOCX
from zhengxie.core.models import AuditEvent, Notification
from zhengxie.duty import queries, services
from zhengxie.duty.models import DutyCardJob, DutyScore, ScoringMinimum, ScoringPoints
from zhengxie.duty.services import duty_record

YEAR = 2026


@pytest.fixture
def rule(p):
    for n in range(3):
        duty_record(member=p.plain.member, kind="training", date=date(YEAR, 3, 1), note=f"培训{n}")
    duty_record(
        member=p.plain.member,
        kind="proposal_registered",
        date=date(YEAR, 4, 2),
        note="关于改善乡村学校办学条件的提案",
    )
    made = services.scoring_rule_create(actor=p.staff, term=p.term, year=YEAR)
    services.scoring_line_add(
        actor=p.staff, rule=made, line=ScoringPoints(kind="training", points=Decimal("3"))
    )
    services.scoring_line_add(
        actor=p.staff, rule=made, line=ScoringMinimum(kind="proposal_registered", count=1)
    )
    return made


def read(content: bytes) -> tuple[str, list[list[list[str]]], set]:
    document = Document(BytesIO(content))
    text = "\n".join(par.text for par in document.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    runs = [run for par in document.paragraphs for run in par.runs]
    runs += [
        run
        for t in document.tables
        for row in t.rows
        for c in row.cells
        for par in c.paragraphs
        for run in par.runs
    ]
    fonts = {run._element.rPr.rFonts.get(qn("w:eastAsia")) for run in runs if run.text}
    return text, tables, fonts


def card_of(client, member, year=YEAR):
    return client.get(f"/duty/cards/members/{member.pk}.docx", {"year": year} if year else {})


def test_the_card_opens_in_word_with_east_asian_fonts_and_the_numbers_of_the_score(p, rule, login):
    response = card_of(login(p.plain.member.user), p.plain.member)
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    text, tables, fonts = read(response.content)
    assert fonts and None not in fonts
    score = DutyScore.objects.get(rule=rule, member=p.plain.member)
    assert f"总分{score.total}分" in text and f"排名第{score.rank}名" in text
    assert "在4名参与考核的委员中" in text
    header, points, records = tables
    assert ["委员", "李委员(委员)"] in header and ["界别", "教育界"] in header
    rows = {row[1]: row for row in points[1:]}
    for kind, item in score.breakdown.items():
        row = next(r for label, r in rows.items() if label == queries.kind_label(kind))
        assert row[2:] == [f"{item['count']}次", f"{item['points']}分"]
    assert rows["参加学习培训"][0] == "学习培训" and points[-1][-1] == f"{score.total}分"
    assert "提交提案并立案至少1次:已达到" in text
    assert len(records) == 1 + 4 and records[-1][1:] == [
        "2026年4月2日",
        "提交提案并立案",
        "关于改善乡村学校办学条件的提案",
    ]


def test_a_missed_minimum_is_shown_with_what_was_done(p, rule, login):
    text, _, _ = read(card_of(login(p.another.member.user), p.another.member).content)
    assert "提交提案并立案至少1次:未达到(实际0次)" in text and "本期没有履职记录。" in text


def test_a_period_without_rules_says_it_is_not_scored_and_counts_the_ledger(p, login):
    duty_record(member=p.plain.member, kind="training", date=date(2025, 6, 1))
    text, tables, _ = read(card_of(login(p.staff), p.plain.member, 2025).content)
    assert "本期尚未制定履职考核细则,未计算积分和排名" in text and "总分" not in text
    assert tables[1][1] == ["学习培训", "参加学习培训", "1次", "—"]


def test_the_whole_term_card_covers_every_year_of_the_term(p, rule, login):
    duty_record(member=p.plain.member, kind="training", date=date(2023, 6, 1))
    text, tables, _ = read(card_of(login(p.staff), p.plain.member, year=None).content)
    assert ["期间", "第十届整届"] in tables[0] and len(tables[2]) == 1 + 5


def test_the_card_addressed_to_the_employer_opens_with_it(p, rule):
    card = queries.card_of(p.plain.member, p.term, YEAR, date(YEAR, 12, 3))
    from zhengxie.duty.documents import card_docx

    text, _, _ = read(card_docx(card, to_employer=True, today=date(YEAR, 12, 3)))
    assert text.splitlines()[2] == "李委员的单位:" and "现将李委员同志2026年度履行" in text
    assert "李委员的单位:" not in read(card_docx(card, today=date(YEAR, 12, 3)))[0]


def test_a_member_gets_only_their_own_card_and_the_office_and_leaders_any(p, other, rule, login):
    for user in (p.staff, p.chair.member.user, p.plain.member.user):
        assert card_of(login(user), p.plain.member).status_code == 200
    for user in (p.another.member.user, p.unit_user, p.auditor, other.staff):
        assert card_of(login(user), p.plain.member).status_code == 404


def test_the_card_endpoint_answers_the_docx_to_its_audience_only(api, p, rule):
    url = f"/api/v1/members/{p.plain.member.pk}/card.docx"
    response = api.login(p.plain.member.user).get(url, year=YEAR)
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert "%E6%9D%8E%E5%A7%94%E5%91%98" in response["Content-Disposition"]  # 李委员
    refused = api.login(p.another.member.user).get(url, year=YEAR)
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("year", "status", "code"),
    [
        ("abc", 400, "invalid_input"),
        ("99999999999999999999", 400, "invalid_input"),
        ("2026\x00", 400, "invalid_input"),
        (2010, 400, "scoring_year_outside_term"),
        (YEAR + 1, 400, "card_year_not_begun"),
    ],
)
def test_a_bad_year_is_a_chinese_refusal_never_a_500(api, p, year, status, code):
    url = f"/api/v1/members/{p.plain.member.pk}/card.docx"
    response = api.login(p.staff).get(url, year=year)
    assert response.status_code == status and response.json()["code"] == code
    assert any("\u4e00" <= c <= "\u9fff" for c in response.json()["detail"])


def test_a_member_not_in_office_in_the_period_has_no_card(api, p, login):
    membership = p.another
    membership.joined_on = date(2025, 1, 1)
    membership.save(update_fields=["joined_on"])
    url = f"/api/v1/members/{p.another.member.pk}/card.docx"
    response = api.login(p.staff).get(url, year=2024)
    assert response.status_code == 404 and response.json()["code"] == "card_not_in_office"
    page = card_of(login(p.staff), p.another.member, 2024)
    assert page.status_code == 302 and page["Location"] == "/duty/cards/"


def test_a_bad_year_on_the_page_goes_back_with_a_chinese_message(p, login):
    client = login(p.staff)
    response = client.get(f"/duty/cards/members/{p.plain.member.pk}.docx", {"year": "x"})
    assert response.status_code == 302
    assert "年度“x”无效" in client.get("/duty/cards/").content.decode()
    response = client.get(f"/duty/cards/members/{p.plain.member.pk}.docx", {"year": YEAR + 1})
    assert response.status_code == 302
    assert "该年度尚未开始,还没有成绩单。" in client.get("/duty/cards/").content.decode()


def build(api, django_capture_on_commit_callbacks, year=YEAR) -> dict:
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/duty/cards/jobs", {"year": year})
    assert response.status_code == 202, response.content
    return response.json()


def test_the_job_reaches_its_total_and_zips_one_card_per_member_under_chinese_names(
    api, p, rule, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    started = build(api.login(p.staff), django_capture_on_commit_callbacks)
    body = api.get(f"/api/v1/duty/cards/jobs/{started['id']}").json()
    assert (body["state"], body["done"], body["total"]) == ("done", 4, 4)
    job = DutyCardJob.objects.get(pk=started["id"])
    assert (tmp_path / job.file.name).is_file()
    assert job.file.name.startswith(f"duty/cards/{p.committee.pk}/")
    response = api.get(body["download_url"])
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == [
        "0001_丁委员第十届2026年度履职成绩单.docx",
        "0002_王常委第十届2026年度履职成绩单.docx",
        "0003_李委员第十届2026年度履职成绩单.docx",
        "0004_张主席第十届2026年度履职成绩单.docx",
    ]
    text, _, fonts = read(archive.read(archive.namelist()[2]))
    assert "总分14.00分" in text and None not in fonts
    downloads = AuditEvent.objects.filter(action="duty.cards_download", object_id=str(job.pk))
    assert downloads.get().actor == p.staff


def test_a_second_request_joins_the_running_job(api, p, rule):
    first, joined = services.duty_card_job_request(actor=p.staff, term=p.term, year=YEAR)
    assert not joined and first.state == "queued"
    response = api.login(p.chair.member.user).post("/api/v1/duty/cards/jobs", {"year": YEAR})
    assert response.status_code == 202
    assert (response.json()["id"], response.json()["joined"]) == (first.pk, True)
    assert DutyCardJob.objects.count() == 1
    other_period, joined = services.duty_card_job_request(actor=p.staff, term=p.term, year=None)
    assert not joined and other_period.pk != first.pk


def test_a_job_silent_too_long_is_replaced_by_the_next_request(p, rule):
    now = timezone.now()
    stalled, _ = services.duty_card_job_request(actor=p.staff, term=p.term, year=YEAR, now=now)
    later = now + services.STALLED + timedelta(seconds=1)
    fresh, joined = services.duty_card_job_request(actor=p.staff, term=p.term, year=YEAR, now=later)
    stalled.refresh_from_db()
    assert not joined and fresh.pk != stalled.pk
    assert stalled.state == "failed" and stalled.error == services.STALLED_ERROR
    # The replaced job's task, should it run after all, leaves it alone.
    assert services.duty_card_job_run(job_id=stalled.pk).done == 0


def test_a_failed_build_is_recorded_in_chinese_and_cannot_be_downloaded(
    api, p, rule, monkeypatch, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path

    def broken(card, **kwargs):
        if card.member == p.standing.member:
            raise ValueError("boom")
        return b"docx"

    monkeypatch.setattr(services.cards, "card_docx", broken)
    started = build(api.login(p.staff), django_capture_on_commit_callbacks)
    body = api.get(f"/api/v1/duty/cards/jobs/{started['id']}").json()
    assert body["state"] == "failed" and body["download_url"] is None
    assert body["error"].startswith("生成王常委委员的成绩单时出错")
    response = api.get(f"/api/v1/duty/cards/jobs/{started['id']}/download")
    assert response.status_code == 409 and response.json()["code"] == "card_job_failed"


def test_an_unfinished_job_cannot_be_downloaded_yet(api, p, rule):
    job, _ = services.duty_card_job_request(actor=p.staff, term=p.term, year=YEAR)
    response = api.login(p.staff).get(f"/api/v1/duty/cards/jobs/{job.pk}/download")
    assert response.status_code == 409 and response.json()["code"] == "card_job_not_ready"
    assert "尚未生成完毕" in response.json()["detail"]


def test_members_and_other_committees_neither_start_nor_see_jobs(api, p, other, rule):
    job, _ = services.duty_card_job_request(actor=p.staff, term=p.term, year=YEAR)
    refused = api.login(p.plain.member.user).post("/api/v1/duty/cards/jobs", {"year": YEAR})
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    for user in (p.plain.member.user, p.unit_user, other.staff):
        api.login(user)
        assert api.get(f"/api/v1/duty/cards/jobs/{job.pk}").status_code == 404
        assert api.get(f"/api/v1/duty/cards/jobs/{job.pk}/download").status_code == 404


@pytest.mark.parametrize(
    "payload",
    [
        {"year": "二〇二六"},
        {"year": 10**20},
        {"year": 2010},
        {"year": YEAR + 1},
        {"to_employer": "x"},
        {"year": "2026-01"},
    ],
)
def test_hostile_job_requests_are_refused_in_chinese(api, p, payload):
    response = api.login(p.staff).post("/api/v1/duty/cards/jobs", payload)
    assert response.status_code == 400 and response.json()["detail"]
    assert api.get("/api/v1/duty/cards/jobs/99999999999999999999").status_code == 400
    assert api.get("/api/v1/duty/cards/jobs/424242").status_code == 404


def test_sending_tells_each_member_of_the_period_once_and_is_audited(
    api, p, rule, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    started = build(api.login(p.staff), django_capture_on_commit_callbacks)
    response = api.post(f"/api/v1/duty/cards/jobs/{started['id']}/send")
    assert response.status_code == 200 and response.json() == {"members": 4}
    told = Notification.objects.filter(title="您的第十届2026年度履职成绩单已生成")
    assert {n.recipient for n in told} == {
        m.member.user for m in (p.chair, p.standing, p.plain, p.another)
    }
    assert AuditEvent.objects.filter(action="duty.cards_send").get().after == {"members": 4}
    leader = api.login(p.chair.member.user).post(f"/api/v1/duty/cards/jobs/{started['id']}/send")
    assert leader.status_code == 403


def test_the_cards_page_polls_a_running_job_and_links_the_zip_when_done(
    p, rule, login, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client = login(p.staff)
    job, _ = services.duty_card_job_request(actor=p.staff, term=p.term, year=YEAR)
    page = client.get("/duty/cards/").content.decode()
    assert f'hx-get="/duty/cards/jobs/{job.pk}/" hx-trigger="every 1s"' in page
    assert "排队中:0/0" in page
    services.duty_card_job_run(job_id=job.pk)
    partial = client.get(f"/duty/cards/jobs/{job.pk}/").content.decode()
    assert "hx-trigger" not in partial and "已完成:4/4" in partial
    assert f'href="/duty/cards/jobs/{job.pk}/download/"' in partial
    assert client.get(f"/duty/cards/jobs/{job.pk}/download/").status_code == 200
    assert client.post(f"/duty/cards/jobs/{job.pk}/").status_code == 405


def test_the_page_starts_a_job_and_a_second_click_joins_it(p, rule, login):
    client = login(p.staff)
    client.post("/duty/cards/jobs/new/", {"year": YEAR, "to_employer": "on"})
    response = client.post("/duty/cards/jobs/new/", {"year": YEAR}, follow=True)
    assert "该期间的成绩单正在生成" in response.content.decode()
    job = DutyCardJob.objects.get()
    assert job.to_employer and job.year == YEAR
    assert client.post("/duty/cards/jobs/new/", {"year": "x"}).status_code == 302
    assert DutyCardJob.objects.count() == 1


def test_a_member_reads_their_own_cards_on_the_page_without_the_bulk_jobs(p, rule, login):
    client = login(p.plain.member.user)
    page = client.get("/duty/cards/").content.decode()
    assert f"/duty/cards/members/{p.plain.member.pk}.docx?year=2026" in page
    assert "全体委员成绩单" not in page
    assert client.post("/duty/cards/jobs/new/", {"year": YEAR}).status_code == 403
    assert login(p.unit_user).get("/duty/cards/").status_code == 403


def test_the_scores_page_and_the_record_link_the_members_card(p, rule, login):
    card = f'href="/duty/cards/members/{p.plain.member.pk}.docx?year=2026"'
    assert card in login(p.staff).get(f"/duty/scores/?rule={rule.pk}").content.decode()
    assert card in login(p.plain.member.user).get("/duty/record/?year=2026").content.decode()


def test_the_cards_of_a_period_are_read_in_a_fixed_number_of_queries(
    p, rule, django_assert_num_queries
):
    with django_assert_num_queries(7):
        few = queries.cards(p.term, YEAR)
        [m.membership.special_committees.all() for m in few]
    for n in range(5):
        duty_record(member=p.another.member, kind="other", date=date(YEAR, 5, n + 1))
    with django_assert_num_queries(7):
        again = queries.cards(p.term, YEAR)
        [m.membership.special_committees.all() for m in again]
    assert len(again[0].records) == 5
