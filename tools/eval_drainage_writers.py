#!/usr/bin/env python3
"""引流 and gambling labels on the writer sets that are not 引流 files: corpus writers, twin pairs, unseen task files
(issue 16, session 15).

    PYTHONPATH=. python tools/eval_drainage_writers.py [--half tune|report|all] [--misses] [--json OUT] [--cache C]

`tools/eval_drainage_sets.py` scores the 引流 and SMS files; most fresh 引流 rows now come from the corpus writers and
the campaign task files, where a row carries `drainage` or `gambling` among other labels. Per writer set, through the
default engine, counted as tools/eval_campaign_blind.py counts a label (on the decision, a policy rule acted on it,
action not `pass`):
- 引流 rows caught: a violation expecting `drainage` whose decision carries it with a non-pass action;
- `drainage` and `gambling`: precision / recall over every row of the set;
- innocent acted on: an innocent row acted on (stricter than its `action_at_least`) with `drainage` or `gambling` among
  the acted-on labels (the rows this area can wrong).

The rows are recorded by `writer_sets.record` (the one recorder: each row decided alone, a row the contract rejects
counted as decided `pass` and named); `--cache` shares the recording with the other writer-set tools.

Session 15's halves: tune = corpus t23, t24, twin S9 (new material, read for this work); report = unseen10's task
files, twin S10 and corpus t22 (not read). Session 16 (drain16): tune adds unseen11's task files, corpus t25 and twin
S11 (read for this work); report adds corpus t26 and twin S12 (counted only, misses not read); session 15's report sets
stay listed there (read in no session for 引流 work since). Session 17 (drain17): tune adds unseen12's task files,
corpus t27 and twin S13; report adds unseen13's task files, corpus t28 and twin S14 (`writer_sets.RULES_REPORT`).
Session 18 (drain18): tune adds unseen14's task files, corpus t29 and twins S16, S18; session 17's report sets
(unseen13, t28, S14) move to the tune half, read from now on; report = unseen15's task files, corpus t30 and twins S15,
S17 (`writer_sets.RULES_REPORT`), beside the older report lines. Session 19 (drain19): the session's halves come from
`writer_sets` (`RULES_TUNE`: unseen16, t31, S19; `RULES_REPORT_BEFORE`: session 18's report sets unseen15, t30, S15,
S17, read from now on; `RULES_REPORT`: unseen17, t32, S20, counted only). `--misses` is refused on the report half.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import writer_sets  # noqa: E402

LABELS = ("drainage", "gambling")
# unseen10-unseen15: their campaign task files only (as unseen10 before)
TUNE = (*writer_sets.RULES_TUNE, *writer_sets.RULES_REPORT_BEFORE, "S27", "t39", "unseen22", "S26", "t38",
        "unseen21", "S25", "t37", "unseen20", "S24", "t36",
        "unseen19", "S23", "t35", "unseen18", "S20", "t32",
        "unseen17", "S21", "S22", "t33", "t34", "unseen16", "t31",
        "S19", "unseen15", "t30", "S15", "S17", "unseen14", "t29", "S16", "S18", "unseen13", "t28", "S14", "unseen12",
        "t27", "S13", "unseen11", "t25", "S11", "t24", "t23", "S9")
REPORT = (*writer_sets.RULES_REPORT, "t26", "S12", "unseen10", "S10", "t22")
# their 引流 / SMS files: eval_drainage_sets
_TASK_FILES_ONLY = tuple(n for n in TUNE + REPORT if n.startswith("unseen"))


def _mine(group: str, path: Path) -> bool:
    return (group in TUNE or group in REPORT) and (group not in _TASK_FILES_ONLY or path.name.startswith("task"))


def score(recorded: list[dict[str, Any]]) -> dict[str, Any]:
    c: Counter = Counter()
    wrong: list[dict[str, Any]] = []
    for row in recorded:
        want = set(row["want"]) & set(LABELS)
        got = set(row["got"]) & set(LABELS)
        for lab in LABELS:
            c[f"{lab}_tp"] += lab in got and lab in want
            c[f"{lab}_fp"] += lab in got and lab not in want
            c[f"{lab}_fn"] += lab in want and lab not in got
        if row["violation"] and "drainage" in want:
            c["drain_rows"] += 1
            c["drain_caught"] += "drainage" in got
            if "drainage" not in got:
                wrong.append({"kind": "MISS ", "row": row})
        if not row["violation"]:
            c["innocent"] += 1
            hit = row["acted"] and bool(got)
            c["innocent_acted"] += hit
            if hit:
                wrong.append({"kind": "ALARM", "row": row})
        elif got - want:
            wrong.append({"kind": "WRONG", "row": row})
    return {"c": c, "wrong": wrong}


def _pr(c: Counter, lab: str) -> str:
    tp, fp, fn = c[f"{lab}_tp"], c[f"{lab}_fp"], c[f"{lab}_fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return f"{p:.2f} / {r:.2f} ({tp}, {fp}, {fn})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=("tune", "report", "all"), default="all")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--cache", type=Path, default=None,
                    help="writer-set rows recorded by any writer-set tool (`writer_sets`); recorded when missing")
    args = ap.parse_args(argv)
    if args.misses and args.half != "tune":
        print("--misses is for the tune half only", file=sys.stderr)
        return 2
    sets = (TUNE if args.half in ("tune", "all") else ()) + (REPORT if args.half in ("report", "all") else ())
    if args.cache is not None:
        recorded = [r for r in writer_sets.recorded(args.cache) if _mine(r["group"], Path(r["file"]))]
    else:
        recorded = writer_sets.record(None, set(sets), files=_mine)
    if writer_sets.rejected(recorded):
        print(writer_sets.rejected(recorded) + "\n")
    out = []
    print("| half | set | 引流 rows caught | innocent acted on (drainage/gambling) | drainage P / R (tp, fp, fn) | "
          "gambling P / R (tp, fp, fn) |\n|---|---|---|---|---|---|")
    for name in sets:
        res = score([r for r in recorded if r["group"] == name])
        c = res["c"]
        half = "tune" if name in TUNE else "report"
        label = f"{name}-tasks" if name in _TASK_FILES_ONLY else name
        print(f"| {half} | {label} | {c['drain_caught']}/{c['drain_rows']} | {c['innocent_acted']}/{c['innocent']} | "
              f"{_pr(c, 'drainage')} | {_pr(c, 'gambling')} |")
        out.append({"set": label, **dict(c)})
        if args.misses:
            for w in res["wrong"]:
                r = w["row"]
                labs = ",".join(f"{lab}={v[0]:.2f}" for lab, v in r["labels"].items())
                print(f"  {w['kind']} {r['id']} want={r['want']} {r['action']} [{labs}]: {r['text'][:200]!r}")
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
