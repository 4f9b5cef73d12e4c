"""Intake: storing machine decisions (enqueue, re-submission), deterministic QA sampling."""

from __future__ import annotations

from qinglang.workflow import intake
from qinglang.workflow.config import WorkflowConfig
from tests.workflow.support import CFG, T0, decision, store_with


def test_review_action_enqueues_and_resubmission_returns_stored():
    s = store_with(("a", "review"), ("b", "pass"))
    with s.transaction() as tx:
        assert [i.content_id for i in tx.open_reviews()] == ["a"]
        c, d = decision("a", "block")
        rec, created = intake.store_decision(tx, CFG, content=c, decision=d, now=T0 + 1, actor="t")
        assert not created and rec.action == "review"
        rec, created = intake.store_decision(tx, CFG, content=c, decision=d, now=T0 + 1, actor="t", force=True)
        assert created and rec.action == "block" and rec.version == 2


def test_qa_sampling_is_deterministic():
    cfg = WorkflowConfig(qa_sample_rate=0.5)
    picked = [intake.qa_sampled(cfg, f"id-{i}") for i in range(400)]
    assert picked == [intake.qa_sampled(cfg, f"id-{i}") for i in range(400)]
    assert 150 < sum(picked) < 250
