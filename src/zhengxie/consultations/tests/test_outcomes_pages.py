"""The outcome pages for each role: the board (staff, leaders), an outcome, entering one, the
tasks (units, office), the member's own page, the evaluation and the DOCX; the wrong method,
no access (403/404), and the side effects read back."""

from datetime import timedelta
from io import BytesIO
from operator import attrgetter

import pytest
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn

from zhengxie.consultations import services
from zhengxie.consultations.models import Evaluation, Indicator, Outcome, OutcomeTask, Topic
from zhengxie.core.home import home_panels
from zhengxie.core.http import DOCX
from zhengxie.testing import page_read

from .outcomes_setup import informed, instructed, outcome, refusal, sent, standing_vote


def test_staff_see_the_board_with_each_outcome_its_suggestions_and_overdue_tasks(p, login):
    o, task = instructed(p)
    OutcomeTask.objects.filter(pk=task.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    html = page_read(login(p.staff), "/consultations/outcomes/")
    assert o.title in html and "3条" in html and "超期1项" in html
    assert "已批示,落实中 1件" in html


def test_leaders_read_the_board_but_do_not_enter_outcomes(p, login):
    client = login(p.chair.member.user)
    assert "录入成果" not in page_read(client, "/consultations/outcomes/")
    assert client.get("/consultations/outcomes/new/").status_code == 403


@pytest.mark.parametrize("persona", ["plain.member.user", "unit_user"])
def test_members_and_units_have_no_board(p, login, persona):
    assert login(attrgetter(persona)(p)).get("/consultations/outcomes/").status_code == 403


def test_staff_enter_an_outcome_on_the_page(p, login):
    client = login(p.staff)
    response = client.post(
        "/consultations/outcomes/new/",
        {
            "kind": "brief",
            "title": "关于优化营商环境的协商专报",
            "text": "正文",
            "written_on": "2026-05-06",
            "suggestions": "简化审批\n\n减轻企业负担",
            "authors": [p.plain.member.pk],
        },
    )
    o = Outcome.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{o.pk}/")
    assert list(o.suggestions.values_list("number", "text")) == [
        (1, "简化审批"),
        (2, "减轻企业负担"),
    ]


def test_bad_input_on_the_new_page_is_shown_not_a_500(p, login):
    client = login(p.staff)
    response = client.post(
        "/consultations/outcomes/new/",
        {"kind": "brief", "title": "长" * 201, "text": "x\x00", "written_on": "2026-02-30"},
    )
    assert response.status_code == 200 and not Outcome.objects.exists()


def test_the_page_takes_a_step_and_says_so(p, login):
    o = outcome(p)
    client = login(p.staff)
    response = client.post(
        f"/consultations/outcomes/{o.pk}/act/send/",
        {"to": "party", "recipient": "县委"},
        follow=True,
    )
    assert "已报送。" in response.content.decode()
    assert Outcome.objects.get(pk=o.pk).state == "sent"
    assert client.get(f"/consultations/outcomes/{o.pk}/act/send/").status_code == 405
    assert client.post(f"/consultations/outcomes/{o.pk}/act/explode/").status_code == 404


def test_a_refused_step_is_explained_on_the_page(p, login):
    o = outcome(p)
    response = login(p.staff).post(f"/consultations/outcomes/{o.pk}/act/conclude/", follow=True)
    assert "不能确认落实" in response.content.decode()


def test_a_suggestion_is_declined_on_the_page_only_with_a_reason(p, login):
    o = sent(p)
    first = o.suggestions.get(number=1)
    client = login(p.staff)
    url = f"/consultations/outcomes/{o.pk}/suggestions/{first.pk}/act/decline/"
    client.post(url, {"reason": ""})
    first.refresh_from_db()
    assert first.state == "made"
    client.post(url, {"reason": "财力不足"})
    first.refresh_from_db()
    assert (first.state, first.reason) == ("not_adopted", "财力不足")


def test_the_unit_feeds_back_on_its_task_page_and_another_unit_cannot(p, login):
    o, task = instructed(p)
    url = f"/consultations/outcomes/tasks/{task.pk}/act/feedback/"
    assert login(p.other_unit_user).post(url, {"text": "x"}).status_code == 404
    client = login(p.unit_user)
    assert "请县教育局研究落实" in page_read(client, "/consultations/outcomes/tasks/")
    client.post(url, {"text": "已落实到位"})
    task.refresh_from_db()
    assert (task.state, task.feedback) == ("done", "已落实到位")
    assert "请县教育局研究落实" not in page_read(
        login(p.other_unit_user), "/consultations/outcomes/tasks/"
    )


def test_a_member_who_took_part_sees_the_result_on_their_own_page(p, login):
    o, task = informed(p)
    client = login(p.another.member.user)
    assert o.title in page_read(client, "/consultations/outcomes/mine/")
    html = page_read(client, f"/consultations/outcomes/{o.pk}/")
    assert "县委常委会研究采纳" in html and "已制定三年行动计划" in html
    # Satisfaction with the unit is the member's to give.
    client.post(
        f"/consultations/outcomes/{o.pk}/act/rate/", {"unit_id": p.unit.pk, "level": "satisfied"}
    )
    assert o.ratings.get().member == p.another.member


def test_a_result_told_to_a_member_waits_on_their_home_until_they_rate_it(p, login):
    o, _ = informed(p)
    instructed(p, title="尚未反馈结果的成果")  # not told yet: nothing to rate

    def counter(user):
        return next(
            r for panel in home_panels(user) for r in panel.rows if r.label == "待我评价的成果"
        )

    row = counter(p.another.member.user)
    assert (row.value, row.alert) == (1, True)
    client = login(p.another.member.user)
    html = page_read(client, row.link)
    assert o.title in html and "尚未反馈结果的成果" not in html
    services.outcome_rate(actor=p.another.member.user, outcome=o, unit=p.unit, level="basic")
    assert counter(p.another.member.user).value == 0
    assert o.title not in page_read(client, row.link)
    assert counter(p.plain.member.user).value == 1  # each member rates for themselves


def test_a_member_who_did_not_take_part_reads_nothing_of_it(p, login):
    o, _ = informed(p)
    client = login(p.standing.member.user)
    assert o.title not in page_read(client, "/consultations/outcomes/mine/")
    assert client.get(f"/consultations/outcomes/{o.pk}/").status_code == 404


def test_another_committee_gets_404_for_every_outcome_page(p, other, login):
    o, task = instructed(p)
    client = login(other.staff)
    for url in (
        f"/consultations/outcomes/{o.pk}/",
        f"/consultations/outcomes/{o.pk}/docx/",
    ):
        assert client.get(url).status_code == 404
    assert client.post(f"/consultations/outcomes/tasks/{task.pk}/act/check/").status_code == 404
    assert o.title not in page_read(client, "/consultations/outcomes/")


def test_ids_beyond_64_bits_in_outcome_paths_are_404(p, login):
    client = login(p.staff)
    assert client.get(f"/consultations/outcomes/{2**64}/").status_code == 404


def test_bad_query_parameters_of_the_board_are_a_400_not_a_500(p, login):
    response = login(p.staff).get("/consultations/outcomes/", {"year": "abc", "q": "x\x01"})
    assert response.status_code == 400


def _docx_text(content: bytes) -> tuple[str, set]:
    document = Document(BytesIO(content))
    text = "\n".join(par.text for par in document.paragraphs)
    fonts = {
        run._element.rPr.rFonts.get(qn("w:eastAsia"))
        for par in document.paragraphs
        for run in par.runs
        if run._element.rPr is not None and run._element.rPr.rFonts is not None
    }
    return text, fonts


def test_a_report_prints_with_its_suggestions_numbered_and_chinese_fonts(p, login):
    o = outcome(p)
    response = login(p.staff).get(f"/consultations/outcomes/{o.pk}/docx/")
    assert response["Content-Type"] == DOCX
    text, fonts = _docx_text(response.content)
    assert o.title in text and "一、加大财政投入" in text and "三、加强师资队伍建设" in text
    assert "执笔:李委员" in text and "2026年3月1日" in text
    assert None not in fonts and fonts


def test_a_brief_prints_under_its_masthead_with_its_recipients(p, login):
    o = outcome(p, title="关于优化营商环境的协商专报", kind="brief")
    services.outcome_send(actor=p.staff, outcome=o, to="party", recipient="县委")
    text, _ = _docx_text(login(p.staff).get(f"/consultations/outcomes/{o.pk}/docx/").content)
    assert text.startswith("协商专报") and "报:县委" in text


def test_a_recommendation_prints_with_the_meeting_that_adopted_it(p, login):
    o = outcome(p, title="关于加快县域经济发展的建议案", kind="recommendation")
    services.outcome_table(actor=p.staff, outcome=o, vote=standing_vote(p))
    services.outcome_adopt(actor=p.staff, outcome=o)
    text, _ = _docx_text(login(p.staff).get(f"/consultations/outcomes/{o.pk}/docx/").content)
    assert "十届第十五次常委会议表决通过" in text


def test_staff_define_indicators_and_evaluate_a_topic_of_the_year(p, login):
    topic = Topic.objects.create(
        committee=p.committee,
        year=2026,
        title="义务教育均衡发展",
        source="party",
        form="thematic",
        submitted_by=p.staff,
        submitted_at=timezone.now(),
        state=Topic.State.PLANNED,
    )
    client = login(p.staff)
    client.post(
        "/consultations/outcomes/evaluations/indicators/",
        {"name": "成果采纳", "position": 1, "is_active": "on"},
    )
    client.post(
        "/consultations/outcomes/evaluations/indicators/",
        {"name": "落实成效", "position": 2, "is_active": "on"},
    )
    first, second = Indicator.objects.all()
    response = client.post(
        "/consultations/outcomes/evaluations/?year=2026",
        {
            "topic": topic.pk,
            "grade": "good",
            "conclusion": "建议大部分被采纳",
            f"score_{first.pk}": 90,
            f"score_{second.pk}": 80,
        },
    )
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert (evaluation.year, evaluation.grade) == (2026, "good")
    assert [s.score for s in evaluation.scores.all()] == [90, 80]
    assert "成果采纳 90分" in page_read(
        login(p.chair.member.user), "/consultations/outcomes/evaluations/?year=2026"
    )
    assert (
        login(p.chair.member.user)
        .post("/consultations/outcomes/evaluations/?year=2026", {})
        .status_code
        == 403
    )


def test_an_evaluation_scores_every_active_indicator(p):

    topic = Topic.objects.create(
        committee=p.committee,
        year=2026,
        title="议题",
        source="party",
        form="thematic",
        submitted_by=p.staff,
        submitted_at=timezone.now(),
    )
    base = {"actor": p.staff, "topic": topic, "year": 2026, "grade": "good", "conclusion": "好"}
    assert refusal(services.topic_evaluate, scores={}, **base) == (409, "no_indicators")
    a = services.indicator_save(actor=p.staff, name="成果采纳")
    services.indicator_save(actor=p.staff, name="落实成效")
    assert refusal(services.topic_evaluate, scores={a.pk: 90}, **base) == (400, "scores_incomplete")
    assert refusal(services.indicator_save, actor=p.staff, name="成果采纳") == (
        409,
        "indicator_taken",
    )


def test_home_panels_tell_each_role_what_to_do_next(p):
    outcome(p, title="待报送的成果")
    o, task = instructed(p, title="已批示的成果")
    OutcomeTask.objects.filter(pk=task.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    sent(p, title="待批示的成果")

    def rows(user):
        return {r.label: r.value for panel in home_panels(user) for r in panel.rows}

    assert rows(p.staff)["协商成果待报送"] == 1 and rows(p.staff)["成果批示落实超期"] == 1
    assert rows(p.chair.member.user)["已报送待批示"] == 1
    assert rows(p.unit_user)["已超期"] >= 1 and rows(p.unit_user)["待反馈落实情况"] == 1
    assert rows(p.plain.member.user)["我参与的协商成果"] == 3
