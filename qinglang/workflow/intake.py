"""Storing a decision: idempotent by content id and content hash, versioned, audited, routed to review or QA.

An item belongs to the submitter key that created it. Re-submitting the same id returns the stored decision
(a retry); with `force` and different content it becomes a new version with its own decision, and the
version it supersedes is frozen in the append-only history with its hash, decision and reviews. Only the
owning key (or an admin) may do either, so one platform key cannot read or rewrite another's items.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from ..errors import Forbidden, InvalidContent
from ..store.ports import ContentVersion, StoredDecision, Tx
from . import audit, queue, sanctions
from .config import WorkflowConfig
from .evidence import canonical

MAX_ID_LEN = 256
MAX_DEPTH = 32  # JSON nesting accepted in stored content (Content itself needs 3)


def content_hash(content: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of a content object: the identity of one version of an item."""
    return hashlib.sha256(canonical(content)).hexdigest()


def check_id(value: str, field: str = "id") -> str:
    """An id every per-id route can reach: 1–256 characters, no '/', '\\', control characters or surrogates,
    and not a dot segment (clients collapse '.' and '..' in URLs)."""
    if not value or len(value) > MAX_ID_LEN:
        raise InvalidContent(f"field {field!r} must be 1–{MAX_ID_LEN} characters")
    if value in (".", ".."):
        raise InvalidContent(f"field {field!r} may not be '.' or '..' (unreachable in a URL)")
    for ch in value:
        o = ord(ch)
        if ch in "/\\" or o < 0x20 or o == 0x7F or 0xD800 <= o <= 0xDFFF:
            raise InvalidContent(f"field {field!r} contains {ch!r}; ids may not contain '/', '\\', control "
                                 "characters or lone surrogates")
    return value


def check_json(obj: Any, where: str = "body", *, max_depth: int = MAX_DEPTH) -> None:
    """Refuse what a database or a later JSON reader cannot take back: lone surrogates, NUL characters
    (PostgreSQL text), and nesting deeper than `max_depth`. Iterative, so hostile depth costs no recursion."""
    stack: list[tuple[Any, str, int]] = [(obj, where, 0)]
    while stack:
        v, path, depth = stack.pop()
        if isinstance(v, str):
            _check_str(v, path)
        elif isinstance(v, dict | list):
            if depth >= max_depth:
                raise InvalidContent(f"{path}: JSON nested deeper than {max_depth} levels")
            items = v.items() if isinstance(v, dict) else enumerate(v)
            for k, child in items:
                if isinstance(k, str):
                    _check_str(k, f"{path} key")
                stack.append((child, f"{path}.{k}" if isinstance(k, str) else f"{path}[{k}]", depth + 1))


def _check_str(s: str, path: str) -> None:
    if "\0" in s:
        raise InvalidContent(f"{path}: NUL characters are not accepted")
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidContent(f"{path}: contains a lone surrogate (invalid Unicode)") from None


def qa_sampled(cfg: WorkflowConfig, content_id: str) -> bool:
    """Deterministic sample (by id hash) of non-review decisions sent to QA, so retries agree."""
    h = int.from_bytes(hashlib.sha256(content_id.encode()).digest()[:8], "big")
    return h / 2**64 < cfg.qa_sample_rate


def store_decision(tx: Tx, cfg: WorkflowConfig, *, content: dict[str, Any], decision: dict[str, Any],
                   now: float, actor: str, force: bool = False, submitter: str | None = None,
                   owner_override: bool = False) -> tuple[StoredDecision, bool]:
    """Persist a decision; returns (stored record, created).

    `submitter` is the calling key id (None: a trusted local caller such as the CLI, which may touch any
    item); `owner_override` lets an admin key act on items other keys created. Without `force`, or with
    the stored content and verdict again (a retry), the stored record wins (created False).
    """
    cid = decision["id"]
    author = (content.get("author") or {}).get("id")
    sha = content_hash(content)
    rec = StoredDecision(content_id=cid, content=content, decision=decision, action=decision["action"],
                         risk=float(decision.get("risk", 0.0)), author_id=None if author is None else str(author),
                         created_at=now, content_sha256=sha, submitter=submitter)
    previous = None
    if not tx.insert_decision(rec):
        old = tx.get_decision(cid)
        assert old is not None
        if submitter is not None and not owner_override and old.submitter != submitter:
            raise Forbidden(f"content {cid!r} was submitted by another API key; only that key (or an admin) may "
                            "read or re-submit it")
        if not force or (old.content_sha256 == sha and old.action == rec.action and old.labels == rec.labels):
            return old, False  # a retry; a forced re-moderation that changes the verdict is a new version
        item = tx.get_review(cid)
        judged = tuple(r for r in item.reviews if r.get("version", 1) == old.version) if item else ()
        tx.add_version(ContentVersion(
            content_id=cid, version=old.version, content_sha256=old.content_sha256, submitter=old.submitter,
            content=old.content, decision=old.decision, action=old.action, final_action=old.final_action,
            created_at=old.created_at, superseded_at=now, reviews=judged))
        previous = old
        rec = replace(rec, version=old.version + 1, submitter=old.submitter if owner_override else submitter)
        tx.put_decision(rec)
    payload: dict[str, Any] = {"action": rec.action, "risk": rec.risk, "labels": [lab for lab, _ in rec.labels],
                               "policy_version": decision.get("policy_version", ""), "version": rec.version,
                               "content_sha256": sha}
    if previous is not None:
        payload.update(previous_sha256=previous.content_sha256, previous_action=previous.final_action or
                       previous.action)
    audit.record(tx, actor=actor, action="decision.version" if previous else "decision.created",
                 subject=f"content:{cid}", payload=payload, now=now)
    if rec.action == "review":
        queue.enqueue(tx, cfg, cid, "review", now=now, actor=actor, boost=int(rec.risk * 10))
    elif qa_sampled(cfg, cid):
        queue.enqueue(tx, cfg, cid, "qa", now=now, actor=actor)
    if rec.action == "block" and cfg.auto_block_is_violation and rec.author_id:
        sanctions.record_violation(tx, cfg, account_id=rec.author_id, content_id=cid, content_sha256=sha,
                                   labels=[lab for lab, _ in rec.labels], now=now, actor=actor)
    return rec, True
