"""Re-chains the audit rows written before the chain was keyed: each row's hash becomes the
HMAC under settings.AUDIT_KEY. Rows whose old, unkeyed hash no longer verified are not
laundered: their numbers are kept in the `audit.rekey` event this step appends (and printed)."""

from datetime import UTC, datetime

from django.db import migrations

BATCH = 2000


def _rechain(events, chain):
    from zhengxie.core.audit import ZERO_HASH, _digest, legacy_digest

    prev_old, prev_new, failed, batch = ZERO_HASH, ZERO_HASH, [], []
    for event in events.filter(chain=chain).order_by("seq").iterator(chunk_size=BATCH):
        if event.prev_hash != prev_old or legacy_digest(event) != event.hash:
            failed.append(event.seq)
        prev_old = event.hash
        event.prev_hash = prev_new
        event.hash = prev_new = _digest(event)
        batch.append(event)
        if len(batch) >= BATCH:
            events.bulk_update(batch, ["prev_hash", "hash"])
            batch = []
    events.bulk_update(batch, ["prev_hash", "hash"])
    return prev_new, failed


def _log(apps, report):
    from zhengxie.core.audit import SYSTEM_CHAIN, ZERO_HASH, _digest

    AuditEvent = apps.get_model("core", "AuditEvent")
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    head, _ = AuditChainHead.objects.get_or_create(chain=SYSTEM_CHAIN, defaults={"last_hash": ZERO_HASH})
    event = AuditEvent(
        chain=SYSTEM_CHAIN,
        seq=head.seq + 1,
        at=datetime.now(UTC),
        actor_label="系统(数据库迁移)",
        action="audit.rekey",
        after=report,
        prev_hash=head.last_hash,
    )
    event.hash = _digest(event)
    event.save()
    head.seq, head.last_hash = event.seq, event.hash
    head.save(update_fields=["seq", "last_hash"])


def rekey(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    report = {}
    for head in AuditChainHead.objects.order_by("chain"):
        last_hash, failed = _rechain(AuditEvent.objects, head.chain)
        rows = AuditEvent.objects.filter(chain=head.chain).count()
        report[head.chain] = {"rows": rows, "head_seq": head.seq, "failed_before_rekey": failed[:1000]}
        head.last_hash = last_hash
        head.save(update_fields=["last_hash"])
        note = f",其中{len(failed)}条在改用密钥前已校验不通过" if failed else ""
        print(f"\n  审计链 {head.chain}:{rows}条记录已改用密钥重新计算哈希{note}。")
    if report:
        _log(apps, {"reason": "审计链改用密钥(HMAC)计算", "chains": report})


class Migration(migrations.Migration):
    dependencies = [("core", "0003_logins_per_address_and_token_lifetime")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
