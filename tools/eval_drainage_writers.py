#!/usr/bin/env python3
"""引流 and gambling labels on the writer sets that are not 引流 files: corpus writers, twin pairs, unseen task files
(issue 16, session 15).

    PYTHONPATH=. python tools/eval_drainage_writers.py [--half tune|report|all] [--misses] [--json OUT]

`tools/eval_drainage_sets.py` scores the 引流 and SMS files; most fresh 引流 rows now come from the corpus writers and
the campaign task files, where a row carries `drainage` or `gambling` among other labels. Per writer set, through the
default engine, counted as tools/eval_campaign_blind.py counts a label (on the decision, a policy rule acted on it,
action not `pass`):
- 引流 rows caught: a violation expecting `drainage` whose decision carries it with a non-pass action;
- `drainage` and `gambling`: precision / recall over every row of the set;
- innocent acted on: an innocent row acted on (stricter than its `action_at_least`) with `drainage` or `gambling` among
  the acted-on labels (the rows this area can wrong).

Session 15's halves: tune = corpus t23, t24, twin S9 (new material, read for this work); report = unseen10's task
files, twin S10 and corpus t22 (not read). `--misses` is refused on the report half.
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

from eval_campaign_blind import judge, predicted_labels  # noqa: E402

from qinglang.engine import Engine  # noqa: E402

BLIND = ROOT / "tests" / "data" / "blind"
LABELS = ("drainage", "gambling")
TUNE = {"t24": [ROOT / "corpus/train/t24.jsonl"], "t23": [ROOT / "corpus/train/t23.jsonl"],
        "S9": [ROOT / "corpus/twins/S9/s9.jsonl"]}
REPORT = {"unseen10-tasks": sorted((BLIND / "unseen10").glob("task*.jsonl")),
          "S10": [ROOT / "corpus/twins/S10/s10.jsonl"], "t22": [ROOT / "corpus/train/t22.jsonl"]}


def _rows(paths: list[Path]) -> list[dict[str, Any]]:
    out = []
    for p in paths:
        for line in p.read_text("utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                if "content" in r and r.get("split") != "holdout":
                    out.append(r)
    return out


def score(engine: Engine, rows: list[dict[str, Any]]) -> dict[str, Any]:
    c: Counter = Counter()
    wrong: list[dict[str, Any]] = []
    for row in rows:
        d = engine.moderate(row["content"])
        exp = row["expect"]
        want = set(exp.get("labels") or []) & set(LABELS)
        got = predicted_labels(d) & set(LABELS)
        _, acted = judge(d, exp)
        for lab in LABELS:
            c[f"{lab}_tp"] += lab in got and lab in want
            c[f"{lab}_fp"] += lab in got and lab not in want
            c[f"{lab}_fn"] += lab in want and lab not in got
        if exp.get("violation") and "drainage" in want:
            c["drain_rows"] += 1
            c["drain_caught"] += "drainage" in got
            if "drainage" not in got:
                wrong.append({"kind": "MISS ", "row": row, "d": d})
        if not exp.get("violation"):
            c["innocent"] += 1
            hit = acted and bool(got)
            c["innocent_acted"] += hit
            if hit:
                wrong.append({"kind": "ALARM", "row": row, "d": d})
        elif got - want:
            wrong.append({"kind": "WRONG", "row": row, "d": d})
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
    args = ap.parse_args(argv)
    if args.misses and args.half != "tune":
        print("--misses is for the tune half only", file=sys.stderr)
        return 2
    sets = {**(TUNE if args.half in ("tune", "all") else {}), **(REPORT if args.half in ("report", "all") else {})}
    engine = Engine()
    out = []
    print("| half | set | 引流 rows caught | innocent acted on (drainage/gambling) | drainage P / R (tp, fp, fn) | "
          "gambling P / R (tp, fp, fn) |\n|---|---|---|---|---|---|")
    for name, paths in sets.items():
        res = score(engine, _rows(paths))
        c = res["c"]
        half = "tune" if name in TUNE else "report"
        print(f"| {half} | {name} | {c['drain_caught']}/{c['drain_rows']} | {c['innocent_acted']}/{c['innocent']} | "
              f"{_pr(c, 'drainage')} | {_pr(c, 'gambling')} |")
        out.append({"set": name, **dict(c)})
        if args.misses:
            for w in res["wrong"]:
                r, d = w["row"], w["d"]
                labs = ",".join(f"{lr.label}={lr.score:.2f}" for lr in d.labels)
                print(f"  {w['kind']} {r['id']} want={r['expect'].get('labels')} {d.action} [{labs}]: "
                      f"{r['content'].get('text', '')[:200]!r}")
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
