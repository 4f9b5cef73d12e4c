"""`/v1/audit`, `/v1/evidence/{id}`: the hash-chained audit log and referral packages (auditors)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...store.ports import iter_audit
from ...workflow import audit, evidence
from ..deps import Auditor, CheckpointDep, ClockDep, StoreDep

router = APIRouter(prefix="/v1", tags=["audit"])


@router.get("/audit", summary="Audit entries after a sequence number")
def entries(store: StoreDep, _: Auditor, after: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
            limit: Annotated[int, Query(ge=1, le=1000)] = 100,
            subject: Annotated[str | None, Query(max_length=300)] = None) -> dict[str, Any]:
    with store.transaction(readonly=True) as tx:
        rows = tx.audit_entries(after=after, limit=limit, subject=subject)
    return {"entries": [asdict(e) for e in rows]}


@router.get("/audit/verify", summary="Check the hash chain (incremental; full=true re-walks it all)")
def verify(store: StoreDep, checkpoint: CheckpointDep, _: Auditor,
           full: Annotated[bool, Query(description="Recompute from the first entry")] = False) -> dict[str, Any]:
    """Verify the entries appended since this worker's last verified entry, after re-reading that entry to
    see it still carries the hash verified then. Reads go in short read-only transactions, so verifying
    never holds the write lock; `full=true` re-walks the whole chain the same way."""
    with checkpoint.lock:
        after, head = (0, audit.GENESIS) if full else (checkpoint.seq, checkpoint.hash)
        if after:
            with store.transaction(readonly=True) as tx:
                anchor = tx.audit_entries(after=after - 1, limit=1)
            if not anchor or anchor[0].seq != after or anchor[0].hash != head:
                res = audit.Verification(False, 0, after, "the last verified entry was changed or removed", head)
                return {**asdict(res), "from_seq": after, "checked": 0}
        res = audit.verify(iter_audit(store, after=after), after=after, head=head)
        if res.ok:
            checkpoint.seq, checkpoint.hash = after + res.entries, res.head
        out = asdict(res)
        out.update(from_seq=after, checked=res.entries, entries=after + res.entries if res.ok else res.entries)
        return out


@router.get("/evidence/{content_id}", summary="Evidence package for referral (移交)")
def evidence_package(content_id: str, store: StoreDep, clock: ClockDep, caller: Auditor) -> dict[str, Any]:
    return store.write(lambda tx: evidence.build_package(tx, content_id, now=clock(), actor=caller.actor))
