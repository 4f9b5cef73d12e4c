"""How much a recall head's floor moves with the writer sets it is chosen on, under the single-best rule (sessions
12-15) and the resampled rule (`train_recall_heads.pick_floor`, session 16): from a trainer report's per-set tables
(`train_recall_heads.py --report R.json`, whose `tune_grid` rows carry `per_set`), no engine run.

    python tools/floor_stability.py --report R.json [--without S11,t25]

Per label: the floor each rule picks on the whole tune half; on the tune half without the sets named in `--without`
(the sets a retrain adds: what the floor would have been before them); and in how many of the leave-one-tune-set-out
choices it differs from the whole half's (a retrain that loses or gains one writer set). Incumbent floors are not
applied here: this measures the choice itself.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from train_recall_heads import GRID, pick_floor  # noqa: E402


def tables(entry: dict[str, Any]) -> dict[float, dict[str, Counter]]:
    """A label's per-set change at each grid floor, as `pick_floor` reads it."""
    out: dict[float, dict[str, Counter]] = {f: {} for f in GRID}
    for row in entry.get("tune_grid", []):
        out[row["floor"]] = {g: Counter({"caught": c, "hard": h, "innocent": i})
                             for g, (c, h, i) in row.get("per_set", {}).items()}
    return out


def stability(report: dict[str, Any], without: tuple[str, ...] = ()) -> dict[str, dict[str, Any]]:
    groups = list(report["tune_sets"])
    out: dict[str, dict[str, Any]] = {}
    for label, entry in sorted(report["labels"].items()):
        if not entry.get("tune_grid") or "per_set" not in entry["tune_grid"][0]:
            continue
        per = tables(entry)
        e: dict[str, Any] = {}
        for name, stable in (("single_best", False), ("resampled", True)):
            whole = pick_floor(per, groups, stable)[0]
            fewer = [g for g in groups if g not in without]
            before = pick_floor({f: {g: c for g, c in t.items() if g in fewer} for f, t in per.items()}, fewer,
                                stable)[0]
            moved = sum(pick_floor({f: {k: c for k, c in t.items() if k != g} for f, t in per.items()},
                                   [k for k in groups if k != g], stable)[0] != whole for g in groups)
            e[name] = {"floor": whole, "without": before, "leave_one_out_moves": moved}
        out[label] = e
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--report", type=Path, required=True)
    ap.add_argument("--without", default="", help="comma-separated tune sets a retrain added")
    args = ap.parse_args(argv)
    report = json.loads(args.report.read_text("utf-8"))
    res = stability(report, tuple(x for x in args.without.split(",") if x))
    n = len(report["tune_sets"])
    for label, e in res.items():
        print(f"{label:18s} " + "  ".join(
            f"{k}: {v['floor']} (without: {v['without']}; moves in {v['leave_one_out_moves']}/{n} leave-one-out)"
            for k, v in e.items()))
    tot = {k: (sum(e[k]["floor"] != e[k]["without"] for e in res.values()),
               sum(e[k]["leave_one_out_moves"] for e in res.values())) for k in ("single_best", "resampled")}
    print(json.dumps({"labels": len(res), "floors_moved_by_the_added_sets": {k: v[0] for k, v in tot.items()},
                      "leave_one_out_moves": {k: v[1] for k, v in tot.items()}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
