"""`GET /v1/live/{room_id}` (WebSocket): one verdict per livestream message, and the room's verdict as it builds.

Authentication: `Authorization: Bearer KEY`, or (browsers cannot set headers on a WebSocket) the subprotocol
list `Sec-WebSocket-Protocol: qinglang.v1, bearer.KEY` — the server answers with `qinglang.v1`. The caller
needs the submitter role (or admin). Room metadata: query parameters (`paid`, `category`, `host_id`,
`viewer_minor_share`) or a first frame `{"room": {...}}` (answered with `{"room": ...}`), or any later
`{"kind": "event", "room": {...}}` message.

Each message frame gets exactly one frame back, in order: the decision frame, or an error frame
`{"id", "error", "message"}` (the connection stays open). The loop reads the next frame only after the
previous answer was handed to the socket, so a client that stops reading is back-pressured through the
bounded receive queue and TCP; if one answer cannot be sent within `SEND_TIMEOUT` seconds the connection is
closed with 1013 (try again later) and the room state stays for a reconnect.

Frames are read and written with orjson (the [server] extra): the standard library's json cost ~20 µs of the
~500 µs a message costs the server, orjson ~3 µs; the frames hold the same JSON (compact separators).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import orjson
from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from fastapi.concurrency import run_in_threadpool

from ...errors import QinglangError
from ...live.room import RoomManager
from ...live.store import LiveStore, LiveWriter, snapshot
from ..deps import caller_for_token

log = logging.getLogger(__name__)
router = APIRouter(tags=["live"])

SUBPROTOCOL = "qinglang.v1"
SEND_TIMEOUT = 10.0
SAVE_EVERY = 25  # messages between two saves of the room row and new timeline entries (and at each escalation)
MAX_FRAME = 64_000


def live_state(app_state: Any) -> tuple[RoomManager, LiveStore]:
    """The app's room manager and room store, made on first use."""
    mgr = getattr(app_state, "live_rooms", None)
    if mgr is None:
        st = app_state.settings
        mgr = app_state.live_rooms = RoomManager(app_state.engine, idle_seconds=st.live_idle_seconds,
                                                 max_rooms=st.live_max_rooms,
                                                 decision_cache=st.live_decision_cache)
        app_state.live_store = LiveStore(app_state.store)
        app_state.live_writer = LiveWriter(app_state.live_store, max_rooms=st.live_max_rooms)
    return mgr, app_state.live_store


def live_writer(app_state: Any) -> LiveWriter:
    """The app's background writer of room snapshots (made with the room manager)."""
    live_state(app_state)
    return app_state.live_writer


def _token(ws: WebSocket) -> tuple[str | None, bool]:
    auth = ws.headers.get("authorization")
    if auth:
        scheme, _, token = auth.partition(" ")
        return (token.strip() if scheme.lower() == "bearer" else None), False
    for proto in ws.scope.get("subprotocols", []):
        if proto.startswith("bearer."):
            return proto[len("bearer."):], True
    return None, False


def _query_meta(ws: WebSocket) -> dict[str, Any] | None:
    q = ws.query_params
    meta: dict[str, Any] = {}
    if "paid" in q:
        meta["paid"] = q["paid"].lower() in ("1", "true", "yes")
    if "category" in q:
        meta["category"] = q["category"]
    if "host_id" in q:
        meta["host_id"] = q["host_id"]
    if "viewer_minor_share" in q:
        try:
            meta["viewer_minor_share"] = float(q["viewer_minor_share"])
        except ValueError:
            meta["viewer_minor_share"] = q["viewer_minor_share"]  # rejected by RoomMeta.update
    return meta or None


@router.websocket("/v1/live/{room_id}")
async def live_room(ws: WebSocket, room_id: str) -> None:
    state = ws.app.state
    token, via_proto = _token(ws)
    caller = await run_in_threadpool(caller_for_token, state, token) if token else None
    if caller is None or not caller.can("submitter"):
        await ws.close(code=4401 if caller is None else 4403)
        return
    if not room_id or len(room_id) > 256:
        await ws.close(code=4422)
        return
    await ws.accept(subprotocol=SUBPROTOCOL if via_proto else None)
    mgr, _ = live_state(state)
    writer = live_writer(state)
    try:
        mgr.room(room_id, _query_meta(ws))
    except QinglangError as exc:
        await ws.send_text(_dumps({"error": exc.kind, "message": exc.message}))
    saved = [0, 0]  # (timeline seq saved, message count at the last save)
    count, last_action = 0, "none"
    try:
        while True:
            text = await ws.receive_text()
            count += 1
            out = _handle(mgr, room_id, text)
            try:
                async with asyncio.timeout(SEND_TIMEOUT):  # no task per frame, unlike asyncio.wait_for
                    await ws.send_text(out)
            except TimeoutError:
                await ws.close(code=1013)
                break
            room = mgr.get(room_id)
            if room is not None and (count - saved[1] >= SAVE_EVERY or room.action != last_action):
                last_action = room.action
                _save(mgr, writer, room_id, saved, count)
    except WebSocketDisconnect:
        pass
    finally:
        _save(mgr, writer, room_id, saved, count)


def _dumps(frame: dict[str, Any]) -> str:
    return orjson.dumps(frame).decode()


def _handle(mgr: RoomManager, room_id: str, text: str) -> str:
    if len(text) > MAX_FRAME:
        return _dumps({"id": None, "error": "InvalidContent", "message": f"frame exceeds {MAX_FRAME} bytes"})
    try:
        raw = orjson.loads(text)
    except orjson.JSONDecodeError as exc:  # also numbers orjson cannot hold (integers past 64 bits, NaN)
        return _dumps({"id": None, "error": "InvalidRequest", "message": f"malformed JSON: {exc}"})
    mid = raw.get("id") if isinstance(raw, dict) else None
    mid = mid if isinstance(mid, (str, int)) and not isinstance(mid, bool) else None
    try:
        if isinstance(raw, dict) and "room" in raw and mid is None and "kind" not in raw:
            room = mgr.room(room_id, raw["room"])
            with room.lock:
                return _dumps({"room": room.summary(mgr.t.end), "seq": room.seq, "meta": room.meta.to_json()})
        return _dumps(mgr.observe(room_id, raw))
    except QinglangError as exc:
        return _dumps({"id": mid, "error": exc.kind, "message": exc.message})


def _save(mgr: RoomManager, writer: LiveWriter, room_id: str, saved: list[int], count: int) -> None:
    """Hand the room's snapshot (row + timeline entries after the last save) to the background writer: no I/O
    on the event loop."""
    room = mgr.get(room_id)
    if room is None:
        return
    with room.lock:
        snap = snapshot(room, mgr.t.end, saved[0])
        seq = room.timeline[-1].seq if room.timeline else saved[0]
    writer.submit(snap)
    saved[0], saved[1] = seq, count
