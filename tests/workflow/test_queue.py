"""Review queue: claims hold an expiring lease against other reviewers."""

from __future__ import annotations

import pytest

from qinglang.errors import Conflict
from qinglang.workflow import queue, resolution
from tests.workflow.support import CFG, T0, store_with


def test_lease_blocks_others_until_it_expires():
    s = store_with(("a", "review"))
    with s.transaction() as tx:
        queue.claim(tx, CFG, "a", reviewer="r1", now=T0)
        with pytest.raises(Conflict, match="claimed by"):
            queue.claim(tx, CFG, "a", reviewer="r2", now=T0 + 10)
        assert queue.claim_next(tx, CFG, reviewer="r2", now=T0 + 10) is None
        with pytest.raises(Conflict, match="claim item"):
            resolution.decide(tx, CFG, "a", reviewer="r2", action="pass", reason="no_violation", now=T0 + 10)
        item = queue.claim_next(tx, CFG, reviewer="r2", now=T0 + CFG.lease_seconds + 1)
        assert item is not None and item.claimed_by == "r2"
        with pytest.raises(Conflict):  # r1's lease is gone
            resolution.decide(tx, CFG, "a", reviewer="r1", action="pass", reason="no_violation", now=T0 + 400)
