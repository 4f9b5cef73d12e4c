"""Audit chain: verification detects forged and dropped entries."""

from __future__ import annotations

from dataclasses import replace

from qinglang.workflow import audit
from tests.workflow.support import store_with


def test_audit_verify_detects_tampering():
    s = store_with(("a", "review"), ("b", "block"))
    with s.transaction() as tx:
        rows = tx.audit_entries()
    assert audit.verify(rows).ok and len(rows) >= 4
    forged = list(rows)
    forged[1] = replace(forged[1], payload={**forged[1].payload, "action": "pass"})
    bad = audit.verify(forged)
    assert not bad.ok and bad.bad_seq == 2 and "hash" in bad.reason
    dropped = rows[:1] + rows[2:]
    assert audit.verify(dropped).bad_seq == 3
