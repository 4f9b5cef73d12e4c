"""Feeding a real RoomManager in the room-class tests: authors and a message stream for one room."""

from __future__ import annotations

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
