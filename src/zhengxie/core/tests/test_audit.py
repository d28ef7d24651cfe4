from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from zhengxie.core.audit import _digest, audit_anchor, audit_verify, legacy_digest, read_anchors
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


def test_audit_trail_holds_personal_data_only_masked(p):
    member = p.plain.member
    created = AuditEvent.objects.filter(action="member.create", object_id=str(member.pk)).get()
    assert created.after["phone"] == "138****0003" != member.phone
    assert member.id_number not in str(created.after)
    member_update(actor=p.staff, member=member, phone="13912345678", id_number="110105199001011234")
    event = AuditEvent.objects.filter(action="member.update").latest("seq")
    assert event.after == {"phone": "139****5678", "id_number": "1101**********1234"}
    assert audit_verify()[1] == []


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


def _forge_rechain(chain: str, digest) -> None:
    """What someone with write access to the database but not the key can do: recompute
    every hash of the chain with their own function, and the head row to match."""
    prev = "0" * 64
    for event in AuditEvent.objects.filter(chain=chain).order_by("seq"):
        event.prev_hash = prev
        event.hash = prev = digest(event)
        event.save(update_fields=["prev_hash", "hash"])
    AuditChainHead.objects.filter(chain=chain).update(last_hash=prev)


def test_rechained_audit_without_key_is_detected(p):
    event = _edit_employer(p)
    AuditEvent.objects.filter(pk=event.pk).update(after={"employer_title": "别的单位"})
    _forge_rechain(event.chain, legacy_digest)
    _, problems = audit_verify()
    seqs = AuditEvent.objects.filter(chain=event.chain).values_list("seq", flat=True)
    assert {(pr.chain, pr.seq) for pr in problems} == {(event.chain, s) for s in seqs}
    assert {pr.detail for pr in problems} == {"记录内容被改动"}


def test_rechained_audit_with_another_key_is_detected(p, settings):
    event = _edit_employer(p)
    settings.AUDIT_KEY, real_key = "guessed-key", settings.AUDIT_KEY
    _forge_rechain(event.chain, _digest)
    settings.AUDIT_KEY = real_key
    _, problems = audit_verify()
    assert len(problems) == AuditEvent.objects.filter(chain=event.chain).count()


def _trim_tail(chain: str, keep: int) -> None:
    """Deletes the rows after `keep` and rewrites the head row so that the chain looks whole."""
    AuditEvent.objects.filter(chain=chain, seq__gt=keep).delete()
    last = AuditEvent.objects.get(chain=chain, seq=keep)
    AuditChainHead.objects.filter(chain=chain).update(seq=keep, last_hash=last.hash)


def test_trimmed_audit_tail_is_detected(p):
    event = _edit_employer(p)
    audit_anchor()
    _trim_tail(event.chain, event.seq - 3)
    _, problems = audit_verify()
    assert [(pr.chain, pr.rows, pr.detail) for pr in problems] == [
        (event.chain, f"第{event.seq - 2}至{event.seq}条", "链尾记录缺失")
    ]


def test_tick_anchors_the_chain_heads_outside_the_database(p, settings):
    event = _edit_employer(p)
    call_command("tick")
    anchors, problems = read_anchors()
    assert problems == []
    assert anchors[event.chain].seq == event.seq and anchors[event.chain].hash == event.hash
    lines = settings.AUDIT_ANCHOR_PATH.read_text().splitlines()
    call_command("tick")
    assert settings.AUDIT_ANCHOR_PATH.read_text().splitlines() == lines  # nothing moved


def test_a_forged_anchor_line_is_reported(p, settings):
    _edit_employer(p)
    audit_anchor()
    with settings.AUDIT_ANCHOR_PATH.open("a") as file:
        file.write('{"at": "x", "chain": "system", "seq": 1, "hash": "0", "mac": "0"}\n')
    _, problems = audit_verify()
    assert [(pr.chain, pr.detail) for pr in problems] == [
        ("外部锚点", "锚点记录无效(被改动或非本系统写入)")
    ]


def test_audit_verify_names_every_failing_row(p):
    event = _edit_employer(p)
    AuditEvent.objects.filter(chain=event.chain, seq__in=[2, 4]).update(actor_label="别人")
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify", stderr=(err := StringIO()))
    assert "2处异常" in str(exc.value)
    assert err.getvalue().splitlines() == [
        f"{event.chain} 第2条:记录内容被改动",
        f"{event.chain} 第4条:记录内容被改动",
    ]


def test_the_audit_key_lives_outside_the_database(p, settings):
    from django.db import connection

    _edit_employer(p)
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')
            assert settings.AUDIT_KEY not in repr(cursor.fetchall())


def test_rows_written_before_the_key_are_rechained_by_a_logged_step(p, capsys):
    from importlib import import_module

    from django.apps import apps

    event = _edit_employer(p)
    _forge_rechain(event.chain, legacy_digest)  # as the unkeyed version wrote them
    AuditEvent.objects.filter(pk=event.pk).update(actor_label="别人")  # tampered before
    assert audit_verify()[1] != []
    import_module("zhengxie.core.migrations.0004_key_the_audit_chain").rekey(apps, None)
    assert audit_verify()[1] == []
    step = AuditEvent.objects.get(action="audit.rekey")
    assert step.after["chains"][event.chain]["failed_before_rekey"] == [event.seq]
    assert "改用密钥重新计算哈希" in capsys.readouterr().out
