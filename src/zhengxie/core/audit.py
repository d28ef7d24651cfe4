"""The audit trail: one hash-chained event per write.

Each committee has its own chain (plus one for deployment-wide events). An event's
hash covers its content and the previous hash, so editing or deleting a row breaks
the chain; the head row records the last sequence number, so trimming the tail is
caught too.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone

from .middleware import current_ip
from .models import AuditChainHead, AuditEvent, Committee

SYSTEM_CHAIN = "system"


def _json_default(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return str(value)


def _normalise(data):
    """The JSON form of `data`, exactly as it will read back from the database."""
    if data is None:
        return None
    return json.loads(json.dumps(data, default=_json_default, ensure_ascii=False))


def snapshot(instance: models.Model, fields: list[str]) -> dict:
    return _normalise({name: getattr(instance, name) for name in fields})


def _chain_for(committee: Committee | None) -> str:
    return f"committee:{committee.pk}" if committee else SYSTEM_CHAIN


def _digest(event: AuditEvent) -> str:
    content = {
        "chain": event.chain,
        "seq": event.seq,
        "at": event.at.astimezone(UTC).isoformat(),
        "committee": event.committee_id,
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "before": event.before,
        "after": event.after,
        "ip": event.ip,
        "prev": event.prev_hash,
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def audit_log(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    committee: Committee | None = None,
    before: dict | None = None,
    after: dict | None = None,
    actor_label: str = "",
    now: datetime | None = None,
) -> AuditEvent:
    """Append one event. Inside a service's transaction it joins it; called alone it opens its
    own, since the chain head must be read and advanced under one lock."""
    if committee is None and target is not None:
        committee = getattr(target, "committee", None)
    with transaction.atomic():
        return _append(
            chain=_chain_for(committee),
            committee=committee,
            actor=actor,
            action=action,
            target=target,
            before=before,
            after=after,
            actor_label=actor_label,
            now=now,
        )


def _append(*, chain, committee, actor, action, target, before, after, actor_label, now):
    AuditChainHead.objects.get_or_create(chain=chain)
    head = AuditChainHead.objects.select_for_update().get(chain=chain)
    event = AuditEvent(
        chain=chain,
        seq=head.seq + 1,
        at=now or timezone.now(),
        committee=committee,
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor_label or (f"{actor}({actor.username})" if actor else "系统"),
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        object_repr=str(target)[:200] if target is not None else "",
        before=_normalise(before),
        after=_normalise(after),
        ip=current_ip(),
        prev_hash=head.last_hash,
    )
    event.hash = _digest(event)
    event.save()
    head.seq, head.last_hash = event.seq, event.hash
    head.save(update_fields=["seq", "last_hash"])
    return event


@dataclass
class ChainProblem:
    chain: str
    seq: int
    detail: str


def audit_verify() -> tuple[int, list[ChainProblem]]:
    """Recompute every chain; returns the number of events checked and the problems."""
    problems: list[ChainProblem] = []
    checked = 0
    for head in AuditChainHead.objects.order_by("chain"):
        expected_prev, expected_seq = "0" * 64, 1
        events = AuditEvent.objects.filter(chain=head.chain).order_by("seq")
        for event in events.iterator(chunk_size=2000):
            checked += 1
            if event.seq != expected_seq:
                problems.append(ChainProblem(head.chain, expected_seq, "记录缺失(序号不连续)"))
            if event.prev_hash != expected_prev:
                problems.append(ChainProblem(head.chain, event.seq, "与前一条记录的链接不符"))
            if _digest(event) != event.hash:
                problems.append(ChainProblem(head.chain, event.seq, "记录内容被改动"))
            expected_prev, expected_seq = event.hash, event.seq + 1
        if expected_seq - 1 != head.seq or expected_prev != head.last_hash:
            problems.append(ChainProblem(head.chain, head.seq, "链尾记录缺失"))
    return checked, problems
