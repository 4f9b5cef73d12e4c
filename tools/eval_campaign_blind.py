"""Score the default engine on the blind campaign sets (tests/data/blind/*.jsonl, written from the notice by
people who never read the code; format in docs/accuracy.md).

Per task: violations caught (the item gets one of its expected labels AND an action other than `pass`), hard
negatives acted on (an action stricter than the item's `action_at_least`, e.g. `limit` on a post that should pass
or only carry a mark), all innocent items acted on; then per-label precision / recall / F1, where a label counts
as predicted when the decision carries it and a policy acted on it (the label has a policy rule and the action is
not `pass`).

    python tools/eval_campaign_blind.py --split dev [--markdown] [--misses]
    python tools/eval_campaign_blind.py --split holdout --markdown      # figures only: never tune on these

`--misses` lists the dev items the engine gets wrong (refused on the holdout split).
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

from qinglang.engine import Engine  # noqa: E402
from qinglang.labels import Action  # noqa: E402

DEFAULT_DIR = ROOT / "tests" / "data" / "blind"


def load(paths: list[Path], split: str) -> list[dict[str, Any]]:
    rows = []
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    if split == "all" or row.get("split") == split:
                        rows.append(row)
    return rows


def predicted_labels(decision: Any) -> set[str]:
    if decision.action == "pass":
        return set()
    return {lr.label for lr in decision.labels if lr.policy_rule}


def judge(decision: Any, expect: dict[str, Any]) -> tuple[bool, bool]:
    """(caught, acted): a violation is caught when the decision carries one of its expected labels with a non-pass
    action; an innocent row is acted on when the action is stricter than the mildest correct one (a mark is fine).
    The one home of these two rules for every blind-set evaluator."""
    caught = bool(set(expect.get("labels") or []) & {lr.label for lr in decision.labels}) and decision.action != "pass"
    acted = Action.parse(decision.action) > Action.parse(expect.get("action_at_least") or "pass")
    return caught, acted


def tally(got: set[str], want: set[str], tp: Counter, fp: Counter, fn: Counter) -> None:
    """Count one row's labels: acted-on labels against the expected ones."""
    for lab in got | want:
        if lab in got and lab in want:
            tp[lab] += 1
        elif lab in got:
            fp[lab] += 1
        else:
            fn[lab] += 1


def label_figures(tp: Counter, fp: Counter, fn: Counter) -> dict[str, dict[str, float]]:
    """Per label: counts, precision, recall, F1."""
    out = {}
    for lab in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        r = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        out[lab] = {"tp": tp[lab], "fp": fp[lab], "fn": fn[lab], "precision": p, "recall": r,
                    "f1": 2 * p * r / (p + r) if p + r else 0.0}
    return out


def evaluate(engine: Engine, rows: list[dict[str, Any]]) -> dict[str, Any]:
    tasks: dict[str, Counter] = defaultdict(Counter)
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    wrong: list[dict[str, Any]] = []
    for row in rows:
        d = engine.moderate(row["content"])
        exp = row["expect"]
        task = str(row["task"])
        t = tasks[task]
        got = predicted_labels(d)
        want = set(exp.get("labels") or [])
        caught, strict = judge(d, exp)
        ok = True
        if exp.get("violation"):
            t["violations"] += 1
            t["caught"] += caught
            ok = caught
        else:
            t["innocent"] += 1
            t["innocent_acted"] += strict
            if row.get("hard_negative"):
                t["hard_negatives"] += 1
                t["hard_acted"] += strict
            ok = not strict
            if exp.get("action_at_least") == "label":
                t["need_mark"] += 1
                marks_ok = set(exp.get("marks") or []) <= set(d.marks) and d.action != "pass"
                t["marked"] += marks_ok
        tally(got, want, tp, fp, fn)
        if not ok:
            wrong.append({"id": row["id"], "task": task, "want": sorted(want), "action": d.action,
                          "labels": {lr.label: round(lr.score, 2) for lr in d.labels},
                          "expect_action": exp.get("action_at_least"), "hard_negative": row.get("hard_negative")})
    return {"tasks": {k: dict(v) for k, v in sorted(tasks.items(), key=lambda kv: _task_key(kv[0]))},
            "labels": label_figures(tp, fp, fn), "wrong": wrong, "n": len(rows)}


def _task_key(t: str) -> tuple[int, str]:
    return (int(t), "") if t.isdigit() else (999, t)


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f} %)" if b else "–"


def report(res: dict[str, Any], markdown: bool) -> str:
    out = []
    head = ["task", "violations caught", "hard negatives acted on", "all innocent acted on", "marks given"]
    rows = []
    tot: Counter = Counter()
    for task, t in res["tasks"].items():
        tot.update(t)
        rows.append([task, _pct(t.get("caught", 0), t.get("violations", 0)),
                     _pct(t.get("hard_acted", 0), t.get("hard_negatives", 0)),
                     _pct(t.get("innocent_acted", 0), t.get("innocent", 0)),
                     _pct(t.get("marked", 0), t.get("need_mark", 0))])
    rows.append(["all", _pct(tot["caught"], tot["violations"]), _pct(tot["hard_acted"], tot["hard_negatives"]),
                 _pct(tot["innocent_acted"], tot["innocent"]), _pct(tot["marked"], tot["need_mark"])])
    lab_head = ["label", "precision", "recall", "F1", "tp", "fp", "fn"]
    lab_rows = [[lab, f"{v['precision']:.2f}", f"{v['recall']:.2f}", f"{v['f1']:.2f}", str(v["tp"]), str(v["fp"]),
                 str(v["fn"])] for lab, v in res["labels"].items()]
    for h, rs in ((head, rows), (lab_head, lab_rows)):
        if markdown:
            out.append("| " + " | ".join(h) + " |")
            out.append("|" + "---|" * len(h))
            out.extend("| " + " | ".join(r) + " |" for r in rs)
        else:
            widths = [max(len(str(x)) for x in col) for col in zip(h, *rs, strict=True)]
            out.append("  ".join(str(x).ljust(w) for x, w in zip(h, widths, strict=True)))
            out.extend("  ".join(str(x).ljust(w) for x, w in zip(r, widths, strict=True)) for r in rs)
        out.append("")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path, help="JSONL sets (default: tests/data/blind/task*.jsonl)")
    ap.add_argument("--split", choices=["dev", "holdout", "all"], default="dev")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--misses", action="store_true", help="list the items the engine gets wrong (dev only)")
    ap.add_argument("--json", type=Path, help="write the full result here")
    ap.add_argument("--semantic", nargs="?", const="e5", choices=["e5", "static", "cascade", "writers", "off"],
                    help="the semantic tier with this embedder (e5 when no value; off: none); without the flag the "
                         "shipped registry decides (static)")
    ap.add_argument("--detectors", type=Path, default=None, help="detector registry YAML (default: shipped)")
    args = ap.parse_args()
    paths = args.files or sorted(DEFAULT_DIR.glob("task*.jsonl"))
    if not paths:
        print(f"no blind sets found under {DEFAULT_DIR}", file=sys.stderr)
        return 2
    if args.misses and args.split != "dev":
        print("--misses is for the dev split only: the holdout split is a generalization check", file=sys.stderr)
        return 2
    engine = Engine.from_config(detectors=args.detectors) if args.detectors else Engine()
    if args.semantic:
        from qinglang.detectors.semantic import tier_registry

        engine = Engine.from_config(detectors=tier_registry(None if args.semantic == "off" else args.semantic))
    res = evaluate(engine, load(paths, args.split))
    names = [str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p) for p in paths]
    print(f"{res['n']} items, split {args.split}, files: {', '.join(names)}")
    print(report(res, args.markdown))
    if args.misses:
        for w in res["wrong"]:
            print(json.dumps(w, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
