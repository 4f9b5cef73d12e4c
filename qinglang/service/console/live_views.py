"""Console pages for livestream rooms: the rooms list and a room page with its risk chart (inline SVG, no
script, no CDN) and its evidence timeline."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup, escape

from ...live.messages import ROOM_ACTIONS, Thresholds, risk_of
from ..routes.live import live_state
from .pages import console_caller, login_redirect, render

router = APIRouter(prefix="/console", include_in_schema=False)
ROOM_ACTION_ZH = {"none": "无", "warn": "警告主播", "limit": "限制分发", "review": "切入人工审核", "end": "关停直播"}
ACTION_COLOR = {"none": "#9aa5b1", "warn": "#d4a017", "limit": "#e67e22", "review": "#c0392b", "end": "#6c1010"}


def risk_chart(history: list[list[Any]], thresholds: Thresholds | None = None, *, width: int = 720,
               height: int = 220) -> Markup:
    """Room risk over messages as an inline SVG line, with the room-action thresholds as dashed lines and a
    dot where the room action changed."""
    pad_l, pad_r, pad_t, pad_b = 40, 10, 10, 24
    w, h = width - pad_l - pad_r, height - pad_t - pad_b
    if not history:
        return Markup('<p class="muted">暂无风险记录。</p>')
    first, last = history[0][0], history[-1][0]
    span = max(1, last - first)

    def xy(seq: float, risk: float) -> tuple[float, float]:
        return pad_l + (seq - first) * w / span, pad_t + (1 - risk) * h

    parts = [f'<svg class="risk-chart" role="img" aria-label="直播间风险随消息变化" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f'<rect x="{pad_l}" y="{pad_t}" width="{w}" height="{h}" fill="#fff" stroke="#ccc"/>']
    t = thresholds or Thresholds()
    for act in ("warn", "limit", "review", "end"):
        y = xy(first, risk_of(getattr(t, act), t.end))[1]
        parts.append(f'<line x1="{pad_l}" x2="{pad_l + w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{ACTION_COLOR[act]}" '
                     f'stroke-dasharray="4 3" stroke-width="1"/><text x="{pad_l + w - 4}" y="{y - 3:.1f}" '
                     f'font-size="10" text-anchor="end" fill="{ACTION_COLOR[act]}">{ROOM_ACTION_ZH[act]}</text>')
    for v in (0, 0.5, 1):
        y = xy(first, v)[1]
        parts.append(f'<text x="{pad_l - 4}" y="{y + 3:.1f}" font-size="10" text-anchor="end">{v:g}</text>')
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(s, r) for s, r, _ in history))
    parts.append(f'<polyline fill="none" stroke="#1f5fa8" stroke-width="1.6" points="{pts}"/>')
    prev = "none"
    for s, r, a in history:
        if a != prev:
            x, y = xy(s, r)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{ACTION_COLOR.get(a, "#000")}">'
                         f'<title>第 {s} 条消息：{escape(ROOM_ACTION_ZH.get(a, a))}</title></circle>')
            prev = a
    parts.append(f'<text x="{pad_l}" y="{height - 6}" font-size="10">消息 {first}</text>'
                 f'<text x="{pad_l + w}" y="{height - 6}" font-size="10" text-anchor="end">消息 {last}</text></svg>')
    return Markup("".join(parts))


@router.get("/live", response_class=HTMLResponse)
def live_rooms(request: Request) -> Response:
    caller = console_caller(request)
    if caller is None:
        return login_redirect()
    _, store = live_state(request.app.state)
    return render(request, "live_rooms.html", caller, rooms=store.rooms(200), room_action_zh=ROOM_ACTION_ZH,
                  colors=ACTION_COLOR)


@router.get("/live/{room_id}", response_class=HTMLResponse)
def live_room(request: Request, room_id: str) -> Response:
    caller = console_caller(request)
    if caller is None:
        return login_redirect()
    mgr, store = live_state(request.app.state)
    room = store.room(room_id)
    if room is None:
        return render(request, "missing.html", caller, content_id=f"直播间 {room_id}")
    return render(request, "live_room.html", caller, room=room, chart=risk_chart(room["history"], mgr.t),
                  room_action_zh=ROOM_ACTION_ZH, colors=ACTION_COLOR, actions=ROOM_ACTIONS)
