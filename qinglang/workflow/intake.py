"""Storing a fresh decision: idempotent by content id, audited, routed to review or QA sampling."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from ..store.ports import StoredDecision, Tx
from . import audit, queue, sanctions
from .config import WorkflowConfig


def qa_sampled(cfg: WorkflowConfig, content_id: str) -> bool:
    """Deterministic sample (by id hash) of non-review decisions sent to QA, so retries agree."""
    h = int.from_bytes(hashlib.sha256(content_id.encode()).digest()[:8], "big")
    return h / 2**64 < cfg.qa_sample_rate


def store_decision(tx: Tx, cfg: WorkflowConfig, *, content: dict[str, Any], decision: dict[str, Any],
                   now: float, actor: str, force: bool = False) -> tuple[StoredDecision, bool]:
    """Persist a decision; returns (stored record, created). Without `force` an existing id wins."""
    cid = decision["id"]
    author = (content.get("author") or {}).get("id")
    rec = StoredDecision(content_id=cid, content=content, decision=decision, action=decision["action"],
                         risk=float(decision.get("risk", 0.0)), author_id=None if author is None else str(author),
                         created_at=now)
    if not tx.insert_decision(rec):
        old = tx.get_decision(cid)
        assert old is not None
        if not force:
            return old, False
        rec = replace(rec, version=old.version + 1, created_at=old.created_at)
        tx.put_decision(rec)
    audit.record(tx, actor=actor, action="decision.replaced" if rec.version > 1 else "decision.created",
                 subject=f"content:{cid}",
                 payload={"action": rec.action, "risk": rec.risk, "labels": [lab for lab, _ in rec.labels],
                          "policy_version": decision.get("policy_version", ""), "version": rec.version}, now=now)
    if rec.action == "review":
        queue.enqueue(tx, cfg, cid, "review", now=now, actor=actor, boost=int(rec.risk * 10))
    elif qa_sampled(cfg, cid):
        queue.enqueue(tx, cfg, cid, "qa", now=now, actor=actor)
    if rec.action == "block" and cfg.auto_block_is_violation and rec.author_id:
        sanctions.record_violation(tx, cfg, account_id=rec.author_id, content_id=cid,
                                   labels=[lab for lab, _ in rec.labels], now=now, actor=actor)
    return rec, True
