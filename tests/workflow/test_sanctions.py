"""Sanction ladder: escalation by points, expiry, the violation window."""

from __future__ import annotations

from dataclasses import replace

from qinglang.store.memory import MemoryStore
from qinglang.workflow import sanctions
from qinglang.workflow.config import WorkflowConfig
from tests.workflow.support import T0


def test_sanction_ladder_escalates_by_points_and_expires():
    cfg = WorkflowConfig(qa_sample_rate=0.0, severity={"porn": 3}, window_days=30)
    s = MemoryStore()
    levels = []
    with s.transaction() as tx:
        for i, lab in enumerate(["abuse", "abuse", "porn", "porn", "porn", "porn", "porn"]):
            got = sanctions.record_violation(tx, cfg, account_id="u9", content_id=f"c{i}", labels=[lab],
                                             now=T0 + i, actor="t")
            levels.append(got.level if got else None)
        # points 1, 2, 5, 8, 11, 14, 17 against thresholds 1, 3, 6, 10, 15
        assert levels == ["warning", None, "throttle", "mute", "demonetize", None, "ban"]
        ban = sanctions.active(tx, "u9", T0 + 10)
        assert ban.level == "ban" and ban.expires_at is None
        tx.put_sanction(replace(ban, revoked=True))
        # Throttle (7 days) and mute (15 days) expire; demonetize (90 days) is still in force on day 20.
        assert sanctions.active(tx, "u9", T0 + 20 * 86400).level == "demonetize"
        # Violations leave the 30-day window: points drop to zero.
        assert sanctions.points(tx, cfg, "u9", T0 + 31 * 86400) == 0
