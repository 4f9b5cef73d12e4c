"""Workflow rules on the in-memory store: leases, disputes, SLAs, report merging, appeals, the ladder, audit."""

from __future__ import annotations

from dataclasses import replace

import pytest

from qinglang.errors import ConfigError, Conflict, Forbidden, InvalidContent, NotFound
from qinglang.store.memory import MemoryStore
from qinglang.workflow import appeals, audit, intake, queue, reports, sanctions
from qinglang.workflow.config import WorkflowConfig, load_workflow_config

T0 = 1_700_000_000.0
CFG = WorkflowConfig(qa_sample_rate=0.0)


def _decision(cid: str, action: str, labels=("abuse",), author: str | None = "u1") -> tuple[dict, dict]:
    content = {"id": cid, "text": "正文", "author": {"id": author} if author else {}}
    dec = {"id": cid, "action": action, "risk": 0.7, "labels": [{"label": lab, "campaign": "c"} for lab in labels]}
    return content, dec


def _store(*items: tuple[str, str], cfg: WorkflowConfig = CFG) -> MemoryStore:
    s = MemoryStore()
    with s.transaction() as tx:
        for cid, action in items:
            c, d = _decision(cid, action)
            intake.store_decision(tx, cfg, content=c, decision=d, now=T0, actor="t")
    return s


def test_review_action_enqueues_and_resubmission_returns_stored():
    s = _store(("a", "review"), ("b", "pass"))
    with s.transaction() as tx:
        assert [i.content_id for i in tx.open_reviews()] == ["a"]
        c, d = _decision("a", "block")
        rec, created = intake.store_decision(tx, CFG, content=c, decision=d, now=T0 + 1, actor="t")
        assert not created and rec.action == "review"
        rec, created = intake.store_decision(tx, CFG, content=c, decision=d, now=T0 + 1, actor="t", force=True)
        assert created and rec.action == "block" and rec.version == 2


def test_qa_sampling_is_deterministic():
    cfg = WorkflowConfig(qa_sample_rate=0.5)
    picked = [intake.qa_sampled(cfg, f"id-{i}") for i in range(400)]
    assert picked == [intake.qa_sampled(cfg, f"id-{i}") for i in range(400)]
    assert 150 < sum(picked) < 250


def test_lease_blocks_others_until_it_expires():
    s = _store(("a", "review"))
    with s.transaction() as tx:
        queue.claim(tx, CFG, "a", reviewer="r1", now=T0)
        with pytest.raises(Conflict, match="claimed by"):
            queue.claim(tx, CFG, "a", reviewer="r2", now=T0 + 10)
        assert queue.claim_next(tx, CFG, reviewer="r2", now=T0 + 10) is None
        with pytest.raises(Conflict, match="claim item"):
            queue.decide(tx, CFG, "a", reviewer="r2", action="pass", reason="no_violation", now=T0 + 10)
        item = queue.claim_next(tx, CFG, reviewer="r2", now=T0 + CFG.lease_seconds + 1)
        assert item is not None and item.claimed_by == "r2"
        with pytest.raises(Conflict):  # r1's lease is gone
            queue.decide(tx, CFG, "a", reviewer="r1", action="pass", reason="no_violation", now=T0 + 400)


def test_decide_validates_action_and_reason_code():
    s = _store(("a", "review"))
    with s.transaction() as tx:
        queue.claim(tx, CFG, "a", reviewer="r1", now=T0)
        with pytest.raises(InvalidContent, match="reason code"):
            queue.decide(tx, CFG, "a", reviewer="r1", action="pass", reason="because", now=T0)
        with pytest.raises(InvalidContent, match="unknown action"):
            queue.decide(tx, CFG, "a", reviewer="r1", action="delete", reason="no_violation", now=T0)


def test_disputed_item_needs_a_second_reviewer():
    s = _store(("a", "block"))
    with s.transaction() as tx:
        reports.submit(tx, CFG, content_id="a", type="user", category="abuse", now=T0, actor="t")
        queue.claim(tx, CFG, "a", reviewer="r1", now=T0)
        item = queue.decide(tx, CFG, "a", reviewer="r1", action="pass", reason="no_violation", now=T0)
        assert item.status == "disputed" and tx.get_decision("a").final_action is None
        with pytest.raises(Forbidden, match="second reviewer"):
            queue.claim(tx, CFG, "a", reviewer="r1", now=T0 + 1)
        queue.claim(tx, CFG, "a", reviewer="r2", now=T0 + 1)
        item = queue.decide(tx, CFG, "a", reviewer="r2", action="pass", reason="no_violation", now=T0 + 2)
        assert item.status == "decided" and tx.get_decision("a").final_action == "pass"
        assert [r.status for r in tx.reports_for("a")] == ["rejected"]
        assert sanctions.points(tx, CFG, "u1", T0 + 3) == 0  # the auto-block violation was revoked


def test_reports_merge_raise_priority_and_enterprise_needs_proof():
    s = _store(("a", "pass"))
    with s.transaction() as tx:
        r1, m1 = reports.submit(tx, CFG, content_id="a", type="user", category="rumor", reporter="p1", now=T0,
                                actor="t")
        p1 = tx.get_review("a").priority
        r2, m2 = reports.submit(tx, CFG, content_id="a", type="user", category="rumor", reporter="p2",
                                evidence="截图", now=T0 + 5, actor="t")
        assert (m1, m2) == (False, True) and r1.id == r2.id and r2.count == 2 and r2.reporters == ("p1", "p2")
        assert tx.get_review("a").priority > p1
        with pytest.raises(InvalidContent, match="proof"):
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
        with pytest.raises(InvalidContent, match="category"):
            reports.submit(tx, CFG, content_id="a", type="user", category="bad", now=T0, actor="t")


def test_appeal_decided_by_someone_else_overturns_and_lifts_sanction():
    s = _store(("a", "review"))
    with s.transaction() as tx:
        queue.claim(tx, CFG, "a", reviewer="r1", now=T0)
        queue.decide(tx, CFG, "a", reviewer="r1", action="block", reason="violation.confirmed", now=T0)
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


def test_workflow_config_is_validated(tmp_path):
    p = tmp_path / "wf.yaml"
    p.write_text("thresholds: {warning: 5, throttle: 2}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="rise along the ladder"):
        load_workflow_config(p)
    p.write_text("thresholds: {scold: 1}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown sanction level 'scold'"):
        load_workflow_config(p)
    p.write_text("lease_seconds: 60\nsla_hours: [[0, 1]]\n", encoding="utf-8")
    cfg = load_workflow_config(p)
    assert cfg.lease_seconds == 60 and cfg.sla_seconds(99) == 3600


def test_audit_verify_detects_tampering():
    s = _store(("a", "review"), ("b", "block"))
    with s.transaction() as tx:
        rows = tx.audit_entries()
    assert audit.verify(rows).ok and len(rows) >= 4
    forged = list(rows)
    forged[1] = replace(forged[1], payload={**forged[1].payload, "action": "pass"})
    bad = audit.verify(forged)
    assert not bad.ok and bad.bad_seq == 2 and "hash" in bad.reason
    dropped = rows[:1] + rows[2:]
    assert audit.verify(dropped).bad_seq == 3
