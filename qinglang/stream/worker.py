"""`qinglang worker`: take items from a queue, decide them in batches, store the decisions, then acknowledge.

One round (`Worker.run_once`): lease up to `batch` items; parse them (a bad payload is an error outcome, not
a crash); decide the good ones with `Engine.moderate_many`; in ONE store transaction write, per item, its
row in the worker's ledger `stream_done` keyed by (content id, content hash) and, when that row is new,
its decision through `workflow.intake.store_decision` (audit, review routing, violations and sanctions);
commit; only then acknowledge the leases. A worker killed anywhere in between leaves the items leased: they
are delivered again (lease expiry / XAUTOCLAIM), and the ledger row committed with the first decision makes
the redelivery a no-op, so an item is decided once and never counts twice toward sanctions.

A new version of an item (same id, different content hash) is a new ledger key and is stored with `force`
(a re-moderation); the same version delivered again is skipped before the store is touched.
"""

from __future__ import annotations

import hashlib
import json
import logging
import signal
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, Float, MetaData, String, Table, Text, insert
from sqlalchemy.exc import IntegrityError

from ..engine import Engine
from ..errors import ConfigError, InvalidContent, QinglangError
from ..model import Content, Decision
from ..store.ports import Store
from ..workflow import intake
from ..workflow.config import WorkflowConfig
from .queue import Delivery, WorkQueue, content_hash

log = logging.getLogger(__name__)
ACTOR = "worker"

md = MetaData()
stream_done = Table(
    "stream_done", md,
    Column("content_id", String(256), primary_key=True),
    Column("content_sha256", String(64), primary_key=True),
    Column("decided_at", Float, nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("error", Text),
)


class WorkerMetrics:
    """Prometheus series of one worker: throughput (items by outcome), lag, batch latency, redeliveries."""

    def __init__(self, registry: Any = None) -> None:
        from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

        self.registry = registry or CollectorRegistry()
        r = self.registry
        self.items = Counter("qinglang_worker_items_total", "Items handled by outcome (decided, duplicate, "
                             "error)", ["outcome"], registry=r)
        self.decisions = Counter("qinglang_worker_decisions_total", "Decisions stored by action", ["action"],
                                 registry=r)
        self.batch_seconds = Histogram("qinglang_worker_batch_seconds", "Take-decide-commit-ack time per batch",
                                       buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30), registry=r)
        self.lag = Gauge("qinglang_worker_queue_lag_items", "Items enqueued and not yet acknowledged", registry=r)
        self.lag_seconds = Gauge("qinglang_worker_queue_lag_seconds", "Age of the oldest unacknowledged item",
                                 registry=r)
        self.purged = Counter("qinglang_worker_queue_purged_total", "Acknowledged queue items deleted after "
                              "the retention", registry=r)
        self.last_batch = Gauge("qinglang_worker_last_batch_timestamp_seconds", "When the last batch was "
                                "acknowledged", registry=r)

    def serve(self, port: int, addr: str = "127.0.0.1") -> None:
        from prometheus_client import start_http_server

        start_http_server(port, addr=addr, registry=self.registry)


@dataclass
class Worker:
    engine: Engine
    store: Store
    queue: WorkQueue
    workflow: WorkflowConfig = field(default_factory=WorkflowConfig)
    batch: int = 256
    lease: float = 60.0
    consumer: str = "worker-1"
    metrics: WorkerMetrics | None = None
    lag_every: float = 5.0
    retention: float = 86_400.0  # acknowledged queue items are kept this long, then purged
    purge_every: float = 60.0
    purge_batch: int = 10_000  # at most this many rows deleted per purge (one short transaction)
    _lag_at: float = 0.0
    _purge_at: float = 0.0

    def __post_init__(self) -> None:
        if not hasattr(self.store, "engine"):
            raise ConfigError("the worker needs a SQL store (sqlite:///… or postgresql://…), not memory://")

    def run_once(self) -> int:
        """One batch: take, decide, commit, acknowledge. Returns how many items were handled (0: idle)."""
        t0 = time.perf_counter()
        got = self.queue.take(self.batch, consumer=self.consumer, lease=self.lease)
        if not got:
            self._observe_lag(force=True)
            return 0
        parsed = [_parse(d) for d in got]
        decided = iter(list(self.engine.moderate_many([c for _, c, _ in parsed if c is not None])))
        results: list[tuple[dict[str, Any] | None, str, str, Decision | str]] = []
        for d, (raw, content, problem) in zip(got, parsed, strict=True):
            if content is None:  # keyed by the payload itself when it is not even a JSON object
                sha = content_hash(raw) if raw is not None else hashlib.sha256(d.payload.encode()).hexdigest()
                results.append((raw, _key_id(raw), sha, problem or "unreadable"))
                continue
            out = next(decided)
            results.append((raw, content.id, content_hash(raw),
                            out if isinstance(out, Decision) else f"{out.kind}: {out.message}"))
        outcomes = self._commit(results)
        self.queue.ack([d.receipt for d in got])  # only after the commit
        if self.metrics is not None:
            for outcome, action in outcomes:
                self.metrics.items.labels(outcome).inc()
                if action:
                    self.metrics.decisions.labels(action).inc()
            self.metrics.batch_seconds.observe(time.perf_counter() - t0)
            self.metrics.last_batch.set_to_current_time()
        self._observe_lag()
        self.purge()
        return len(got)

    def purge(self, *, force: bool = False) -> int:
        """Delete acknowledged queue items older than `retention`, one bounded batch, every `purge_every`
        seconds (at once again while a full batch came back: a backlog of finished rows drains in a few
        rounds). Returns how many rows were deleted."""
        if not force and time.monotonic() - self._purge_at < self.purge_every:
            return 0
        try:
            n = self.queue.purge(self.retention, self.purge_batch)
        except Exception:  # housekeeping must not stop the worker
            log.exception("queue purge failed")
            n = 0
        self._purge_at = 0.0 if n >= self.purge_batch else time.monotonic()
        if self.metrics is not None and n:
            self.metrics.purged.inc(n)
        return n

    def _commit(self, results: list[tuple[dict[str, Any] | None, str, str, Decision | str]]) -> list[tuple[str, str]]:
        now = time.time()
        outcomes: list[tuple[str, str]] = []
        with self.store.transaction() as tx:
            conn = tx.c  # the SQL transaction's connection: the ledger row commits with the decision
            for raw, cid, sha, out in results:
                row = {"content_id": cid, "content_sha256": sha, "decided_at": now,
                       "outcome": "decided" if isinstance(out, Decision) else "error",
                       "error": None if isinstance(out, Decision) else out}
                try:
                    with conn.begin_nested():
                        conn.execute(insert(stream_done).values(**row))
                except IntegrityError:
                    outcomes.append(("duplicate", ""))  # delivered again after a crash: already decided
                    continue
                if isinstance(out, Decision):
                    assert raw is not None
                    old = tx.get_decision(cid)
                    if old is not None and (old.content_sha256 or content_hash(old.content)) == sha:
                        outcomes.append(("duplicate", ""))  # this version was stored by another door (HTTP)
                        continue
                    # a new item, or a new version of a stored one (re-moderated: `force`)
                    intake.store_decision(tx, self.workflow, content=raw, decision=out.to_json(), now=now,
                                          actor=ACTOR, force=old is not None)
                    outcomes.append(("decided", out.action))
                else:
                    log.warning("item %s: %s", cid or "?", out)
                    outcomes.append(("error", ""))
        return outcomes

    def _observe_lag(self, *, force: bool = False) -> None:
        if self.metrics is None or (not force and time.monotonic() - self._lag_at < self.lag_every):
            return
        self._lag_at = time.monotonic()
        try:
            n, age = self.queue.lag()
        except Exception:  # a metrics read must not stop the worker
            log.exception("queue lag read failed")
            return
        self.metrics.lag.set(n)
        self.metrics.lag_seconds.set(age)

    def run(self, *, stop: threading.Event | None = None, exit_when_idle: bool = False,
            idle_sleep: float = 0.5) -> int:
        """Loop until `stop` is set (SIGTERM/SIGINT in the CLI) or, with `exit_when_idle`, the queue is empty."""
        stop = stop or threading.Event()
        total = 0
        while not stop.is_set():
            n = self.run_once()
            total += n
            if n == 0:
                self.purge()
                if exit_when_idle and self.queue.lag()[0] == 0:
                    break
                stop.wait(idle_sleep)
        return total


def _key_id(raw: dict[str, Any] | None) -> str:
    cid = raw.get("id") if isinstance(raw, dict) else None
    return str(cid) if isinstance(cid, str | int) and not isinstance(cid, bool) else ""


def _parse(d: Delivery) -> tuple[dict[str, Any] | None, Content | None, str | None]:
    """(raw JSON object, Content, problem): a payload that is not valid Content becomes an error outcome."""
    try:
        raw = json.loads(d.payload)
    except (json.JSONDecodeError, RecursionError) as exc:
        return None, None, f"malformed JSON: {exc}"
    if not isinstance(raw, dict):
        return None, None, f"content must be a JSON object, got {type(raw).__name__}"
    try:
        return raw, Content.from_json(raw), None
    except InvalidContent as exc:
        return raw, None, f"InvalidContent: {exc.message}"
    except QinglangError as exc:
        return raw, None, f"{exc.kind}: {exc.message}"


def install_signal_stop() -> threading.Event:
    """An event set by SIGTERM / SIGINT: the worker finishes (commits and acknowledges) its batch, then exits."""
    stop = threading.Event()

    def _handler(_sig: int, _frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _handler)
    signal.signal(signal.SIGINT, _handler)
    return stop
