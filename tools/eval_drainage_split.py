#!/usr/bin/env python3
"""引流 / gambling / water-army / fraud figures on a tune half and a report half of the blind material (issue 16).

    PYTHONPATH=. python tools/eval_drainage_split.py [--half tune|report|all] [--misses]

Tune half: `unseen6/` and `unseen5/` (引流 posts, SMS, campaign task 3 and task 10 rows). Report half: `unseen4/`,
`unseen3/`, `unseen2/`, `unseen/`, the `holdout` rows of `live/drainage.jsonl`, `live/gambling_sms.jsonl` and
`task03.jsonl`, and the twin pairs of `$QINGLANG_TRAIN7/S1/s1.jsonl` (default corpus/twins) whose violating row
carries drainage, gambling, water_army or fraud. Counting is tools/eval_campaign_blind.judge: a violation is caught
when it gets an expected label with a non-pass action; an innocent row is acted on when its action is stricter than
its `action_at_least`. `--misses` is refused on the report half.
"""

from __future__ import annotations

import argparse
import json
import os
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
TRAIN7 = Path(os.environ.get("QINGLANG_TRAIN7", ROOT / "corpus" / "twins"))
LABELS = ("drainage", "gambling", "water_army", "fraud", "porn")
FAMILY = {"drainage", "gambling", "water_army", "fraud"}
TUNE = ("unseen6", "unseen5")
REPORT = ("unseen4", "unseen3", "unseen2", "unseen")


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _task_rows(path: Path) -> list[dict[str, Any]]:
    return _read(path) if path.exists() else []


def sets(half: str) -> dict[str, list[dict[str, Any]]]:
    """Named row lists of one half: posts, SMS and campaign rows (task 3, task 10) per folder."""
    out: dict[str, list[dict[str, Any]]] = {}
    folders = (TUNE if half in ("tune", "all") else ()) + (REPORT if half in ("report", "all") else ())
    for name in folders:
        d = BLIND / name
        out[f"{name}/posts"] = _read(d / "drainage.jsonl")
        out[f"{name}/sms"] = _read(d / "gambling_sms.jsonl")
        out[f"{name}/task03+10"] = _task_rows(d / "task03.jsonl") + _task_rows(d / "task10.jsonl")
    if half in ("report", "all"):
        out["holdout/posts"] = [r for r in _read(BLIND / "live" / "drainage.jsonl") if r.get("split") == "holdout"]
        out["holdout/sms"] = [r for r in _read(BLIND / "live" / "gambling_sms.jsonl") if r.get("split") == "holdout"]
        out["holdout/task03"] = [r for r in _read(BLIND / "task03.jsonl") if r.get("split") == "holdout"]
        s1 = TRAIN7 / "S1" / "s1.jsonl"
        if s1.exists():
            rows = _read(s1)
            keep = {r["pair"] for r in rows if r["expect"]["violation"] and FAMILY & set(r["expect"]["labels"])}
            out["S1 pairs"] = [r for r in rows if r.get("pair") in keep]
    return out


def score(engine: Engine, rows: list[dict[str, Any]], misses: bool) -> dict[str, Any]:
    c: Counter = Counter()
    lab: Counter = Counter()
    wrong = []
    decisions = engine.moderate_many([r["content"] for r in rows])
    for row, d in zip(rows, decisions, strict=True):
        exp = row["expect"]
        want, got = set(exp.get("labels") or []), predicted_labels(d)
        caught, acted = judge(d, exp)
        if exp.get("violation"):
            c["v"] += 1
            c["caught"] += caught
            bad = not caught
        else:
            c["n"] += 1
            c["acted"] += acted
            bad = acted
        for x in LABELS:
            lab[(x, "tp" if x in got and x in want else "fp" if x in got else "fn" if x in want else "tn")] += 1
        if misses and bad:
            ev = "; ".join(f"{lr.label}={lr.score:.2f}[{lr.policy_rule or '-'}] "
                           + ",".join(f"{e.rule}:{e.text}" for e in lr.evidence[:3]) for lr in d.labels)
            wrong.append(f"{'MISS ' if exp.get('violation') else 'ALARM'} {row['id']} want={sorted(want)} "
                         f"{d.action}: {row['content'].get('text', '')[:160]!r}\n      {ev}")
    return {"c": c, "lab": lab, "wrong": wrong}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=("tune", "report", "all"), default="tune")
    ap.add_argument("--misses", action="store_true", help="list misses and false alarms (tune half only)")
    args = ap.parse_args(argv)
    if args.misses and args.half != "tune":
        print("--misses is for the tune half only", file=sys.stderr)
        return 2
    engine = Engine()
    total: Counter = Counter()
    print("| set | caught | innocent acted on | " + " | ".join(f"{x} P/R" for x in LABELS) + " |")
    print("|---|---|---|" + "---|" * len(LABELS))
    for name, rows in sets(args.half).items():
        if not rows:
            continue
        res = score(engine, rows, args.misses)
        c, lab = res["c"], res["lab"]
        total.update(c)
        cells = []
        for x in LABELS:
            tp, fp, fn = lab[(x, "tp")], lab[(x, "fp")], lab[(x, "fn")]
            cells.append(f"{tp / (tp + fp):.2f}/{tp / (tp + fn):.2f}" if tp + fn and tp + fp
                         else f"-/{tp}of{tp + fn}" if tp + fn else f"fp {fp}" if fp else "")
        print(f"| {name} | {c['caught']}/{c['v']} | {c['acted']}/{c['n']} | " + " | ".join(cells) + " |")
        for w in res["wrong"]:
            print(w)
    print(f"\ntotal: caught {total['caught']}/{total['v']}, innocent acted on {total['acted']}/{total['n']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
