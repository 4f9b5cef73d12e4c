#!/usr/bin/env python3
"""Score the default engine on the blind 引流 and gambling-SMS sets (issue 16), per split and per label.

    PYTHONPATH=. python tools/eval_drainage_blind.py --split dev [--misses] [--markdown]
    PYTHONPATH=. python tools/eval_drainage_blind.py --split holdout --markdown   # figures only, never tune

Default sets: tests/data/blind/live/drainage.jsonl (引流 posts + hard negatives) and
tests/data/blind/live/gambling_sms.jsonl (gambling / 引流 SMS ads + ordinary SMS). Written by a person who never read
the code (tests/data/blind/README.md); frozen.

Per set and split:
- rows: violations caught (one of the expected labels is on the decision and the action is not `pass`), innocent
  rows acted on (an action stricter than `action_at_least`: the false-positive rate), precision of "acted on";
- per label (`drainage`, `gambling`, …): a label counts as predicted when the decision carries it, a policy rule acted
  on it and the action is not `pass` (as tools/eval_campaign_blind.py counts it); precision, recall, FPR (share of
  rows without the label that get it).

`--misses` (dev only) lists each missed violation and each innocent row acted on, with the labels, the action and
the evidence (rule, span text) the engine gave, so misses can be grouped by cause.
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

from eval_campaign_blind import judge, label_figures, predicted_labels, tally  # noqa: E402

from qinglang.engine import Engine  # noqa: E402

DEFAULT_SETS = (ROOT / "tests/data/blind/live/drainage.jsonl", ROOT / "tests/data/blind/live/gambling_sms.jsonl")


def load(path: Path, split: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in rows if split == "all" or r.get("split") == split]


def _evidence(decision: Any) -> list[str]:
    out = []
    for lr in decision.labels:
        spans = "; ".join(f"{e.rule or lr.rule}:{e.text}" for e in lr.evidence[:4])
        out.append(f"{lr.label}={lr.score:.2f}[{lr.policy_rule or '-'}] {spans}")
    return out


def evaluate(engine: Engine, rows: list[dict[str, Any]]) -> dict[str, Any]:
    c: Counter = Counter()
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    neg: Counter = Counter()
    wrong: list[dict[str, Any]] = []
    for row in rows:
        d = engine.moderate(row["content"])
        exp = row["expect"]
        want = set(exp.get("labels") or [])
        got = predicted_labels(d)
        ok, strict = judge(d, exp)
        if exp.get("violation"):
            c["violations"] += 1
            c["caught"] += ok
        else:
            c["innocent"] += 1
            c["innocent_acted"] += strict
            c["hard_negatives"] += bool(row.get("hard_negative"))
            c["hard_acted"] += strict and bool(row.get("hard_negative"))
            ok = not strict
        tally(got, want, tp, fp, fn)
        for lab in {"drainage", "gambling"} - want:
            neg[lab] += 1
        if not ok:
            wrong.append({"id": row["id"], "violation": bool(exp.get("violation")), "want": sorted(want),
                          "action": d.action, "text": row["content"].get("text", ""), "note": row.get("note", ""),
                          "evidence": _evidence(d)})
    labels = label_figures(tp, fp, fn)
    for lab, fig in labels.items():
        fig["fpr"] = fp[lab] / neg[lab] if neg[lab] else 0.0
    acted = c["caught"] + c["innocent_acted"]
    return {"rows": dict(c), "labels": labels, "wrong": wrong, "n": len(rows),
            "recall": c["caught"] / c["violations"] if c["violations"] else 0.0,
            "fpr": c["innocent_acted"] / c["innocent"] if c["innocent"] else 0.0,
            "precision": c["caught"] / acted if acted else 0.0}


def report(name: str, split: str, res: dict[str, Any], markdown: bool) -> str:
    r = res["rows"]
    head = ["set", "split", "violations caught (recall)", "innocent acted on (FPR)", "hard negatives acted on",
            "precision"]
    body = [[name, split, f"{r.get('caught', 0)}/{r.get('violations', 0)} ({res['recall']:.3f})",
             f"{r.get('innocent_acted', 0)}/{r.get('innocent', 0)} ({res['fpr']:.3f})",
             f"{r.get('hard_acted', 0)}/{r.get('hard_negatives', 0)}", f"{res['precision']:.3f}"]]
    lab_head = ["set", "split", "label", "precision", "recall", "F1", "FPR", "tp", "fp", "fn"]
    lab_body = [[name, split, lab, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}",
                 f"{v['fpr']:.3f}", str(v["tp"]), str(v["fp"]), str(v["fn"])] for lab, v in res["labels"].items()]
    out = []
    for h, rows in ((head, body), (lab_head, lab_body)):
        if markdown:
            out.append("| " + " | ".join(h) + " |")
            out.append("|" + "---|" * len(h))
            out.extend("| " + " | ".join(x) + " |" for x in rows)
        else:
            widths = [max(len(x) for x in col) for col in zip(h, *rows, strict=True)]
            out.append("  ".join(x.ljust(w) for x, w in zip(h, widths, strict=True)))
            out.extend("  ".join(x.ljust(w) for x, w in zip(row, widths, strict=True)) for row in rows)
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, help="JSONL sets (default: the two live/ sets)")
    ap.add_argument("--split", choices=("dev", "holdout", "all"), default="dev")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--misses", action="store_true", help="list misses and false alarms with evidence (dev only)")
    ap.add_argument("--json", type=Path, help="write the full result here")
    args = ap.parse_args(argv)
    if args.misses and args.split != "dev":
        print("--misses is for the dev split only: the holdout split is a generalization check", file=sys.stderr)
        return 2
    paths = args.files or list(DEFAULT_SETS)
    engine = Engine()
    results: dict[str, Any] = defaultdict(dict)
    for path in paths:
        res = evaluate(engine, load(path, args.split))
        results[path.stem][args.split] = res
        print(report(path.stem, args.split, res, args.markdown))
        if args.misses:
            for w in res["wrong"]:
                kind = "MISS " if w["violation"] else "ALARM"
                print(f"{kind} {w['id']} want={w['want']} action={w['action']}: {w['text']!r}")
                print(f"      note: {w['note']}")
                for ev in w["evidence"]:
                    print(f"      {ev}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
