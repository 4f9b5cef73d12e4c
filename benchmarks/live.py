"""Livestream socket benchmark: /v1/live/{room_id} across many concurrent rooms on loopback (issue 20).

    python benchmarks/live.py [--rooms 200] [--duration 60] [--inflight 4] [--long]

Starts `qinglang serve` (one worker) on a fresh SQLite file and opens `--rooms` WebSocket connections at once;
each room replays messages of the blind livestream streams (tests/data/blind/live/streams.jsonl) with up to
`--inflight` messages sent ahead of their answers, and after 40-160 messages hangs up and is replaced by a new
room (one in five reconnects to a room id seen before: resume), so rooms come and go for the whole run.
Reports messages/s, messages per server CPU-second (= per server core: the server's user+system time from
/proc, so the figure does not depend on how busy the shared machine is), the per-message round trip
(p50/p99: send → its answer), and the server's resident memory sampled every 5 s. The baseline, measured in
the same run, is the room logic in-process (`RoomManager.observe`) on the same messages.

The client runs on the same machine and competes with the server for the cores; `--long` runs 10 minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qinglang.engine import Engine  # noqa: E402
from qinglang.live.room import RoomManager  # noqa: E402
from tests.service.qlserver import Server, make_keys  # noqa: E402

STREAMS = ROOT / "tests/data/blind/live/streams.jsonl"
TICK = os.sysconf("SC_CLK_TCK")


def load_messages() -> tuple[list[dict], list[dict]]:
    rows = [json.loads(line) for line in STREAMS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["room"] for r in rows], [m for r in rows for m in r["messages"]]


def tree(pid: int) -> list[int]:
    """pid and all its descendants (from /proc)."""
    kids: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                ppid = int(Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(d))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def cpu_seconds(pid: int) -> float:
    total = 0
    for p in tree(pid):
        try:
            f = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(f[11]) + int(f[12])
        except (OSError, IndexError, ValueError):
            pass
    return total / TICK


def rss_mib(pid: int) -> float:
    total = 0
    for p in tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def baseline(metas: list[dict], msgs: list[dict], n: int, cache: int) -> tuple[float, float]:
    """Messages per CPU-second of the room logic in this process, over `n` messages in 200 rooms, and the
    share of them answered from the decision cache of short texts."""
    mgr = RoomManager(Engine.from_config(), decision_cache=cache)
    for i in range(200):
        mgr.room(f"b{i}", metas[i % len(metas)])
    for i in range(200):  # warm-up
        mgr.observe(f"b{i}", msgs[i])
    t0 = time.process_time()
    for i in range(n):
        mgr.observe(f"b{i % 200}", msgs[i % len(msgs)])
    return n / (time.process_time() - t0), mgr.cache_hits / max(1, mgr.cache_hits + mgr.cache_misses)


async def client(base: str, key: str, metas: list[dict], msgs: list[dict], args: argparse.Namespace,
                 lat: list[float], counts: dict[str, int], stop: float) -> None:
    from websockets.asyncio.client import connect

    rng = random.Random()
    seen: list[str] = []
    while time.monotonic() < stop:
        if seen and rng.random() < 0.2:
            rid = rng.choice(seen)
            counts["resumed"] += 1
        else:
            rid = f"bench-{rng.getrandbits(48):012x}"
            if len(seen) < 50:
                seen.append(rid)
        n = rng.randint(40, 160)
        start = rng.randrange(len(msgs))
        try:
            ws_cm = await connect(f"{base}/v1/live/{rid}", additional_headers={"Authorization": f"Bearer {key}"},
                                  max_queue=args.inflight * 2, compression=None, open_timeout=60)
        except (TimeoutError, OSError):
            counts["connect_failures"] += 1  # a saturated server answers the handshake late: count it, go on
            await asyncio.sleep(1)
            continue
        async with ws_cm as ws:
            await ws.send(json.dumps({"room": rng.choice(metas)}, ensure_ascii=False))
            await ws.recv()
            sent: list[float] = []
            window = asyncio.Semaphore(args.inflight)

            async def reader(total: int, sent: list[float] = sent, window: asyncio.Semaphore = window) -> None:
                for k in range(total):
                    frame = await ws.recv()
                    lat.append(time.perf_counter() - sent[k])
                    window.release()
                    if frame.startswith('{"id": null') or '"error"' in frame[:40]:
                        counts["errors"] += 1

            todo = n
            task = asyncio.create_task(reader(todo))
            for k in range(todo):
                await window.acquire()
                if args.rate > 0:
                    await asyncio.sleep(rng.expovariate(args.rate))
                m = dict(msgs[(start + k) % len(msgs)])
                m["id"] = f"{rid}-{k}"
                sent.append(time.perf_counter())
                await ws.send(json.dumps(m, ensure_ascii=False))
                if time.monotonic() >= stop:
                    todo = k + 1
                    break
            if todo < n:
                task.cancel()
                counts["messages"] += todo
                break
            await task
            counts["messages"] += n
            counts["rooms"] += 1


async def run(base: str, key: str, metas: list[dict], msgs: list[dict], args: argparse.Namespace,
              pid: int) -> dict:
    lat: list[float] = []
    counts = {"messages": 0, "rooms": 0, "resumed": 0, "errors": 0, "connect_failures": 0}
    mem: list[tuple[float, float]] = []
    t0 = time.monotonic()
    stop = t0 + args.duration
    cpu0 = cpu_seconds(pid)

    async def sampler() -> None:
        while time.monotonic() < stop:
            mem.append((time.monotonic() - t0, rss_mib(pid)))
            await asyncio.sleep(5)

    samp = asyncio.create_task(sampler())
    await asyncio.gather(*(client(base, key, metas, msgs, args, lat, counts, stop) for _ in range(args.rooms)))
    wall = time.monotonic() - t0
    cpu = cpu_seconds(pid) - cpu0
    samp.cancel()
    mem.append((wall, rss_mib(pid)))
    lat.sort()
    return {"wall_s": wall, "server_cpu_s": cpu, "answered": len(lat), **counts,
            "p50_ms": 1000 * lat[len(lat) // 2], "p99_ms": 1000 * lat[int(len(lat) * 0.99)],
            "mean_ms": 1000 * statistics.fmean(lat), "memory": mem}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rooms", type=int, default=200)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60)")
    ap.add_argument("--long", action="store_true", help="10-minute run (memory over rooms coming and going)")
    ap.add_argument("--inflight", type=int, default=4, help="messages a room sends ahead of their answers")
    ap.add_argument("--rate", type=float, default=0.0,
                    help="messages/s each room sends (Poisson); 0: as fast as the answers come (saturation)")
    ap.add_argument("--baseline", type=int, default=3000, help="messages for the in-process baseline")
    ap.add_argument("--idle", type=float, default=60.0,
                    help="server's QINGLANG_LIVE_IDLE_SECONDS: rooms idle this long are evicted (default 60)")
    ap.add_argument("--cache", type=int, default=4096,
                    help="server's QINGLANG_LIVE_DECISION_CACHE (decisions of short texts kept; 0: off)")
    ap.add_argument("--url", help="load a running server (ws://host:port) instead; with --key and --pid")
    ap.add_argument("--key", help="submitter key for --url")
    ap.add_argument("--pid", type=int, help="server process id for --url (CPU time and memory)")
    args = ap.parse_args(argv)
    if args.long:
        args.duration = 600.0
    metas, msgs = load_messages()
    base_rate, hit = baseline(metas, msgs, args.baseline, args.cache)
    print(f"baseline: room logic in-process (engine + room state): {base_rate:,.0f} msg per CPU-second "
          f"(decision cache {args.cache}: {100 * hit:.0f} % of the baseline's messages answered from it)")
    if args.url:
        res = asyncio.run(run(args.url, args.key, metas, msgs, args, args.pid))
        report(args, res, base_rate)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/live.db"
        key = make_keys(url)["submitter"]
        srv = Server(url, env={"QINGLANG_RATE_LIMIT_PER_S": "0", "QINGLANG_SQLITE_SYNCHRONOUS": "NORMAL",
                                  "QINGLANG_LIVE_IDLE_SECONDS": str(args.idle),
                                  "QINGLANG_LIVE_DECISION_CACHE": str(args.cache)}).start()
        try:
            assert srv.proc is not None
            res = asyncio.run(run(srv.base.replace("http://", "ws://"), key, metas, msgs, args, srv.proc.pid))
        finally:
            srv.stop()
    report(args, res, base_rate)
    return 0


def report(args: argparse.Namespace, res: dict, base_rate: float) -> None:
    rate = res["answered"] / res["wall_s"]
    per_core = res["answered"] / max(res["server_cpu_s"], 1e-9)
    mode = (f"{args.rate:g} msg/s per room offered" if args.rate > 0
            else f"saturation, {args.inflight} in flight per room")
    print(f"load: {args.rooms} concurrent rooms ({mode}), {res['wall_s']:.0f} s, {res['rooms']} rooms completed "
          f"({res['resumed']} reconnects to a known room), {res['answered']:,} messages answered, "
          f"{res['errors']} error frames, {res['connect_failures']} handshakes over 60 s")
    print(f"throughput: {rate:,.0f} msg/s wall; {per_core:,.0f} msg per server CPU-second "
          f"(server used {res['server_cpu_s']:.1f} CPU-s = {res['server_cpu_s'] / res['wall_s']:.2f} cores); "
          f"ratio to in-process baseline {per_core / base_rate:.2f}")
    print(f"per-message round trip: p50 {res['p50_ms']:.1f} ms, p99 {res['p99_ms']:.1f} ms, "
          f"mean {res['mean_ms']:.1f} ms")
    mem = res["memory"]
    print("server RSS (MiB) over time: " + ", ".join(f"{t:.0f}s {m:.0f}" for t, m in mem))
    if len(mem) >= 3:
        later = [m for t, m in mem if t >= res["wall_s"] / 3]
        print(f"memory after the first third: min {min(later):.0f} MiB, max {max(later):.0f} MiB, "
              f"last {mem[-1][1]:.0f} MiB")


if __name__ == "__main__":
    raise SystemExit(main())
