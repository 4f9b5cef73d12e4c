#!/usr/bin/env python3
"""The default engine on CNTP (real cloaked toxicity): clean P/R/F1 and recall kept per perturbation.

    python tools/eval_cntp.py                          # ../shared/data/cntp (or $QINGLANG_SHARED/data/cntp)
    python tools/eval_cntp.py --markdown               # the table for docs/accuracy.md
    python tools/eval_cntp.py --misses emoji --n 30    # print perturbed rows lost although their clean row was found
    python tools/eval_cntp.py --detectors tools/cold_model_p50.yaml   # another detector registry (as `scan`)
    python tools/eval_cntp.py --split val              # only the validation sentences (never trained on)
    python tools/eval_cntp.py --models /tmp/m          # models trained elsewhere instead of the shipped ones

`--split val` keeps the sentences `tools/train_models.py::cntp_is_val` holds out of the `cold` model's training
(about a fifth of this half, by sentence); `--split train` the others (trained on: figures flatter).

The engine is what `qinglang scan` runs (`Engine()`, decided through `moderate_many`). A row counts as flagged
when its Decision carries `abuse` or `antagonism` (any score), as issue 16 measures. On `base.jsonl`:
precision, recall and F1 against CNTP's toxic label. For each perturbation file (every row toxic, naming its
clean sentence by `sentence_id`): recall on the perturbed rows divided by recall on their clean rows —
"recall kept" (1.0 = the cloak costs nothing).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LABELS = frozenset({"abuse", "antagonism"})
PERTURBATIONS = ("traditional", "shuffle", "homophone", "pinyin_initial", "split_chaizi",
                 "visual_similar_radical", "emoji", "pinyin_full")


def cntp_dir() -> Path:
    shared = os.environ.get("QINGLANG_SHARED")
    return (Path(shared) if shared else ROOT.parent / "shared") / "data" / "cntp"


def read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def in_split(sentence_id: int | str, split: str) -> bool:
    if split == "all":
        return True
    sys.path.insert(0, str(ROOT / "tools"))
    from train_models import cntp_is_val

    return cntp_is_val(sentence_id) == (split == "val")


def flagged(engine: Any, rows: list[dict[str, Any]], labels: frozenset[str] = LABELS) -> list[bool]:
    out = []
    for d in engine.moderate_many({"id": str(r["id"]), "text": r["text"]} for r in rows):
        out.append(bool(hasattr(d, "labels") and {lab.label for lab in d.labels} & labels))
    return out


def evaluate(engine: Any, data: Path, kinds: tuple[str, ...] = PERTURBATIONS, split: str = "all") -> dict[str, Any]:
    base = [r for r in read(data / "base.jsonl") if in_split(r["sentence_id"], split)]
    t0 = time.perf_counter()
    hit = flagged(engine, base)
    secs = time.perf_counter() - t0
    tp = sum(h and r["label"] == 1 for h, r in zip(hit, base, strict=True))
    fp = sum(h and r["label"] != 1 for h, r in zip(hit, base, strict=True))
    pos = sum(r["label"] == 1 for r in base)
    p, r = tp / max(1, tp + fp), tp / max(1, pos)
    res: dict[str, Any] = {"base": {"n": len(base), "precision": p, "recall": r,
                                    "f1": 2 * p * r / max(1e-12, p + r), "posts_per_s": len(base) / secs},
                           "perturbations": {}}
    clean_hit = {row["sentence_id"]: h for row, h in zip(base, hit, strict=True)}
    for kind in kinds:
        rows = [row for row in read(data / f"{kind}.jsonl") if row["sentence_id"] in clean_hit]
        phit = flagged(engine, rows)
        clean_r = sum(clean_hit[row["sentence_id"]] for row in rows) / max(1, len(rows))
        pert_r = sum(phit) / max(1, len(rows))
        lost = [row for row, h in zip(rows, phit, strict=True) if clean_hit[row["sentence_id"]] and not h]
        res["perturbations"][kind] = {"n": len(rows), "clean_recall": clean_r, "recall": pert_r,
                                      "kept": pert_r / clean_r if clean_r else 0.0, "lost": lost}
    return res


def markdown(res: dict[str, Any]) -> str:
    b = res["base"]
    lines = [f"base (clean, {b['n']} rows): P {b['precision']:.3f} · R {b['recall']:.3f} · F1 {b['f1']:.3f}", "",
             "| perturbation | rows | clean recall | cloaked recall | recall kept |", "|---|---|---|---|---|"]
    for kind, s in res["perturbations"].items():
        lines.append(f"| {kind} | {s['n']} | {s['clean_recall']:.3f} | {s['recall']:.3f} | {s['kept']:.3f} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description="CNTP: clean F1 and recall kept per perturbation (default engine)")
    ap.add_argument("--data", type=Path, default=None, help="CNTP folder (default: ../shared/data/cntp)")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--misses", default=None, help="print lost rows of this perturbation")
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--json", type=Path, default=None, help="also write the figures (without lost rows) here")
    ap.add_argument("--split", choices=("all", "val", "train"), default="all",
                    help="CNTP sentences: all, the validation fifth held out of training, or the rest")
    ap.add_argument("--models", type=Path, default=None, help="folder of model files replacing the shipped ones")
    ap.add_argument("--detectors", type=Path, default=None, help="detector registry YAML (default: the shipped one)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from qinglang.engine import Engine

    if args.models:
        from qinglang.models import linear

        linear._shipped = lambda name: linear.LinearModel.load(args.models / name)  # type: ignore[assignment]
    engine = Engine.from_config(detectors=args.detectors) if args.detectors else Engine()
    res = evaluate(engine, args.data or cntp_dir(), split=args.split)
    print(markdown(res))
    if args.json:
        slim = {"base": res["base"], "perturbations": {k: {kk: vv for kk, vv in v.items() if kk != "lost"}
                                                       for k, v in res["perturbations"].items()}}
        args.json.write_text(json.dumps(slim, indent=1), "utf-8")
    if args.misses:
        for row in res["perturbations"][args.misses]["lost"][: args.n]:
            print(f"{row['text']}\t<- {row['original_text']}\t{row.get('toxic_entity')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
