"""The worker's contract in process: acknowledge after the commit, idempotent per (content id, content hash),
lag and throughput in Prometheus, the embedded queue's leases and dedup."""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import text

from qinglang.store import open_store
from qinglang.stream.queue import SqlQueue, content_hash
from qinglang.stream.worker import Worker, WorkerMetrics
from qinglang.workflow import intake
from qinglang.workflow.config import WorkflowConfig

BLOCK = "你真是个sha逼，nmsl"  # blocked by the shipped policies (abuse)


def items(n: int, text_: str = BLOCK) -> list[dict]:
    return [{"id": f"i{k}", "text": text_, "author": {"id": "acct-1"}} for k in range(n)]


def scalar(store, sql: str) -> int:
    with store.engine.connect() as c:
        return c.execute(text(sql)).scalar_one()


@pytest.fixture
def parts(tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    store, queue = open_store(db), SqlQueue(db)
    yield store, queue
    queue.close()
    store.close()


class AckCrash(Exception):
    pass


class CrashOnAck:
    """The queue, except that the process 'dies' after the commit and before the acknowledgement."""

    def __init__(self, q: SqlQueue) -> None:
        self.q, self.url = q, q.url

    def __getattr__(self, name: str):
        return getattr(self.q, name)

    def ack(self, receipts: list[str]) -> None:
        raise AckCrash


def test_redelivery_after_commit_neither_duplicates_nor_counts_twice(engine, parts) -> None:
    store, queue = parts
    assert queue.put(items(6)) == 6
    assert queue.put(items(6)) == 0  # the same (id, hash) again: one queue row each
    with pytest.raises(AckCrash):
        Worker(engine=engine, store=store, queue=CrashOnAck(queue), lease=600).run_once()
    assert scalar(store, "SELECT count(*) FROM decisions") == 6
    assert queue.lag()[0] == 6  # committed but not acknowledged: still leased
    assert queue.take(10, consumer="other", lease=600) == []  # the lease holds them
    with store.engine.begin() as c:  # ... until it runs out
        c.execute(text("UPDATE stream_items SET lease_until = 0"))
    metrics = WorkerMetrics()
    w = Worker(engine=engine, store=store, queue=queue, lease=600, metrics=metrics)
    assert w.run_once() == 6  # delivered again
    assert queue.lag()[0] == 0
    assert scalar(store, "SELECT count(*) FROM decisions") == 6
    assert scalar(store, "SELECT count(*) FROM violations") == 6  # one per item, not two
    assert scalar(store, "SELECT count(*) FROM audit_log WHERE action = 'decision.created'") == 6
    assert scalar(store, "SELECT max(deliveries) FROM stream_items") == 2
    assert metrics.items.labels("duplicate")._value.get() == 6
    assert metrics.items.labels("decided")._value.get() == 0


def test_new_version_is_remoderated_same_version_is_not(engine, parts) -> None:
    store, queue = parts
    w = Worker(engine=engine, store=store, queue=queue)
    queue.put([{"id": "p", "text": "今天天气不错", "author": {"id": "acct-2"}}])
    assert w.run_once() == 1
    queue.put([{"id": "p", "text": BLOCK, "author": {"id": "acct-2"}}])  # edited post: a new content hash
    assert w.run_once() == 1
    with store.transaction() as tx:
        rec = tx.get_decision("p")
    assert rec is not None and rec.version == 2 and rec.action == "block"
    assert scalar(store, "SELECT count(*) FROM violations") == 1


def test_item_stored_by_another_door_is_not_decided_again(engine, parts) -> None:
    store, queue = parts
    item = items(1)[0]
    with store.transaction() as tx:  # the HTTP door stored this version first
        intake.store_decision(tx, WorkflowConfig(), content=item, decision=engine.moderate(item).to_json(),
                              now=time.time(), actor="http")
    queue.put([item])
    metrics = WorkerMetrics()
    assert Worker(engine=engine, store=store, queue=queue, metrics=metrics).run_once() == 1
    assert metrics.items.labels("duplicate")._value.get() == 1
    assert scalar(store, "SELECT count(*) FROM violations") == 1


def test_bad_items_are_error_outcomes_and_metrics_are_scraped(engine, parts) -> None:
    store, queue = parts
    queue.put([*items(3), {"id": "bad", "text": 5}])
    metrics = WorkerMetrics()
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    metrics.serve(port)
    w = Worker(engine=engine, store=store, queue=queue, metrics=metrics, batch=2)
    assert w.run(exit_when_idle=True) == 4
    with store.engine.connect() as c:
        row = c.execute(text("SELECT outcome, error FROM stream_done WHERE content_id = 'bad'")).one()
    assert row.outcome == "error" and "text" in row.error
    body = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
    assert 'qinglang_worker_items_total{outcome="decided"} 3.0' in body
    assert 'qinglang_worker_items_total{outcome="error"} 1.0' in body
    assert 'qinglang_worker_decisions_total{action="block"} 3.0' in body
    assert "qinglang_worker_queue_lag_items 0.0" in body
    assert "qinglang_worker_batch_seconds_count 2.0" in body


def test_lag_counts_unacknowledged_items(parts) -> None:
    _, queue = parts
    queue.put(items(5))
    n, age = queue.lag()
    assert n == 5 and age >= 0
    got = queue.take(3, consumer="c", lease=30)
    assert len(got) == 3 and queue.take(5, consumer="d", lease=30)[0].receipt not in {g.receipt for g in got}
    queue.ack([g.receipt for g in got])
    assert queue.lag()[0] == 2
    assert content_hash({"b": 1, "a": "清"}) == content_hash({"a": "清", "b": 1})


def test_acknowledged_items_are_purged_after_retention_in_bounded_batches(engine, parts) -> None:
    store, queue = parts
    queue.put(items(25))
    metrics = WorkerMetrics()
    w = Worker(engine=engine, store=store, queue=queue, batch=10, metrics=metrics, retention=3600, purge_batch=10)
    assert w.run(exit_when_idle=True) == 25
    assert scalar(store, "SELECT count(*) FROM stream_items") == 25  # acknowledged, inside the retention
    queue.put([{"id": "late", "text": "今天天气不错"}])  # not acknowledged yet: never purged
    with store.engine.begin() as c:  # the acknowledgements are now two hours old
        c.execute(text("UPDATE stream_items SET acked_at = acked_at - 7200 WHERE acked_at IS NOT NULL"))
    assert queue.purge(3600, 10) == 10  # bounded: one batch per call
    assert w.purge(force=True) == 10
    assert w.purge() == 5  # the last batch was full: the next call drains on without waiting
    assert w.purge() == 0  # now it waits `purge_every` again
    assert scalar(store, "SELECT count(*) FROM stream_items") == 1
    assert scalar(store, "SELECT count(*) FROM stream_items WHERE acked_at IS NULL") == 1
    assert metrics.purged._value.get() == 15
    # an item enqueued again after its row was purged is delivered again, and the ledger makes it a no-op
    assert queue.put(items(3)) == 3
    assert w.run(exit_when_idle=True) == 4
    assert scalar(store, "SELECT count(*) FROM decisions") == 26
    assert scalar(store, "SELECT count(*) FROM violations") == 25
    assert metrics.items.labels("duplicate")._value.get() == 3
