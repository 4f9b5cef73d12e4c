"""Livestream socket benchmark: /v1/live/{room_id} across many concurrent rooms on loopback (issue 20).

    python benchmarks/live.py [--rooms 200] [--duration 60] [--inflight 4] [--long]

Starts `qinglang serve` (one worker) on a fresh SQLite file and opens `--rooms` WebSocket connections at once;
each room replays messages of the blind livestream streams (tests/data/blind/live/streams.jsonl) with up to
`--inflight` messages sent ahead of their answers, and after 40-160 messages hangs up and is replaced by a new
room (one in five reconnects to a room id seen before: resume), so rooms come and go for the whole run.
Two phases of `--duration` seconds each. **Saturation**: every room keeps `--inflight` messages in flight;
gives messages/s and messages per server CPU-second (= per server core: the server's user+system time from
/proc, so the figure does not depend on how busy the shared machine is). **Paced**: each room sends one
message at a time at Poisson times, all rooms together offering `--paced` × the saturation rate (default
0.5: a server at half its capacity); gives the per-message latency a platform sees, measured at the client
from sending a message to receiving its verdict (p50/p95/p99/max), without the queueing of saturation.
The server's resident memory is sampled every 5 s. The baseline, measured in the same run, is the room logic
in-process (`RoomManager.observe`) on the same messages, with the server's warm-up and frozen heap:
messages per CPU-second, per-message CPU time and wall time (p50/p95/p99), and its garbage-collector pauses.

The client runs on the same machine and competes with the server for the cores; `--long` runs 10 minutes
(each phase). On a shared machine wall-clock latency includes time the server waits for a core: report the
ratio of the paced p99 to the in-process wall p99 of the same run beside the absolute figures.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qinglang.engine import Engine, freeze_heap  # noqa: E402
from qinglang.live.room import RoomManager  # noqa: E402
from qinglang.live.warmup import warm_up  # noqa: E402
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


def pct(values: list[float], q: float) -> float:
    """The q-quantile of sorted `values` (nearest rank)."""
    return values[min(len(values) - 1, int(len(values) * q))] if values else float("nan")


def baseline(metas: list[dict], msgs: list[dict], n: int, cache: int) -> dict:
    """The room logic in this process over `n` messages in 200 rooms, set up as a server worker is (engine
    warm-up, live warm-up, frozen heap): messages per CPU-second, per-message CPU and wall time, the share
    answered from the decision cache of short texts, and the garbage collector's pauses meanwhile."""
    engine = Engine.from_config()
    warm_up(engine)
    freeze_heap()
    mgr = RoomManager(engine, decision_cache=cache)
    for i in range(200):
        mgr.room(f"b{i}", metas[i % len(metas)])
    for i in range(200):  # warm-up
        mgr.observe(f"b{i}", msgs[i])
    pauses: list[tuple[int, float]] = []
    started = [0.0]

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            pauses.append((info["generation"], time.perf_counter() - started[0]))

    cpu_ms: list[float] = []
    wall_ms: list[float] = []
    gc.callbacks.append(on_gc)
    try:
        t0 = time.process_time()
        for i in range(n):
            w0, c0 = time.perf_counter(), time.thread_time()
            mgr.observe(f"b{i % 200}", msgs[i % len(msgs)])
            cpu_ms.append(1000 * (time.thread_time() - c0))
            wall_ms.append(1000 * (time.perf_counter() - w0))
        total = time.process_time() - t0
    finally:
        gc.callbacks.remove(on_gc)
    cpu_ms.sort()
    wall_ms.sort()
    by_gen = {g: sorted(1000 * d for gg, d in pauses if gg == g) for g in (0, 1, 2)}
    return {"rate": n / total, "hit": mgr.cache_hits / max(1, mgr.cache_hits + mgr.cache_misses),
            "cpu": {q: pct(cpu_ms, q) for q in (0.5, 0.95, 0.99)},
            "wall": {q: pct(wall_ms, q) for q in (0.5, 0.95, 0.99)},
            "gc": {g: (len(v), v[-1] if v else 0.0) for g, v in by_gen.items()}}


async def client(base: str, key: str, metas: list[dict], msgs: list[dict], args: argparse.Namespace,
                 lat: list[float], counts: dict[str, int], stop: float, keep: bool = False) -> None:
    """One connection slot: a room sends 40-160 messages and hangs up, then the slot opens the next room (one in
    five a room id seen before: resume). `keep`: one room for the whole run (a stream that never ends: its state
    must stay bounded however many messages it sees)."""
    from websockets.asyncio.client import connect

    rng = random.Random()
    seen: list[str] = []
    while time.monotonic() < stop:
        if seen and rng.random() < 0.2 and not keep:
            rid = rng.choice(seen)
            counts["resumed"] += 1
        else:
            rid = f"bench-{rng.getrandbits(48):012x}"
            if len(seen) < 50:
                seen.append(rid)
        n = 10**9 if keep else rng.randint(40, 160)
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


LIVE_GAUGES = {"qinglang_live_rooms": "held", 'qinglang_live_rooms_evicted{reason="idle"}': "idle",
               'qinglang_live_rooms_evicted{reason="bound"}': "bound", "qinglang_live_decision_cache_entries": "cached",
               "qinglang_live_room_entries_max": "largest"}


def live_gauges(base: str) -> tuple[int, ...]:
    """(rooms held, evicted idle, evicted over the bound, cached decisions, most entries in one room) from the
    server's /metrics (`qinglang_live_*`); -1 where the server does not report them (a tree before session 12)."""
    import httpx

    got = dict.fromkeys(LIVE_GAUGES.values(), -1)
    try:
        text = httpx.get(base.replace("ws://", "http://") + "/metrics", timeout=5).text
    except httpx.HTTPError:
        return tuple(got.values())
    for line in text.splitlines():
        name, _, value = line.rpartition(" ")
        if name in LIVE_GAUGES:
            got[LIVE_GAUGES[name]] = int(float(value))
    return tuple(got.values())


async def run(base: str, key: str, metas: list[dict], msgs: list[dict], args: argparse.Namespace,
              pid: int) -> dict:
    lat: list[float] = []
    counts = {"messages": 0, "rooms": 0, "resumed": 0, "errors": 0, "connect_failures": 0}
    mem: list[tuple[float, float]] = []
    rooms: list[tuple[float, ...]] = []  # (t, *live_gauges), --soak only
    period = getattr(args, "sample", 5.0)
    soak = getattr(args, "soak", False)
    t0 = time.monotonic()
    stop = t0 + args.duration
    cpu0 = cpu_seconds(pid)

    async def sampler() -> None:
        while time.monotonic() < stop:
            t = time.monotonic() - t0
            mem.append((t, rss_mib(pid)))
            if soak:
                rooms.append((t, *await asyncio.to_thread(live_gauges, base)))
            await asyncio.sleep(period)

    samp = asyncio.create_task(sampler())
    keep = getattr(args, "keep", 0)
    await asyncio.gather(*(client(base, key, metas, msgs, args, lat, counts, stop, keep=i < keep)
                           for i in range(args.rooms)))
    wall = time.monotonic() - t0
    cpu = cpu_seconds(pid) - cpu0
    samp.cancel()
    mem.append((wall, rss_mib(pid)))
    if soak:
        rooms.append((wall, *live_gauges(base)))
    lat.sort()
    return {"wall_s": wall, "server_cpu_s": cpu, "answered": len(lat), **counts,
            **{f"p{round(100 * q)}_ms": 1000 * pct(lat, q) for q in (0.5, 0.95, 0.99)},
            "max_ms": 1000 * lat[-1] if lat else float("nan"),
            "mean_ms": 1000 * statistics.fmean(lat) if lat else float("nan"), "memory": mem, "rooms_held": rooms}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rooms", type=int, default=200)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load per phase (default 60)")
    ap.add_argument("--long", action="store_true", help="10-minute phases (memory over rooms coming and going)")
    ap.add_argument("--inflight", type=int, default=4, help="saturation: messages a room sends ahead of answers")
    ap.add_argument("--paced", type=float, default=0.5,
                    help="paced phase: offered load as a fraction of the saturation rate (0: no paced phase)")
    ap.add_argument("--rate", type=float, default=0.0,
                    help="paced phase: messages/s each room offers, instead of --paced")
    ap.add_argument("--no-saturation", action="store_true", help="only the paced phase (needs --rate)")
    ap.add_argument("--baseline", type=int, default=3000, help="messages for the in-process baseline")
    ap.add_argument("--idle", type=float, default=60.0,
                    help="server's QINGLANG_LIVE_IDLE_SECONDS: rooms idle this long are evicted (default 60)")
    ap.add_argument("--cache", type=int, default=4096,
                    help="server's QINGLANG_LIVE_DECISION_CACHE (decisions of short texts kept; 0: off)")
    ap.add_argument("--max-rooms", type=int, default=10_000,
                    help="server's QINGLANG_LIVE_MAX_ROOMS: rooms kept per worker, least recently active out")
    ap.add_argument("--against", metavar="TREE",
                    help="A/B: run the server of this other source tree (e.g. a detached worktree of the start "
                         "commit) and this tree's, alternated, --pairs times; the client and the figures are this "
                         "tree's for both; needs --rate (the paced load both trees get)")
    ap.add_argument("--pairs", type=int, default=3, help="--against: alternated pairs (default 3)")
    ap.add_argument("--soak", action="store_true",
                    help="bounded soak: --soak-minutes of paced load (--rate, default 0.5 msg/s per room) with rooms "
                         "coming and going and --keep rooms open throughout; server RSS and its live room counts "
                         "(rooms held, evicted, cached decisions, from /metrics) every --sample seconds, and the "
                         "RSS slope")
    ap.add_argument("--soak-minutes", type=float, default=10.0)
    ap.add_argument("--keep", type=int, default=0, help="rooms that stay open for the whole phase (default 0; "
                                                          "--soak: 20)")
    ap.add_argument("--sample", type=float, default=5.0, help="seconds between memory samples (--soak: 10)")
    ap.add_argument("--url", help="load a running server (ws://host:port) instead; with --key and --pid")
    ap.add_argument("--key", help="submitter key for --url")
    ap.add_argument("--pid", type=int, help="server process id for --url (CPU time and memory)")
    args = ap.parse_args(argv)
    if args.long:
        args.duration = 600.0
    if args.soak:
        args.duration, args.no_saturation = 60 * args.soak_minutes, True
        args.rate = args.rate or 0.5
        args.keep = args.keep or 20
        args.sample = 10.0 if args.sample == 5.0 else args.sample
    if args.no_saturation and args.rate <= 0:
        ap.error("--no-saturation needs --rate")
    if args.against and args.rate <= 0:
        ap.error("--against needs --rate (both trees get the same paced load)")
    metas, msgs = load_messages()
    base = None
    if args.baseline > 0 and not args.against and not args.soak:
        base = baseline(metas, msgs, args.baseline, args.cache)
        print(f"baseline: room logic in-process (engine + room state): {base['rate']:,.0f} msg per CPU-second "
              f"(decision cache {args.cache}: {100 * base['hit']:.0f} % of the baseline's messages answered from it)")
        print("baseline per message: CPU " + ", ".join(f"p{round(100 * q)} {v:.2f}" for q, v in base["cpu"].items())
              + " ms; wall " + ", ".join(f"p{round(100 * q)} {v:.2f}" for q, v in base["wall"].items()) + " ms")
        print("baseline GC pauses: " + ", ".join(f"gen{g} {n} (max {m:.1f} ms)" for g, (n, m) in base["gc"].items()))

    def phases(url: str, key: str, pid: int, tag: str = "") -> tuple[dict | None, dict | None]:
        sat = paced = None
        if not args.no_saturation:
            sat = asyncio.run(run(url, key, metas, msgs, argparse.Namespace(**{**vars(args), "rate": 0.0}), pid))
            report(f"{tag}saturation", args.rooms, f"{args.inflight} in flight per room", sat, base)
        rate = args.rate
        if rate <= 0 and sat is not None and args.paced > 0:
            rate = args.paced * sat["answered"] / sat["wall_s"] / args.rooms
        if rate > 0:
            paced = asyncio.run(run(url, key, metas, msgs,
                                    argparse.Namespace(**{**vars(args), "rate": rate, "inflight": 1}), pid))
            report(f"{tag}{'soak' if args.soak else 'paced'}", args.rooms,
                   f"{rate:.2f} msg/s per room offered, {rate * args.rooms:,.0f} in all"
                   + (f", {args.keep} rooms open throughout" if args.keep else ""), paced, base)
            if args.soak:
                soak_report(paced, args)
        return sat, paced

    if args.url:
        phases(args.url, args.key, args.pid)
        return 0
    if args.against:
        return alternate(args, Path(args.against).resolve(), phases)
    serve(ROOT, args, phases)
    return 0


def serve(tree: Path, args: argparse.Namespace, phases: Any, tag: str = "") -> tuple[dict | None, dict | None]:
    """A fresh server of `tree` (one worker, SQLite, the benchmark's settings) loaded by `phases`."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/live.db"
        key = make_keys(url)["submitter"]
        srv = Server(url, root=tree, env={"QINGLANG_RATE_LIMIT_PER_S": "0", "QINGLANG_SQLITE_SYNCHRONOUS": "NORMAL",
                                             "QINGLANG_LIVE_IDLE_SECONDS": str(args.idle),
                                             "QINGLANG_LIVE_MAX_ROOMS": str(args.max_rooms),
                                             "QINGLANG_LIVE_DECISION_CACHE": str(args.cache)}).start()
        try:
            assert srv.proc is not None
            return phases(srv.base.replace("http://", "ws://"), key, srv.proc.pid, tag)
        finally:
            srv.stop()


def alternate(args: argparse.Namespace, other: Path, phases: Any) -> int:
    """`--against`: the other tree's server and this tree's, alternated (other first in odd pairs, this first in
    even ones), `--pairs` times in one sitting; per pair the ratio this ÷ other of messages per server
    CPU-second at saturation, and both trees' paced p99."""
    trees = {"start": other, "this": ROOT}
    got: dict[tuple[int, str], tuple[dict | None, dict | None]] = {}
    for pair in range(1, args.pairs + 1):
        for name in ("start", "this") if pair % 2 else ("this", "start"):
            print(f"--- pair {pair}, {name} tree ({trees[name]}), {time.strftime('%H:%M:%S')}, load average "
                  f"{os.getloadavg()[0]:.1f}", flush=True)
            got[pair, name] = serve(trees[name], args, phases, f"{pair}:{name}:")
    print("\n| pair | tree | saturation msg per server CPU-s | server cores | paced p50 / p95 / p99 (ms) |")
    print("|---|---|---|---|---|")
    ratios, p99s = [], []
    for pair in range(1, args.pairs + 1):
        per = {}
        for name in ("start", "this"):
            sat, paced = got[pair, name]
            per[name] = sat["answered"] / max(sat["server_cpu_s"], 1e-9) if sat else float("nan")
            cores = sat["server_cpu_s"] / sat["wall_s"] if sat else float("nan")
            lat = f"{paced['p50_ms']:.1f} / {paced['p95_ms']:.1f} / {paced['p99_ms']:.1f}" if paced else "-"
            if paced:
                p99s.append((name, paced["p99_ms"]))
            print(f"| {pair} | {name} | {per[name]:,.0f} | {cores:.2f} | {lat} |")
        ratios.append(per["this"] / per["start"])
    geo = math.exp(statistics.fmean(math.log(r) for r in ratios)) if all(r > 0 for r in ratios) else float("nan")
    print("\nratio this ÷ start, msg per server CPU-s, per pair: " + ", ".join(f"{r:.2f}" for r in ratios)
          + f"; geometric mean {geo:.2f}")
    for name in ("start", "this"):
        mine = sorted(p for n, p in p99s if n == name)
        if mine:
            print(f"paced p99 {name}: " + ", ".join(f"{p:.1f}" for p in mine) + f" ms (median {pct(mine, 0.5):.1f})")
    return 0


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of (t seconds, value) points, per minute."""
    if len(points) < 2:
        return float("nan")
    mt = statistics.fmean(t for t, _ in points)
    mv = statistics.fmean(v for _, v in points)
    den = sum((t - mt) ** 2 for t, _ in points)
    return 60 * sum((t - mt) * (v - mv) for t, v in points) / den if den else float("nan")


def soak_report(res: dict, args: argparse.Namespace) -> None:
    """The soak's RSS and live-room series (every --sample s) and the RSS slope, whole run and after the first
    third (the decision cache, the idle horizon and SQLite's page cache fill in the first minutes)."""
    mem, rooms = res["memory"], res["rooms_held"]
    print(f"[soak] server RSS (MiB) every {args.sample:.0f} s: " + ", ".join(f"{m:.0f}" for _, m in mem))
    print("[soak] rooms held / evicted idle / evicted over the bound / cached decisions / most entries in one room, "
          "same times: " + ", ".join("/".join(str(x) for x in r[1:]) for r in rooms))
    later = [(t, m) for t, m in mem if t >= res["wall_s"] / 3]
    held = [r[1] for r in rooms if r[0] >= res["wall_s"] / 3]
    print(f"[soak] RSS {mem[0][1]:.0f} → {mem[-1][1]:.0f} MiB; slope {slope(mem):+.2f} MiB/min over the run, "
          f"{slope(later):+.2f} MiB/min after the first third (min {min(m for _, m in later):.0f}, "
          f"max {max(m for _, m in later):.0f} MiB)")
    if rooms and rooms[-1][1] >= 0:
        last = rooms[-1]
        print(f"[soak] rooms held after the first third: {min(held)}–{max(held)} (bound QINGLANG_LIVE_MAX_ROOMS "
              f"{args.max_rooms}, idle horizon {args.idle:.0f} s); evicted {last[2]} idle, {last[3]} over the bound; "
              f"most entries in one room {max(r[5] for r in rooms)}; {res['rooms']} rooms completed, "
              f"{res['resumed']} resumes, {args.keep} rooms open throughout")


def report(phase: str, rooms: int, mode: str, res: dict, base: dict | None) -> None:
    rate = res["answered"] / res["wall_s"]
    per_core = res["answered"] / max(res["server_cpu_s"], 1e-9)
    print(f"[{phase}] load: {rooms} concurrent rooms ({mode}), {res['wall_s']:.0f} s, {res['rooms']} rooms "
          f"completed ({res['resumed']} reconnects to a known room), {res['answered']:,} messages answered, "
          f"{res['errors']} error frames, {res['connect_failures']} handshakes over 60 s")
    print(f"[{phase}] throughput: {rate:,.0f} msg/s wall; {per_core:,.0f} msg per server CPU-second "
          f"(server used {res['server_cpu_s']:.1f} CPU-s = {res['server_cpu_s'] / res['wall_s']:.2f} cores)"
          + (f"; ratio to in-process baseline {per_core / base['rate']:.2f}" if base else ""))
    print(f"[{phase}] per-message latency at the client (send → verdict): p50 {res['p50_ms']:.1f} ms, "
          f"p95 {res['p95_ms']:.1f} ms, p99 {res['p99_ms']:.1f} ms, max {res['max_ms']:.1f} ms, "
          f"mean {res['mean_ms']:.1f} ms"
          + (f"; p99 / in-process wall p99 {res['p99_ms'] / base['wall'][0.99]:.1f}" if base else ""))
    mem = res["memory"]
    step = max(1, len(mem) // 24)  # about two dozen points, whatever the duration (the last one always)
    shown = mem[::step] + ([mem[-1]] if (len(mem) - 1) % step else [])
    print(f"[{phase}] server RSS (MiB) over time: " + ", ".join(f"{t:.0f}s {m:.0f}" for t, m in shown))
    if len(mem) >= 3:
        later = [m for t, m in mem if t >= res["wall_s"] / 3]
        print(f"[{phase}] memory after the first third: min {min(later):.0f} MiB, max {max(later):.0f} MiB, "
              f"last {mem[-1][1]:.0f} MiB")


if __name__ == "__main__":
    raise SystemExit(main())
