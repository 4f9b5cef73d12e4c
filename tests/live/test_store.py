"""Room rows and timelines (qinglang/live/store.py) on every store: memory, SQLite, PostgreSQL."""

from __future__ import annotations

import os

import pytest

from qinglang.live.room import RoomManager
from qinglang.live.store import MAX_EVENTS, LiveStore, snapshot
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
