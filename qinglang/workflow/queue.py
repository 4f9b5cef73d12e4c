"""Review queue: enqueue with priority and SLA, claim with an expiring lease, decide with a reason code.

A decision that contradicts the prior evidence (machine verdict or upheld reports) is *disputed*: it goes
back to the queue for a second reviewer, and the second decision is final. Final decisions update the
stored decision, resolve the item's reports and feed the sanction ladder.
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import Conflict, Forbidden, InvalidContent, NotFound
from ..labels import Action
from ..store.ports import ReviewItem, Tx
from . import audit, reports, sanctions
from .config import REASON_CODES, VIOLATION_ACTIONS, WorkflowConfig


def enqueue(tx: Tx, cfg: WorkflowConfig, content_id: str, reason: str, *, now: float, actor: str,
            boost: int = 0) -> ReviewItem:
    """Add an item or raise the priority of the open one (reasons accumulate; the deadline only moves up)."""
    prio = cfg.priority[reason] + boost
    old = tx.get_review(content_id)
    if old is not None and old.status != "decided":
        p = max(old.priority, prio)
        item = replace(old, priority=p, reasons=tuple(dict.fromkeys([*old.reasons, reason])),
                       due_at=min(old.due_at, now + cfg.sla_seconds(p)), updated_at=now)
    else:  # new, or reopened after a final decision (e.g. a new report)
        item = ReviewItem(content_id=content_id, status="pending", priority=prio, reasons=(reason,),
                          created_at=now, due_at=now + cfg.sla_seconds(prio), updated_at=now,
                          reviews=old.reviews if old else ())
    tx.put_review(item)
    audit.record(tx, actor=actor, action="review.enqueued", subject=f"content:{content_id}",
                 payload={"reason": reason, "priority": item.priority, "due_at": item.due_at}, now=now)
    return item


def _available(item: ReviewItem, reviewer: str, now: float) -> bool:
    leased = item.claimed_by is not None and item.lease_until > now and item.claimed_by != reviewer
    return item.status != "decided" and not leased and reviewer not in item.exclude


def claim(tx: Tx, cfg: WorkflowConfig, content_id: str, *, reviewer: str, now: float) -> ReviewItem:
    """Take (or renew) the lease on one item."""
    item = tx.get_review(content_id)
    if item is None:
        raise NotFound(f"no review item for content {content_id!r}")
    if item.status == "decided":
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
    item = _held(tx, content_id, reviewer, now)
    item = replace(item, claimed_by=None, lease_until=0.0, updated_at=now)
    tx.put_review(item)
    audit.record(tx, actor=reviewer, action="review.released", subject=f"content:{content_id}", payload={}, now=now)
    return item


def _held(tx: Tx, content_id: str, reviewer: str, now: float) -> ReviewItem:
    item = tx.get_review(content_id)
    if item is None:
        raise NotFound(f"no review item for content {content_id!r}")
    if item.status == "decided":
        raise Conflict(f"review item {content_id!r} is already decided")
    if item.claimed_by != reviewer or item.lease_until <= now:
        raise Conflict(f"claim item {content_id!r} first (no active lease held by {reviewer!r})")
    return item


def decide(tx: Tx, cfg: WorkflowConfig, content_id: str, *, reviewer: str, action: str, reason: str,
           note: str = "", now: float) -> ReviewItem:
    """Record a reviewer's decision; the item becomes disputed (second review) or decided (final)."""
    try:
        Action.parse(action)
    except ValueError as exc:
        raise InvalidContent(str(exc)) from None
    if reason not in REASON_CODES:
        raise InvalidContent(f"unknown reason code {reason!r}; expected one of {sorted(REASON_CODES)}")
    item = _held(tx, content_id, reviewer, now)
    stored = tx.get_decision(content_id)
    if stored is None:
        raise NotFound(f"no decision stored for content {content_id!r}")
    review = {"reviewer": reviewer, "action": action, "reason": reason, "note": note[:2000], "at": now,
              "version": stored.version, "content_sha256": stored.content_sha256}
    violation = action in VIOLATION_ACTIONS
    second = item.status == "disputed"
    prior = stored.action in VIOLATION_ACTIONS or any(r.status != "rejected" for r in tx.reports_for(content_id))
    if "qa" in item.reasons and len(item.reasons) == 1:
        prior = stored.action in VIOLATION_ACTIONS
    disputed = not second and cfg.dispute_second_review and (
        reason == "escalate" or (stored.action != "review" and violation != prior))
    if disputed:
        item = replace(item, status="disputed", reviews=(*item.reviews, review), claimed_by=None, lease_until=0.0,
                       exclude=(*item.exclude, reviewer), updated_at=now)
        tx.put_review(item)
        audit.record(tx, actor=reviewer, action="review.disputed", subject=f"content:{content_id}",
                     payload={"action": action, "reason": reason, "machine_action": stored.action,
                              "version": stored.version, "content_sha256": stored.content_sha256}, now=now)
        return item
    item = replace(item, status="decided", reviews=(*item.reviews, review), claimed_by=None, lease_until=0.0,
                   updated_at=now)
    tx.put_review(item)
    tx.put_decision(replace(stored, final_action=action))
    audit.record(tx, actor=reviewer, action="review.decided", subject=f"content:{content_id}",
                 payload={"action": action, "reason": reason, "note": note[:2000], "second_review": second,
                          "machine_action": stored.action, "version": stored.version,
                          "content_sha256": stored.content_sha256}, now=now)
    reports.resolve(tx, content_id, upheld=violation, now=now, actor=reviewer)
    already = stored.action == "block" and cfg.auto_block_is_violation
    if stored.author_id:
        if violation and not already:
            sanctions.record_violation(tx, cfg, account_id=stored.author_id, content_id=content_id,
                                       content_sha256=stored.content_sha256,
                                       labels=[lab for lab, _ in stored.labels], now=now, actor=reviewer)
        elif not violation:
            sanctions.revoke_for_content(tx, cfg, account_id=stored.author_id, content_id=content_id, now=now,
                                         actor=reviewer)
    return item


def last_reviewer(item: ReviewItem | None) -> str | None:
    return item.reviews[-1]["reviewer"] if item and item.reviews else None
