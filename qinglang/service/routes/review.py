"""`/v1/review/*`: the review queue for reviewers (claim with a lease, decide with a reason code)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...errors import NotFound
from ...workflow import queue, resolution
from ...workflow.config import REASON_CODES
from ..deps import ClockDep, Reviewer, StoreDep, WorkflowDep
from .schemas import DecideIn, appeal_json, report_json, review_json

router = APIRouter(prefix="/v1/review", tags=["review"])


@router.get("/reasons", summary="Reason codes a decision may carry")
def reasons(_: Reviewer) -> dict[str, str]:
    return REASON_CODES


@router.get("/queue", summary="Open items, most urgent first")
def list_queue(store: StoreDep, clock: ClockDep, _: Reviewer,
               limit: Annotated[int, Query(ge=1, le=500)] = 100) -> dict[str, Any]:
    with store.transaction(readonly=True) as tx:
        items = tx.open_reviews(limit=limit)
    now = clock()
    return {"items": [review_json(i, now) for i in items]}


@router.post("/claim", summary="Claim the most urgent item you may take")
def claim_next(store: StoreDep, wf: WorkflowDep, clock: ClockDep, caller: Reviewer) -> dict[str, Any]:
    now = clock()
    item = store.write(lambda tx: queue.claim_next(tx, wf, reviewer=caller.actor, now=now))
    return {"item": review_json(item, now) if item else None}


@router.get("/{content_id}", summary="One item with its content, decision, reports and appeals")
def get_item(content_id: str, store: StoreDep, clock: ClockDep, caller: Reviewer) -> dict[str, Any]:
    with store.transaction(readonly=True) as tx:
        item = tx.get_review(content_id)
        rec = tx.get_decision(content_id)
        reps = tx.reports_for(content_id)
        apps = tx.appeals_for(content_id)
    if rec is None:
        raise NotFound(f"no decision stored for content {content_id!r}")
    return {"item": review_json(item, clock()) if item else None, "content": rec.content, "decision": rec.decision,
            "final_action": rec.final_action, "reports": [report_json(r, full=caller.role == "admin") for r in reps],
            "appeals": [appeal_json(a) for a in apps]}


@router.post("/{content_id}/claim", summary="Claim (or renew the lease on) one item")
def claim(content_id: str, store: StoreDep, wf: WorkflowDep, clock: ClockDep, caller: Reviewer) -> dict[str, Any]:
    now = clock()
    item = store.write(lambda tx: queue.claim(tx, wf, content_id, reviewer=caller.actor, now=now))
    return {"item": review_json(item, now)}


@router.post("/{content_id}/release", summary="Give a claimed item back to the queue")
def release(content_id: str, store: StoreDep, clock: ClockDep, caller: Reviewer) -> dict[str, Any]:
    now = clock()
    item = store.write(lambda tx: queue.release(tx, content_id, reviewer=caller.actor, now=now))
    return {"item": review_json(item, now)}


@router.post("/{content_id}/decide", summary="Decide a claimed item")
def decide(content_id: str, body: DecideIn, store: StoreDep, wf: WorkflowDep, clock: ClockDep,
           caller: Reviewer) -> dict[str, Any]:
    now = clock()
    item = store.write(lambda tx: resolution.decide(tx, wf, content_id, reviewer=caller.actor, action=body.action,
                                                    reason=body.reason, note=body.note, now=now))
    return {"item": review_json(item, now)}
