"""Shared fixtures for the workflow tests: a workflow config with QA sampling off and a store of decisions."""

from __future__ import annotations

from qinglang.store.memory import MemoryStore
from qinglang.workflow import intake
from qinglang.workflow.config import WorkflowConfig

T0 = 1_700_000_000.0
CFG = WorkflowConfig(qa_sample_rate=0.0)


def decision(cid: str, action: str, labels=("abuse",), author: str | None = "u1") -> tuple[dict, dict]:
    content = {"id": cid, "text": "正文", "author": {"id": author} if author else {}}
    dec = {"id": cid, "action": action, "risk": 0.7, "labels": [{"label": lab, "campaign": "c"} for lab in labels]}
    return content, dec


def store_with(*items: tuple[str, str], cfg: WorkflowConfig = CFG) -> MemoryStore:
    """A memory store holding one stored machine decision per (content id, action)."""
    s = MemoryStore()
    with s.transaction() as tx:
        for cid, action in items:
            c, d = decision(cid, action)
            intake.store_decision(tx, cfg, content=c, decision=d, now=T0, actor="t")
    return s
