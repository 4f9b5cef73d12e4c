"""Where room decisions and their timelines are kept: the service's SQL store (tables of migration
0004_live20), or process memory beside the in-memory store. Kept apart from store/sql.py on purpose: the room
tables are written only here."""

from __future__ import annotations

import atexit
import json
import logging
import threading
import time
import weakref
from collections import OrderedDict
from typing import Any

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, delete, insert, select, update

from .room import Room

md = MetaData()
live_rooms = Table(
    "live_rooms", md,
    Column("room_id", String(256), primary_key=True),
    Column("action", String(16), nullable=False),
    Column("risk", Float, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("updated_at", Float, nullable=False),
    Column("meta", Text, nullable=False),
    Column("reasons", Text, nullable=False),
    Column("history", Text, nullable=False),
)
live_events = Table(
    "live_events", md,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("room_id", String(256), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("message_id", String(256), nullable=False),
    Column("ts", String(64), nullable=False),
    Column("cue", String(128), nullable=False),
    Column("label", String(64), nullable=False),
    Column("weight", Float, nullable=False),
    Column("text", Text, nullable=False),
    Column("risk", Float, nullable=False),
    Column("action", String(16), nullable=False),
)
MAX_EVENTS = 2000  # per room in the database (the newest are kept)
log = logging.getLogger(__name__)


def snapshot(room: Room, end: float, saved_seq: int) -> dict[str, Any]:
    """What to persist now (call under `room.lock`): the room row and the timeline entries after `saved_seq`."""
    s = room.summary(end)
    return {"room_id": room.room_id, "action": s["action"], "risk": s["risk"], "seq": room.seq,
            "meta": room.meta.to_json(), "reasons": s["reasons"],
            "history": list(room.history),  # (seq, risk, action) tuples, risk already rounded: JSON arrays
            "events": [e.to_json() for e in room.timeline if e.seq > saved_seq]}


class LiveStore:
    """Room rows and timelines over the service's store (SQL), or in memory for the in-memory store."""

    def __init__(self, store: Any, *, max_rooms_in_memory: int = 1000) -> None:
        self.store = store
        # SQL or in-memory, told by the transaction the store hands out (the service wraps its store, e.g. to
        # watch write health, so the store object itself need not be the SQL adapter).
        with store.transaction(readonly=True) as tx:
            self.sql = hasattr(tx, "c")
        self._mem: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._mem_max = max_rooms_in_memory
        self._lock = threading.Lock()

    def save(self, snap: dict[str, Any], now: float | None = None) -> None:
        """Persist one room snapshot (see `snapshot`)."""
        self.save_many([snap], now)

    def save_many(self, snaps: list[dict[str, Any]], now: float | None = None) -> None:
        """Persist several room snapshots in one transaction (each room's row replaced, its new timeline
        entries appended, at most `MAX_EVENTS` kept per room)."""
        now = time.time() if now is None else now
        rows = [{"room_id": s["room_id"], "action": s["action"], "risk": s["risk"], "seq": s["seq"],
                 "updated_at": now, "meta": json.dumps(s["meta"], ensure_ascii=False),
                 "reasons": json.dumps(s["reasons"], ensure_ascii=False),
                 "history": json.dumps(s["history"])} for s in snaps]
        if not self.sql:
            with self._lock:
                for s, row in zip(snaps, rows, strict=True):
                    old = self._mem.pop(s["room_id"], None)
                    evs = ((old or {}).get("events", []) + [{"room_id": s["room_id"], **e}
                                                            for e in s["events"]])[-MAX_EVENTS:]
                    self._mem[s["room_id"]] = {**row, "events": evs}
                while len(self._mem) > self._mem_max:
                    self._mem.popitem(last=False)
            return
        events = [{"room_id": s["room_id"], **e} for s in snaps for e in s["events"]]
        with self.store.transaction() as tx:
            c = tx.c
            for row in rows:
                done = c.execute(update(live_rooms).where(live_rooms.c.room_id == row["room_id"]).values(**row))
                if done.rowcount == 0:
                    c.execute(insert(live_rooms).values(**row))
            if events:
                c.execute(insert(live_events), events)
            for s in snaps:
                if not s["events"]:
                    continue
                rid = s["room_id"]
                cutoff = c.execute(select(live_events.c.id).where(live_events.c.room_id == rid)
                                   .order_by(live_events.c.id.desc()).offset(MAX_EVENTS).limit(1)).scalar()
                if cutoff is not None:
                    c.execute(delete(live_events).where(live_events.c.room_id == rid, live_events.c.id <= cutoff))

    def rooms(self, limit: int = 100) -> list[dict[str, Any]]:
        """The most recently updated rooms, newest first."""
        if not self.sql:
            with self._lock:
                rows = sorted(self._mem.values(), key=lambda r: -r["updated_at"])[:limit]
            return [_decode({k: v for k, v in r.items() if k != "events"}) for r in rows]
        with self.store.transaction(readonly=True) as tx:
            rows = tx.c.execute(select(live_rooms).order_by(live_rooms.c.updated_at.desc()).limit(limit)).mappings()
            return [_decode(dict(r)) for r in rows]

    def room(self, room_id: str, events: int = 500) -> dict[str, Any] | None:
        """One room with its newest `events` timeline entries (oldest first)."""
        if not self.sql:
            with self._lock:
                r = self._mem.get(room_id)
                if r is None:
                    return None
                out = _decode({k: v for k, v in r.items() if k != "events"})
                out["events"] = [dict(e) for e in r["events"][-events:]]
                return out
        with self.store.transaction(readonly=True) as tx:
            r = tx.c.execute(select(live_rooms).where(live_rooms.c.room_id == room_id)).mappings().first()
            if r is None:
                return None
            out = _decode(dict(r))
            evs = tx.c.execute(select(live_events).where(live_events.c.room_id == room_id)
                               .order_by(live_events.c.id.desc()).limit(events)).mappings()
            out["events"] = [{k: v for k, v in e.items() if k != "id"} for e in reversed(list(evs))]
            return out


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for k in ("meta", "reasons", "history"):
        if isinstance(row.get(k), str):
            row[k] = json.loads(row[k])
    return row


def merge(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """Two snapshots of one room taken one after the other, as one: the newer row, both timelines."""
    if old is None:
        return new
    return {**new, "events": (old["events"] + new["events"])[-MAX_EVENTS:]}


class LiveWriter:
    """Room snapshots written off the event loop (issue 20, p99): one background thread takes every room
    snapshot submitted since its last pass and writes them in one transaction, every `interval` seconds.

    A socket's loop only takes the snapshot (under the room lock, no I/O) and hands it over; a synchronous
    write per save, in the thread pool, made one SQL transaction per room every 25 messages, whose Python
    work competed with the loop for the interpreter lock. Bounded: at most one pending snapshot per room
    (a newer one replaces the row and appends its timeline entries, `MAX_EVENTS` at most), and at most
    `max_rooms` rooms pending — beyond that `submit` writes the oldest pending room itself. Whatever is pending
    is written when the process exits (`atexit`) or on `close()`."""

    def __init__(self, store: LiveStore, *, interval: float = 0.25, max_rooms: int = 10_000) -> None:
        self.store, self.interval, self.max_rooms = store, interval, max_rooms
        self._pending: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._cv = threading.Condition()
        self._closed = False
        self.written = self.failures = 0
        self._thread = threading.Thread(target=self._run, name="qinglang-live-writer", daemon=True)
        self._thread.start()
        ref = weakref.ref(self)
        atexit.register(lambda: (w := ref()) is not None and w.close())

    def submit(self, snap: dict[str, Any]) -> None:
        """Queue one room snapshot (taken with `snapshot`); never waits for the database."""
        overflow = None
        with self._cv:
            rid = snap["room_id"]
            self._pending[rid] = merge(self._pending.pop(rid, None), snap)
            if len(self._pending) > self.max_rooms:
                overflow = self._pending.popitem(last=False)[1]
            self._cv.notify()
        if overflow is not None:
            self._write([overflow])
        if self._closed:
            self.flush()

    def flush(self) -> None:
        """Write everything pending now (in the caller's thread)."""
        with self._cv:
            batch = list(self._pending.values())
            self._pending.clear()
        if batch:
            self._write(batch)

    def close(self) -> None:
        """Write what is pending and stop the thread."""
        with self._cv:
            self._closed = True
            self._cv.notify()
        self.flush()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout=5)

    def _write(self, batch: list[dict[str, Any]]) -> None:
        try:
            self.store.save_many(batch)
            self.written += len(batch)
        except Exception:  # a full disk or a lost database: the rooms live on in memory, the next pass retries
            self.failures += 1
            log.exception("could not save %d live rooms", len(batch))
            with self._cv:
                for snap in batch:
                    rid = snap["room_id"]
                    if rid not in self._pending and len(self._pending) < self.max_rooms:
                        self._pending[rid] = snap
                    elif rid in self._pending:
                        self._pending[rid] = merge(snap, self._pending[rid])

    def _run(self) -> None:
        while True:
            with self._cv:
                while not self._pending and not self._closed:
                    self._cv.wait()
                if self._closed:
                    return
            time.sleep(self.interval)  # gather the rooms that save meanwhile into the same transaction
            self.flush()
