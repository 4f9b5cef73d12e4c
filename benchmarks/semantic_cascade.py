"""Bulk throughput of the full default engine with the semantic tier on, against the same engine with it off,
in the same run; the cascade's hit rate (items that paid for an embedding) and its cost.

Workload: the throughput benchmark's posts (`../shared/bench/gen_workload.py`, benchmarks/throughput.py), fed
through `Engine.moderate_many` as in `qinglang scan`, on one pinned core, CPU seconds, best of `--repeat`; plus
the blind dev sets (tests/data/blind, dev split) as a second workload with real surfaces and audiences.

    python benchmarks/semantic_cascade.py [--mb 2] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from throughput import load_posts, workload  # noqa: E402

from qinglang.detectors import default_registry_path  # noqa: E402
from qinglang.engine import Engine  # noqa: E402
from qinglang.model import Content  # noqa: E402


def engine(tier: bool) -> Engine:
    text = default_registry_path().read_text("utf-8")
    on, off = "type: semantic\n    enabled: true", "type: semantic\n    enabled: false"
    text = text.replace(off, on) if tier else text.replace(on, off)
    path = Path(tempfile.mkdtemp(prefix="qlsem-")) / "detectors.yaml"
    path.write_text(text, "utf-8")
    return Engine.from_config(detectors=path)


def run(eng: Engine, items: list[Content], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        for _d in eng.moderate_many(items):
            pass
        best = min(best, time.process_time() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "qlbench")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    args.workdir.mkdir(parents=True, exist_ok=True)
    text, _lex = workload(args.workdir)
    bench = [Content(id=str(i), text=p) for i, p in enumerate(load_posts(text, args.mb))]
    rows = [json.loads(line) for f in sorted((ROOT / "tests/data/blind").glob("*/*.jsonl"))
            for line in f.read_text("utf-8").splitlines() if line.strip()]
    blind = [Content.from_json(r["content"]) for r in rows if r["split"] == "dev"]
    off, on = engine(False), engine(True)
    sem = next((d for d in on.detectors if d.name == "semantic"), None)
    if sem is None or not getattr(sem, "available", False):
        print("semantic tier unavailable: pip install 'qinglang[semantic]'")
        return 2
    print("| workload | items | tier off posts/s/core | tier on posts/s/core | on/off | cascade hit rate | "
          "embeddings | cost per embedded item |")
    print("|---|---|---|---|---|---|---|---|")
    for name, items in (("throughput posts", bench), ("blind dev (surfaces, audiences)", blind)):
        t_off = run(off, items, args.repeat)
        sem.stats.update(seen=0, gated=0)
        sem.embedder.memo.clear()
        calls0 = sem.embedder.calls
        t_on = run(on, items, 1)
        gated, seen = sem.stats["gated"], max(1, sem.stats["seen"])
        calls = sem.embedder.calls - calls0
        cost = (t_on - t_off) / max(1, calls) * 1000
        print(f"| {name} | {len(items)} | {len(items) / t_off:,.0f} | {len(items) / t_on:,.0f} | {t_off / t_on:.2f} | "
              f"{gated}/{seen} ({100 * gated / seen:.1f} %) | {calls} | {cost:.1f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
