"""User reports (举报) and enterprise complaints (涉企投诉): tracked, merged per item, raising priority.

Reports feed the queue (`queue.enqueue`); `workflow.resolution` closes them when the item is decided."""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Any

from ..errors import InvalidRequest, NotFound
from ..labels import LABELS
from ..store.ports import Report, Tx
from . import audit, queue
from .config import WorkflowConfig
from .statuses import ReportStatus

REPORT_TYPES = {"user": "用户举报", "enterprise": "企业投诉"}
EXTRA_CATEGORIES = {"other": "其他", "infringement": "侵权", "privacy": "侵犯隐私"}
ENTERPRISE_CATEGORIES = ("enterprise_smear", "extortion", "rumor", "infringement", "other")
STATUS_ZH = {ReportStatus.RECEIVED: "已受理", ReportStatus.REVIEWING: "处理中", ReportStatus.UPHELD: "举报属实，已处置",
             ReportStatus.REJECTED: "经核查未发现违规"}
OPEN = (ReportStatus.RECEIVED, ReportStatus.REVIEWING)
MAX_PROOFS = 20


def category_name(category: str) -> str:
    return LABELS.get(category) or EXTRA_CATEGORIES.get(category, category)


def submit(tx: Tx, cfg: WorkflowConfig, *, content_id: str, type: str, category: str, evidence: str = "",
           proofs: list[dict[str, Any]] | None = None, reporter: str = "", now: float,
           actor: str) -> tuple[Report, bool]:
    """File a report; an open report of the same type and category on the item absorbs it (merged=True)."""
    proofs = list(proofs or [])
    if type not in REPORT_TYPES:
        raise InvalidRequest(f"field 'type' must be one of {sorted(REPORT_TYPES)}")
    if category not in LABELS and category not in EXTRA_CATEGORIES:
        raise InvalidRequest(f"field 'category' has unknown value {category!r}")
    if type == "enterprise":
        if category not in ENTERPRISE_CATEGORIES:
            raise InvalidRequest(f"enterprise complaints take category in {list(ENTERPRISE_CATEGORIES)}")
        if not proofs:
            raise InvalidRequest("enterprise complaints need at least one proof document in 'proofs' "
                                 "(营业执照、权属证明等)")
    if len(proofs) > MAX_PROOFS:
        raise InvalidRequest(f"at most {MAX_PROOFS} proof documents")
    if tx.get_decision(content_id) is None:
        raise NotFound(f"content {content_id!r} has not been moderated; submit it first or include 'content'")
    reason = "complaint" if type == "enterprise" else "report"
    open_same = [r for r in tx.reports_for(content_id)
                 if r.type == type and r.category == category and r.status in OPEN]
    if open_same:
        old = open_same[0]
        rep = replace(old, count=old.count + 1, updated_at=now,
                      evidence=(*old.evidence, evidence)[-50:] if evidence else old.evidence,
                      proofs=(*old.proofs, *proofs)[-MAX_PROOFS:],
                      reporters=tuple(dict.fromkeys([*old.reporters, reporter]))[-50:] if reporter else old.reporters)
        merged = True
    else:
        rep = Report(id=("C" if type == "enterprise" else "R") + secrets.token_hex(8), content_id=content_id,
                     type=type, category=category, status=ReportStatus.RECEIVED, created_at=now, updated_at=now,
                     evidence=(evidence,) if evidence else (), proofs=tuple(proofs),
                     reporters=(reporter,) if reporter else ())
        merged = False
    tx.put_report(rep)
    audit.record(tx, actor=actor, action="report.merged" if merged else "report.received",
                 subject=f"content:{content_id}",
                 payload={"report": rep.id, "type": type, "category": category, "count": rep.count,
                          "proofs": [p.get("sha256") or p.get("name") for p in proofs]}, now=now)
    boost = min(cfg.report_boost * (rep.count - 1), cfg.report_boost_max)
    queue.enqueue(tx, cfg, content_id, reason, now=now, actor=actor, boost=boost)
    if rep.status == ReportStatus.RECEIVED:
        rep = replace(rep, status=ReportStatus.REVIEWING)
        tx.put_report(rep)
    return rep, merged


def resolve(tx: Tx, content_id: str, *, upheld: bool, now: float, actor: str) -> list[Report]:
    """Close the item's open reports with the review outcome."""
    done = []
    for r in tx.reports_for(content_id):
        if r.status in OPEN:
            closed = ReportStatus.UPHELD if upheld else ReportStatus.REJECTED
            r = replace(r, status=closed, outcome=STATUS_ZH[closed], updated_at=now)
            tx.put_report(r)
            audit.record(tx, actor=actor, action="report.resolved", subject=f"content:{content_id}",
                         payload={"report": r.id, "status": r.status}, now=now)
            done.append(r)
    return done


def status(tx: Tx, report_id: str) -> Report:
    rep = tx.get_report(report_id)
    if rep is None:
        raise NotFound(f"no report with tracking id {report_id!r}")
    return rep
