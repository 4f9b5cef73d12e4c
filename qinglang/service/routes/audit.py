"""`/v1/audit`, `/v1/evidence/{id}`: the hash-chained audit log and referral packages (auditors)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...store.ports import iter_audit
from ...workflow import audit, evidence
from ..deps import Auditor, ClockDep, StoreDep

router = APIRouter(prefix="/v1", tags=["audit"])


@router.get("/audit", summary="Audit entries after a sequence number")
def entries(store: StoreDep, _: Auditor, after: Annotated[int, Query(ge=0, le=2**63 - 1)] = 0,
            limit: Annotated[int, Query(ge=1, le=1000)] = 100,
            subject: Annotated[str | None, Query(max_length=300)] = None) -> dict[str, Any]:
    with store.transaction(readonly=True) as tx:
        rows = tx.audit_entries(after=after, limit=limit, subject=subject)
    return {"entries": [asdict(e) for e in rows]}


@router.get("/audit/verify", summary="Recompute the hash chain")
def verify(store: StoreDep, _: Auditor) -> dict[str, Any]:
    return asdict(audit.verify(iter_audit(store)))


@router.get("/evidence/{content_id}", summary="Evidence package for referral (移交)")
def evidence_package(content_id: str, store: StoreDep, clock: ClockDep, caller: Auditor) -> dict[str, Any]:
    with store.transaction() as tx:
        return evidence.build_package(tx, content_id, now=clock(), actor=caller.actor)
