"""Named writer sets through the real engine with the writer bank scored leave-one-set-out, and the rows that change
against another tree's recording — how a bank is judged through the whole engine (stance and policy after the tier):

    python tools/eval_bank_engine.py --out /tmp/new.jsonl                       # this tree, the session's named sets
    python tools/eval_bank_engine.py --out /tmp/new.jsonl --against /tmp/start.jsonl   # + what changed per row

Each set is scored by the shipped engine whose semantic tier's bank leaves out the report half
(`writer_sets.RULES_REPORT`) and, for a tune set, the set itself (`WriterBank.without`): no row is scored by a bank
that read it. A start tree is recorded the same way (run this file with that tree's `qinglang` first on the path: its
bank never read the new sets, and `without` drops nothing it lacks). Printed per half and set: violations caught
(an expected label and a non-pass action) and hard negatives acted on (`eval_campaign_blind.judge`); per label
precision / recall over the half; with `--against`, the rows caught / lost / newly acted on, by id and the labels
that stand (report rows are counted and named, their text is never printed).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import writer_sets  # noqa: E402

REPORT = frozenset(writer_sets.RULES_REPORT)


def record(sets: list[str]) -> list[dict[str, Any]]:
    """Every row of `sets` through the default engine, the writer bank without the report half (and the row's set)."""
    from qinglang.engine import Engine

    engine = Engine()
    tier = next((d for d in engine.detectors if getattr(d, "writers", None) is not None), None)
    full = tier.writers if tier is not None else None
    out: list[dict[str, Any]] = []
    for s in sets:
        if tier is not None and full is not None:
            tier.writers = full.without(REPORT | {s})
        out += writer_sets.record(engine, {s})
    if tier is not None:
        tier.writers = full
    return out


def figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Per half and set: caught / violations, hard negatives acted on / hard negatives; per half and label: P / R."""
    per: dict[str, Counter] = defaultdict(Counter)
    tp: dict[str, Counter] = defaultdict(Counter)
    fp: dict[str, Counter] = defaultdict(Counter)
    fn: dict[str, Counter] = defaultdict(Counter)
    for x in rows:
        half = "report" if x["group"] in REPORT else "tune"
        for key in (half, x["group"]):
            c = per[key]
            c["violations"] += x["violation"]
            c["caught"] += x["caught"]
            c["hard_n"] += x["hard"]
            c["hard"] += x["acted"] and x["hard"]
        got = set(x["got"]) if x["action"] != "pass" else set()
        want = set(x["want"]) if x["violation"] else set()
        for lb in got | want:
            (tp if lb in got and lb in want else fp if lb in got else fn)[half][lb] += 1
    labels = {h: {lb: (round(tp[h][lb] / max(1, tp[h][lb] + fp[h][lb]), 3),
                       round(tp[h][lb] / max(1, tp[h][lb] + fn[h][lb]), 3), tp[h][lb] + fn[h][lb])
                  for lb in sorted(set(tp[h]) | set(fp[h]) | set(fn[h]))} for h in ("tune", "report")}
    return {"sets": {k: dict(v) for k, v in per.items()}, "labels": labels}


def changes(new: list[dict[str, Any]], old: list[dict[str, Any]]) -> list[str]:
    """One line per row whose outcome moved: caught / lost / acted on / no longer acted on / labels changed."""
    before = {(x["group"], x["file"], x["id"]): x for x in old}
    out = []
    for x in new:
        y = before.get((x["group"], x["file"], x["id"]))
        if y is None:
            continue
        kind = ("caught" if x["caught"] and not y["caught"] else "LOST" if y["caught"] and not x["caught"] else
                "acted" if x["acted"] and not y["acted"] else "spared" if y["acted"] and not x["acted"] else
                "labels" if (set(x["got"]), x["action"]) != (set(y["got"]), y["action"]) else "")
        if kind:
            half = "report" if x["group"] in REPORT else "tune"
            out.append(f"{half} {kind:7s} {x['group']}/{x['id']} want={','.join(x['want']) or '-'} "
                       f"{y['action']}:{','.join(y['got']) or '-'} -> {x['action']}:{','.join(x['got']) or '-'}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default=",".join((*writer_sets.RULES_REPORT, *writer_sets.RULES_TUNE)),
                    help="comma-separated writer sets (default: the session's report half and named tune sets)")
    ap.add_argument("--out", type=Path, required=True, help="the recorded rows (JSONL; reused when present)")
    ap.add_argument("--against", type=Path, default=None, help="another tree's recording of the same sets")
    args = ap.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]
    rows = writer_sets.load(args.out) if args.out.exists() else record(sets)
    if not args.out.exists():
        writer_sets.save(rows, args.out)
    f = figures(rows)
    for key in ("tune", "report", *sets):
        c = f["sets"].get(key, {})
        print(f"{key:10s} caught {c.get('caught', 0)}/{c.get('violations', 0)}  hard negatives acted on "
              f"{c.get('hard', 0)}/{c.get('hard_n', 0)}")
    for half, per in f["labels"].items():
        print(f"{half} P/R (support): " + ", ".join(f"{lb} {p:.2f}/{r:.2f} ({n})" for lb, (p, r, n) in per.items()))
    if args.against:
        for line in changes(rows, writer_sets.load(args.against)):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
