"""Reports and complaints: merging, priority boost, enterprise proofs, unknown values."""

from __future__ import annotations

import pytest

from qinglang.errors import InvalidRequest, NotFound
from qinglang.workflow import reports
from tests.workflow.support import CFG, T0, store_with


def test_reports_merge_raise_priority_and_enterprise_needs_proof():
    s = store_with(("a", "pass"))
    with s.transaction() as tx:
        r1, m1 = reports.submit(tx, CFG, content_id="a", type="user", category="rumor", reporter="p1", now=T0,
                                actor="t")
        p1 = tx.get_review("a").priority
        r2, m2 = reports.submit(tx, CFG, content_id="a", type="user", category="rumor", reporter="p2",
                                evidence="截图", now=T0 + 5, actor="t")
        assert (m1, m2) == (False, True) and r1.id == r2.id and r2.count == 2 and r2.reporters == ("p1", "p2")
        assert tx.get_review("a").priority > p1
        with pytest.raises(InvalidRequest, match="proof"):
            reports.submit(tx, CFG, content_id="a", type="enterprise", category="enterprise_smear", now=T0,
                           actor="t")
        c, _ = reports.submit(tx, CFG, content_id="a", type="enterprise", category="enterprise_smear",
                              proofs=[{"name": "营业执照.pdf", "sha256": "0" * 64}], now=T0, actor="t")
        assert c.id.startswith("C")
        item = tx.get_review("a")
        assert item.reasons == ("report", "complaint")
        assert item.due_at == T0 + 2 * 3600  # the complaint SLA (2 h) is the faster one
        with pytest.raises(NotFound):
            reports.submit(tx, CFG, content_id="nope", type="user", category="abuse", now=T0, actor="t")
        with pytest.raises(InvalidRequest, match="category"):
            reports.submit(tx, CFG, content_id="a", type="user", category="bad", now=T0, actor="t")
