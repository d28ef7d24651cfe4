"""Every kind of file (a proposal's 附件, an opinion's material, a meeting's 材料, a department's
会前材料, a 书面协商 draft, a self-reported activity's evidence) is stored by one service that
checks and audits it, and served by one download that asks the kind's audience rule first, on
the page and in the API alike."""

from dataclasses import dataclass, field
from datetime import date

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from zhengxie.consultations.models import MaterialFile, WrittenRequestFile
from zhengxie.consultations.services.activities import (
    consultation_request_material,
    material_submit,
    written_request_assign,
    written_request_attach,
    written_request_create,
)
from zhengxie.consultations.tests.activities_fixtures import consultation_of
from zhengxie.core.errors import ServiceError
from zhengxie.core.files import FILE_TYPE
from zhengxie.core.models import AttachedFile, AuditEvent
from zhengxie.core.services import file_store
from zhengxie.duty.models import SelfReportFile
from zhengxie.duty.services import self_report_submit
from zhengxie.meetings import audit_actions as meeting_actions
from zhengxie.meetings import services as meetings
from zhengxie.meetings.models import Material
from zhengxie.meetings.tests.conftest import materials_meeting
from zhengxie.opinions import services as opinions
from zhengxie.opinions.models import OpinionAttachment
from zhengxie.opinions.tests.conftest import Flow
from zhengxie.proposals import services as proposals
from zhengxie.proposals.models import Attachment
from zhengxie.proposals.tests.conftest import cycle_for

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
NAME = "关于城区学校周边交通的调研报告.pdf"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _pdf():
    return SimpleUploadedFile(NAME, PDF)


@dataclass
class Walk:
    """One stored file, a reader its audience holds and one it leaves out (who still reads
    the record the file is on, so only the file's own audience can turn them away). The
    page and the API name a file alike: <record>/<folder>/<id>."""

    record: object
    path: str  # the record's, as "/meetings/7"
    folder: str
    file_id: int
    insider: object
    outsider: object
    listed_key: str | None = None  # where the API lists the files: the record's detail
    upload: str = ""  # the page that takes a file, under the record's path
    uploader: object = None
    purpose: dict = field(default_factory=dict)

    @property
    def page(self) -> str:
        return f"{self.path}/{self.folder}/{self.file_id}/"

    @property
    def api(self) -> str:
        return f"/api/v1{self.path}/{self.folder}/{self.file_id}"

    @property
    def api_list(self) -> str:
        return f"/api/v1{self.path}" + ("" if self.listed_key else f"/{self.folder}")


def _proposal_reply_file(p) -> Walk:
    cycle = cycle_for(p)
    proposal = cycle.pending()
    signed = proposals.attachment_add(
        actor=cycle.unit, proposal=proposal, upload=_pdf(), purpose="reply"
    )
    # Another member reads the proposal, not a reply not yet released.
    outsider = p.another.member.user
    path = f"/proposals/{proposal.pk}"
    return Walk(
        proposal,
        path,
        "files",
        signed.pk,
        cycle.unit,
        outsider,
        listed_key="files",
        upload="attach",
        uploader=cycle.unit,
        purpose={"purpose": "reply"},
    )


def _opinion_file(p) -> Walk:
    flow = Flow(p)
    item = flow.submitted()
    material = opinions.opinion_attach(actor=flow.member, opinion=item, upload=_pdf())
    item = opinions.opinion_approve(
        actor=flow.reviewer,
        opinion=opinions.opinion_accept(actor=flow.staff, opinion=item, edited_text="正文。"),
    )
    opinions.opinion_instruct(
        actor=flow.staff,
        opinion=item,
        leader="县委书记 赵某",
        text="请县教育局落实护学岗。",
        unit=p.unit,
        given_on=date(2026, 11, 2),
    )
    # The unit carrying out the instruction reads the text, not the files.
    path = f"/opinions/{item.pk}"
    return Walk(
        item,
        path,
        "files",
        material.pk,
        flow.member,
        p.unit_user,
        upload="attach",
        uploader=flow.member,
    )


def _meeting_material(p) -> Walk:
    meeting = materials_meeting(p)
    material = meetings.material_add(actor=p.staff, meeting=meeting, upload=_pdf())
    # A leader not invited reads the meeting's notice, not its papers.
    leader = p.chair.member.user
    path = f"/meetings/{meeting.pk}"
    return Walk(
        meeting,
        path,
        "materials",
        material.pk,
        p.plain.member.user,
        leader,
        upload="materials",
        uploader=p.staff,
    )


def _consultation_material(p) -> Walk:
    owed = consultation_request_material(
        actor=p.staff,
        consultation=consultation_of(p),
        unit=p.unit,
        title="全县义务教育发展情况汇报",
        due_on=date(2026, 5, 1),
    )
    stored = material_submit(actor=p.unit_user, request=owed, upload=_pdf())
    # A member taking part reads the consultation, not the departments' papers.
    path = f"/consultations/{owed.consultation_id}"
    return Walk(
        owed.consultation,
        path,
        "materials",
        stored.pk,
        p.staff,
        p.plain.member.user,
        upload="materials",
        uploader=p.unit_user,
        purpose={"request": owed.pk},
    )


def _written_request_draft(p) -> Walk:
    asked = written_request_create(
        actor=p.staff,
        requester_kind="government",
        requester="县人民政府办公室",
        document="《县城市更新三年行动方案(征求意见稿)》",
        received_on=date(2026, 5, 1),
        due_on=date(2026, 5, 15),
    )
    asked = written_request_assign(actor=p.staff, request=asked, special_committee=p.special)
    draft = written_request_attach(actor=p.staff, request=asked, upload=_pdf())
    # A member outside the special committee asked reads the request, not the draft.
    path = f"/consultations/written-requests/{asked.pk}"
    return Walk(
        asked,
        path,
        "files",
        draft.pk,
        p.standing.member.user,
        p.plain.member.user,
        upload="files",
        uploader=p.staff,
    )


def _self_report_evidence(p) -> Walk:
    report = self_report_submit(
        actor=p.plain.member.user,
        kind="捐资助学",
        date=date(2026, 5, 1),
        description="资助贫困学生",
        upload=_pdf(),
    )
    # A leader reads the report, not the member's receipts.
    return Walk(
        report,
        f"/self-reports/{report.pk}",
        "files",
        report.files.get().pk,
        p.staff,
        p.chair.member.user,
        listed_key="files",
        upload="files",
        uploader=p.plain.member.user,
    )


KINDS = {
    Attachment: _proposal_reply_file,
    OpinionAttachment: _opinion_file,
    Material: _meeting_material,
    MaterialFile: _consultation_material,
    WrittenRequestFile: _written_request_draft,
    SelfReportFile: _self_report_evidence,
}


def test_every_kind_of_attachment_is_walked():
    stored = {m for m in apps.get_models() if issubclass(m, AttachedFile)}
    assert stored == set(KINDS)


def _listed(api, walk: Walk) -> list[str]:
    body = api.get(walk.api_list).json()
    return [f["url"] for f in (body[walk.listed_key] if walk.listed_key else body)]


@pytest.mark.parametrize("kind", KINDS, ids=lambda m: m.__name__)
def test_every_attachment_download_checks_its_audience(p, kind, client, login, api):
    walk = KINDS[kind](p)
    for user, allowed in ((walk.insider, True), (walk.outsider, False)):
        page = login(user)
        assert page.get(f"{walk.path}/").status_code == 200
        downloaded = page.get(walk.page)
        assert downloaded.status_code == (200 if allowed else 404)
        api.login(user)
        assert api.get(walk.api).status_code == (200 if allowed else 404)
        assert (walk.api in _listed(api, walk)) is allowed
        if allowed:
            assert b"".join(downloaded.streaming_content) == PDF
            assert b"".join(api.get(walk.api).streaming_content) == PDF


@pytest.mark.parametrize("kind", KINDS, ids=lambda m: m.__name__)
def test_attachment_download_keeps_its_chinese_name_and_is_never_cached(p, kind, login, api):
    walk = KINDS[kind](p)
    for response in (login(walk.insider).get(walk.page), api.login(walk.insider).get(walk.api)):
        assert response.status_code == 200
        assert response["Content-Disposition"] == (
            "attachment; filename*=UTF-8''%E5%85%B3%E4%BA%8E%E5%9F%8E%E5%8C%BA%E5%AD%A6%E6%A0%A1"
            "%E5%91%A8%E8%BE%B9%E4%BA%A4%E9%80%9A%E7%9A%84%E8%B0%83%E7%A0%94%E6%8A%A5%E5%91%8A.pdf"
        )
        assert response["Content-Type"] == "application/pdf"
        assert "no-store" in response["Cache-Control"]


def _store(p, meeting, upload, action=meeting_actions.MATERIAL):
    return file_store(
        actor=p.staff,
        attachment=Material(meeting=meeting),
        upload=upload,
        action=action,
        target=meeting,
    )


def test_file_store_refuses_a_bad_file_and_audits_a_stored_one(p, tmp_path):
    meeting = materials_meeting(p)
    for bad in (
        SimpleUploadedFile("安装程序.exe", b"MZ\x90\x00"),
        SimpleUploadedFile("伪装.pdf", b"MZ\x90\x00 not a pdf"),
    ):
        with pytest.raises(ServiceError) as refused:
            _store(p, meeting, bad)
        assert refused.value.problem == FILE_TYPE
    assert not Material.objects.exists() and not any(tmp_path.rglob("*.exe"))
    assert not AuditEvent.objects.filter(action=meeting_actions.MATERIAL).exists()
    stored = _store(p, meeting, _pdf())
    stored.refresh_from_db()
    assert (stored.name, stored.size, stored.uploaded_by) == (NAME, len(PDF), p.staff)
    assert stored.file.read() == PDF
    event = AuditEvent.objects.get(action=meeting_actions.MATERIAL)
    assert (event.object_type, event.object_id) == ("meetings.meeting", str(meeting.pk))
    assert event.after == {"file": NAME, "size": len(PDF)}


def test_file_store_joins_the_callers_transaction(p):
    meeting = materials_meeting(p)
    with pytest.raises(RuntimeError), transaction.atomic():
        _store(p, meeting, _pdf())
        raise RuntimeError("the caller's own work fails after the file")
    assert not Material.objects.exists()
    assert not AuditEvent.objects.filter(action=meeting_actions.MATERIAL).exists()


def test_file_store_takes_only_declared_audit_actions(p):
    with pytest.raises(ValueError):
        _store(p, materials_meeting(p), _pdf(), action="meeting.upload_anything")
    assert not Material.objects.exists()


def _more_files(p, kind, walk):
    """Two more files on the walk's record, so a query per file would show."""
    for _ in range(2):
        if kind is OpinionAttachment:
            opinions.opinion_attach(actor=walk.insider, opinion=walk.record, upload=_pdf())
        else:
            meetings.material_add(actor=p.staff, meeting=walk.record, upload=_pdf())


@pytest.mark.parametrize(
    "kind, queries",
    # token, roles, the reader's member (and unit account), the record and its audience,
    # then the files in one query however many there are
    [(OpinionAttachment, 8), (Material, 6)],
    ids=["opinion_files", "meeting_materials"],
)
def test_file_lists_pin_their_query_count(p, kind, queries, api, django_assert_num_queries):
    walk = KINDS[kind](p)
    _more_files(p, kind, walk)
    api.login(walk.insider)
    with django_assert_num_queries(queries):
        assert len(_listed(api, walk)) == 3


def test_a_long_file_name_keeps_its_extension(p, login):
    long_name = "关于" + "城区学校周边交通安全" * 25 + ".pdf"
    meeting = materials_meeting(p)
    stored = _store(p, meeting, SimpleUploadedFile(long_name, PDF))
    assert len(stored.name) == 200 and stored.name.endswith(".pdf")
    download = login(p.staff).get(f"/meetings/{meeting.pk}/materials/{stored.pk}/")
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].endswith(".pdf")


def _told(client, walk: Walk, **files) -> list[str]:
    response = client.post(f"{walk.path}/{walk.upload}/", {**walk.purpose, **files}, follow=True)
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize("kind", KINDS, ids=lambda m: m.__name__)
def test_every_upload_page_tells_why_a_file_was_refused(p, kind, login):
    walk = KINDS[kind](p)
    client = login(walk.uploader)
    assert _told(client, walk) == ["请选择要上传的文件。"]
    empty = SimpleUploadedFile("空.pdf", b"")
    assert _told(client, walk, file=empty) == ["文件是空的。"]
    fake = SimpleUploadedFile("伪装.pdf", b"MZ\x90\x00")
    assert _told(client, walk, file=fake) == ["文件内容与扩展名不符,请检查文件。"]
    assert kind.objects.count() == 1
    assert len(_told(client, walk, file=_pdf())) == 1 and kind.objects.count() == 2
