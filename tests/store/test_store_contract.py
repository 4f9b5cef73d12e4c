"""One contract for every store adapter: memory, SQLite, and PostgreSQL when QINGLANG_TEST_PG_URL is set."""

from __future__ import annotations

import os
import threading

import pytest

pytest.importorskip("sqlalchemy", reason="store tests need qinglang[server]")

from qinglang.store import open_store
from qinglang.store.ports import Report, ReviewItem, Sanction, StoredDecision, Violation
from qinglang.workflow import audit

T0 = 1_700_000_000.0


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path):
    if request.param == "memory":
        s = open_store("memory://")
    elif request.param == "sqlite":
        s = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    else:
        url = os.environ.get("QINGLANG_TEST_PG_URL")
        if not url:
            pytest.skip("QINGLANG_TEST_PG_URL is not set")
        from tests.service.qlserver import reset_pg

        reset_pg(url)
        s = open_store(url)
    yield s
    s.close()


def _dec(cid: str, action: str = "review", author: str | None = "u1", t: float = T0) -> StoredDecision:
    return StoredDecision(content_id=cid, content={"id": cid, "text": "文本"}, action=action, risk=0.7,
                          decision={"id": cid, "action": action, "labels": [{"label": "abuse", "campaign": "c1"}]},
                          author_id=author, created_at=t)


def test_decision_insert_is_idempotent_and_put_replaces(store):
    with store.transaction() as tx:
        assert tx.insert_decision(_dec("a"))
        assert not tx.insert_decision(_dec("a", action="block"))
    with store.transaction() as tx:
        assert tx.get_decision("a").action == "review"
        tx.put_decision(_dec("a", action="block"))
    with store.transaction(readonly=True) as tx:
        got = tx.get_decision("a")
        assert got.action == "block" and got.content["text"] == "文本" and got.labels == [("abuse", "c1")]
        c = tx.counts(now=T0)
        assert sum(c.by_day_action.values()) == 1 and c.by_campaign_label == {("c1", "abuse"): 1}


def test_rollback_discards_everything(store):
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.insert_decision(_dec("r"))
        audit.record(tx, actor="t", action="x", subject="content:r", payload={}, now=T0)
        raise RuntimeError("boom")
    with store.transaction() as tx:
        assert tx.get_decision("r") is None and tx.last_audit() is None


def test_queue_order_reports_violations_sanctions(store):
    with store.transaction() as tx:
        for cid, prio, due in [("x", 50, T0 + 10), ("y", 80, T0 + 99), ("z", 50, T0 + 5)]:
            tx.put_review(ReviewItem(content_id=cid, status="pending", priority=prio, reasons=("review",),
                                     created_at=T0, due_at=due))
        tx.put_review(ReviewItem(content_id="done", status="decided", priority=99, reasons=(), created_at=T0,
                                 due_at=T0))
        tx.put_report(Report(id="R1", content_id="x", type="user", category="abuse", status="received",
                             created_at=T0, updated_at=T0, evidence=("证据",), proofs=({"name": "a.pdf"},)))
        tx.add_violation(Violation(account_id="u1", content_id="x", label="abuse", severity=2, at=T0))
        tx.add_violation(Violation(account_id="u1", content_id="y", label="porn", severity=3, at=T0 - 10_000))
        tx.put_sanction(Sanction(id="S1", account_id="u1", level="mute", started_at=T0, expires_at=None))
    with store.transaction() as tx:
        assert [i.content_id for i in tx.open_reviews()] == ["y", "z", "x"]
        assert tx.get_report("R1").proofs == ({"name": "a.pdf"},)
        assert [r.id for r in tx.reports_for("x")] == ["R1"]
        assert [v.severity for v in tx.violations("u1", since=T0 - 1)] == [2]
        assert tx.revoke_violations("x") == 1
        assert tx.violations("u1", since=T0 - 1) == []
        assert tx.sanctions("u1")[0].expires_at is None
        assert tx.counts(now=T0 + 20).overdue_reviews == 2


def test_audit_chain_round_trips_and_verifies(store):
    with store.transaction() as tx:
        for i in range(5):
            audit.record(tx, actor="t", action="a", subject=f"content:{i}", payload={"中文": i, "f": 0.1}, now=T0 + i)
    with store.transaction() as tx:
        rows = tx.audit_entries()
        assert [e.seq for e in rows] == [1, 2, 3, 4, 5]
        assert [e.seq for e in tx.audit_entries(subject="content:3")] == [4]
    assert audit.verify(rows).ok


def test_concurrent_writers_keep_one_chain(store):
    """Threads extending the chain at once never fork it or skip a sequence number."""

    def work(k: int) -> None:
        for i in range(10):
            with store.transaction() as tx:
                audit.record(tx, actor=f"w{k}", action="a", subject="s", payload={"i": i}, now=T0)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with store.transaction() as tx:
        rows = tx.audit_entries()
    assert len(rows) == 40 and audit.verify(rows).ok


def test_group_commit_shares_transactions_and_isolates_a_failing_job(store):
    """Concurrent `write` jobs: each gets its own value or error; a failing job's writes are rolled back, the
    others' are committed, and the audit chain stays linear (the cached chain head is forgotten on rollback)."""
    from qinglang.errors import Conflict

    barrier = threading.Barrier(8)
    out: dict[int, object] = {}

    def job(k: int):
        def fn(tx):
            audit.record(tx, actor=f"w{k}", action="a", subject=f"s{k}", payload={}, now=T0)
            if k % 3 == 0:
                raise Conflict(f"job {k} refuses")
            tx.insert_decision(_dec(f"g{k}"))
            return k * 10
        return fn

    def run(k: int) -> None:
        barrier.wait()
        try:
            out[k] = store.write(job(k))
        except Conflict as exc:
            out[k] = exc

    threads = [threading.Thread(target=run, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {k: v for k, v in out.items() if not isinstance(v, Conflict)} == {k: k * 10 for k in (1, 2, 4, 5, 7)}
    assert all(isinstance(out[k], Conflict) for k in (0, 3, 6))
    with store.transaction(readonly=True) as tx:
        rows = tx.audit_entries()
        stored = {k for k in range(8) if tx.get_decision(f"g{k}") is not None}
    assert stored == {1, 2, 4, 5, 7}
    assert sorted(e.subject for e in rows) == [f"s{k}" for k in (1, 2, 4, 5, 7)] and audit.verify(rows).ok
