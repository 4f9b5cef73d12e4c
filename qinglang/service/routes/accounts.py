"""`GET /v1/accounts/{id}`: an account's risk, recent decisions, sanctions and the clusters it belongs to."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from ..deps import ClockDep, Staff, StoreDep

router = APIRouter(prefix="/v1", tags=["accounts"])
COORDINATED = {"water_army", "drainage_ring"}


@router.get("/accounts/{account_id}", summary="Account risk, recent decisions, sanctions and clusters")
def get_account(account_id: str, request: Request, store: StoreDep, clock: ClockDep, _: Staff) -> dict[str, Any]:
    now = clock()
    wf = request.app.state.workflow
    with store.transaction(readonly=True) as tx:
        sanctions = tx.sanctions(account_id)
        violations = tx.violations(account_id, since=now - wf.window_days * 86400)
    svc = getattr(request.app.state, "clusters", None)
    history = svc.ledger.account(account_id) if svc is not None else {"recent": [], "clusters": []}
    flags = history["recent"][0]["flags"] if history["recent"] else []
    # risk: the strongest of coordinated-cluster scores, the violation record and a young-account burst
    parts = [g["score"] for g in history["clusters"] if g["label"] in COORDINATED]
    parts.append(min(1.0, len(violations) / 3))
    if "young_burst" in flags:
        parts.append(0.5)
    return {
        "account": account_id, "risk": round(max(parts), 4), "flags": flags,
        "recent_decisions": history["recent"],
        "violations": [{"content_id": v.content_id, "label": v.label, "severity": v.severity, "at": v.at}
                       for v in violations],
        "sanctions": [{"id": s.id, "level": s.level, "started_at": s.started_at, "expires_at": s.expires_at,
                       "reason": s.reason, "revoked": s.revoked} for s in sanctions],
        "clusters": history["clusters"], "clusters_enabled": svc is not None,
    }
