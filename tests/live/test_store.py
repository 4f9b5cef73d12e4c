"""Room rows and timelines (qinglang/live/store.py) on every store: memory, SQLite, PostgreSQL."""

from __future__ import annotations

import os

import pytest

from qinglang.live.room import RoomManager
from qinglang.live.store import MAX_EVENTS, LiveStore, LiveWriter, snapshot
from qinglang.store import open_store

HOST = {"id": "h-1", "role": "host"}


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path):
    if request.param == "memory":
        s = open_store("memory://")
    elif request.param == "sqlite":
        s = open_store(f"sqlite:///{tmp_path / 'live.db'}")
    else:
        url = os.environ.get("QINGLANG_TEST_PG_URL")
        if not url:
            pytest.skip("QINGLANG_TEST_PG_URL is not set")
        from tests.service.qlserver import reset_pg

        reset_pg(url)
        s = open_store(url)
    yield s
    s.close()


def test_room_row_and_timeline_round_trip_and_saves_are_incremental(store, engine):
    mgr, live = RoomManager(engine), LiveStore(store)
    mgr.room("r1", {"category": "健康", "paid": False})
    claims = ["这个茶喝三个月 糖尿病能停药", "我有个患者 喝了以后胰岛素减掉了"]
    for i, t in enumerate(claims):
        mgr.observe("r1", {"id": f"m{i}", "kind": "transcript", "text": t, "author": HOST})
    room = mgr.get("r1")
    first = snapshot(room, mgr.t.end, 0)
    live.save(first, now=1.0)
    saved_seq = room.timeline[-1].seq
    for i, t in enumerate(["有效率百分之九十八 无效全额退款", "肺癌晚期 贴了我们这个肿瘤消失了"], 2):
        mgr.observe("r1", {"id": f"m{i}", "kind": "transcript", "text": t, "author": HOST})
    live.save(snapshot(room, mgr.t.end, saved_seq), now=2.0)
    row = live.room("r1")
    assert row is not None and row["seq"] == 4 and row["action"] == room.action and row["updated_at"] == 2.0
    assert row["meta"]["category"] == "健康" and row["reasons"][0] == "false_ad"
    assert [h[0] for h in row["history"]] == [1, 2, 3, 4]
    ids = [e["message_id"] for e in row["events"]]
    assert ids == sorted(ids) and ids[0] == "m0" and "m3" in ids
    assert len(ids) == len(room.timeline)  # each entry stored once
    assert [r["room_id"] for r in live.rooms()] == ["r1"] and live.room("nope") is None


def test_stored_timeline_is_capped_per_room(store):
    live = LiveStore(store)
    ev = {"seq": 1, "message_id": "m", "ts": "", "cue": "c", "label": "vulgar", "weight": 1.0, "text": "t",
          "risk": 0.1, "action": "none"}
    snap = {"room_id": "r", "action": "none", "risk": 0.1, "seq": 1, "meta": {}, "reasons": [], "history": [],
            "events": [{**ev, "seq": i} for i in range(MAX_EVENTS + 10)]}
    live.save(snap)
    evs = live.room("r", events=MAX_EVENTS + 100)["events"]
    assert len(evs) == MAX_EVENTS and evs[0]["seq"] == 10


def _snap(room_id: str, seq: int, first_event: int, n_events: int) -> dict:
    ev = {"message_id": "m", "ts": "", "cue": "c", "label": "vulgar", "weight": 1.0, "text": "t", "risk": 0.1,
          "action": "warn"}
    return {"room_id": room_id, "action": "warn", "risk": 0.5, "seq": seq, "meta": {}, "reasons": ["vulgar"],
            "history": [[seq, 0.5, "warn"]],
            "events": [{**ev, "seq": i} for i in range(first_event, first_event + n_events)]}


def test_writer_batches_rooms_merges_snapshots_of_one_room_and_writes_on_close(store):
    live = LiveStore(store)
    writer = LiveWriter(live, interval=60.0)  # the thread waits a minute: only close() writes here
    writer.submit(_snap("a", 3, 0, 3))
    writer.submit(_snap("b", 1, 0, 1))
    writer.submit(_snap("a", 5, 3, 2))  # a newer snapshot of room a before the first was written
    assert live.room("a") is None  # nothing written on the submitting thread
    writer.close()
    a, b = live.room("a"), live.room("b")
    assert a is not None and a["seq"] == 5 and [e["seq"] for e in a["events"]] == [0, 1, 2, 3, 4]
    assert b is not None and b["seq"] == 1 and len(b["events"]) == 1
    assert writer.written == 2 and writer.failures == 0


def test_writer_thread_writes_within_its_interval(store):
    import time

    live = LiveStore(store)
    writer = LiveWriter(live, interval=0.05)
    try:
        writer.submit(_snap("r", 2, 0, 2))
        for _ in range(100):
            if live.room("r") is not None:
                break
            time.sleep(0.05)
        assert live.room("r")["seq"] == 2
    finally:
        writer.close()
