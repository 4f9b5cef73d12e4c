"""Story, AI-content, minors and 同城 tasks on every writer set, read with the current session's halves (one tool for
what eval_story16, eval_story17 and eval_aigc18 restated with their own constants; session 19, story19; issue 15).

    python tools/eval_story.py --cache /tmp/s.jsonl                          # the session's focus (tasks 1, 6, 7, 10)
    python tools/eval_story.py --cache /tmp/s.jsonl --focus aigc             # tasks 6 and 7, the AI / minors labels
    python tools/eval_story.py --cache /tmp/s.jsonl --focus story            # tasks 1, 2, 7 and 10
    python tools/eval_story.py --cache /tmp/s.jsonl --focus commerce         # tasks 2, 5 and 6
    python tools/eval_story.py --cache /tmp/s.jsonl --focus minors           # task 7: harm reaching children
    python tools/eval_story.py --cache /tmp/s.jsonl --focus language         # task 8: language misuse
    python tools/eval_story.py --cache /tmp/s.jsonl --misses task7           # tune-half rows only
    python tools/eval_story.py --cache /tmp/after.jsonl --diff /tmp/before.jsonl

The recording is `writer_sets.record` (any writer-set tool's cache serves). Halves are the lead's of the current
session, read from `writer_sets` and nowhere else: report (counted only: `--misses` and `--diff` never list a row of
them) = `writer_sets.RULES_REPORT`; tune (read) = every other set. The sets printed one by one are the session's new
sets of both halves (`writer_sets.RULES_TUNE`, `RULES_REPORT`) and any named with `--sets`.
Per half and label of the focus: precision / recall of the labels a policy acted on; per half and task: violations
caught and hard negatives acted on (`eval_campaign_blind.judge`); per named set the same, one row a set.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import eval_story_sets  # noqa: E402
import writer_sets  # noqa: E402

# focus → (tasks, labels): the areas the story / AI / minors branches report on
FOCUS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "session": ((1, 6, 7, 10), ("aigc_unlabeled", "aigc_deceptive", "minors_harm", "grooming", "bullying",
                                "fan_frenzy", "wealth_flaunt", "local_concentration", "staged")),
    "aigc": ((6, 7), ("aigc_unlabeled", "aigc_explicit", "rumor", "impersonation", "minors_harm", "grooming",
                      "bullying")),
    "story": ((1, 2, 7, 10), ("staged", "rumor", "wealth_flaunt", "fan_frenzy", "extortion", "enterprise_smear",
                              "minors_harm", "grooming", "bullying", "local_concentration", "vulgar", "porn")),
    # session 21, story21: enterprises, livestream and AI content, and the labels no policy acted on all year
    "commerce": ((2, 5, 6), ("extortion", "enterprise_smear", "false_ad", "staged", "vulgar", "false_science",
                             "aigc_unlabeled", "aigc_deceptive", "fan_frenzy", "wealth_flaunt")),
    # session 21 (minors21): task 7 alone, by the labels of harm reaching children
    "minors": ((7,), ("minors_harm", "grooming", "bullying", "fan_frenzy", "vulgar", "porn")),
    # session 22 (lang22): task 8 alone, by the labels a disguised word carries
    "language": ((8,), ("language_misuse", "vulgar", "porn", "abuse", "antagonism")),
}


def report_sets() -> frozenset[str]:
    """The rule branches' report half of the current session (`writer_sets.RULES_REPORT`, its one home)."""
    return frozenset(writer_sets.RULES_REPORT)


def half(group: str) -> str:
    """'report' or 'tune' for a writer set, the current session's halves."""
    return "report" if group in report_sets() else "tune"


def named_sets(more: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The sets printed one by one: the session's new tune sets, its report sets, then `more`."""
    return tuple(dict.fromkeys((*writer_sets.RULES_TUNE, *writer_sets.RULES_REPORT, *more)))


def per_set(lines: list[dict[str, Any]], sets: tuple[str, ...], tasks: tuple[int, ...],
            labels: tuple[str, ...]) -> str:
    """Per named set: each task's violations caught · hard negatives acted on, per label P / R (TP), and the set's
    innocent rows acted on."""
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
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--focus", choices=tuple(FOCUS), default="session", help="tasks and labels reported")
    pre.add_argument("--sets", default="", help="comma-separated writer sets printed one by one beside the session's")
    ours, rest = pre.parse_known_args(argv)  # the rest is the shared command line (eval_story_sets.cli)
    tasks, labels = FOCUS[ours.focus]
    sets = named_sets(tuple(s for s in ours.sets.split(",") if s))
    return eval_story_sets.cli(rest, __doc__, half=half, labels=labels, tasks=tasks,
                               more=lambda lines: per_set(lines, sets, tasks, labels),
                               misses_help="a label or task<N>: the tune half's misses and false positives")


if __name__ == "__main__":
    raise SystemExit(main())
