"""Task 6 (unlabelled AI content) on every frozen writer set, one line per set.

    python tools/eval_aigc_sets.py [--sets dev unseen unseen2 ...] [--misses] [--json OUT]

Per set: task-6 violations caught (`eval_campaign_blind.judge`: an expected label and a non-pass action), task-6
innocent rows acted on (stricter than their mildest correct action), `aigc_unlabeled` precision / recall over
*all* tasks of the set (a label counts when a policy acted on it, `eval_campaign_blind.predicted_labels`), and the
hard negatives of the other nine tasks acted on. `dev` is the dev split of `tests/data/blind/task*.jsonl`; the
holdout split is never read here. `--misses` prints the task-6 rows judged wrong and every `aigc_unlabeled` false
positive or miss, for the sets named (use it on the tune half only).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import eval_campaign_blind as campaign  # noqa: E402

from qinglang.engine import Engine  # noqa: E402

BLIND = ROOT / "tests" / "data" / "blind"
SETS = ["dev", "unseen", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6", "unseen7"]
LABEL = "aigc_unlabeled"


def rows_of(name: str) -> list[dict]:
    if name == "dev":
        return campaign.load(sorted(BLIND.glob("task*.jsonl")), "dev")
    return campaign.load(sorted((BLIND / name).glob("task*.jsonl")), "all")


def score(engine: Engine, rows: list[dict], misses: bool) -> dict:
    c: Counter = Counter()
    for row in rows:
        d = engine.moderate(row["content"])
        exp = row["expect"]
        caught, acted = campaign.judge(d, exp)
        got = LABEL in campaign.predicted_labels(d)
        want = LABEL in (exp.get("labels") or [])
        c["tp" if got and want else "fp" if got else "fn" if want else "tn"] += 1
        six = int(row["task"]) == 6
        if six and exp.get("violation"):
            c["viol"] += 1
            c["caught"] += caught
        elif six:
            c["innocent"] += 1
            c["acted"] += acted
        elif row.get("hard_negative"):
            c["other_hn"] += 1
            c["other_hn_acted"] += acted
        wrong = (six and ((exp.get("violation") and not caught) or (not exp.get("violation") and acted))) or \
            (got != want)
        if misses and wrong:
            print(json.dumps({"id": row["id"], "want": exp.get("labels"), "min": exp.get("action_at_least"),
                              "action": d.action, "labels": {lr.label: round(lr.score, 2) for lr in d.labels},
                              "rules": sorted({e.rule for lr in d.labels for e in lr.evidence})[:6],
                              "text": row["content"].get("text", "")[:160]}, ensure_ascii=False))
    return dict(c)


def line(name: str, c: dict) -> str:
    tp, fp, fn = c.get("tp", 0), c.get("fp", 0), c.get("fn", 0)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return (f"| {name} | {c.get('caught', 0)}/{c.get('viol', 0)} | {c.get('acted', 0)}/{c.get('innocent', 0)} | "
            f"{p:.2f} ({tp}/{tp + fp}) | {r:.2f} ({tp}/{tp + fn}) | "
            f"{c.get('other_hn_acted', 0)}/{c.get('other_hn', 0)} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="*", default=SETS, choices=SETS)
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    engine = Engine()
    out = {}
    print("| set | task-6 caught | task-6 innocent acted on | aigc_unlabeled P | aigc_unlabeled R | "
          "other tasks' hard negatives acted on |\n|---|---|---|---|---|---|")
    for name in args.sets:
        out[name] = score(engine, rows_of(name), args.misses)
        print(line(name, out[name]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
