"""Where room decisions and their timelines are kept: the service's SQL store (tables of migration
0004_live20), or process memory beside the in-memory store. Kept apart from store/sql.py on purpose: the room
tables are written only here."""

from __future__ import annotations

import json
import threading
import time
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


def snapshot(room: Room, end: float, saved_seq: int) -> dict[str, Any]:
    """What to persist now (call under `room.lock`): the room row and the timeline entries after `saved_seq`."""
    s = room.summary(end)
    return {"room_id": room.room_id, "action": s["action"], "risk": s["risk"], "seq": room.seq,
            "meta": room.meta.to_json(), "reasons": s["reasons"],
            "history": [[q, round(r, 4), a] for q, r, a in room.history],
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
        now = time.time() if now is None else now
        row = {"room_id": snap["room_id"], "action": snap["action"], "risk": snap["risk"], "seq": snap["seq"],
               "updated_at": now, "meta": json.dumps(snap["meta"], ensure_ascii=False),
               "reasons": json.dumps(snap["reasons"], ensure_ascii=False),
               "history": json.dumps(snap["history"])}
        events = [{"room_id": snap["room_id"], **e} for e in snap["events"]]
        if not self.sql:
            with self._lock:
                old = self._mem.pop(snap["room_id"], None)
                evs = ((old or {}).get("events", []) + events)[-MAX_EVENTS:]
                self._mem[snap["room_id"]] = {**row, "events": evs}
                while len(self._mem) > self._mem_max:
                    self._mem.popitem(last=False)
            return
        with self.store.transaction() as tx:
            c = tx.c
            done = c.execute(update(live_rooms).where(live_rooms.c.room_id == row["room_id"]).values(**row))
            if done.rowcount == 0:
                c.execute(insert(live_rooms).values(**row))
            if events:
                c.execute(insert(live_events), events)
                cutoff = c.execute(select(live_events.c.id).where(live_events.c.room_id == row["room_id"])
                                   .order_by(live_events.c.id.desc()).offset(MAX_EVENTS).limit(1)).scalar()
                if cutoff is not None:
                    c.execute(delete(live_events).where(live_events.c.room_id == row["room_id"],
                                                        live_events.c.id <= cutoff))

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
