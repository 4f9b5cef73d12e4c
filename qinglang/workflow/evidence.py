"""Evidence package for referral to the authorities (违法犯罪线索移交): everything known about one item.

The package is self-verifying: `sha256` covers the canonical JSON of all other fields, and the audit
entries it includes can be checked against the chain with `qinglang audit verify`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict
from typing import Any

from ..errors import NotFound
from ..store.ports import Tx
from . import audit

FORMAT = "qinglang-evidence/1"


def canonical(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def build_package(tx: Tx, content_id: str, *, now: float, actor: str) -> dict[str, Any]:
    """Content, decision, reviews, reports, appeals, sanctions and audit trail; the export is itself audited."""
    stored = tx.get_decision(content_id)
    if stored is None:
        raise NotFound(f"no decision stored for content {content_id!r}")
    review = tx.get_review(content_id)
    pkg: dict[str, Any] = {
        "format": FORMAT,
        "generated_at": dt.datetime.fromtimestamp(now, dt.UTC).isoformat(),
        "content": stored.content,
        "content_sha256": hashlib.sha256(canonical(stored.content)).hexdigest(),
        "version": stored.version,
        "decision": stored.decision,
        "final_action": stored.final_action,
        # Earlier versions, each frozen with its hash, decision, reviewed outcome and the reviews that judged it.
        "versions": [asdict(v) for v in tx.versions(content_id)],
        # Normalized indicators (e.g. "wechat:abc_777") from detectors that report them: the leads to hand over.
        "indicators": sorted({ev["value"] for lab in stored.decision.get("labels", [])
                              for ev in lab.get("evidence", []) if ev.get("value")}),
        "reviews": list(review.reviews) if review else [],
        "reports": [asdict(r) for r in tx.reports_for(content_id)],
        "appeals": [asdict(a) for a in tx.appeals_for(content_id)],
        "sanctions": [asdict(s) for s in tx.sanctions(stored.author_id)] if stored.author_id else [],
        "audit": [asdict(e) for e in tx.audit_entries(subject=f"content:{content_id}", limit=10_000)],
    }
    pkg["sha256"] = hashlib.sha256(canonical(pkg)).hexdigest()
    audit.record(tx, actor=actor, action="evidence.exported", subject=f"content:{content_id}",
                 payload={"sha256": pkg["sha256"]}, now=now)
    return pkg
