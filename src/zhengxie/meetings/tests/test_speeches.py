from io import BytesIO

import pytest
from docx import Document

from zhengxie.core.errors import ServiceError
from zhengxie.duty.models import DutyRecord
from zhengxie.meetings import services, speeches
from zhengxie.meetings.models import BriefingIssue, Speech

from .conftest import START, chairs_meeting


@pytest.fixture
def plenary(p):
    return services.meeting_create(
        actor=p.staff,
        kind="plenary",
        title="十届五次会议开幕会",
        starts_at=START,
        place="礼堂",
        invite_rule="all",
        session=p.sessions[-1],
        notify_invitees=False,
    )


def test_selected_and_delivered_speeches_record_duty(p, plenary):
    speech = speeches.speech_submit(
        actor=p.plain.member.user,
        meeting=plenary,
        kind="oral",
        title="关于发展县域经济的几点建议",
        text="……",
    )
    speeches.speech_decide(actor=p.staff, speech=speech, action="select_oral")
    speeches.speech_decide(actor=p.staff, speech=speech, action="deliver")
    kinds = set(DutyRecord.objects.filter(member=p.plain.member).values_list("kind", flat=True))
    assert kinds == {"speech_selected", "speech_delivered"}


def test_a_written_speech_cannot_be_marked_delivered(p, plenary):
    speech = speeches.speech_submit(
        actor=p.plain.member.user, meeting=plenary, kind="written", title="书面发言", text="……"
    )
    speeches.speech_decide(actor=p.staff, speech=speech, action="select_written")
    with pytest.raises(ServiceError) as exc:
        speeches.speech_decide(actor=p.staff, speech=speech, action="deliver")
    assert exc.value.code == "speech_state"


def test_only_staff_select_speeches(p, plenary):
    speech = speeches.speech_submit(
        actor=p.plain.member.user, meeting=plenary, kind="oral", title="t", text="x"
    )
    with pytest.raises(ServiceError):
        speeches.speech_decide(actor=p.chair.member.user, speech=speech, action="select_oral")


def test_speeches_are_for_plenary_and_standing_meetings(p):
    chairs = chairs_meeting(p, notify_invitees=False)
    with pytest.raises(ServiceError) as exc:
        speeches.speech_submit(
            actor=p.chair.member.user, meeting=chairs, kind="oral", title="t", text="x"
        )
    assert exc.value.code == "speech_meeting"


def test_briefings_are_numbered_without_gaps_per_session(p):
    session = p.sessions[-1]
    for _ in range(3):
        speeches.briefing_issue(
            actor=p.staff,
            session=session,
            title="分组讨论",
            items=[{"member": p.plain.member, "opinion": "建议加大投入"}],
        )
    other = speeches.briefing_issue(
        actor=p.staff,
        session=p.sessions[0],
        title="x",
        items=[{"member": p.plain.member, "opinion": "y"}],
    )
    numbers = list(BriefingIssue.objects.filter(session=session).values_list("number", flat=True))
    assert numbers == [1, 2, 3] and other.number == 1


def test_a_briefing_lists_opinions_and_who_raised_them_in_word(p, login):
    client = login(p.staff)
    client.post(
        f"/meetings/briefings/?session={p.sessions[-1].pk}",
        {
            "title": "委员分组讨论政府工作报告",
            "items": "李委员:建议加快农村寄宿制学校建设\n王常委:建议优化营商环境",
        },
    )
    issue = BriefingIssue.objects.get()
    document = Document(BytesIO(client.get(f"/meetings/briefings/{issue.pk}.docx").content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "会议简报" in text and "第1期" in text  # as the briefing list on the web writes it
    assert "李委员委员(教育界):建议加快农村寄宿制学校建设" in text


def test_unknown_names_in_a_briefing_are_reported(p, login):
    response = login(p.staff).post(
        f"/meetings/briefings/?session={p.sessions[-1].pk}",
        {"title": "x", "items": "无此人:意见"},
        follow=True,
    )
    assert "第1行" in response.content.decode()
    assert not BriefingIssue.objects.exists()


def test_members_submit_speeches_from_the_meeting_page(p, plenary, login):
    client = login(p.plain.member.user)
    client.post(
        f"/meetings/{plenary.pk}/speeches/", {"kind": "oral", "title": "关于文旅融合", "text": "……"}
    )
    assert Speech.objects.get().member == p.plain.member


def test_members_submit_speeches_on_the_meeting_page_and_read_only_their_own(p, plenary, login):
    member = login(p.plain.member.user)
    assert "提交发言稿" in member.get(f"/meetings/{plenary.pk}/").content.decode()
    member.post(
        f"/meetings/{plenary.pk}/speeches/",
        {"kind": "oral", "title": "关于发展县域经济的建议", "text": "……"},
    )
    assert "关于发展县域经济的建议" in member.get(f"/meetings/{plenary.pk}/").content.decode()
    another = login(p.another.member.user).get(f"/meetings/{plenary.pk}/").content.decode()
    assert "关于发展县域经济的建议" not in another
    staff = login(p.staff)
    page = staff.get(f"/meetings/{plenary.pk}/").content.decode()
    assert "安排口头发言" in page and "不予采用" in page
    speech = Speech.objects.get()
    staff.post(f"/meetings/{plenary.pk}/speeches/{speech.pk}/select_oral/")
    page = staff.get(f"/meetings/{plenary.pk}/").content.decode()
    assert "已发言" in page and "不予采用" not in page  # the buttons follow the workflow
