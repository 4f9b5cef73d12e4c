"""The livestream server's CPU for a fixed number of messages (issue 20): a figure a loaded machine moves less.

    python benchmarks/live_fixed.py [--messages 10000] [--rooms 50] [--short] [--rounds 3]
    python benchmarks/live_fixed.py --url ws://… --key KEY --pid PID      # a server already running

`benchmarks/live.py` counts what a server answers in a fixed time, so on a shared machine the server's share of a
core decides how far it gets past the cold cache. This one sends a fixed number of messages (the benchmark's
streams, or with `--short` eight cached 弹幕, which leaves the socket and the room fold without the engine) over
`--rooms` WebSocket connections, 4 in flight each, after a warm pass, and reads the server's CPU-seconds for exactly
those messages from /proc. Two trees compare by running it in each, alternated, in one sitting.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.live import cpu_seconds, load_messages, rss_mib  # noqa: E402
from tests.service.qlserver import Server, make_keys  # noqa: E402

SHORT = ["666", "主播晚上好", "哈哈哈哈", "来了来了", "好看", "支持主播", "这个多少钱", "关注了"]


async def room(url: str, key: str, name: str, n: int, msgs: list[dict] | None, offset: int) -> None:
    from websockets.asyncio.client import connect

    async with connect(f"{url}/v1/live/{name}", additional_headers={"Authorization": f"Bearer {key}"},
                       compression=None) as ws:
        sent = got = 0

        async def receive() -> None:
            nonlocal got
            while got < n:
                await ws.recv()
                got += 1

        task = asyncio.create_task(receive())
        while sent < n:
            while sent - got >= 4:
                await asyncio.sleep(0.0005)
            if msgs is None:
                m = {"kind": "bullet", "text": SHORT[sent % len(SHORT)], "author": {"id": f"v{sent % 13}"}}
            else:
                m = dict(msgs[(offset + sent) % len(msgs)])
            await ws.send(json.dumps({**m, "id": f"m{sent}"}, ensure_ascii=False))
            sent += 1
        await task


async def load(url: str, key: str, prefix: str, rooms: int, per_room: int, msgs: list[dict] | None) -> None:
    await asyncio.gather(*(room(url, key, f"{prefix}{r}", per_room, msgs, r * 37) for r in range(rooms)))


def measure(url: str, key: str, pid: int, args: argparse.Namespace) -> None:
    msgs = None if args.short else load_messages()[1]
    per_room = args.messages // args.rooms
    asyncio.run(load(url, key, "warm", args.rooms, 200, msgs))
    for i in range(args.rounds):
        c0, t0 = cpu_seconds(pid), time.monotonic()
        asyncio.run(load(url, key, f"r{i}-", args.rooms, per_room, msgs))
        cpu, n = cpu_seconds(pid) - c0, per_room * args.rooms
        print(f"round {i + 1}: {n:,} messages, server {cpu:.2f} CPU-s = {1e6 * cpu / n:.0f} µs a message "
              f"({n / cpu:,.0f} msg per server CPU-s), wall {time.monotonic() - t0:.1f} s, "
              f"server RSS {rss_mib(pid):.0f} MiB")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=10_000)
    ap.add_argument("--rooms", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--short", action="store_true", help="cached short 弹幕 only (the socket and the fold)")
    ap.add_argument("--url", help="load a running server (ws://host:port); with --key and --pid")
    ap.add_argument("--key")
    ap.add_argument("--pid", type=int)
    args = ap.parse_args(argv)
    if args.url:
        measure(args.url, args.key, args.pid, args)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/live.db"
        key = make_keys(db)["submitter"]
        srv = Server(db, env={"QINGLANG_RATE_LIMIT_PER_S": "0", "QINGLANG_SQLITE_SYNCHRONOUS": "NORMAL"}).start()
        try:
            assert srv.proc is not None
            measure(srv.base.replace("http://", "ws://"), key, srv.proc.pid, args)
        finally:
            srv.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
