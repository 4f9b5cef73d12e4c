"""Tamper-evident audit log: each entry's hash covers its content and the previous entry's hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..store.ports import AuditEntry, Tx

GENESIS = "0" * 64


def entry_hash(prev_hash: str, seq: int, at: str, actor: str, action: str, subject: str,
               payload: dict[str, Any]) -> str:
    """sha256 over the previous hash and a canonical JSON of the entry."""
    body = json.dumps([seq, at, actor, action, subject, payload], ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    return hashlib.sha256((prev_hash + "\n" + body).encode()).hexdigest()


def record(tx: Tx, *, actor: str, action: str, subject: str, payload: dict[str, Any], now: float) -> AuditEntry:
    """Append one entry to the chain inside the caller's transaction."""
    last = tx.last_audit()
    seq = last.seq + 1 if last else 1
    prev = last.hash if last else GENESIS
    at = dt.datetime.fromtimestamp(now, dt.UTC).isoformat(timespec="microseconds")
    # Round-trip the payload through JSON so the hash is over exactly what the store will give back.
    payload = json.loads(json.dumps(payload, ensure_ascii=False))
    entry = AuditEntry(seq=seq, at=at, actor=actor, action=action, subject=subject, payload=payload,
                       prev_hash=prev, hash=entry_hash(prev, seq, at, actor, action, subject, payload))
    tx.append_audit(entry)
    return entry


@dataclass(frozen=True)
class Verification:
    ok: bool
    entries: int
    bad_seq: int | None = None
    reason: str = ""
    head: str = GENESIS


def verify(entries: Iterable[AuditEntry], *, after: int = 0, head: str = GENESIS) -> Verification:
    """Recompute the chain; report the first entry whose link, sequence or hash does not hold.

    `after`/`head` resume from an entry already verified (its seq and hash), so a caller that keeps a
    checkpoint checks only what was appended since."""
    prev, expect, n = head, after + 1, 0
    for e in entries:
        if e.seq != expect:
            return Verification(False, n, e.seq, f"sequence gap: expected {expect}, found {e.seq}", prev)
        if e.prev_hash != prev:
            return Verification(False, n, e.seq, "prev_hash does not match the previous entry", prev)
        if entry_hash(prev, e.seq, e.at, e.actor, e.action, e.subject, e.payload) != e.hash:
            return Verification(False, n, e.seq, "entry content does not match its hash", prev)
        prev, expect, n = e.hash, expect + 1, n + 1
    return Verification(True, n, head=prev)
