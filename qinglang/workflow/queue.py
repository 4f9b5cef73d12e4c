"""Review queue: enqueue with priority and SLA, claim and release with an expiring lease.

Deciding a held item, and what a decision sets off (reports resolved, sanctions applied), is
`workflow.resolution`'s: the queue knows nothing of reports or sanctions.
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import Conflict, Forbidden, NotFound
from ..store.ports import ReviewItem, Tx
from . import audit
from .config import WorkflowConfig
from .statuses import ReviewStatus


def enqueue(tx: Tx, cfg: WorkflowConfig, content_id: str, reason: str, *, now: float, actor: str,
            boost: int = 0) -> ReviewItem:
    """Add an item or raise the priority of the open one (reasons accumulate; the deadline only moves up)."""
    prio = cfg.priority[reason] + boost
    old = tx.get_review(content_id)
    if old is not None and old.status != ReviewStatus.DECIDED:
        p = max(old.priority, prio)
        item = replace(old, priority=p, reasons=tuple(dict.fromkeys([*old.reasons, reason])),
                       due_at=min(old.due_at, now + cfg.sla_seconds(p)), updated_at=now)
    else:  # new, or reopened after a final decision (e.g. a new report)
        item = ReviewItem(content_id=content_id, status=ReviewStatus.PENDING, priority=prio, reasons=(reason,),
                          created_at=now, due_at=now + cfg.sla_seconds(prio), updated_at=now,
                          reviews=old.reviews if old else ())
    tx.put_review(item)
    audit.record(tx, actor=actor, action="review.enqueued", subject=f"content:{content_id}",
                 payload={"reason": reason, "priority": item.priority, "due_at": item.due_at}, now=now)
    return item


def _available(item: ReviewItem, reviewer: str, now: float) -> bool:
    leased = item.claimed_by is not None and item.lease_until > now and item.claimed_by != reviewer
    return item.status != ReviewStatus.DECIDED and not leased and reviewer not in item.exclude


def claim(tx: Tx, cfg: WorkflowConfig, content_id: str, *, reviewer: str, now: float) -> ReviewItem:
    """Take (or renew) the lease on one item."""
    item = tx.get_review(content_id)
    if item is None:
        raise NotFound(f"no review item for content {content_id!r}")
    if item.status == ReviewStatus.DECIDED:
        raise Conflict(f"review item {content_id!r} is already decided")
    if reviewer in item.exclude:
        raise Forbidden(f"reviewer {reviewer!r} made the first decision on {content_id!r}; a second reviewer "
                        "must decide it")
    if not _available(item, reviewer, now):
        raise Conflict(f"item {content_id!r} is claimed by {item.claimed_by!r} until the lease expires")
    item = replace(item, claimed_by=reviewer, lease_until=now + cfg.lease_seconds, updated_at=now)
    tx.put_review(item)
    audit.record(tx, actor=reviewer, action="review.claimed", subject=f"content:{content_id}",
                 payload={"lease_until": item.lease_until}, now=now)
    return item


def claim_next(tx: Tx, cfg: WorkflowConfig, *, reviewer: str, now: float) -> ReviewItem | None:
    """Claim the most urgent item this reviewer may take, or None if the queue is empty for them."""
    for item in tx.open_reviews(limit=500):
        if _available(item, reviewer, now):
            return claim(tx, cfg, item.content_id, reviewer=reviewer, now=now)
    return None


def release(tx: Tx, content_id: str, *, reviewer: str, now: float) -> ReviewItem:
    item = held(tx, content_id, reviewer, now)
    item = replace(item, claimed_by=None, lease_until=0.0, updated_at=now)
    tx.put_review(item)
    audit.record(tx, actor=reviewer, action="review.released", subject=f"content:{content_id}", payload={}, now=now)
    return item


def held(tx: Tx, content_id: str, reviewer: str, now: float) -> ReviewItem:
    """The open item on which `reviewer` holds a live lease (what a decision needs), else NotFound/Conflict."""
    item = tx.get_review(content_id)
    if item is None:
        raise NotFound(f"no review item for content {content_id!r}")
    if item.status == ReviewStatus.DECIDED:
        raise Conflict(f"review item {content_id!r} is already decided")
    if item.claimed_by != reviewer or item.lease_until <= now:
        raise Conflict(f"claim item {content_id!r} first (no active lease held by {reviewer!r})")
    return item


def last_reviewer(item: ReviewItem | None) -> str | None:
    return item.reviews[-1]["reviewer"] if item and item.reviews else None
