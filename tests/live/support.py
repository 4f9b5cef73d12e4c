"""Feeding a real RoomManager in the room-class tests: authors and a message stream for one room."""

from __future__ import annotations

from functools import cache

from qinglang.engine import Engine
from qinglang.live.room import Room, RoomManager

HOST = {"id": "h-1", "role": "host"}


def viewer(i: int) -> dict[str, str]:
    return {"id": f"u-{i}", "role": "viewer"}


def feed(m: RoomManager, room_id: str, msgs: list[tuple[dict[str, str], str, str]], meta: dict | None = None) -> Room:
    """Open `room_id` (chat category unless `meta`) and observe each (author, kind, text) in order."""
    m.room(room_id, meta or {"category": "聊天"})
    room = m.get(room_id)
    assert room is not None
    for author, kind, text in msgs:
        m.observe(room_id, {"id": f"m{room.seq}", "kind": kind, "text": text, "author": author,
                            "ts": "2024-07-14T20:20:00+08:00"})
    return room


@cache
def engine_without_heads() -> Engine:
    """The default engine with the recall heads off (session 19, learn19): for the tests of the room's ladder on
    hand-set message cues, so that a retrain of the heads (which may score one of those messages over a floor by
    itself) does not move the rule under test. The heads on viewers' 弹幕 are tested with the default engine
    (tests/live/test_room.py)."""
    import tempfile
    from pathlib import Path

    import yaml

    from qinglang.detectors.registry import default_registry_path
    from qinglang.engine import EngineConfig

    reg = yaml.safe_load(default_registry_path().read_text("utf-8"))
    for entry in reg["detectors"]:
        if entry.get("type") == "recall":
            entry["enabled"] = False
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "detectors.yaml"
        path.write_text(yaml.safe_dump(reg, allow_unicode=True), "utf-8")
        return Engine(EngineConfig(detectors=path))
