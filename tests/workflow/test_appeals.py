"""Appeals: only the author files, another reviewer decides, an upheld one lifts the sanction."""

from __future__ import annotations

import pytest

from qinglang.errors import Conflict, Forbidden
from qinglang.workflow import appeals, queue, resolution, sanctions
from tests.workflow.support import CFG, T0, store_with


def test_appeal_decided_by_someone_else_overturns_and_lifts_sanction():
    s = store_with(("a", "review"))
    with s.transaction() as tx:
        queue.claim(tx, CFG, "a", reviewer="r1", now=T0)
        resolution.decide(tx, CFG, "a", reviewer="r1", action="block", reason="violation.confirmed", now=T0)
        assert sanctions.active(tx, "u1", T0).level == "warning"
        with pytest.raises(Forbidden):
            appeals.file(tx, CFG, content_id="a", author_id="someone-else", reason="不是我", now=T0, actor="t")
        a = appeals.file(tx, CFG, content_id="a", author_id="u1", reason="误判", now=T0, actor="t")
        with pytest.raises(Conflict, match="pending"):
            appeals.file(tx, CFG, content_id="a", author_id="u1", reason="再申诉", now=T0, actor="t")
        with pytest.raises(Forbidden, match="another reviewer"):
            appeals.decide(tx, CFG, a.id, reviewer="r1", upheld=True, now=T0 + 1)
        a = appeals.decide(tx, CFG, a.id, reviewer="r2", upheld=True, now=T0 + 1)
        assert a.status == "upheld" and tx.get_decision("a").final_action == "pass"
        assert sanctions.active(tx, "u1", T0 + 2) is None
        with pytest.raises(Conflict):
            appeals.decide(tx, CFG, a.id, reviewer="r3", upheld=False, now=T0 + 2)
