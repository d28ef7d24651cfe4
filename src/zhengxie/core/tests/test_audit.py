import pytest
from django.core.management import CommandError, call_command

from zhengxie.core.audit import audit_verify
from zhengxie.core.models import AuditChainHead, AuditEvent
from zhengxie.members.services import member_update


def _edit_employer(p):
    member = p.plain.member
    member_update(actor=p.staff, member=member, employer_title="县第一中学校长")
    return AuditEvent.objects.filter(action="member.update").latest("seq")


def test_every_service_write_records_who_what_before_and_after(p):
    event = _edit_employer(p)
    assert event.actor == p.staff
    assert event.object_repr == "李委员"
    assert event.before == {"employer_title": "李委员的单位"}
    assert event.after == {"employer_title": "县第一中学校长"}
    assert event.committee == p.committee


def test_untouched_audit_chain_verifies(p):
    _edit_employer(p)
    checked, problems = audit_verify()
    assert checked == AuditEvent.objects.count()
    assert problems == []


def test_audit_chain_detects_a_changed_row(p):
    event = _edit_employer(p)
    AuditEvent.objects.filter(pk=event.pk).update(after={"employer_title": "别的单位"})
    _, problems = audit_verify()
    assert [(pr.seq, pr.detail) for pr in problems] == [(event.seq, "记录内容被改动")]


def test_audit_chain_detects_a_deleted_row_in_the_middle(p):
    event = _edit_employer(p)
    member_update(actor=p.staff, member=p.plain.member, phone="13900000000")
    AuditEvent.objects.filter(pk=event.pk).delete()
    _, problems = audit_verify()
    assert {pr.detail for pr in problems} >= {"记录缺失(序号不连续)", "与前一条记录的链接不符"}


def test_audit_chain_detects_a_deleted_last_row(p):
    event = _edit_employer(p)
    AuditEvent.objects.filter(pk=event.pk).delete()
    _, problems = audit_verify()
    assert [pr.detail for pr in problems] == ["链尾记录缺失"]


def test_audit_verify_command_fails_on_tampering(p):
    event = _edit_employer(p)
    call_command("audit", "verify")
    AuditEvent.objects.filter(pk=event.pk).update(actor_label="别人")
    with pytest.raises(CommandError, match="审计链校验失败"):
        call_command("audit", "verify")


def test_each_committee_has_its_own_chain(p, other):
    heads = set(AuditChainHead.objects.values_list("chain", flat=True))
    assert {f"committee:{p.committee.pk}", f"committee:{other.committee.pk}"} <= heads


def test_auditor_reads_and_filters_the_audit_trail(p, login):
    _edit_employer(p)
    client = login(p.auditor)
    response = client.get("/audit/", {"action": "member.update"})
    assert response.status_code == 200
    assert "县第一中学校长" in response.content.decode()
    assert "member.create" not in response.content.decode().split("<tbody>")[1]


def test_auditor_checks_the_chain_from_the_page(p, login):
    response = login(p.auditor).post("/audit/verify/")
    assert "审计链完整" in response.content.decode()


def test_auditor_exports_the_filtered_audit_trail(p, login):
    from io import BytesIO

    from openpyxl import load_workbook

    _edit_employer(p)
    response = login(p.auditor).get("/audit/", {"action": "member.update", "format": "xlsx"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("时间", "操作人", "操作")
    assert [r[2] for r in rows[1:]] == ["member.update"]
