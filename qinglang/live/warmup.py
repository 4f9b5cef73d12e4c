"""Warming the live path before a server worker freezes its heap (split from `room.py`, which holds the rooms)."""

from __future__ import annotations

from ..engine import Engine
from .room import RoomManager


def warm_up(engine: Engine) -> None:
    """Build what the first livestream message would build lazily: the cue table and the engine's tables for
    the `live` surface (rule lists per surface and kind, paid and late-night paths). A server worker calls it
    before `freeze_heap()`, so those objects are frozen with the engine instead of being walked by every full
    collection under load."""
    mgr = RoomManager(engine, decision_cache=0)
    mgr.room("warm-up", {"paid": True, "category": "聊天", "viewer_minor_share": 0.4})
    for i, (kind, role, text) in enumerate((
            ("transcript", "host", "家人们晚上好，一号链接今天有优惠，加我微信abc123"),
            ("bullet", "viewer", "主播晚上好"), ("gift", "viewer", "送出 小心心 x1"),
            ("event", "viewer", "用户 进入直播间"), ("bullet", "viewer", "v 信 一二三 四五六"))):
        mgr.observe("warm-up", {"id": f"w{i}", "kind": kind, "text": text, "author": {"id": f"a{i}", "role": role},
                                "ts": "2024-07-14T23:30:00+08:00"})
