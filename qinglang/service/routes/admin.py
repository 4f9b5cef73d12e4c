"""`/v1/admin/*` and account views: API keys, sanctions, campaign statistics."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter

from ...errors import NotFound
from ...store.ports import Tx
from ...workflow import audit, sanctions
from ..deps import Admin, ClockDep, Staff, StoreDep, WorkflowDep
from ..keys import create_key
from .schemas import KeyIn, sanction_json

router = APIRouter(prefix="/v1", tags=["admin"])


@router.post("/admin/keys", status_code=201, summary="Create an API key (shown once)")
def new_key(body: KeyIn, store: StoreDep, clock: ClockDep, caller: Admin) -> dict[str, Any]:
    rec, key = store.write(lambda tx: create_key(tx, role=body.role, name=body.name, now=clock(), actor=caller.actor))
    return {"key_id": rec.key_id, "role": rec.role, "name": rec.name, "key": key}


@router.get("/admin/keys", summary="List API keys (without secrets)")
def list_keys(store: StoreDep, _: Admin) -> dict[str, Any]:
    with store.transaction(readonly=True) as tx:
        return {"keys": [{"key_id": k.key_id, "role": k.role, "name": k.name, "created_at": k.created_at,
                          "revoked": k.revoked} for k in tx.list_keys()]}


@router.delete("/admin/keys/{key_id}", summary="Revoke an API key")
def revoke_key(key_id: str, store: StoreDep, clock: ClockDep, caller: Admin) -> dict[str, Any]:
    def job(tx: Tx) -> None:
        k = tx.get_key(key_id)
        if k is None:
            raise NotFound(f"no API key {key_id!r}")
        tx.put_key(replace(k, revoked=True))
        audit.record(tx, actor=caller.actor, action="key.revoked", subject=f"key:{key_id}", payload={}, now=clock())

    store.write(job)
    return {"key_id": key_id, "revoked": True}


@router.get("/accounts/{account_id}/sanctions", summary="An account's sanctions and violation points")
def account_sanctions(account_id: str, store: StoreDep, wf: WorkflowDep, clock: ClockDep, _: Staff
                      ) -> dict[str, Any]:
    now = clock()
    with store.transaction(readonly=True) as tx:
        act = sanctions.active(tx, account_id, now)
        pts = sanctions.points(tx, wf, account_id, now)
        hist = tx.sanctions(account_id)
    return {"account_id": account_id, "points": pts, "active": sanction_json(act, now) if act else None,
            "history": [sanction_json(s, now) for s in hist]}


@router.get("/stats", summary="Counts per day × action and campaign × label")
def stats(store: StoreDep, clock: ClockDep, _: Staff) -> dict[str, Any]:
    with store.transaction(readonly=True) as tx:
        c = tx.counts(now=clock())
    return {
        "by_day_action": [{"day": d, "action": a, "count": n} for (d, a), n in sorted(c.by_day_action.items())],
        "by_campaign_label": [{"campaign": cp, "label": lab, "count": n}
                              for (cp, lab), n in sorted(c.by_campaign_label.items())],
        "open_reviews": c.open_reviews, "overdue_reviews": c.overdue_reviews,
    }
