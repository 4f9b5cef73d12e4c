"""Staged stories, AI passed off as real and group jokes on every writer set, a tune half and a report half
(session 14, story14; issue 15 items 2 and 5, tasks 1, 4, 5, 6 and 10).

    python tools/eval_story_sets.py --cache /tmp/story.jsonl [--sets t1,unseen9] [--rerun]
    python tools/eval_story_sets.py --cache /tmp/story.jsonl --misses staged      # tune-half rows only
    python tools/eval_story_sets.py --cache /tmp/after.jsonl --diff /tmp/before.jsonl  # changed rows (tune listed)

Every writer-set row (`tools/writer_sets.rows`: corpus writers, blind A–E dev rows, unseen … unseen9, twin pairs
S1–S8; the blind holdout never) goes through the default engine once; the decisions are cached in `--cache` (one line
a row: set, expectation, action, the labels a policy acted on) so the figures and the miss lists read the same run.
Per half and label (`staged`, `antagonism`, `aigc_deceptive`, `aigc_unlabeled`): precision and recall of the labels a
policy acted on (`eval_campaign_blind.predicted_labels`), and the innocent rows (no violation expected) acted on with
that label. Per half and campaign task (1, 4, 5, 6, 10): violations caught and hard negatives acted on
(`eval_campaign_blind.judge`, the one home of those rules).

Tune half (read, rules chosen on it): corpus t1–t20, blind A–E, unseen … unseen5, unseen9, S1–S6. Report half (never
read while the rules were written; `--misses` refuses it): unseen6, unseen7, unseen8, t21, t22, S7, S8.
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

import eval_campaign_blind as campaign  # noqa: E402
import writer_sets  # noqa: E402

from qinglang.errors import InvalidContent  # noqa: E402

REPORT = frozenset({"unseen6", "unseen7", "unseen8", "t21", "t22", "S7", "S8"})
LABELS = ("staged", "antagonism", "aigc_deceptive", "aigc_unlabeled")
RANK = {"pass": 0, "label": 1, "limit": 2, "review": 3, "block": 4}
TASKS = (1, 4, 5, 6, 10)


def half(group: str) -> str:
    """'report' or 'tune' for a writer set."""
    return "report" if group in REPORT else "tune"


def record(groups: set[str] | None) -> list[dict[str, Any]]:
    """One cache line per writer-set row: the expectation and what the default engine decided."""
    from qinglang.engine import Engine

    picked = [(g, r) for g, _, r in writer_sets.rows() if groups is None or g in groups]
    engine = Engine()
    out = []
    for (g, r), d in zip(picked, engine.moderate_many([r["content"] for _, r in picked]), strict=True):
        exp = r.get("expect") or {}
        line: dict[str, Any] = {"set": g, "id": r["id"], "task": r.get("task"), "expect": exp,
                                "hard_negative": bool(r.get("hard_negative")),
                                "text": (r["content"].get("title") or "") + " " + (r["content"].get("text") or "")}
        if isinstance(d, InvalidContent):
            line.update(action="pass", acted=[], labels={}, invalid=True)
        else:
            caught, acted = campaign.judge(d, exp)
            line.update(action=d.action, acted=sorted(campaign.predicted_labels(d)),
                        labels={lr.label: [round(lr.score, 3), lr.rule] for lr in d.labels},
                        caught_any=caught, acted_on=acted, marks=list(d.marks))
        out.append(line)
    return out


def figures(lines: list[dict[str, Any]]) -> str:
    by: dict[str, Counter] = defaultdict(Counter)
    for ln in lines:
        h = half(ln["set"])
        want = set(ln["expect"].get("labels") or [])
        got = set(ln["acted"])
        for lab in LABELS:
            key = f"{h}:{lab}"
            by[key]["tp"] += lab in want and lab in got
            by[key]["fp"] += lab not in want and lab in got
            by[key]["fn"] += lab in want and lab not in got
            by[key]["innocent_hit"] += (not ln["expect"].get("violation")) and lab in got
            by[key]["reached"] += lab in want and lab in got and RANK[ln["action"]] >= RANK[floor(ln)]
        if not ln["expect"].get("violation"):
            by[f"{h}:all"]["innocent"] += 1
            by[f"{h}:all"]["innocent_acted"] += bool(ln.get("acted_on"))
        if isinstance(ln["task"], int) and ln["task"] in TASKS:
            key = f"{h}:task{ln['task']}"
            if ln["expect"].get("violation"):
                by[key]["viol"] += 1
                by[key]["caught"] += bool(ln.get("caught_any"))
            elif ln["hard_negative"]:
                by[key]["hard"] += 1
                by[key]["hard_acted"] += bool(ln.get("acted_on"))
    out = ["| half | label | P | R | TP | FP | FN | at the expected action | innocent rows acted on with it |",
           "|---|---|---|---|---|---|---|---|---|"]
    for h in ("tune", "report"):
        for lab in LABELS:
            c = by[f"{h}:{lab}"]
            p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
            r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
            out.append(f"| {h} | {lab} | {p:.2f} | {r:.2f} | {c['tp']} | {c['fp']} | {c['fn']} | {c['reached']} | "
                       f"{c['innocent_hit']} |")
    out += ["", "| half | innocent rows (every set, every task) acted on |", "|---|---|"]
    out += [f"| {h} | {by[f'{h}:all']['innocent_acted']}/{by[f'{h}:all']['innocent']} |" for h in ("tune", "report")]
    out += ["", "| half | task | violations caught | hard negatives acted on |", "|---|---|---|---|"]
    for h in ("tune", "report"):
        for t in TASKS:
            c = by[f"{h}:task{t}"]
            out.append(f"| {h} | {t} | {c['caught']}/{c['viol']} | {c['hard_acted']}/{c['hard']} |")
    return "\n".join(out)


def floor(line: dict[str, Any]) -> str:
    """The mildest action the writer accepts for a row."""
    return line["expect"].get("action_at_least") or "pass"


def diff(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> str:
    """Rows whose action or acted-on labels changed between two caches: counted per half, listed for the tune half
    only (the report half is never read row by row)."""
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
                       f"{ln['acted']} want={ln['expect'].get('labels')}≥{floor(ln)}\n    {ln['text'].strip()[:160]}")
    return "\n".join([*(f"{k}: {v}" for k, v in sorted(counts.items())), *out])


def misses(lines: list[dict[str, Any]], label: str) -> str:
    """Tune-half rows where `label` was expected and not acted on, or acted on and not expected."""
    out = []
    for ln in lines:
        if half(ln["set"]) != "tune":
            continue
        want, got = label in (ln["expect"].get("labels") or []), label in ln["acted"]
        if want != got:
            kind = "MISS" if want else "FP"
            out.append(f"{kind} {ln['set']} {ln['id']} {ln['action']} {sorted(ln['labels'])} "
                       f"want={ln['expect'].get('labels')}\n    {ln['text'].strip()}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, required=True, help="decisions cache (JSONL); recorded when missing")
    ap.add_argument("--sets", default="", help="comma-separated writer sets to record (default: all)")
    ap.add_argument("--rerun", action="store_true", help="record again even when the cache exists")
    ap.add_argument("--misses", default="", help="a label: list the tune half's misses and false positives of it")
    ap.add_argument("--diff", type=Path, default=None, help="an earlier cache: the rows whose decision changed")
    args = ap.parse_args(argv)
    if args.rerun or not args.cache.exists():
        groups = set(args.sets.split(",")) if args.sets else None
        lines = record(groups)
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
