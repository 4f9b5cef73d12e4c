"""The `/v1/live/{room_id}` loop against a client that stops reading (issue 20: backpressure, no unbounded
buffers): driven in-process with a socket double, so the send timeout can be short."""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace

from fastapi import WebSocketDisconnect

from qinglang.service.routes import live as live_route
from qinglang.store import open_store


class StalledSocket:
    """A WebSocket whose peer sent `frames` and then stopped reading: the first answer never leaves."""

    def __init__(self, app: SimpleNamespace, frames: list[str], *, stall_after: int) -> None:
        self.app, self.frames, self.stall_after = app, list(frames), stall_after
        self.headers = {"authorization": "Bearer k"}
        self.scope: dict = {"subprotocols": []}
        self.query_params: dict = {}
        self.sent: list[str] = []
        self.read = 0
        self.closed: int | None = None

    async def accept(self, subprotocol: str | None = None) -> None:
        return None

    async def receive_text(self) -> str:
        if not self.frames:
            raise WebSocketDisconnect(1000)
        self.read += 1
        return self.frames.pop(0)

    async def send_text(self, text: str) -> None:
        if len(self.sent) >= self.stall_after:
            await asyncio.sleep(3600)  # the client's TCP window stays full
        self.sent.append(text)

    async def close(self, code: int = 1000) -> None:
        self.closed = code


def test_a_client_that_stops_reading_is_closed_with_1013_and_its_room_resumes(engine, monkeypatch):
    settings = SimpleNamespace(live_idle_seconds=900.0, live_max_rooms=100, live_decision_cache=0)
    state = SimpleNamespace(settings=settings, engine=engine, store=open_store("memory://"))
    monkeypatch.setattr(live_route, "caller_for_token", lambda st, token: SimpleNamespace(can=lambda role: True))
    monkeypatch.setattr(live_route, "SEND_TIMEOUT", 0.05)
    frames = [json.dumps({"id": f"m{i}", "kind": "bullet", "text": "主播晚上好", "author": {"id": f"u{i}"}},
                         ensure_ascii=False) for i in range(50)]
    ws = StalledSocket(SimpleNamespace(state=state), frames, stall_after=3)
    asyncio.run(live_route.live_room(ws, "r-stalled"))
    assert ws.closed == 1013
    # the loop reads a frame only after the previous answer left: nothing piles up behind the stalled send
    assert len(ws.sent) == 3 and ws.read == 4 and len(ws.frames) == 46
    room = state.live_rooms.get("r-stalled")
    assert room is not None and room.seq == 4  # kept for a reconnect
    state.live_writer.close()
    saved = state.live_store.room("r-stalled")
    assert saved is not None and saved["seq"] == 4
