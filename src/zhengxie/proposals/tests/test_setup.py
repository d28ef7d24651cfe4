import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengxie.core.errors import ServiceError
from zhengxie.proposals import services
from zhengxie.proposals.models import Attachment, CollectionCall, ProposalPolicy

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(name="材料.pdf", content=PDF):
    return SimpleUploadedFile(name, content)


def test_the_proposer_attaches_a_pdf_and_others_may_read_it(cycle, login):
    proposal = cycle.submitted()
    response = login(cycle.member).post(
        f"/proposals/{proposal.pk}/attach/", {"file": upload(), "purpose": "proposal"}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.size == len(PDF) and attachment.name == "材料.pdf"
    download = login(cycle.staff).get(f"/proposals/{proposal.pk}/files/{attachment.pk}/")
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("病毒.exe", b"MZ\x90\x00", "file_type"),
        ("假的.pdf", b"MZ\x90\x00", "file_type"),
        ("空.pdf", b"", "file_empty"),
    ],
)
def test_attachments_are_checked_by_type_content_and_size(cycle, name, content, code):
    with pytest.raises(ServiceError) as exc:
        services.attachment_add(
            actor=cycle.member,
            proposal=cycle.submitted(),
            upload=upload(name, content),
            purpose="proposal",
        )
    assert exc.value.code == code
    assert not Attachment.objects.exists()


def test_attachments_over_ten_megabytes_are_refused(cycle):
    big = upload("大.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ServiceError) as exc:
        services.attachment_add(
            actor=cycle.member, proposal=cycle.submitted(), upload=big, purpose="proposal"
        )
    assert exc.value.code == "file_size"


def test_the_lead_unit_attaches_its_signed_reply(cycle):
    proposal = cycle.assigned()
    services.attachment_add(
        actor=cycle.unit, proposal=proposal, upload=upload("复文.pdf"), purpose="reply"
    )
    with pytest.raises(ServiceError) as exc:
        services.attachment_add(
            actor=cycle.member, proposal=proposal, upload=upload(), purpose="proposal"
        )
    assert exc.value.status == 403


def test_files_of_invisible_proposals_stay_hidden(cycle, login):
    proposal = cycle.assigned()
    attachment = services.attachment_add(
        actor=cycle.unit, proposal=proposal, upload=upload("复文.pdf"), purpose="reply"
    )
    url = f"/proposals/{proposal.pk}/files/{attachment.pk}/"
    assert login(cycle.co_unit).get(url).status_code == 404


def test_staff_open_a_collection_call_and_members_see_its_outline(cycle, login):
    session = cycle.p.sessions[-1]
    client = login(cycle.staff)
    client.post(
        "/proposals/settings/",
        {
            "session": session.pk,
            "outline": "围绕营商环境建言",
            "opens_on": "2020-01-01",
            "closes_on": "2030-12-31",
            "deadline_months": "2",
        },
    )
    call = CollectionCall.objects.get(session=session)
    assert call.deadline_months == 2
    assert "围绕营商环境建言" in login(cycle.member).get("/proposals/new/").content.decode()
    assert not cycle.submitted().between_sessions


def test_a_call_closing_before_it_opens_is_refused(cycle, login):
    page = (
        login(cycle.staff)
        .post(
            "/proposals/settings/",
            {
                "session": cycle.p.sessions[-1].pk,
                "outline": "x",
                "opens_on": "2026-03-01",
                "closes_on": "2026-02-01",
            },
        )
        .content.decode()
    )
    assert "征集截止日期不能早于开始日期" in page


def test_staff_switch_off_the_committee_review_of_replies(cycle, login):
    login(cycle.staff).post(
        "/proposals/settings/",
        {
            "relief_working_days": "10",
            "deadline_months": "3",
            "reply_copied_to": "县委办、县政府办",
            "implementation_basis": "a_of_registered",
        },
    )
    policy = ProposalPolicy.objects.get(committee=cycle.p.committee)
    assert not policy.review_replies and policy.relief_working_days == 10
    proposal = services.proposal_approve_reply(actor=cycle.unit, proposal=cycle.pending())
    assert proposal.state == "replied"
    assert proposal.replies.get().copied_to == "县委办、县政府办"


def test_members_cannot_change_settings(cycle, login):
    assert login(cycle.member).get("/proposals/settings/").status_code == 403


def test_relief_days_must_be_reasonable(cycle):
    with pytest.raises(ServiceError):
        services.proposal_policy_update(
            actor=cycle.staff, committee=cycle.p.committee, relief_working_days=0
        )
