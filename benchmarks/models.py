"""Throughput of the full text pipeline with and without the shipped models (one process, one core).

    python benchmarks/models.py [--rows N] [--repeat 3] [--join K]

Reads COLD dev (../shared/data/cold/dev.jsonl) as the workload: real Weibo/Zhihu comments, ~48 chars each
(`--join 3`: three consecutive comments per post, ~150 chars, closer to the engine's throughput workload).
Prints posts/s (CPU time, best of N) for: the default engine with the model detector disabled (baseline),
the default engine (every default detector, models on), the lexicon-only engine, and the model detector
alone — and the ratios against the baseline measured in this same run.
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

import yaml  # noqa: E402

from qinglang.detectors import Views  # noqa: E402
from qinglang.engine import Engine  # noqa: E402
from qinglang.model import Content  # noqa: E402
from qinglang.models.detector import ModelDetector  # noqa: E402

DATA = Path(os.environ.get("QINGLANG_SHARED", ROOT / ".." / "shared")) / "data" / "cold" / "dev.jsonl"


def best_rate(fn, n: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return n / best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=6431)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--join", type=int, default=1, help="Comments joined (with ，) into one post.")
    args = ap.parse_args()
    with open(DATA, encoding="utf-8") as fh:
        comments = [json.loads(line)["text"] for line in fh]
    texts = ["，".join(comments[k:k + args.join]) for k in range(0, len(comments), args.join)][: args.rows]
    items = [{"id": str(k), "text": t} for k, t in enumerate(texts)]
    registry = yaml.safe_load((ROOT / "qinglang" / "detectors" / "default.yaml").read_text("utf-8"))
    for d in registry["detectors"]:
        if d["type"] == "model":
            d["enabled"] = False
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.yaml"
        bare.write_text("detectors:\n  - {name: lexicon, type: lexicon}\n", "utf-8")
        lexicon_only = Engine.from_config(detectors=bare)
        no_model = Path(tmp) / "no_model.yaml"
        no_model.write_text(yaml.safe_dump(registry, allow_unicode=True), "utf-8")
        without = Engine.from_config(detectors=no_model)
        with_models = Engine.from_config()  # the default registry: every default detector, models on
    det = next(d for d in with_models.detectors if isinstance(d, ModelDetector))
    for e in (lexicon_only, without, with_models):  # warm caches (phonetic tables, models)
        for it in items[:200]:
            e.moderate(it)

    def run(engine: Engine) -> None:
        for it in items:
            engine.moderate(it)

    norm = with_models.normalizer
    views = [Views.build(Content.from_json(it), norm) for it in items]

    def model_only() -> None:
        for v in views:
            det.detect(v.content, v)

    base = best_rate(lambda: run(without), len(items), args.repeat)
    full = best_rate(lambda: run(with_models), len(items), args.repeat)
    lex = best_rate(lambda: run(lexicon_only), len(items), args.repeat)
    alone = best_rate(model_only, len(items), args.repeat)
    chars = sum(len(t) for t in texts) / len(texts)
    print(f"workload: {len(items)} COLD dev posts, {chars:.1f} chars/post; CPU time, best of {args.repeat}")
    print(f"engine without models : {base:9.0f} posts/s  (1.00; default registry, model detector off)")
    print(f"engine with models    : {full:9.0f} posts/s  ({full / base:.2f} of baseline; default registry)")
    print(f"lexicon-only engine   : {lex:9.0f} posts/s  ({lex / base:.2f} of baseline)")
    print(f"model detector alone  : {alone:9.0f} posts/s  (views already built; {det.id})")
    print(f"models' share of the full pipeline's CPU time: {1 - full / base:.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
