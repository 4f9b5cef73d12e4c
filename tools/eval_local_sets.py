"""Tasks 1 (Spring Festival), 6 (AI content) and 10 (同城) on every writer set, a tune half and a report half
(session 15, local15; issue 15).

    python tools/eval_local_sets.py --cache /tmp/local.jsonl [--rerun]
    python tools/eval_local_sets.py --cache /tmp/local.jsonl --misses wealth_flaunt   # tune-half rows only
    python tools/eval_local_sets.py --cache /tmp/after.jsonl --diff /tmp/before.jsonl  # changed rows (tune listed)

The decisions are recorded by `eval_story_sets.record` (every `writer_sets.rows()` row through the default engine,
the blind holdout never), so one cache serves both tools. Halves are the learned stages' halves of session 15 (the
brief): **report** = unseen7, unseen8, unseen10, S2, S3, S6, S8, S10 (never read row by row: `--misses` and `--diff`
refuse to list them); **tune** = every other writer set (corpus t1–t24, blind A–E dev rows, unseen … unseen6,
unseen9, S1, S4, S5, S7, S9).

Per half: campaign tasks 1, 6 and 10 (violations caught = an expected label and a non-pass action; hard negatives
acted on = stricter than the writer's floor; `eval_campaign_blind.judge`), and per label of these tasks precision,
recall, rows at the writer's action and innocent rows acted on with it (labels a policy acted on).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import eval_story_sets as story  # noqa: E402

REPORT = frozenset({"unseen7", "unseen8", "unseen10", "S2", "S3", "S6", "S8", "S10"})
LABELS = ("staged", "wealth_flaunt", "fan_frenzy", "minors_harm", "rumor", "local_concentration", "vulgar",
          "water_army", "drainage", "antagonism", "abuse", "aigc_unlabeled", "aigc_deceptive")
TASKS = (1, 6, 10)
RANK = story.RANK


def half(group: str) -> str:
    """'report' or 'tune' for a writer set."""
    return "report" if group in REPORT else "tune"


def figures(lines: list[dict[str, Any]]) -> str:
    by: dict[str, Counter] = defaultdict(Counter)
    for ln in lines:
        h = half(ln["set"])
        want = set(ln["expect"].get("labels") or [])
        got = set(ln["acted"])
        for lab in LABELS:
            c = by[f"{h}:{lab}"]
            c["tp"] += lab in want and lab in got
            c["fp"] += lab not in want and lab in got
            c["fn"] += lab in want and lab not in got
            c["innocent_hit"] += (not ln["expect"].get("violation")) and lab in got
            c["reached"] += lab in want and lab in got and RANK[ln["action"]] >= RANK[story.floor(ln)]
        if isinstance(ln["task"], int) and ln["task"] in TASKS:
            c = by[f"{h}:task{ln['task']}"]
            if ln["expect"].get("violation"):
                c["viol"] += 1
                c["caught"] += bool(ln.get("caught_any"))
                c["reached"] += bool(ln.get("caught_any")) and RANK[ln["action"]] >= RANK[story.floor(ln)]
            elif ln["hard_negative"]:
                c["hard"] += 1
                c["hard_acted"] += bool(ln.get("acted_on"))
    out = ["| half | task | violations caught | at the writer's action | hard negatives acted on |",
           "|---|---|---|---|---|"]
    for h in ("tune", "report"):
        for t in TASKS:
            c = by[f"{h}:task{t}"]
            out.append(f"| {h} | {t} | {c['caught']}/{c['viol']} | {c['reached']} | {c['hard_acted']}/{c['hard']} |")
    out += ["", "| half | label | P | R | TP | FP | FN | at the writer's action | innocent rows acted on with it |",
            "|---|---|---|---|---|---|---|---|---|"]
    for h in ("tune", "report"):
        for lab in LABELS:
            c = by[f"{h}:{lab}"]
            p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
            r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
            out.append(f"| {h} | {lab} | {p:.2f} | {r:.2f} | {c['tp']} | {c['fp']} | {c['fn']} | {c['reached']} | "
                       f"{c['innocent_hit']} |")
    return "\n".join(out)


def misses(lines: list[dict[str, Any]], label: str) -> str:
    """Tune-half rows where `label` was expected and not acted on, or acted on and not expected (`task1` … lists a
    task's missed violations and acted-on hard negatives instead)."""
    out = []
    for ln in lines:
        if half(ln["set"]) != "tune":
            continue
        if label.startswith("task"):
            if ln["task"] != int(label[4:]):
                continue
            viol = bool(ln["expect"].get("violation"))
            if (viol and ln.get("caught_any")) or (not viol and not ln.get("acted_on")):
                continue
            kind = "MISS" if viol else "FP"
        else:
            want, got = label in (ln["expect"].get("labels") or []), label in ln["acted"]
            if want == got:
                continue
            kind = "MISS" if want else "FP"
        out.append(f"{kind} {ln['set']} {ln['id']} {ln['action']} {sorted(ln['labels'])} "
                   f"want={ln['expect'].get('labels')}≥{story.floor(ln)}\n    {ln['text'].strip()}")
    return "\n".join(out)


def diff(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> str:
    """Rows whose action or acted-on labels changed: counted per half, listed for the tune half only."""
    old = {(x["set"], x["id"]): x for x in before}
    out, counts = [], Counter()
    for ln in after:
        was = old.get((ln["set"], ln["id"]))
        if was is None or (was["action"], was["acted"]) == (ln["action"], ln["acted"]):
            continue
        h = half(ln["set"])
        viol = bool(ln["expect"].get("violation"))
        up = RANK[ln["action"]] > RANK[was["action"]]
        counts[f"{h}:{'violation' if viol else 'innocent'}:{'stricter' if up else 'milder or relabelled'}"] += 1
        if h == "tune":
            out.append(f"{'V' if viol else 'I'} {ln['set']} {ln['id']} {was['action']}{was['acted']} -> {ln['action']}"
                       f"{ln['acted']} want={ln['expect'].get('labels')}≥{story.floor(ln)}\n"
                       f"    {ln['text'].strip()[:160]}")
    return "\n".join([*(f"{k}: {v}" for k, v in sorted(counts.items())), *out])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, required=True, help="decisions cache (JSONL); recorded when missing")
    ap.add_argument("--rerun", action="store_true", help="record again even when the cache exists")
    ap.add_argument("--misses", default="", help="a label or task1/task6/task10: the tune half's errors")
    ap.add_argument("--diff", type=Path, default=None, help="an earlier cache: the rows whose decision changed")
    args = ap.parse_args(argv)
    if args.rerun or not args.cache.exists():
        lines = story.record(None)
        args.cache.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    lines = [json.loads(x) for x in args.cache.read_text("utf-8").splitlines() if x.strip()]
    if args.diff is not None:
        before = [json.loads(x) for x in args.diff.read_text("utf-8").splitlines() if x.strip()]
        print(diff(before, lines))
    else:
        print(misses(lines, args.misses) if args.misses else figures(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
