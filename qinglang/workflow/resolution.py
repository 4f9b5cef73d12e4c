"""Resolution: a reviewer's decision or an upheld appeal, and what follows from it, in one direction.

`decide` records the review (a decision that contradicts the prior evidence, the machine verdict or upheld
reports, is *disputed*: it goes back to the queue for a second reviewer, and the second decision is final).
A final decision, like an upheld appeal (`overturn`), then updates the stored decision, resolves the item's
reports and feeds the sanction ladder. This module calls queue → reports → sanctions; none of them calls
back into it, so the queue does not depend on reports (which enqueue into it).
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import InvalidRequest, NotFound
from ..labels import Action
from ..store.ports import ReviewItem, StoredDecision, Tx
from . import audit, queue, reports, sanctions
from .config import REASON_CODES, VIOLATION_ACTIONS, WorkflowConfig
from .statuses import ReportStatus, ReviewStatus


def decide(tx: Tx, cfg: WorkflowConfig, content_id: str, *, reviewer: str, action: str, reason: str,
           note: str = "", now: float) -> ReviewItem:
    """Record a reviewer's decision; the item becomes disputed (second review) or decided (final)."""
    try:
        Action.parse(action)
    except ValueError as exc:
        raise InvalidRequest(str(exc)) from None
    if reason not in REASON_CODES:
        raise InvalidRequest(f"unknown reason code {reason!r}; expected one of {sorted(REASON_CODES)}")
    item = queue.held(tx, content_id, reviewer, now)
    stored = tx.get_decision(content_id)
    if stored is None:
        raise NotFound(f"no decision stored for content {content_id!r}")
    review = {"reviewer": reviewer, "action": action, "reason": reason, "note": note[:2000], "at": now,
              "version": stored.version, "content_sha256": stored.content_sha256}
    violation = action in VIOLATION_ACTIONS
    second = item.status == ReviewStatus.DISPUTED
    prior = stored.action in VIOLATION_ACTIONS or any(r.status != ReportStatus.REJECTED
                                                      for r in tx.reports_for(content_id))
    if "qa" in item.reasons and len(item.reasons) == 1:
        prior = stored.action in VIOLATION_ACTIONS
    disputed = not second and cfg.dispute_second_review and (
        reason == "escalate" or (stored.action != "review" and violation != prior))
    if disputed:
        item = replace(item, status=ReviewStatus.DISPUTED, reviews=(*item.reviews, review), claimed_by=None,
                       lease_until=0.0, exclude=(*item.exclude, reviewer), updated_at=now)
        tx.put_review(item)
        audit.record(tx, actor=reviewer, action="review.disputed", subject=f"content:{content_id}",
                     payload={"action": action, "reason": reason, "machine_action": stored.action,
                              "version": stored.version, "content_sha256": stored.content_sha256}, now=now)
        return item
    item = replace(item, status=ReviewStatus.DECIDED, reviews=(*item.reviews, review), claimed_by=None,
                   lease_until=0.0, updated_at=now)
    tx.put_review(item)
    tx.put_decision(replace(stored, final_action=action))
    audit.record(tx, actor=reviewer, action="review.decided", subject=f"content:{content_id}",
                 payload={"action": action, "reason": reason, "note": note[:2000], "second_review": second,
                          "machine_action": stored.action, "version": stored.version,
                          "content_sha256": stored.content_sha256}, now=now)
    already = stored.action == "block" and cfg.auto_block_is_violation
    _follow_through(tx, cfg, stored, violation=violation, already_counted=already, now=now, actor=reviewer)
    return item


def overturn(tx: Tx, cfg: WorkflowConfig, content_id: str, *, now: float, actor: str) -> None:
    """An upheld appeal: the item passes, its open reports are rejected and its violations revoked."""
    stored = tx.get_decision(content_id)
    if stored is None:
        raise NotFound(f"no decision stored for content {content_id!r}")
    tx.put_decision(replace(stored, final_action="pass"))
    _follow_through(tx, cfg, stored, violation=False, already_counted=False, now=now, actor=actor)


def _follow_through(tx: Tx, cfg: WorkflowConfig, stored: StoredDecision, *, violation: bool,
                    already_counted: bool, now: float, actor: str) -> None:
    """Close the item's reports with the outcome, then record the author's violation or revoke it."""
    content_id = stored.content_id
    reports.resolve(tx, content_id, upheld=violation, now=now, actor=actor)
    if not stored.author_id:
        return
    if violation and not already_counted:
        sanctions.record_violation(tx, cfg, account_id=stored.author_id, content_id=content_id,
                                   content_sha256=stored.content_sha256,
                                   labels=[lab for lab, _ in stored.labels], now=now, actor=actor)
    elif not violation:
        sanctions.revoke_for_content(tx, cfg, account_id=stored.author_id, content_id=content_id, now=now,
                                     actor=actor)
