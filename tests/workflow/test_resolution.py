"""Resolution: decisions are validated; a disputed one needs a second reviewer; a final one resolves the
reports and revokes the violations."""

from __future__ import annotations

import pytest

from qinglang.errors import Forbidden, InvalidRequest
from qinglang.workflow import queue, reports, resolution, sanctions
from tests.workflow.support import CFG, T0, store_with


def test_decide_validates_action_and_reason_code():
    s = store_with(("a", "review"))
    with s.transaction() as tx:
        queue.claim(tx, CFG, "a", reviewer="r1", now=T0)
        with pytest.raises(InvalidRequest, match="reason code"):
            resolution.decide(tx, CFG, "a", reviewer="r1", action="pass", reason="because", now=T0)
        with pytest.raises(InvalidRequest, match="unknown action"):
            resolution.decide(tx, CFG, "a", reviewer="r1", action="delete", reason="no_violation", now=T0)


def test_disputed_item_needs_a_second_reviewer():
    s = store_with(("a", "block"))
    with s.transaction() as tx:
        reports.submit(tx, CFG, content_id="a", type="user", category="abuse", now=T0, actor="t")
        queue.claim(tx, CFG, "a", reviewer="r1", now=T0)
        item = resolution.decide(tx, CFG, "a", reviewer="r1", action="pass", reason="no_violation", now=T0)
        assert item.status == "disputed" and tx.get_decision("a").final_action is None
        with pytest.raises(Forbidden, match="second reviewer"):
            queue.claim(tx, CFG, "a", reviewer="r1", now=T0 + 1)
        queue.claim(tx, CFG, "a", reviewer="r2", now=T0 + 1)
        item = resolution.decide(tx, CFG, "a", reviewer="r2", action="pass", reason="no_violation", now=T0 + 2)
        assert item.status == "decided" and tx.get_decision("a").final_action == "pass"
        assert [r.status for r in tx.reports_for("a")] == ["rejected"]
        assert sanctions.points(tx, CFG, "u1", T0 + 3) == 0  # the auto-block violation was revoked
