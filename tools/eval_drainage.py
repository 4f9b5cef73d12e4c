#!/usr/bin/env python3
"""Precision / recall / false-positive rate of the engine's `drainage` label on the drainage dev set.

    python tools/eval_drainage.py                       # tests/data/drainage_dev.jsonl, all splits
    python tools/eval_drainage.py --misses              # also print every miss and false alarm

A post counts as flagged when its Decision carries a `drainage` label (any score: the contact detector
emits nothing under 0.5). "any" also counts the lure labels (porn, gambling, water_army, fraud).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LURES = frozenset({"porn", "gambling", "water_army", "fraud"})


def evaluate(rows: list[dict[str, Any]], engine: Any) -> dict[str, dict[str, Any]]:
    """Per split (and 'all'): counts, precision, recall, FPR, and the misses / false alarms."""
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        d = engine.moderate({"id": row["id"], "text": row["text"]})
        labels = {lab.label for lab in d.labels}
        flagged = "drainage" in labels
        for split in (row.get("split", "dev"), "all"):
            s = out.setdefault(split, {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "fp_any": 0, "misses": [], "alarms": []})
            if row["label"]:
                s["tp" if flagged else "fn"] += 1
                if not flagged:
                    s["misses"].append(row)
            else:
                s["fp" if flagged else "tn"] += 1
                s["fp_any"] += bool(labels & (LURES | {"drainage"}))
                if flagged or labels & LURES:
                    s["alarms"].append((row, sorted(labels)))
    for s in out.values():
        pos, neg = s["tp"] + s["fn"], s["fp"] + s["tn"]
        s["precision"] = s["tp"] / max(1, s["tp"] + s["fp"])
        s["recall"] = s["tp"] / max(1, pos)
        s["fpr"] = s["fp"] / max(1, neg)
        s["fpr_any"] = s["fp_any"] / max(1, neg)
        s["n_pos"], s["n_neg"] = pos, neg
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description="drainage dev-set evaluation")
    ap.add_argument("path", nargs="?", type=Path, default=ROOT / "tests" / "data" / "drainage_dev.jsonl")
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from qinglang.engine import Engine

    rows = [json.loads(line) for line in args.path.read_text("utf-8").splitlines() if line.strip()]
    res = evaluate(rows, Engine())
    print(f"{'split':8} {'pos':>5} {'neg':>5} {'precision':>9} {'recall':>7} {'FPR':>6} {'FPR(any)':>8}")
    for split, s in sorted(res.items()):
        print(f"{split:8} {s['n_pos']:5d} {s['n_neg']:5d} {s['precision']:9.3f} {s['recall']:7.3f} "
              f"{s['fpr']:6.3f} {s['fpr_any']:8.3f}")
    if args.misses:
        for split, s in sorted(res.items()):
            if split == "all":
                continue
            for row in s["misses"]:
                print(f"MISS  [{split}] {row['kind']}: {row['text']!r}")
            for row, labels in s["alarms"]:
                print(f"ALARM [{split}] {row['kind']}: {row['text']!r} {labels}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
