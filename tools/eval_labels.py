"""Label precision and recall per label across the writer sets, on a tune half and a report half (issue 15, item 3).

    python tools/eval_labels.py [--detectors REG.yaml] [--rows-out ROWS.jsonl] [--sets unseen8,S3] [--compare OLD.jsonl]

Every row of the writer sets (`writer_sets`: corpus writers, blind A-E dev rows, unseen … unseen8, twin pairs S1-S4)
goes through the engine once. A label counts as given when the decision carries it with a policy rule and an action
other than `pass` (`eval_campaign_blind.predicted_labels`, the per-label figures of every blind-set report); a given
label the row does not expect is a **wrong label** — on an innocent row (it is acted on for it) or on a violation of
another label (a 女拳 complaint called abuse). Printed per half: per label tp / fp / fn, precision, recall; and per
half the violations caught and innocent rows acted on (`eval_campaign_blind.judge`), so precision is never bought
with recall unseen, and of the caught violations how many got an action milder (`caught_under_action`) or stricter
(`caught_over_action`) than the writer's `action_at_least` (the action-level measure of the policies).
The rows are recorded by `writer_sets.record` (session 15, prec15: the one recorder the writer-set tools share; a
row the contract rejects is counted as decided `pass` and named, where this tool dropped it before).
`--rows-out` keeps each row's decision (labels, action, evidence with rule, span, normalized form and scope) for
reading the wrong labels of the tune half; `--compare` prints the rows whose outcome differs from an earlier
`--rows-out`.

Halves (`REPORT`): the report half is unseen6, unseen7, unseen8 and the twin sets S2, S3, S5 and S6 — sets the
campaign heads never read (they read corpus t1-t3, t8-t15, blind A-E and unseen, unseen2); the tune half is every other
set. Wrong labels were read on the tune half only. Per half also the campaign tasks 1-10 per task (caught, hard
negatives acted on).
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

import writer_sets  # noqa: E402
from eval_campaign_blind import label_figures, tally  # noqa: E402

from qinglang.engine import Engine, EngineConfig  # noqa: E402
from qinglang.labels import Action  # noqa: E402

REPORT = ("unseen6", "unseen7", "unseen8", "S2", "S3", "S5", "S6")
TWINS = writer_sets.TWINS


def half(group: str) -> str:
    return "report" if group in REPORT else "tune"


def decide_rows(engine: Engine, sets: set[str] | None) -> list[dict[str, Any]]:
    """Every writer-set row through `engine`: `writer_sets.record` (the one recorder; a row the contract rejects is
    counted as decided `pass` and named, where this tool used to drop it)."""
    return writer_sets.record(engine, sets)


def figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for h in ("tune", "report"):
        tp: Counter = Counter()
        fp: Counter = Counter()
        fn: Counter = Counter()
        c: Counter = Counter()
        for r in rows:
            if half(r["group"]) != h:
                continue
            tally(set(r["got"]), set(r["want"]), tp, fp, fn)
            c["violations"] += r["violation"]
            c["caught"] += r["caught"] and r["violation"]
            c["innocent"] += not r["violation"]
            c["innocent_acted"] += r["acted"] and not r["violation"]
            c["hard_acted"] += r["acted"] and r["hard"] and not r["violation"]
            c["wrong_labels"] += len(set(r["got"]) - set(r["want"]))
            if r["violation"] and r["caught"] and "want_action" in r:  # rows from before the field: not counted
                got, want = Action.parse(r["action"]), Action.parse(r["want_action"])
                c["caught_under_action"] += got < want  # caught, but milder than the writer's action_at_least
                c["caught_over_action"] += got > want
        out[h] = {"totals": dict(c), "labels": label_figures(tp, fp, fn)}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--detectors", type=Path, help="a registry YAML (default: the shipped one)")
    ap.add_argument("--rows-out", type=Path)
    ap.add_argument("--rows-in", type=Path, help="figures from an earlier --rows-out (no engine run)")
    ap.add_argument("--compare", type=Path, help="an earlier --rows-out: list the rows whose outcome changed")
    ap.add_argument("--sets", help="only these writer sets (comma-separated)")
    args = ap.parse_args()
    if args.rows_in:  # an earlier --rows-out, or any tool's writer_sets cache (the same rows)
        rows = writer_sets.load(args.rows_in)
        if args.sets:
            rows = [r for r in rows if r["group"] in set(args.sets.split(","))]
    else:
        engine = Engine(EngineConfig(detectors=args.detectors)) if args.detectors else Engine.from_config()
        rows = decide_rows(engine, set(args.sets.split(",")) if args.sets else None)
    if args.rows_out:
        writer_sets.save(rows, args.rows_out)
    res = figures(rows)
    if writer_sets.rejected(rows):
        print(writer_sets.rejected(rows))
    for h, v in res.items():
        print(f"## {h} half ({', '.join(REPORT) if h == 'report' else 'every other writer set'})")
        print(json.dumps(v["totals"]))
        print("| label | P | R | tp | fp | fn |\n|---|---|---|---|---|---|")
        for lab, f in v["labels"].items():
            print(f"| {lab} | {f['precision']:.2f} | {f['recall']:.2f} | {f['tp']} | {f['fp']} | {f['fn']} |")
    for h in ("tune", "report"):  # the campaign tasks 1-10 (task files), per task: caught, hard negatives acted on
        per: dict[str, Counter] = defaultdict(Counter)
        for r in rows:
            if half(r["group"]) == h and r["file"].startswith("task"):
                c = per[r["file"][4:6]]
                c["v"] += r["violation"]
                c["c"] += r["caught"] and r["violation"]
                c["h"] += r["hard"] and not r["violation"]
                c["a"] += r["acted"] and r["hard"] and not r["violation"]
        print(f"## {h} half, tasks: caught / violations, hard negatives acted on / hard negatives")
        print("; ".join(f"{t}: {c['c']}/{c['v']}, {c['a']}/{c['h']}" for t, c in sorted(per.items())))
    if args.compare:
        old = {(r["group"], r["id"]): r for r in writer_sets.load(args.compare)}
        changed: dict[str, list[str]] = defaultdict(list)
        for r in rows:
            o = old.get((r["group"], r["id"]))
            if o is None or (o["got"], o["caught"], o["acted"]) == (r["got"], r["caught"], r["acted"]):
                continue
            changed[half(r["group"])].append(
                f"{r['group']} {r['id']} viol={r['violation']} want={r['want']} {o['got']}→{r['got']} "
                f"caught {o['caught']}→{r['caught']} acted {o['acted']}→{r['acted']}")
        for h, lines in changed.items():
            print(f"## changed, {h} half ({len(lines)})")
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
