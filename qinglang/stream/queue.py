"""The worker's queue port and its adapters, selected by URL (`open_queue`).

- ``sqlite:///file.db`` / ``postgresql://…``: the embedded default, a table in the store (`stream_items`).
  A consumer leases up to n ready rows (not acknowledged, lease expired) for `lease` seconds; on PostgreSQL
  the rows are picked with ``FOR UPDATE SKIP LOCKED`` so concurrent workers never wait on each other's
  rows, on SQLite under ``BEGIN IMMEDIATE``. A dead worker's rows come back when their lease runs out.
  One row per (content id, content hash): enqueuing the same item again is a no-op while its row is kept.
  Acknowledged rows are deleted once they are older than the retention (`purge`, called by the worker a
  bounded batch at a time), so the table holds the backlog plus the retention window, not all history;
  an item enqueued again after its row was purged is delivered again and the worker's ledger (keyed by the
  same (content id, content hash)) makes it a no-op.
- ``redis://host:port/db?stream=NAME&group=NAME``: Redis Streams with a consumer group. New entries come
  from ``XREADGROUP``; entries a dead consumer held longer than `lease` are taken over with ``XAUTOCLAIM``;
  an acknowledged entry is ``XACK``-ed and deleted.

Delivery is at least once: the worker acknowledges only after its decisions are committed, and makes the
decision write idempotent per (content id, content hash) (`stream.worker`).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import parse_qs, urlparse

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import ConfigError
from ..workflow import intake

md = MetaData()
stream_items = Table(
    "stream_items", md,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("content_id", String(256), nullable=False),
    Column("content_sha256", String(64), nullable=False),
    Column("payload", Text, nullable=False),
    Column("enqueued_at", Float, nullable=False),
    Column("lease_until", Float, nullable=False),
    Column("consumer", String(128)),
    Column("deliveries", Integer, nullable=False),
    Column("acked_at", Float),
)


def content_hash(content: Any) -> str:
    """The item-version key: `workflow.intake.content_hash` (the store's own), so the worker's ledger and the
    store's versions agree. A payload with lone surrogates cannot be encoded that way; it is refused at intake
    anyway, and gets a digest of its escaped JSON so that its error outcome is still recorded once."""
    try:
        return intake.content_hash(content)
    except UnicodeEncodeError:
        return hashlib.sha256(json.dumps(content, ensure_ascii=True, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Delivery:
    """One leased item: `receipt` acknowledges it; `payload` is the raw JSON text as enqueued."""

    receipt: str
    payload: str
    enqueued_at: float
    deliveries: int  # how often it was handed out, this time included (0: the queue does not count)


class WorkQueue(Protocol):
    url: str

    def put(self, items: Iterable[dict[str, Any]]) -> int: ...  # how many were newly enqueued
    def take(self, n: int, *, consumer: str, lease: float) -> list[Delivery]: ...
    def ack(self, receipts: list[str]) -> None: ...
    def lag(self) -> tuple[int, float]: ...  # (items not yet acknowledged, age of the oldest in seconds)
    def purge(self, retention: float, limit: int) -> int: ...  # acknowledged items older than retention, deleted
    def close(self) -> None: ...


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class SqlQueue:
    """The embedded queue: a table in the store's database (SQLite or PostgreSQL)."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        from ..store.sql import make_engine

        self.url = url
        self.engine = make_engine(url)
        self.pg = self.engine.dialect.name == "postgresql"
        if migrate:
            from ..store.migrate import upgrade

            upgrade(self.engine)

    def put(self, items: Iterable[dict[str, Any]]) -> int:
        now, added = time.time(), 0
        with self.engine.begin() as conn:
            for item in items:
                row = {"content_id": str(item.get("id", "")), "content_sha256": content_hash(item),
                       "payload": _dumps(item), "enqueued_at": now, "lease_until": 0.0, "deliveries": 0}
                try:
                    with conn.begin_nested():
                        conn.execute(insert(stream_items).values(**row))
                    added += 1
                except IntegrityError:  # the same (id, hash) is already queued or done
                    pass
        return added

    def take(self, n: int, *, consumer: str, lease: float) -> list[Delivery]:
        t = stream_items
        now = time.time()
        q = (select(t.c.seq, t.c.payload, t.c.enqueued_at, t.c.deliveries)
             .where(t.c.acked_at.is_(None), t.c.lease_until <= now).order_by(t.c.seq).limit(n))
        if self.pg:
            q = q.with_for_update(skip_locked=True)
        with self.engine.begin() as conn:  # SQLite: BEGIN IMMEDIATE (store.sql.make_engine)
            rows = conn.execute(q).all()
            if not rows:
                return []
            conn.execute(update(t).where(t.c.seq.in_([r.seq for r in rows]))
                         .values(lease_until=now + lease, consumer=consumer, deliveries=t.c.deliveries + 1))
        return [Delivery(str(r.seq), r.payload, r.enqueued_at, r.deliveries + 1) for r in rows]

    def ack(self, receipts: list[str]) -> None:
        if not receipts:
            return
        t = stream_items
        with self.engine.begin() as conn:
            conn.execute(update(t).where(t.c.seq.in_([int(r) for r in receipts]), t.c.acked_at.is_(None))
                         .values(acked_at=time.time()))

    def lag(self) -> tuple[int, float]:
        t = stream_items
        with self.engine.connect() as conn:
            n, oldest = conn.execute(select(func.count(), func.min(t.c.enqueued_at))
                                     .where(t.c.acked_at.is_(None))).one()
        return int(n), (time.time() - oldest) if oldest is not None else 0.0

    def purge(self, retention: float, limit: int) -> int:
        """Delete up to `limit` rows acknowledged more than `retention` seconds ago (oldest first, through the
        index that leads with ``acked_at``); returns how many. Bounded so that a large backlog of finished
        rows is removed over several calls and never holds the table for long."""
        t = stream_items
        cutoff = time.time() - retention
        with self.engine.begin() as conn:
            seqs = conn.execute(select(t.c.seq).where(t.c.acked_at.is_not(None), t.c.acked_at < cutoff)
                                .order_by(t.c.acked_at).limit(limit)).scalars().all()
            if seqs:
                conn.execute(delete(t).where(t.c.seq.in_(seqs)))
        return len(seqs)

    def close(self) -> None:
        self.engine.dispose()


class RedisQueue:
    """Redis Streams: one stream, one consumer group; entries carry the content JSON in field ``c``."""

    def __init__(self, url: str) -> None:
        try:
            import redis
        except ModuleNotFoundError:
            raise ConfigError("the redis package is missing: pip install 'qinglang[stream]'") from None
        self.url = url
        q = parse_qs(urlparse(url).query)
        self.stream = q.get("stream", ["qinglang:items"])[0]
        self.group = q.get("group", ["qinglang"])[0]
        base = url.split("?", 1)[0]
        self.r = redis.Redis.from_url(base)
        self._claim_from = "0-0"
        self._own_pending = True  # a restarted consumer first re-reads what it held before (its PEL)
        try:
            self.r.xgroup_create(self.stream, self.group, id="0", mkstream=True)
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise
        except redis.ConnectionError as exc:
            raise ConfigError(f"cannot reach Redis at {base}: {exc}") from None

    def put(self, items: Iterable[dict[str, Any]]) -> int:
        pipe = self.r.pipeline(transaction=False)
        n = 0
        for item in items:
            pipe.xadd(self.stream, {"c": _dumps(item).encode("utf-8", "surrogatepass"), "t": repr(time.time())})
            n += 1
            if n % 1000 == 0:
                pipe.execute()
        pipe.execute()
        return n

    @staticmethod
    def _delivery(entry_id: bytes, fields: dict[bytes, bytes]) -> Delivery:
        ms = int(entry_id.split(b"-")[0])
        return Delivery(entry_id.decode(), fields.get(b"c", b"").decode("utf-8", "replace"), ms / 1000, 0)

    def take(self, n: int, *, consumer: str, lease: float) -> list[Delivery]:
        out: list[Delivery] = []
        if self._own_pending:
            got = self.r.xreadgroup(self.group, consumer, {self.stream: "0"}, count=n)
            entries = [e for _s, es in got or [] for e in es]
            gone = [eid for eid, f in entries if not f]  # deleted while pending: nothing left to decide
            if gone:
                self.r.xack(self.stream, self.group, *gone)
            mine = [self._delivery(eid, f) for eid, f in entries if f]
            if mine:
                return mine
            self._own_pending = False
        # Entries a dead (or stalled) consumer held longer than the lease: take them over first.
        nxt, claimed, *_ = self.r.xautoclaim(self.stream, self.group, consumer, min_idle_time=int(lease * 1000),
                                             start_id=self._claim_from, count=n)
        self._claim_from = nxt.decode() if isinstance(nxt, bytes) else str(nxt)
        out += [self._delivery(eid, f) for eid, f in claimed if f]  # (deleted entries come back empty)
        if len(out) < n:
            got = self.r.xreadgroup(self.group, consumer, {self.stream: ">"}, count=n - len(out), block=200)
            for _stream, entries in got or []:
                out += [self._delivery(eid, f) for eid, f in entries]
        return out

    def ack(self, receipts: list[str]) -> None:
        if receipts:
            pipe = self.r.pipeline(transaction=True)
            pipe.xack(self.stream, self.group, *receipts)
            pipe.xdel(self.stream, *receipts)
            pipe.execute()

    def purge(self, retention: float, limit: int) -> int:
        """Nothing to do: an acknowledged entry is deleted with its XACK (`ack`)."""
        return 0

    def lag(self) -> tuple[int, float]:
        groups = {g["name"].decode() if isinstance(g["name"], bytes) else g["name"]: g
                  for g in self.r.xinfo_groups(self.stream)}
        g = groups.get(self.group)
        if g is None:
            return 0, 0.0
        waiting = int(g.get("pending", 0)) + int(g.get("lag") or 0)
        first = self.r.xrange(self.stream, count=1)
        age = time.time() - int(first[0][0].split(b"-")[0]) / 1000 if first else 0.0
        return waiting, max(age, 0.0) if waiting else 0.0

    def close(self) -> None:
        self.r.close()


def open_queue(url: str) -> WorkQueue:
    """The queue at `url`: redis:// (Redis Streams) or a database URL (the embedded table)."""
    scheme = url.split(":", 1)[0].lower()
    if scheme in ("redis", "rediss", "unix"):
        return RedisQueue(url)
    if scheme.startswith(("sqlite", "postgres")):
        return SqlQueue(url)
    raise ConfigError(f"unsupported queue URL {url!r}: use sqlite:///…, postgresql://… or redis://…")
