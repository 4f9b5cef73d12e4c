"""`/v1/live/{room_id}` on a real server on loopback: auth, order, error frames, metadata, storage, resume."""

from __future__ import annotations

import json
import time

import pytest

websockets = pytest.importorskip("websockets")
from websockets.exceptions import ConnectionClosed  # noqa: E402
from websockets.sync.client import connect  # noqa: E402

from qinglang.live.store import LiveStore  # noqa: E402
from qinglang.store import open_store  # noqa: E402

HOST = {"id": "h-1", "role": "host"}


def ws_url(srv, room: str, query: str = "") -> str:
    return srv.base.replace("http://", "ws://") + f"/v1/live/{room}" + (f"?{query}" if query else "")


def test_missing_or_wrong_role_key_is_refused(sqlite_server):
    srv, keys = sqlite_server
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": f"Bearer {keys['auditor']}"}):
        with pytest.raises((websockets.exceptions.InvalidStatus, ConnectionClosed)):
            with connect(ws_url(srv, "r-auth"), additional_headers=headers) as ws:
                ws.recv(timeout=5)


def test_messages_are_answered_in_order_and_bad_frames_get_error_frames(sqlite_server):
    srv, keys = sqlite_server
    with connect(ws_url(srv, "r-order", "paid=false&category=游戏"),
                 additional_headers={"Authorization": f"Bearer {keys['submitter']}"}) as ws:
        ws.send("{not json")
        err = json.loads(ws.recv(timeout=10))
        assert err["error"] == "InvalidRequest" and "malformed JSON" in err["message"]
        ws.send(json.dumps({"id": "x", "kind": "song"}))
        err = json.loads(ws.recv(timeout=10))
        assert err == {"id": "x", "error": "InvalidContent", "message": err["message"]} and "kind" in err["message"]
        texts = ["大家好", "加我薇❤: abc12345 带你赚钱", "晚上好", "🐧 3 8 8 1 2 6 7 7"]
        for i, t in enumerate(texts):
            ws.send(json.dumps({"id": f"m{i}", "kind": "bullet", "text": t, "author": {"id": f"u{i}"},
                                "ts": "2024-07-14T20:20:00+08:00"}, ensure_ascii=False))
        frames = [json.loads(ws.recv(timeout=10)) for _ in texts]
    assert [f["id"] for f in frames] == ["m0", "m1", "m2", "m3"]
    assert set(frames[0]) == {"id", "action", "labels", "marks", "room"}
    assert set(frames[0]["room"]) == {"risk", "action", "reasons", "target"} and frames[0]["room"]["target"] == "host"
    assert frames[1]["action"] == "block" and frames[1]["labels"][0]["label"] == "drainage"
    # one viewer's contact is that message's block, not yet the room's; a second one from another viewer is
    assert frames[1]["room"]["action"] == "none" and "drainage" in frames[1]["room"]["reasons"]
    assert frames[3]["room"]["action"] != "none" and frames[3]["room"]["reasons"][0] == "drainage"


def test_a_viewer_flood_at_an_innocent_host_is_a_room_action_aimed_at_the_viewers(sqlite_server):
    """Viewers flooding a teaching host with sexual requests: the room acts, and the room object says the action
    is aimed at the viewers (弹幕 management), naming them, not at the host."""
    srv, keys = sqlite_server
    msgs = [("host", "h-y", "我们进入猫式，吸气塌腰，呼气拱背"), ("viewer", "v-1", "老师腿张开一点 想看"),
            ("viewer", "v-2", "镜头从后面拍"), ("host", "h-y", "膝盖不要超过脚尖，保持呼吸"),
            ("viewer", "v-3", "什么颜色的内衣"), ("viewer", "v-4", "老师今晚约吗"), ("viewer", "v-5", "姐姐腿好白"),
            ("viewer", "v-2", "能不能换个黑丝练")]
    with connect(ws_url(srv, "r-flood", "category=健身&host_id=h-y"),
                 additional_headers={"Authorization": f"Bearer {keys['submitter']}"}) as ws:
        for i, (role, author, text) in enumerate(msgs):
            ws.send(json.dumps({"id": f"f{i}", "kind": "transcript" if role == "host" else "bullet", "text": text,
                                "author": {"id": author, "role": role}}, ensure_ascii=False))
        frames = [json.loads(ws.recv(timeout=10)) for _ in msgs]
    assert frames[0]["room"]["target"] == "host" and "viewers" not in frames[0]["room"]
    room = frames[-1]["room"]
    assert room["action"] != "none" and room["reasons"][0] == "vulgar"
    assert room["target"] == "viewers" and set(room["viewers"]) == {"v-1", "v-2", "v-3", "v-4", "v-5"}


def test_subprotocol_key_metadata_frame_storage_and_resume(sqlite_server):
    srv, keys = sqlite_server
    proto = [websockets.typing.Subprotocol("qinglang.v1"), websockets.typing.Subprotocol(f"bearer.{keys['admin']}")]
    claims = ["这个茶喝三个月 糖尿病能停药", "我有个患者 喝了以后胰岛素减掉了", "有效率百分之九十八 无效全额退款",
              "肺癌晚期 贴了我们这个肿瘤消失了"]
    with connect(ws_url(srv, "r-store"), subprotocols=proto) as ws:
        assert ws.subprotocol == "qinglang.v1"
        ws.send(json.dumps({"room": {"category": "健康", "paid": False, "host": {"id": "h-1"},
                                     "viewer_minor_share": 0.02}}, ensure_ascii=False))
        hello = json.loads(ws.recv(timeout=10))
        assert hello["meta"]["category"] == "健康" and hello["seq"] == 0
        for i, t in enumerate(claims):
            ws.send(json.dumps({"id": f"c{i}", "kind": "transcript", "text": t, "author": HOST}, ensure_ascii=False))
            last = json.loads(ws.recv(timeout=10))
    assert last["room"]["action"] in ("review", "end")
    with connect(ws_url(srv, "r-store"), subprotocols=proto) as ws:  # reconnect: the room resumes
        ws.send(json.dumps({"room": {}}))
        again = json.loads(ws.recv(timeout=10))
        assert again["seq"] == len(claims) and again["room"]["action"] == last["room"]["action"]
    store = open_store(srv.db, migrate=False)
    try:
        for _ in range(50):  # the final save runs as the socket closes
            row = LiveStore(store).room("r-store")
            if row and row["seq"] == len(claims):
                break
            time.sleep(0.1)
        assert row["action"] == last["room"]["action"] and row["meta"]["category"] == "健康"
        assert [h[0] for h in row["history"]] == [1, 2, 3, 4]
        assert any(e["label"] == "false_ad" and e["message_id"] == "c0" for e in row["events"])
        assert any(r["room_id"] == "r-store" for r in LiveStore(store).rooms())
    finally:
        store.close()


def test_console_shows_the_room_with_a_risk_chart_and_timeline(sqlite_server):
    import httpx

    srv, keys = sqlite_server
    with connect(ws_url(srv, "r-console", "category=健康"),
                 additional_headers={"Authorization": f"Bearer {keys['submitter']}"}) as ws:
        for i, t in enumerate(["这个茶喝三个月 糖尿病能停药", "我有个患者 喝了以后胰岛素减掉了",
                               "有效率百分之九十八 无效全额退款", "肺癌晚期 贴了我们这个肿瘤消失了", "大家好"]):
            ws.send(json.dumps({"id": f"k{i}", "kind": "transcript", "text": t, "author": HOST}, ensure_ascii=False))
            ws.recv(timeout=10)
    auth = {"Authorization": f"Bearer {keys['reviewer']}"}
    for _ in range(50):
        page = httpx.get(srv.base + "/console/live/r-console", headers=auth, timeout=10)
        if page.status_code == 200 and "k3" in page.text:
            break
        time.sleep(0.1)
    chart = page.text[page.text.index("<svg"):page.text.index("</svg>")]
    assert "<polyline" in chart and "<script" not in chart and "http" not in chart.replace("http://www.w3.org", "")
    assert "虚假宣传" in page.text and "k0" in page.text and "关停直播" in page.text
    rooms = httpx.get(srv.base + "/console/live", headers=auth, timeout=10)
    assert rooms.status_code == 200 and 'href="/console/live/r-console"' in rooms.text
    missing = httpx.get(srv.base + "/console/live/nope", headers=auth, timeout=10)
    assert "直播间 nope" in missing.text
    assert httpx.get(srv.base + "/console/live", timeout=10, follow_redirects=False).status_code == 303
