"""Staged stories, AI passed off as real and group jokes on every writer set, a tune half and a report half
(session 14, story14; issue 15 items 2 and 5, tasks 1, 4, 5, 6 and 10).

    python tools/eval_story_sets.py --cache /tmp/story.jsonl [--sets t1,unseen9] [--rerun]
    python tools/eval_story_sets.py --cache /tmp/story.jsonl --misses staged      # tune-half rows only
    python tools/eval_story_sets.py --cache /tmp/after.jsonl --diff /tmp/before.jsonl  # changed rows (tune listed)

Every writer-set row (`tools/writer_sets.rows`: corpus writers, blind A–E dev rows, unseen … unseen10, twin pairs
S1–S10; the blind holdout never) goes through the default engine once, recorded by `writer_sets.record` (the one
recorder, session 15; a row the contract rejects counts as decided `pass` and is named); the rows are cached in
`--cache` (any writer-set tool's cache serves) so the figures and the miss lists read the same run.
Per half and label (`staged`, `antagonism`, `aigc_deceptive`, `aigc_unlabeled`): precision and recall of the labels a
policy acted on (`eval_campaign_blind.predicted_labels`), and the innocent rows (no violation expected) acted on with
that label. Per half and campaign task (1, 4, 5, 6, 10): violations caught and hard negatives acted on
(`eval_campaign_blind.judge`, the one home of those rules).

Tune half (read, rules chosen on it): corpus t1–t20, blind A–E, unseen … unseen5, unseen9, S1–S6. Report half (never
read while the rules were written; `--misses` refuses it): unseen6, unseen7, unseen8, t21, t22, S7, S8.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import writer_sets  # noqa: E402

REPORT = frozenset({"unseen6", "unseen7", "unseen8", "t21", "t22", "S7", "S8"})
LABELS = ("staged", "antagonism", "aigc_deceptive", "aigc_unlabeled")
RANK = {"pass": 0, "label": 1, "limit": 2, "review": 3, "block": 4}
TASKS = (1, 4, 5, 6, 10)


def half(group: str) -> str:
    """'report' or 'tune' for a writer set."""
    return "report" if group in REPORT else "tune"


def record(groups: set[str] | None) -> list[dict[str, Any]]:
    """One cache line per writer-set row: `writer_sets.record` (the one recorder; each row decided alone, a row the
    contract rejects counted as decided `pass` and named)."""
    return writer_sets.record(None, groups)


def figures(lines: list[dict[str, Any]], *, labels: tuple[str, ...] = LABELS, tasks: tuple[int, ...] = TASKS,
            half: Callable[[str], str] = half) -> str:
    """Per half and label: P / R, rows at the writer's action, innocent rows acted on with it; innocent rows acted on
    per half; per half and task: violations caught, hard negatives acted on, violations at the writer's action.
    `labels`, `tasks` and `half` let another report (eval_local_sets) read the same recording its own way."""
    by: dict[str, Counter] = defaultdict(Counter)
    for ln in lines:
        h = half(ln["group"])
        want = set(ln["want"])
        got = set(ln["got"])
        for lab in labels:
            key = f"{h}:{lab}"
            by[key]["tp"] += lab in want and lab in got
            by[key]["fp"] += lab not in want and lab in got
            by[key]["fn"] += lab in want and lab not in got
            by[key]["innocent_hit"] += (not ln["violation"]) and lab in got
            by[key]["reached"] += lab in want and lab in got and RANK[ln["action"]] >= RANK[floor(ln)]
        if not ln["violation"]:
            by[f"{h}:all"]["innocent"] += 1
            by[f"{h}:all"]["innocent_acted"] += bool(ln["acted"])
        if isinstance(ln["task"], int) and ln["task"] in tasks:
            key = f"{h}:task{ln['task']}"
            if ln["violation"]:
                by[key]["viol"] += 1
                by[key]["caught"] += bool(ln["caught"])
                by[key]["reached"] += bool(ln["caught"]) and RANK[ln["action"]] >= RANK[floor(ln)]
            elif ln["hard"]:
                by[key]["hard"] += 1
                by[key]["hard_acted"] += bool(ln["acted"])
    out = ["| half | label | P | R | TP | FP | FN | at the expected action | innocent rows acted on with it |",
           "|---|---|---|---|---|---|---|---|---|"]
    for h in ("tune", "report"):
        for lab in labels:
            c = by[f"{h}:{lab}"]
            p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
            r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
            out.append(f"| {h} | {lab} | {p:.2f} | {r:.2f} | {c['tp']} | {c['fp']} | {c['fn']} | {c['reached']} | "
                       f"{c['innocent_hit']} |")
    out += ["", "| half | innocent rows (every set, every task) acted on |", "|---|---|"]
    out += [f"| {h} | {by[f'{h}:all']['innocent_acted']}/{by[f'{h}:all']['innocent']} |" for h in ("tune", "report")]
    out += ["", "| half | task | violations caught | hard negatives acted on | caught at the expected action |",
            "|---|---|---|---|---|"]
    for h in ("tune", "report"):
        for t in tasks:
            c = by[f"{h}:task{t}"]
            out.append(f"| {h} | {t} | {c['caught']}/{c['viol']} | {c['hard_acted']}/{c['hard']} | {c['reached']} |")
    if writer_sets.rejected(lines):
        out += ["", writer_sets.rejected(lines)]
    return "\n".join(out)


def floor(line: dict[str, Any]) -> str:
    """The mildest action the writer accepts for a row."""
    return line["want_action"]


def diff(before: list[dict[str, Any]], after: list[dict[str, Any]], *, half: Callable[[str], str] = half) -> str:
    """Rows whose action or acted-on labels changed between two caches: counted per half, listed for the tune half
    only (the report half is never read row by row)."""
    old = {(x["group"], x["id"]): x for x in before}
    out, counts = [], Counter()
    for ln in after:
        was = old.get((ln["group"], ln["id"]))
        if was is None or (was["action"], was["got"]) == (ln["action"], ln["got"]):
            continue
        h = half(ln["group"])
        viol = ln["violation"]
        up = RANK[ln["action"]] > RANK[was["action"]]
        counts[f"{h}:{'violation' if viol else 'innocent'}:{'stricter' if up else 'milder or relabelled'}"] += 1
        if h == "tune":
            out.append(f"{'V' if viol else 'I'} {ln['group']} {ln['id']} {was['action']}{was['got']} -> {ln['action']}"
                       f"{ln['got']} want={ln['want']}≥{floor(ln)}\n    {_text(ln)[:160]}")
    return "\n".join([*(f"{k}: {v}" for k, v in sorted(counts.items())), *out])


def misses(lines: list[dict[str, Any]], label: str, *, half: Callable[[str], str] = half) -> str:
    """Tune-half rows where `label` was expected and not acted on, or acted on and not expected; `task<N>`: that
    task's missed violations and acted-on hard negatives."""
    out = []
    for ln in lines:
        if half(ln["group"]) != "tune":
            continue
        if label.startswith("task"):
            if ln["task"] != int(label[4:]):
                continue
            want = ln["violation"]
            got = bool(ln["caught"] if want else ln["acted"])
        else:
            want, got = label in ln["want"], label in ln["got"]
        if want != got:
            kind = "MISS" if want else "FP"
            out.append(f"{kind} {ln['group']} {ln['id']} {ln['action']} {sorted(ln['labels'])} "
                       f"want={ln['want']}\n    {_text(ln)}")
    return "\n".join(out)


def _text(ln: dict[str, Any]) -> str:
    return (ln["title"] + " " + ln["text"]).strip()


def cli(argv: list[str] | None, doc: str | None, *, half: Callable[[str], str] = half,
        labels: tuple[str, ...] = LABELS, tasks: tuple[int, ...] = TASKS, sets: bool = False,
        misses_help: str = "a label: list the tune half's misses and false positives of it",
        more: Callable[[list[dict[str, Any]]], str] | None = None) -> int:
    """The command line every report on this recording shares (this tool, `eval_local_sets`, `eval_story`): record
    or read `--cache`, then the changed rows (`--diff`), a label's tune-half misses (`--misses`) or the figures read
    with the caller's `half`, `labels` and `tasks` (and `more` of the caller's own after them). `sets`: offer
    `--sets`, the writer sets to record."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, required=True, help="decisions cache (JSONL); recorded when missing")
    if sets:
        ap.add_argument("--sets", default="", help="comma-separated writer sets to record (default: all)")
    ap.add_argument("--rerun", action="store_true", help="record again even when the cache exists")
    ap.add_argument("--misses", default="", help=misses_help)
    ap.add_argument("--diff", type=Path, default=None, help="an earlier cache: the rows whose decision changed")
    args = ap.parse_args(argv)
    groups = set(args.sets.split(",")) if sets and args.sets else None
    lines = writer_sets.recorded(args.cache, groups, rerun=args.rerun)
    if args.diff is not None:
        print(diff(writer_sets.load(args.diff), lines, half=half))
    elif args.misses:
        print(misses(lines, args.misses, half=half))
    else:
        print(figures(lines, labels=labels, tasks=tasks, half=half))
        if more is not None:
            print()
            print(more(lines))
    return 0


def main(argv: list[str] | None = None) -> int:
    return cli(argv, __doc__, sets=True)

if __name__ == "__main__":
    raise SystemExit(main())
