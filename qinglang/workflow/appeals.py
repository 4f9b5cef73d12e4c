"""Appeals by authors, decided by a reviewer other than the one who made the contested decision."""

from __future__ import annotations

import secrets
from dataclasses import replace

from ..errors import Conflict, Forbidden, NotFound
from ..store.ports import Appeal, Tx
from . import audit, queue, resolution
from .config import VIOLATION_ACTIONS, WorkflowConfig
from .statuses import AppealStatus


def file(tx: Tx, cfg: WorkflowConfig, *, content_id: str, author_id: str, reason: str, now: float,
         actor: str) -> Appeal:
    """Open an appeal against a limiting or blocking decision on the author's own item."""
    stored = tx.get_decision(content_id)
    if stored is None:
        raise NotFound(f"no decision stored for content {content_id!r}")
    if stored.author_id is not None and stored.author_id != author_id:
        raise Forbidden(f"only the author of {content_id!r} may appeal its decision")
    effective = stored.final_action or stored.action
    if effective not in VIOLATION_ACTIONS:
        raise Conflict(f"decision on {content_id!r} is {effective!r}; only limit/block can be appealed")
    if any(a.status == AppealStatus.PENDING for a in tx.appeals_for(content_id)):
        raise Conflict(f"an appeal on {content_id!r} is already pending")
    appeal = Appeal(id="A" + secrets.token_hex(8), content_id=content_id, author_id=author_id, reason=reason[:4000],
                    status=AppealStatus.PENDING, created_at=now,
                    first_reviewer=queue.last_reviewer(tx.get_review(content_id)))
    tx.put_appeal(appeal)
    audit.record(tx, actor=actor, action="appeal.filed", subject=f"content:{content_id}",
                 payload={"appeal": appeal.id, "author_id": author_id, "first_reviewer": appeal.first_reviewer},
                 now=now)
    return appeal


def decide(tx: Tx, cfg: WorkflowConfig, appeal_id: str, *, reviewer: str, upheld: bool, note: str = "",
           now: float) -> Appeal:
    """Uphold (overturn the decision, revoke the violation) or reject an appeal."""
    appeal = tx.get_appeal(appeal_id)
    if appeal is None:
        raise NotFound(f"no appeal {appeal_id!r}")
    if appeal.status != AppealStatus.PENDING:
        raise Conflict(f"appeal {appeal_id!r} is already {appeal.status}")
    # Who judged the item is read now, not at filing: an appeal filed on a machine block may meet a human
    # review (a report, QA) before it is decided, and that reviewer may not judge their own decision.
    item = tx.get_review(appeal.content_id)
    judges = {appeal.first_reviewer, *(r["reviewer"] for r in (item.reviews if item else ()))}
    if reviewer in judges:
        raise Forbidden(f"reviewer {reviewer!r} made the contested decision; another reviewer must decide the appeal")
    appeal = replace(appeal, status=AppealStatus.UPHELD if upheld else AppealStatus.REJECTED, reviewer=reviewer,
                     decided_at=now, note=note[:2000])
    tx.put_appeal(appeal)
    audit.record(tx, actor=reviewer, action="appeal.decided", subject=f"content:{appeal.content_id}",
                 payload={"appeal": appeal.id, "status": appeal.status, "note": appeal.note}, now=now)
    if upheld:
        resolution.overturn(tx, cfg, appeal.content_id, now=now, actor=reviewer)
    return appeal
