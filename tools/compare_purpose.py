#!/usr/bin/env python3
"""The shipped purpose model against a retrain, on the writer sets the shipped model never read (issue 16, session 23).

    PYTHONPATH=. python tools/compare_purpose.py --cache REC.pkl --shipped OLD_STEM [--folds 10] [--c 8]

REC.pkl is `tools/train_purpose.py --cache`'s recording (the rows the contact detector reported a contact on, the
session's report half never among them). OLD_STEM is the model to compare (`<stem>.npz` + `.json`, e.g. the one
`git show <commit>:qinglang/models/data/purpose.npz` gives); the sets it lists as trained on are left out of the
comparison. Every other set is scored by a retrain that never read it (`--folds` folds of whole writer sets, C as
`--c`). Prints the pooled AUC of both and, per `below`, how many non-diverting rows (innocent rows, other violations'
contacts) and diverting rows each puts below it: the discount's reach and its cost, on rows neither model read.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from train_purpose import auc, fit, target  # noqa: E402

from qinglang.models.stance import StanceModel  # noqa: E402

BELOW = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--shipped", type=Path, required=True, help="the model to compare (stem of .npz/.json)")
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--c", type=float, default=8.0)
    args = ap.parse_args(argv)
    with open(args.cache, "rb") as fh:
        rows = [r for r in pickle.load(fh) if r.get("text") is not None]
    for r in rows:
        r["y"] = target(r)
    old = StanceModel.load(args.shipped)
    read = set(json.loads(args.shipped.with_suffix(".json").read_text("utf-8")).get("sets", []))
    groups = sorted({r["group"] for r in rows})
    fold = {g: i % args.folds for i, g in enumerate(groups)}
    for k in range(args.folds):
        rest = [r for r in rows if fold[r["group"]] != k]
        m = fit([r["text"] for r in rest], [r["y"] for r in rest], args.c)
        for r in rows:
            if fold[r["group"]] == k:
                r["p_new"] = m.p_does(r["text"])
    sel = [r for r in rows if r["group"] not in read and r["group"] != "cold-train"]
    for r in sel:
        r["p_old"] = old.p_does(r["text"])
    pos, neg = [r for r in sel if r["y"]], [r for r in sel if not r["y"]]
    print(f"{len({r['group'] for r in sel})} sets the compared model never read: {len(pos)} diverting rows, "
          f"{len(neg)} not")
    for key, name in (("p_old", "compared model"), ("p_new", "retrain, each set left out")):
        print(f"AUC {name}: {auc([r[key] for r in pos], [r[key] for r in neg]):.3f}")
    print("\n| below | not diverting below: compared / retrain | diverting below: compared / retrain |\n|---|---|---|")
    for b in BELOW:
        print(f"| {b} | {sum(r['p_old'] < b for r in neg)} / {sum(r['p_new'] < b for r in neg)} | "
              f"{sum(r['p_old'] < b for r in pos)} / {sum(r['p_new'] < b for r in pos)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
