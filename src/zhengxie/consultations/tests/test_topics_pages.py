"""The topic, solicitation and plan pages for every role: who reads what, the steps taken
from the pages, the DOCX, bad input and isolation."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn

from zhengxie.consultations import services
from zhengxie.consultations.models import (
    Consultation,
    ConsultationPlan,
    Form,
    PlanType,
    Solicitation,
    Topic,
)
from zhengxie.testing import ids_on_page, page_read

from .topics_helpers import YEAR, accepted, decided, plan_of, planned, suggested

S = Topic.State


def test_drafts_and_declined_topics_are_read_by_the_office_and_the_proposer(p, login):
    mine = suggested(p, p.plain.member.user, source="sector", sector=p.education)
    declined = services.topic_decline(actor=p.staff, topic=suggested(p), reason="不宜协商")
    pool = accepted(p)
    readers = {
        p.staff: [mine.pk, declined.pk, pool.pk],
        p.plain.member.user: [mine.pk],
        p.another.member.user: [],
        p.chair.member.user: [pool.pk],  # leaders read the pool, not the unscreened
        p.unit_user: [],
    }
    for user, expected in readers.items():
        client = login(user)
        assert ids_on_page(client, "/consultations/topics/") == sorted(expected), user
        for topic in (mine, declined, pool):
            status = client.get(f"/consultations/topics/{topic.pk}/").status_code
            assert status == (200 if topic.pk in expected else 404), (user, topic)


def test_the_decided_plan_is_read_by_every_member_of_the_committee(p, other, login):
    plan = plan_of(p)
    topic = planned(p, plan, supervisory=True, title="关于农村饮水安全的民主监督")
    for user in (p.plain.member.user, p.unit_user, p.chair.member.user):
        assert login(user).get(f"/consultations/plans/{plan.pk}/").status_code == 404
    plan = services.plan_submit(actor=p.staff, plan=plan)
    assert login(p.chair.member.user).get(f"/consultations/plans/{plan.pk}/").status_code == 200
    assert login(p.plain.member.user).get(f"/consultations/plans/{plan.pk}/").status_code == 404
    plan = decided(p, plan)
    for user in (p.plain.member.user, p.another.member.user, p.unit_user):
        client = login(user)
        assert topic.title in page_read(client, f"/consultations/plans/{plan.pk}/")
        assert client.get(f"/consultations/topics/{topic.pk}/").status_code == 200
    assert login(other.staff).get(f"/consultations/plans/{plan.pk}/").status_code == 404
    assert (
        login(other.plain.member.user).get(f"/consultations/topics/{topic.pk}/").status_code == 404
    )


def test_a_member_suggests_a_topic_on_the_page(p, login):
    client = login(p.plain.member.user)
    assert "提出协商议题建议" in page_read(client, "/consultations/topics/new/")
    response = client.post(
        "/consultations/topics/new/",
        {
            "title": "关于校园周边交通安全的议题",
            "source": "members",
            "form": "counterpart",
            "cosigners": [p.another.member.pk],
        },
    )
    topic = Topic.objects.get(title="关于校园周边交通安全的议题")
    assert response.status_code == 302
    assert list(topic.cosigners.values_list("member", flat=True)) == [p.another.member.pk]
    cosigner = login(p.another.member.user)
    assert topic.title in page_read(cosigner, "/consultations/topics/?filter=to_cosign")
    cosigner.post(f"/consultations/topics/{topic.pk}/act/confirm_cosign/")
    assert topic.cosigners.get().confirmed_at is not None


def test_staff_screen_and_arrange_a_topic_on_its_page(p, login):
    topic = suggested(p)
    client = login(p.staff)
    html = page_read(client, f"/consultations/topics/{topic.pk}/")
    assert "采纳入库" in html and "不予采纳" in html
    client.post(f"/consultations/topics/{topic.pk}/act/accept/")
    client.post(
        f"/consultations/topics/{topic.pk}/act/arrange/",
        {
            "lead_special_committee_id": p.special.pk,
            "supervisory": "true",
            "planned_on": "2026-05-06",
        },
    )
    topic.refresh_from_db()
    assert (topic.state, topic.supervisory, topic.lead_special_committee) == (
        S.ACCEPTED,
        True,
        p.special,
    )
    assert list(topic.departments.all()) == [p.unit]


def test_the_office_drafts_the_plan_from_the_pool_and_sends_it_up_on_the_page(p, login):
    client = login(p.staff)
    client.post("/consultations/plans/", {"year": YEAR})
    plan = ConsultationPlan.objects.get(committee=p.committee, year=YEAR)
    topic = accepted(p, supervisory=True)
    assert topic.title in page_read(client, f"/consultations/plans/{plan.pk}/")
    client.post(
        f"/consultations/plans/{plan.pk}/act/add_item/",
        {"topic_id": topic.pk, "plan_type": "counterpart"},
    )
    client.post(f"/consultations/plans/{plan.pk}/act/submit/")
    plan.refresh_from_db()
    assert plan.state == ConsultationPlan.State.SUBMITTED
    html = page_read(login(p.chair.member.user), f"/consultations/plans/{plan.pk}/")
    assert "登记主席会议通过" in html


def test_the_plan_page_warns_of_the_thematic_count_and_marks_the_late(p, login):
    plan = plan_of(p)
    topic = planned(p, plan, supervisory=True)
    services.plan_item_change(
        actor=p.staff,
        plan=plan,
        topic=topic,
        planned_on=timezone.localdate() - timedelta(days=40),
        planned_day=True,
    )
    html = page_read(login(p.staff), f"/consultations/plans/{plan.pk}/")
    assert "专题协商会一般每年召开1—2次" in html
    assert "1个已过计划时间尚未协商" in html and "滞后" in html


def test_the_plan_page_lists_each_topics_arrangements_activities_and_outcomes_in_its_row(p, login):
    plan = plan_of(p)
    topic = planned(
        p,
        plan,
        plan_type=PlanType.KEY_PROPOSAL,
        title="关于优化县域营商环境的议题",
        form=Form.PROPOSAL_HANDLING,
        supervisory=True,
    )
    services.plan_item_change(
        actor=p.staff,
        plan=plan,
        topic=topic,
        planned_on=date(YEAR, 5, 6),
        planned_day=True,
        lead="提案委员会",
        participants="全体常委",
    )
    bare = planned(p, plan, plan_type="", title="关于乡村教师队伍建设的议题")

    def activity(title, on):
        return services.consultation_create(
            actor=p.staff, topic=topic, form=Form.COUNTERPART, title=title, date=on
        )

    held = activity("营商环境对口协商会", date(YEAR, 5, 6))
    activity("营商环境回头看座谈会", date(YEAR, 9, 1))
    dropped = activity("改期的协商会", date(YEAR, 7, 1))
    # Holding and cancelling are the activities' steps (their tests'); the row is what they
    # leave.
    Consultation.objects.filter(pk=held.pk).update(state=Consultation.State.HELD)
    Consultation.objects.filter(pk=dropped.pk).update(state=Consultation.State.CANCELLED)
    services.outcome_create(
        committee=p.committee,
        kind="research_report",
        title="营商环境调研报告",
        text="正文",
        written_on=date(YEAR, 4, 1),
        actor=p.staff,
        topic=topic,
    )
    html = page_read(login(p.staff), f"/consultations/plans/{plan.pk}/")
    assert (
        f'<td><a href="/consultations/topics/{topic.pk}/">关于优化县域营商环境的议题</a>'
        ' <span class="tag">监督性</span></td>\n'
        '  <td>重点提案办理协商<br><span class="muted">提案办理协商</span></td>\n'
        f'  <td>{YEAR}年5月6日</td><td>提案委员会</td><td class="opt">全体常委</td>\n'
        f"  <td>营商环境对口协商会({YEAR}年5月6日,已举行)<br>"
        f"营商环境回头看座谈会({YEAR}年9月1日)<br></td>\n"
        "  <td>—</td>\n"
        "  <td>营商环境调研报告(待报送)<br></td>\n"
        "  <td>已协商</td>\n"
    ) in html
    assert "改期的协商会" not in html
    assert (
        f'<td><a href="/consultations/topics/{bare.pk}/">关于乡村教师队伍建设的议题</a></td>\n'
        '  <td><span class="muted">对口协商</span></td>\n'
        '  <td>—</td><td>—</td><td class="opt">—</td>\n'
        "  <td>—</td>\n  <td>—</td>\n  <td>—</td>\n  <td>列入计划</td>\n"
    ) in html


def test_the_plan_docx_opens_with_its_table_and_east_asian_fonts(p, login):
    plan = decided(p)
    response = login(p.plain.member.user).get(f"/consultations/plans/{plan.pk}.docx")
    assert response.status_code == 200
    document = Document(BytesIO(response.content))
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells] == [
        "序号",
        "议题",
        "形式",
        "时间",
        "牵头单位",
        "参加人员",
    ]
    assert table.rows[1].cells[1].text == "关于食品安全监管工作的民主监督"
    fonts = {
        r._element.rPr.rFonts.get(qn("w:eastAsia"))
        for paragraph in document.paragraphs
        for r in paragraph.runs
        if r.text
    }
    assert None not in fonts and fonts


def test_a_solicitation_is_sent_and_answered_on_the_pages(p, login):
    client = login(p.staff)
    response = client.post(
        "/consultations/solicitations/",
        {
            "title": "关于征集协商议题的通知",
            "year": YEAR,
            "due_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "units": [p.unit.pk],
            "sectors": [p.education.pk],
        },
    )
    assert response.status_code == 302
    sent = Solicitation.objects.get()
    unit_addressee = sent.addressees.get(unit=p.unit)
    unit = login(p.unit_user)
    assert sent.title in page_read(unit, "/consultations/solicitations/")
    unit.post(
        f"/consultations/solicitations/{sent.pk}/answer/{unit_addressee.pk}/",
        {"title": "关于职业教育产教融合", "form": "counterpart"},
    )
    html = page_read(login(p.staff), f"/consultations/solicitations/{sent.pk}/")
    assert "关于职业教育产教融合" in html and "未答复" in html
    other_unit = login(p.other_unit_user)
    assert other_unit.get(f"/consultations/solicitations/{sent.pk}/").status_code == 404
    response = other_unit.post(
        f"/consultations/solicitations/{sent.pk}/answer/{unit_addressee.pk}/",
        {"title": "x", "form": "counterpart"},
    )
    assert response.status_code == 404


def test_home_panels_say_what_each_role_does_next(p, login):
    suggested(p, p.plain.member.user, source="members", cosigners=[p.another.member])
    plan = plan_of(p)
    planned(p, plan, supervisory=True)
    services.plan_submit(actor=p.staff, plan=plan)
    assert "待筛选的议题建议" in page_read(login(p.staff), "/")
    assert "邀请我联名的议题" in page_read(login(p.another.member.user), "/")
    assert "待主席会议审议的协商计划" in page_read(login(p.chair.member.user), "/")


@pytest.mark.parametrize(
    "url",
    [
        "/consultations/topics/?year=abc",
        "/consultations/topics/?q=%00",
        "/consultations/topics/?state=" + "x" * 200,
    ],
)
def test_bad_query_parameters_are_a_400_page(p, login, url):
    assert login(p.staff).get(url).status_code == 400


def test_bad_posts_never_reach_a_500(p, login):
    plan = plan_of(p)
    topic = suggested(p)
    client = login(p.staff)
    posts = [
        ("/consultations/topics/new/", {"title": "a\x00b", "source": "party", "form": "thematic"}),
        ("/consultations/topics/new/", {"title": "x" * 300, "source": "party", "form": "x"}),
        ("/consultations/topics/from/proposal/", {"record": str(2**70)}),
        ("/consultations/topics/from/proposal/", {"record": "999999"}),
        (f"/consultations/topics/{topic.pk}/act/arrange/", {"planned_on": "2026-13-01"}),
        (f"/consultations/plans/{plan.pk}/act/pass/", {"passed_on": "abc"}),
        (f"/consultations/plans/{plan.pk}/act/add_item/", {"topic_id": str(2**70)}),
        ("/consultations/solicitations/", {"title": "x", "year": "99999", "due_on": "x"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code in (200, 302, 400, 404), url
    assert client.get(f"/consultations/topics/{2**70}/").status_code == 404
    assert client.post(f"/consultations/topics/{topic.pk}/act/nothing/").status_code == 404


def test_wrong_methods_and_roles_are_refused(p, login):
    plan = plan_of(p)
    assert login(p.staff).get(f"/consultations/plans/{plan.pk}/act/submit/").status_code == 405
    member = login(p.plain.member.user)
    assert member.post("/consultations/plans/", {"year": YEAR + 1}).status_code == 403
    assert member.get("/consultations/topics/categories/").status_code == 403
    assert login(p.auditor).get("/consultations/topics/").status_code == 403
