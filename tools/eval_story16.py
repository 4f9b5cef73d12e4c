"""Tasks 1, 2 and 10 — misleading stories, antagonism, 同城 — on every writer set, this session's halves
(session 16, story16; issue 15).

    python tools/eval_story16.py --cache /tmp/s16.jsonl                    # figures per half, per set
    python tools/eval_story16.py --cache /tmp/s16.jsonl --misses task1     # tune-half rows only
    python tools/eval_story16.py --cache /tmp/after.jsonl --diff /tmp/before.jsonl

The recording is `writer_sets.record` (any writer-set tool's cache serves: `eval_story_sets`, `eval_local_sets`).
Halves for the sets new this session: tune (read, rules chosen on them) = S11, t25, unseen11 and every older set;
report (counted only: `--misses` and `--diff` never list a row of them) = S12, t26.
Per half and label (`antagonism`, `staged`, `rumor`, `false_ad`): precision / recall of the labels a policy acted on;
per half and per set, tasks 1, 2 and 10: violations caught and hard negatives acted on (`eval_campaign_blind.judge`).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import eval_story_sets  # noqa: E402
import writer_sets  # noqa: E402

REPORT = frozenset(writer_sets.RULES_REPORT)  # the rule branches' report half of the current session
LABELS = ("antagonism", "staged", "rumor", "false_ad")
TASKS = (1, 2, 10)
# the sets printed one by one (every other set is in its half's total)
NAMED = ("unseen11", "t25", "S11", "S9", "unseen10", "unseen9", "S12", "t26")


def half(group: str) -> str:
    """'report' or 'tune' for a writer set, this session's halves."""
    return "report" if group in REPORT else "tune"


def per_set(lines: list[dict[str, Any]], sets: tuple[str, ...] = NAMED, tasks: tuple[int, ...] = TASKS,
            labels: tuple[str, ...] = LABELS) -> str:
    """Per named set: tasks 1, 2, 10 caught / hard negatives acted on (the sets with tasks), and per label P / R (TP)
    with the innocent rows of the set acted on."""
    c: dict[tuple[str, Any], Counter] = defaultdict(Counter)
    for ln in lines:
        g = ln["group"]
        if g not in sets:
            continue
        if ln["task"] in tasks:
            k = (g, ln["task"])
            if ln["violation"]:
                c[k]["viol"] += 1
                c[k]["caught"] += bool(ln["caught"])
            elif ln["hard"]:
                c[k]["hard"] += 1
                c[k]["acted"] += bool(ln["acted"])
        want, got = set(ln["want"]), set(ln["got"])
        for lab in labels:
            c[(g, lab)]["tp"] += lab in want and lab in got
            c[(g, lab)]["fp"] += lab not in want and lab in got
            c[(g, lab)]["fn"] += lab in want and lab not in got
        if not ln["violation"]:
            c[(g, "all")]["innocent"] += 1
            c[(g, "all")]["acted"] += bool(ln["acted"])
    out = ["| set (half) | " + " | ".join(f"task {t} caught · HN acted on" for t in tasks) + " | "
           + " | ".join(f"{lab} P / R (TP)" for lab in labels) + " | innocent acted on |",
           "|---|" + "---|" * (len(tasks) + len(labels) + 1)]
    for s in sets:
        cells = [f"{c[(s, t)]['caught']}/{c[(s, t)]['viol']} · {c[(s, t)]['acted']}/{c[(s, t)]['hard']}"
                 if c[(s, t)]["viol"] + c[(s, t)]["hard"] else "–" for t in tasks]
        for lab in labels:
            k = c[(s, lab)]
            p = k["tp"] / (k["tp"] + k["fp"]) if k["tp"] + k["fp"] else 0.0
            r = k["tp"] / (k["tp"] + k["fn"]) if k["tp"] + k["fn"] else 0.0
            cells.append(f"{p:.2f} / {r:.2f} ({k['tp']})" if k["tp"] + k["fp"] + k["fn"] else "–")
        cells.append(f"{c[(s, 'all')]['acted']}/{c[(s, 'all')]['innocent']}")
        out.append(f"| {s} ({half(s)}) | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    return eval_story_sets.cli(argv, __doc__, half=half, labels=LABELS, tasks=TASKS, more=per_set,
                               misses_help="a label or task<N>: the tune half's misses and false positives")

if __name__ == "__main__":
    raise SystemExit(main())
