"""Account sanction ladder: 提醒 → 限流 → 禁言 → 取消营利权限 → 封号, from violation points in a window.

Points are the summed severity of an account's confirmed, unrevoked violations in the last `window_days`.
A new violation can only raise the level; revoking one (an upheld appeal) lifts sanctions the account no
longer earns. Each sanction expires after its configured duration (封号 by default never does).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import replace

from ..store.ports import Sanction, Tx, Violation
from . import audit
from .config import LADDER, LEVEL_ZH, WorkflowConfig


def severity(cfg: WorkflowConfig, labels: Iterable[str]) -> int:
    """The severity of a violation: its worst label."""
    return max((cfg.severity.get(lab, cfg.default_severity) for lab in labels), default=cfg.default_severity)


def level_for(cfg: WorkflowConfig, points: int) -> str | None:
    """The highest ladder step whose threshold the points reach."""
    earned = None
    for lv in LADDER:
        if lv in cfg.thresholds and points >= cfg.thresholds[lv]:
            earned = lv
    return earned


def points(tx: Tx, cfg: WorkflowConfig, account_id: str, now: float) -> int:
    return sum(v.severity for v in tx.violations(account_id, since=now - cfg.window_days * 86400))


def active(tx: Tx, account_id: str, now: float) -> Sanction | None:
    """The strongest sanction in force now."""
    live = [s for s in tx.sanctions(account_id)
            if not s.revoked and (s.expires_at is None or s.expires_at > now)]
    return max(live, key=lambda s: (LADDER.index(s.level), s.started_at), default=None)


def record_violation(tx: Tx, cfg: WorkflowConfig, *, account_id: str, content_id: str, labels: list[str],
                     now: float, actor: str, content_sha256: str = "") -> Sanction | None:
    """Store a confirmed violation and apply the ladder; returns the new sanction, if any.

    Idempotent per (account, content id, content hash): one violating item counts once however often it is
    re-submitted, retried or re-reviewed (a revoked one stays revoked)."""
    if tx.has_violation(account_id, content_id, content_sha256):
        return None
    sev = severity(cfg, labels)
    label = max(labels, key=lambda lab: cfg.severity.get(lab, cfg.default_severity)) if labels else "unspecified"
    v = tx.add_violation(Violation(account_id=account_id, content_id=content_id, label=label, severity=sev, at=now,
                                   content_sha256=content_sha256))
    audit.record(tx, actor=actor, action="violation.recorded", subject=f"account:{account_id}",
                 payload={"content_id": content_id, "content_sha256": content_sha256, "label": label,
                          "severity": sev, "violation": v.id}, now=now)
    return apply_ladder(tx, cfg, account_id=account_id, now=now, actor=actor, reason=f"content:{content_id}")


def apply_ladder(tx: Tx, cfg: WorkflowConfig, *, account_id: str, now: float, actor: str,
                 reason: str) -> Sanction | None:
    pts = points(tx, cfg, account_id, now)
    level = level_for(cfg, pts)
    current = active(tx, account_id, now)
    if level is None or (current is not None and LADDER.index(current.level) >= LADDER.index(level)):
        return None
    days = cfg.durations_days.get(level)
    s = Sanction(id="S" + secrets.token_hex(8), account_id=account_id, level=level, started_at=now,
                 expires_at=None if days is None else now + days * 86400, reason=reason)
    tx.put_sanction(s)
    audit.record(tx, actor=actor, action="sanction.applied", subject=f"account:{account_id}",
                 payload={"sanction": s.id, "level": level, "level_zh": LEVEL_ZH[level], "points": pts,
                          "expires_at": s.expires_at, "reason": reason}, now=now)
    return s


def revoke_for_content(tx: Tx, cfg: WorkflowConfig, *, account_id: str, content_id: str, now: float,
                       actor: str) -> list[Sanction]:
    """Revoke an item's violations and lift sanctions above what the remaining points earn."""
    n = tx.revoke_violations(content_id)
    if not n:
        return []
    earned = level_for(cfg, points(tx, cfg, account_id, now))
    cap = LADDER.index(earned) if earned else -1
    lifted = []
    for s in tx.sanctions(account_id):
        live = not s.revoked and (s.expires_at is None or s.expires_at > now)
        if live and LADDER.index(s.level) > cap:
            s = replace(s, revoked=True)
            tx.put_sanction(s)
            lifted.append(s)
            audit.record(tx, actor=actor, action="sanction.lifted", subject=f"account:{account_id}",
                         payload={"sanction": s.id, "level": s.level, "content_id": content_id}, now=now)
    return lifted
