"""The room logic's CPU per message in this process, no socket (issue 20): engine decision + room fold.

    python benchmarks/live_inprocess.py [--messages 3000] [--cache 4096] [--profile] [--tree DIR]

Set up as a server worker is (engine, live warm-up, frozen heap), 200 rooms replaying the benchmark's streams
(tests/data/blind/live/streams.jsonl) after 400 warm-up messages; prints messages per CPU-second and the decision
cache's hits and misses (`--cache 0`: every message decided by the engine, what new text costs). `--profile`:
cProfile of the measured messages, by cumulative time. `--tree DIR`: import `qinglang` from that source tree instead
of this one (two trees compare by running it on each, alternated).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_TREE = sys.argv[sys.argv.index("--tree") + 1] if "--tree" in sys.argv[:-1] else str(ROOT)
sys.path[:0] = [_TREE, str(ROOT)]

from benchmarks.live import load_messages  # noqa: E402
from qinglang.engine import Engine, freeze_heap  # noqa: E402
from qinglang.live.room import RoomManager  # noqa: E402
from qinglang.live.warmup import warm_up  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=3000)
    ap.add_argument("--cache", type=int, default=4096, help="decisions of short texts kept (0: off)")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--tree", help="source tree to import qinglang from (default: this one)")
    args = ap.parse_args(argv)
    metas, msgs = load_messages()
    engine = Engine.from_config()
    warm_up(engine)
    freeze_heap()
    mgr = RoomManager(engine, decision_cache=args.cache)
    for i in range(200):
        mgr.room(f"b{i}", metas[i % len(metas)])
    for i in range(400):
        mgr.observe(f"b{i % 200}", msgs[i % len(msgs)])
    prof = cProfile.Profile() if args.profile else None
    if prof:
        prof.enable()
    hits0, misses0 = mgr.cache_hits, mgr.cache_misses
    t0 = time.process_time()
    for i in range(400, 400 + args.messages):
        mgr.observe(f"b{i % 200}", msgs[i % len(msgs)])
    cpu = time.process_time() - t0
    if prof:
        prof.disable()
    import qinglang

    print(f"qinglang from {Path(qinglang.__file__).parents[1]}")
    print(f"{args.messages:,} messages: {args.messages / cpu:,.0f} msg per CPU-second "
          f"({1e6 * cpu / args.messages:.0f} µs a message); decision cache {args.cache}: "
          f"{mgr.cache_hits - hits0} hits, {mgr.cache_misses - misses0} misses")
    if prof:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
