"""Online cluster overhead per post with a full window, against the engine's own per-post time, and memory.

One process, one run; times are CPU seconds of this process (the machine is shared), so a figure is what
one core spends, not wall time under contention:

1. `engine`: `Engine.moderate(content)` per post on N sample posts (every default detector) — the baseline;
2. the window is filled with `--window` posts (1,000,000 by default) of distinct text built from COLD comments
   (two random slices per post, ~3 % injected campaign copies), untimed;
3. `clusters`: what the service adds per post on the same N sample posts with that full window — indicator
   candidates, the window's canonical text, MinHash, LSH lookup, cluster update and scoring (the views are the
   engine's, normalized once: `Engine.moderate(views=...)`);
4. `ledger`: the account-history write per post (`AccountLedger.record`, SQLite file, synchronous=FULL);
5. memory: RSS before the window, after allocating it, after the fill, and after as many posts again
   (`--twice`; flat means eviction works); the fixed arrays alone (`ClusterWindow.memory_bytes`); how many
   cluster / ring / account states are live after each, against their bounds (`WindowConfig`);
6. `minhash`: our numpy signature against datasketch's `MinHash` (same 32 permutations), when installed.

    python benchmarks/clusters.py [--window 1000000] [--sample 3000] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared"))


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def texts() -> list[str]:
    p = SHARED / "data" / "cold" / "dev.jsonl"
    if not p.is_file():
        raise SystemExit(f"COLD not found at {p} (set QINGLANG_SHARED)")
    return [json.loads(line)["text"] for line in p.open(encoding="utf-8") if line.strip()]


def synth(rng: random.Random, pool: list[str]) -> str:
    a, b = rng.choice(pool), rng.choice(pool)
    i, j = rng.randrange(max(1, len(a) // 2)), rng.randrange(max(1, len(b) // 2))
    return a[i:i + rng.randint(8, 40)] + "，" + b[j:j + rng.randint(8, 40)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--window", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=3000)
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--twice", action="store_true", help="feed as many posts again and report RSS (eviction)")
    args = ap.parse_args()

    from qinglang.clusters import ClusterTracker, Post, TrackerConfig, WindowConfig
    from qinglang.clusters.ledger import AccountLedger
    from qinglang.clusters.minhash import canonical_key
    from qinglang.detectors.base import Views
    from qinglang.engine import Engine
    from qinglang.model import Content

    rng = random.Random(18)
    pool = texts()
    t_start = 1_769_900_000.0
    engine = Engine.from_config()
    norm = engine.normalizer
    campaign = ["支持国货，已下单！", "这家店服务真的太好了，强烈推荐", "加微信 zhuan888 领福利"]

    def content(k: int, ts: float) -> Content:
        text = rng.choice(campaign) + rng.choice(["", "👍", "！"]) if rng.random() < 0.03 else synth(rng, pool)
        return Content.from_json({
            "id": f"s{k}", "text": text, "created_at": _iso(ts), "thread_id": f"t{rng.randrange(20000)}",
            "author": {"id": f"u{rng.randrange(300000)}", "created_at": _iso(ts - rng.uniform(1, 3000) * 86400)}})

    sample = [content(k, t_start + args.window * 0.05 + k * 0.05) for k in range(args.sample)]
    for c in sample[:200]:  # warm caches (pypinyin, regexes) before timing
        engine.moderate(c)
    t0 = time.process_time()
    views = []
    for c in sample:
        v = Views.build(c, norm)
        engine.moderate(c, views=v)
        views.append(v)
    engine_ms = (time.process_time() - t0) / len(sample) * 1000

    rss0 = rss_mb()
    tracker = ClusterTracker(TrackerConfig(window=WindowConfig(capacity=args.window)), norm)
    rss_alloc = rss_mb()
    t0 = time.process_time()
    for k in range(args.window):
        ts = t_start + k * 0.05  # 20 posts/s: a 1 M window spans ~14 h, inside the 24 h time window
        text = rng.choice(campaign) if rng.random() < 0.03 else synth(rng, pool)
        tracker.window.observe(Post(f"f{k}", f"u{rng.randrange(300000)}", ts, canonical_key(text.lower()),
                                    f"t{rng.randrange(20000)}", ts - rng.uniform(1, 3000) * 86400))
    fill_s = time.process_time() - t0
    rss_full = rss_mb()
    states_full = tracker.window.state_counts()
    # the sample arrives right after the fill
    base = t_start + args.window * 0.05
    sample = [Content.from_json({**c.to_json(), "created_at": _iso(base + k * 0.05)}) for k, c in enumerate(sample)]
    views = [Views(c, v.fields) for c, v in zip(sample, views, strict=True)]
    t0 = time.process_time()
    flagged = 0
    for c, v in zip(sample, views, strict=True):
        obs = tracker.observe(c, views=v)
        flagged += bool(obs.signals)
    clusters_ms = (time.process_time() - t0) / len(sample) * 1000

    for k in range(args.window if args.twice else 0):  # as many posts again: ring and table overwritten
        ts = base + (args.sample + k) * 0.05
        text = rng.choice(campaign) if rng.random() < 0.03 else synth(rng, pool)
        tracker.window.observe(Post(f"g{k}", f"u{rng.randrange(300000)}", ts, canonical_key(text.lower()),
                                    f"t{rng.randrange(20000)}", ts - rng.uniform(1, 3000) * 86400))
    tracker.window.sweep()
    rss_twice = rss_mb()

    with tempfile.TemporaryDirectory() as d:
        from qinglang.store import open_store

        store = open_store(f"sqlite:///{d}/b.db")
        ledger = AccountLedger(store.engine)  # type: ignore[attr-defined]
        n = min(2000, len(sample))
        t0 = time.process_time()
        for k, c in enumerate(sample[:n]):
            ledger.record(c.author.id or "", c.id, "pass", 0.0, base + k, frozenset(), [])
        ledger_ms = (time.process_time() - t0) / n * 1000
        store.close()

    keys = [canonical_key(norm.normalize(c.text).text) for c in sample[:2000]]
    h = tracker.window.hasher
    t0 = time.process_time()
    for k in keys:
        h.signature(k)
    ours_us = (time.process_time() - t0) / len(keys) * 1e6
    ds_us = None
    try:
        from datasketch import MinHash

        t0 = time.process_time()
        for k in keys:
            m = MinHash(num_perm=32, seed=1)
            m.update_batch([k[i:i + 2].encode() for i in range(max(1, len(k) - 1))])
        ds_us = (time.process_time() - t0) / len(keys) * 1e6
    except ImportError:
        pass

    out = {
        "window_posts": args.window, "sample_posts": len(sample), "engine_ms_per_post": round(engine_ms, 4),
        "clusters_ms_per_post": round(clusters_ms, 4), "clusters_over_engine": round(clusters_ms / engine_ms, 3),
        "ledger_sqlite_ms_per_post": round(ledger_ms, 4), "sample_with_signals": flagged,
        "fill_us_per_post": round(fill_s / args.window * 1e6, 1),
        "rss_mb": {"before": round(rss0), "window_allocated": round(rss_alloc), "after_fill": round(rss_full),
                   "after_2x_posts": round(rss_twice)},
        "fixed_arrays_mb": round(tracker.window.memory_bytes() / 2**20, 1),
        "states_after_fill": states_full, "states_after_2x_posts": tracker.window.state_counts(),
        "bounds": {"capacity": tracker.window.config.capacity, "max_clusters": tracker.window.config.max_clusters,
                   "max_accounts": tracker.window.config.max_accounts, "max_rings": tracker.window.config.max_rings},
        "minhash_us": {"numpy": round(ours_us, 1), "datasketch": round(ds_us, 1) if ds_us else None},
    }
    if args.markdown:
        print("| figure | value |\n|---|---|")
        for k, v in out.items():
            print(f"| {k} | {v} |")
    else:
        print(json.dumps(out, indent=1))


def _iso(ts: float) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="seconds")


if __name__ == "__main__":
    main()
