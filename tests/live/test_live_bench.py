"""The live server's room counts on /metrics and the benchmark's soak and A/B modes (`benchmarks/live.py`), each on
a real server on loopback: bounded in time, they stop by themselves."""

from __future__ import annotations

import contextlib
import io
import json
import re
import time
from pathlib import Path

import httpx
import pytest

pytest.importorskip("websockets")
from websockets.sync.client import connect

from tests.service.qlserver import SERVER_ENV, Server, make_keys

ROOT = Path(__file__).resolve().parents[2]


def _gauge(text: str, name: str) -> int:
    m = re.search(rf"^{re.escape(name)} ([0-9.e+]+)$", text, re.M)
    assert m is not None, name
    return int(float(m.group(1)))


def test_metrics_show_the_rooms_held_under_the_bound_and_the_rooms_evicted(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    key = make_keys(url)["submitter"]
    srv = Server(url, env={**SERVER_ENV, "QINGLANG_LIVE_MAX_ROOMS": "3"}).start()
    try:
        before = httpx.get(srv.base + "/metrics", timeout=10).text
        assert _gauge(before, "qinglang_live_rooms") == 0  # no room yet: the gauges are there, at 0
        for r in range(5):
            with connect(srv.base.replace("http://", "ws://") + f"/v1/live/bound-{r}",
                         additional_headers={"Authorization": f"Bearer {key}"}) as ws:
                ws.send(json.dumps({"id": "m", "kind": "bullet", "text": "主播晚上好", "author": {"id": "v"}},
                                   ensure_ascii=False))
                assert json.loads(ws.recv(timeout=30))["id"] == "m"
        text = httpx.get(srv.base + "/metrics", timeout=10).text
    finally:
        srv.stop()
    assert _gauge(text, "qinglang_live_rooms") == 3  # the bound: least recently active rooms out
    assert _gauge(text, 'qinglang_live_rooms_evicted{reason="bound"}') == 2
    assert _gauge(text, 'qinglang_live_rooms_evicted{reason="idle"}') == 0
    assert _gauge(text, "qinglang_live_decision_cache_entries") >= 1  # the short 弹幕's decision, kept once
    assert _gauge(text, "qinglang_live_room_entries_max") >= 1


def _main(argv: list[str]) -> str:
    from benchmarks.live import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(argv) == 0
    return out.getvalue()


@pytest.mark.slow
def test_soak_mode_reports_rss_rooms_held_and_evictions_and_stops_by_itself():
    t0 = time.monotonic()
    out = _main(["--soak", "--soak-minutes", "0.3", "--rooms", "12", "--keep", "2", "--rate", "8", "--idle", "2",
                 "--max-rooms", "40", "--sample", "2"])
    assert time.monotonic() - t0 < 120
    series = re.search(r"\[soak\] server RSS \(MiB\) every 2 s: (.+)", out)
    assert series is not None and len(series.group(1).split(", ")) >= 5
    counts = re.search(r"\[soak\] rooms held / evicted idle / .+ same times: (.+)", out)
    assert counts is not None
    held = [tuple(int(x) for x in c.split("/")) for c in counts.group(1).split(", ")]
    assert max(h[0] for h in held) <= 40 and held[-1][1] > 0  # rooms that hung up were evicted idle (2 s)
    assert held[-1][4] >= 100  # a room open throughout: its risk history holds one entry a message (up to 600)
    assert re.search(r"\[soak\] RSS \d+ → \d+ MiB; slope [+-]\d+\.\d+ MiB/min", out)
    assert "0 error frames" in out


@pytest.mark.slow
def test_against_alternates_two_trees_servers_and_reports_a_ratio_per_pair():
    out = _main(["--against", str(ROOT), "--pairs", "1", "--duration", "2", "--rate", "2", "--rooms", "6"])
    assert out.index("pair 1, start tree") < out.index("pair 1, this tree")  # odd pairs: the other tree first
    for tree in ("start", "this"):
        assert re.search(rf"^\| 1 \| {tree} \| [\d,]+ \| ", out, re.M)
    assert re.search(r"ratio this ÷ start, msg per server CPU-s, per pair: \d+\.\d\d; geometric mean", out)


@pytest.mark.slow
def test_inprocess_cost_counts_every_message_and_the_cache_split():
    from benchmarks.live_inprocess import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--messages", "300", "--cache", "4096"]) == 0
    m = re.search(r"300 messages: [\d,]+ msg per CPU-second \(\d+ µs a message\); decision cache 4096: (\d+) hits, "
                  r"(\d+) misses", out.getvalue())
    assert m is not None and int(m.group(1)) + int(m.group(2)) <= 300  # gifts and events skip the cache
    assert f"qinglang from {ROOT}" in out.getvalue()
