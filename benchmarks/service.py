"""Service benchmark: /v1/moderate p50/p99 latency and requests/s on loopback, beside the in-process engine.

    python benchmarks/service.py [--requests 2000] [--concurrency 1,8,32] [--workers 1] [--db sqlite|URL]

Starts `qinglang serve` with N uvicorn workers on a fresh SQLite file (or the emptied PostgreSQL database at
`--db postgresql://…`), sends a bounded number of new items at each concurrency (each is a stored decision +
audit entry), then runs the same items through `Engine.moderate` in this process and prints one Markdown
table row per concurrency with the ratio to that in-process throughput. The client shares the machine with
the server, so the figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qinglang.engine import Engine, freeze_heap  # noqa: E402
from tests.service.qlserver import Server, make_keys  # noqa: E402

TEXTS = ["今天天气不错，一起去公园散步吧。", "你真是个sha逼，nmsl", "加我薇❤: abc123，带你赚钱",
         "这家店的菜很好吃，推荐大家来尝尝！", "尼玛死了，滚"]


def items(n: int, tag: str) -> list[dict]:
    return [{"id": f"{tag}-{i}", "text": TEXTS[i % len(TEXTS)] + f" #{i}", "author": {"id": f"u{i % 97}"}}
            for i in range(n)]


async def run_http(base: str, key: str, payloads: list[dict], concurrency: int) -> tuple[list[float], float]:
    """Send every payload over `concurrency` keep-alive connections; (latencies, wall time).

    A minimal HTTP/1.1 client on asyncio streams with the requests encoded up front: on a small shared
    machine a full client library costs the load generator more CPU than the server spends per request."""
    url = httpx.URL(base)
    host, port = url.host, url.port or 80
    bodies = [json.dumps(p, ensure_ascii=False).encode() for p in payloads]
    head = (f"POST /v1/moderate HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {key}\r\n"
            "Content-Type: application/json\r\nContent-Length: ").encode()
    queue = [head + str(len(b)).encode() + b"\r\n\r\n" + b for b in reversed(bodies)]
    lat: list[float] = []

    async def worker() -> None:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while queue:
                req = queue.pop()
                t = time.perf_counter()
                writer.write(req)
                status_line = await reader.readline()
                length, close = 0, False
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = line.partition(b":")
                    if name.lower() == b"content-length":
                        length = int(value)
                    elif name.lower() == b"connection" and value.strip().lower() == b"close":
                        close = True
                await reader.readexactly(length)
                lat.append(time.perf_counter() - t)
                if not status_line.startswith(b"HTTP/1.1 200"):
                    raise RuntimeError(f"unexpected answer: {status_line!r}")
                if close:
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
        finally:
            writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return lat, time.perf_counter() - t0


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", default="1,8,32", help="comma-separated connection counts")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--db", default=None, help="sqlite:///file.db (default: a fresh temp file) or postgresql://…")
    ap.add_argument("--sqlite-synchronous", default="FULL", choices=["FULL", "NORMAL"])
    a = ap.parse_args()
    levels = [int(x) for x in a.concurrency.split(",") if x.strip()]
    db = a.db or f"sqlite:///{tempfile.mkdtemp(prefix='qinglang-bench-')}/bench.db"
    if db.startswith("postgres"):
        from tests.service.qlserver import reset_pg

        reset_pg(db)
    keys = make_keys(db)
    srv = Server(db, workers=a.workers, env={"QINGLANG_RATE_LIMIT_PER_S": "0",
                                             "QINGLANG_SQLITE_SYNCHRONOUS": a.sqlite_synchronous}).start()
    results = []
    try:
        asyncio.run(run_http(srv.base, keys["submitter"], items(100, "warm"), max(levels)))
        for n in levels:
            lat, wall = asyncio.run(run_http(srv.base, keys["submitter"], items(a.requests, f"bench{n}"), n))
            results.append((n, lat, wall))
    finally:
        srv.stop()
    engine = Engine.from_config()
    freeze_heap()
    payloads = items(a.requests, "inproc")
    for p in payloads[:100]:
        engine.moderate(p)
    t0 = time.perf_counter()
    for p in payloads:
        engine.moderate(p)
    inproc = time.perf_counter() - t0
    eng_rps = a.requests / inproc
    kind = db.split(":")[0].split("+")[0]
    print(f"db: {kind} (sqlite synchronous={a.sqlite_synchronous})  workers: {a.workers}  requests: {a.requests}")
    print(f"in-process Engine.moderate: {inproc / a.requests * 1000:.3f} ms/item  {eng_rps:.0f} items/s")
    print("| db | concurrency | p50 | p99 | mean | req/s | ratio to in-process |")
    print("|---|---|---|---|---|---|---|")
    for n, lat, wall in results:
        rps = a.requests / wall
        print(f"| {kind} | {n} | {pct(lat, .5) * 1000:.1f} ms | {pct(lat, .99) * 1000:.1f} ms | "
              f"{statistics.fmean(lat) * 1000:.1f} ms | {rps:.0f} | {rps / eng_rps:.3f} |")


if __name__ == "__main__":
    main()
