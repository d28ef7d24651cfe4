"""The audit trail: one hash-chained event per write.

Each committee has its own chain (plus one for deployment-wide events). An event's
hash is an HMAC, under a key kept outside the database (settings.AUDIT_KEY), of its content
and the previous hash: editing or deleting a row breaks the chain, and whoever can write the
database still cannot compute a new chain that verifies. The head row records the last
sequence number, and `zhengxie tick` appends each head to a file outside the database
(settings.AUDIT_ANCHOR_PATH), so trimming the tail is caught even when the head row is
rewritten to match.
"""

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from zhengxie.lib.masking import mask_id_number, mask_phone

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


# The auditor reads and exports every row: personal data enters the trail masked, as on
# every other page that does not need it in full (等保: no personal data in logs).
_MASKED = {"id_number": mask_id_number, "phone": mask_phone, "contact_phone": mask_phone}


def _masked(data: dict | None) -> dict | None:
    if data is None:
        return None
    return {
        key: _MASKED[key](value) if key in _MASKED and isinstance(value, str) else value
        for key, value in data.items()
    }


def _chain_for(committee: Committee | None) -> str:
    return f"committee:{committee.pk}" if committee else SYSTEM_CHAIN


def _canonical(event) -> bytes:
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
    return canonical.encode()


def _mac(message: bytes) -> str:
    return hmac.new(settings.AUDIT_KEY.encode(), message, hashlib.sha256).hexdigest()


def _digest(event) -> str:
    return _mac(_canonical(event))


def legacy_digest(event) -> str:
    """The unkeyed hash of rows written before the chain was keyed (see migration 0004)."""
    return hashlib.sha256(_canonical(event)).hexdigest()


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
    # No savepoint of its own: a service whose audit row cannot be written fails whole, so a
    # savepoint would only cost two more statements on every write of the platform.
    with transaction.atomic(savepoint=False):
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
    # Two events at once would extend the same head: one seq twice, a forked hash chain.
    head = AuditChainHead.objects.select_for_update().filter(chain=chain).first()
    if head is None:  # the chain's first event
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
        before=_normalise(_masked(before)),
        after=_normalise(_masked(after)),
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
    last_seq: int | None = None  # a run of rows: seq … last_seq

    @property
    def rows(self) -> str:
        if self.last_seq and self.last_seq != self.seq:
            return f"第{self.seq}至{self.last_seq}条"
        return f"第{self.seq}条"


@dataclass(frozen=True)
class Anchor:
    chain: str
    seq: int
    hash: str


ZERO_HASH = "0" * 64


def _anchor_mac(chain: str, seq: int, hash_: str, at: str) -> str:
    return _mac(f"{chain}|{seq}|{hash_}|{at}".encode())


def _anchor_path(path: Path | None) -> Path:
    return Path(path or settings.AUDIT_ANCHOR_PATH)


def read_anchors(path: Path | None = None) -> tuple[dict[str, Anchor], list[ChainProblem]]:
    """The latest valid anchor of each chain, and the anchor lines that do not verify."""
    anchors: dict[str, Anchor] = {}
    problems: list[ChainProblem] = []
    path = _anchor_path(path)
    if not path.exists():
        return anchors, problems
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        try:
            entry = json.loads(line)
            valid = hmac.compare_digest(
                entry["mac"],
                _anchor_mac(entry["chain"], entry["seq"], entry["hash"], entry["at"]),
            )
        except (ValueError, KeyError, TypeError):
            valid = False
        if not valid:
            problems.append(ChainProblem("外部锚点", number, "锚点记录无效(被改动或非本系统写入)"))
            continue
        anchors[entry["chain"]] = Anchor(entry["chain"], entry["seq"], entry["hash"])
    return anchors, problems


def audit_anchor(*, path: Path | None = None, now: datetime | None = None) -> int:
    """Appends the head of every chain that moved since its last anchor; returns how many."""
    path = _anchor_path(path)
    anchors, _ = read_anchors(path)
    at = (now or timezone.now()).astimezone(UTC).isoformat()
    lines = []
    for head in AuditChainHead.objects.order_by("chain"):
        anchored = anchors.get(head.chain)
        if anchored and anchored.seq == head.seq:
            continue
        mac = _anchor_mac(head.chain, head.seq, head.last_hash, at)
        entry = {"at": at, "chain": head.chain, "seq": head.seq, "hash": head.last_hash, "mac": mac}
        lines.append(json.dumps(entry, ensure_ascii=False) + "\n")
    if lines:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a") as file:
            file.writelines(lines)
            file.flush()
            os.fsync(file.fileno())
    return len(lines)


@dataclass
class _ChainState:
    checked: int = 0
    last_seq: int = 0
    last_hash: str = ZERO_HASH
    hash_at_anchor: str | None = None


def _verify_rows(chain: str, anchor: Anchor | None, problems: list[ChainProblem]) -> _ChainState:
    state = _ChainState()
    events = AuditEvent.objects.filter(chain=chain).order_by("seq")
    for event in events.iterator(chunk_size=2000):
        state.checked += 1
        if event.seq != state.last_seq + 1:
            problems.append(
                ChainProblem(chain, state.last_seq + 1, "记录缺失(序号不连续)", event.seq - 1)
            )
        if event.prev_hash != state.last_hash:
            problems.append(ChainProblem(chain, event.seq, "与前一条记录的链接不符"))
        if not hmac.compare_digest(_digest(event), event.hash):
            problems.append(ChainProblem(chain, event.seq, "记录内容被改动"))
        if anchor and event.seq == anchor.seq:
            state.hash_at_anchor = event.hash
        state.last_seq, state.last_hash = event.seq, event.hash
    return state


def _verify_tail(chain, head, anchor, state, problems) -> None:
    """The last row must be where the head row and the external anchor say the chain ends."""
    expected = max(head.seq if head else 0, anchor.seq if anchor else 0)
    if expected > state.last_seq:
        problems.append(ChainProblem(chain, state.last_seq + 1, "链尾记录缺失", expected))
    elif head and (head.seq, head.last_hash) != (state.last_seq, state.last_hash):
        problems.append(ChainProblem(chain, head.seq, "链头与最后一条记录不符"))
    if anchor and anchor.seq <= state.last_seq and state.hash_at_anchor != anchor.hash:
        problems.append(ChainProblem(chain, anchor.seq, "与外部锚点记录的哈希不符"))


def audit_verify(*, anchor_path: Path | None = None) -> tuple[int, list[ChainProblem]]:
    """Recompute every chain with the key and hold it against its head row and its external
    anchor; returns the number of events checked and every row that fails."""
    anchors, problems = read_anchors(anchor_path)
    heads = {head.chain: head for head in AuditChainHead.objects.all()}
    checked = 0
    for chain in sorted(heads.keys() | anchors.keys()):
        state = _verify_rows(chain, anchors.get(chain), problems)
        _verify_tail(chain, heads.get(chain), anchors.get(chain), state, problems)
        checked += state.checked
    return checked, problems
