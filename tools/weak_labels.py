"""Where a label's violations are lost: the recall head below its floor, or the engine after it (scope, stance,
policy). Session 18 (learn18, issue 15): clickbait, porn, vulgar and false_ad had recall .40-.50 over session 17's
two fresh sets; this says per label which stage lets their rows go, on the sets named (the tune half: their rows may
be read; on a report set only the counts are printed).

    python tools/train_recall_heads.py --no-save --cache C.pkl --oof O.pkl ...      # recorded rows, left-out heads
    python tools/weak_labels.py --cache C.pkl --heads OLD/recall --floors qinglang/detectors/default.yaml \\
        --sets unseen14,S16,S18,t29 --labels clickbait,porn,vulgar,false_ad [--oof O.pkl] [--rows]

Each violation row that expects the label is replayed as `train_recall_heads.Replay` does (recorded cheap-pass and
cascade signals, the heads' signals at the floors added, the cascade again, the policy, the shipped stance stage, the
policy again) and put in the first stage that explains why the label is not among the acted-on labels:

- `found`: the label is acted on (the policy names a rule for it and the action is not pass);
- `stance`: acted on before the stance stage, not after it (the stage discounted the post);
- `policy`: a signal of the label stands, not scope-discounted, and no rule acts on it (its score is under every
  rule's threshold for the row's surface);
- `scope`: every signal of the label was discounted by the post's act (quotation, negation, report …);
- `head_below`: no signal of the label at all, and its head scores it under the floor (`near`: within 0.15 of it);
- `head_unlisted`: no signal, and the label's head has no floor in the registry (its score is given against the
  `--candidates` floor);
- `no_head`: no signal, and the recall model has no head for the label at all (session 19).

`--silent` (session 19, learn19, issue 15: "the rows nobody sees"): only the violations the replayed engine leaves
with no acted-on label at all (a plain `pass`, or an action with no label) — the rows the engine does not see, not
the ones it gives a wrong label.

The heads: the left-out heads of `--oof` where a row has them (a trainer's `--oof`, lowest floor), else the model of
`--heads` (a model that never read the set: the start tree's heads on the sets added after it).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from compare_recall_heads import floors_from  # noqa: E402
from train_recall_heads import GRID, LABEL_MAX, LABELS, MAX_SCORE, MIN_HAN, Replay, head_signals, p_of  # noqa: E402

STAGES = ("found", "stance", "policy", "scope", "head_below", "head_unlisted", "no_head")
NEAR = 0.15


def acted_labels(replay: Replay, r: dict[str, Any], signals: list[Any]) -> tuple[set[str], set[str]]:
    """(labels acted on before the stance stage, after it): the policy's `acted` labels where the action is not
    pass, as `eval_campaign_blind.predicted_labels` counts a decision's labels."""
    from qinglang.clock import today_cn
    from qinglang.labels import Action
    from qinglang.policy.evaluate import decision_date

    content = r["obj"]
    today = decision_date(content) if content.created_at else today_cn()
    ev = replay.engine._current().evaluator
    out = ev.evaluate(signals, content, today=today, explain=False)
    pre = set(out.acted) if out.action != Action.PASS else set()
    post = pre
    if out.action != Action.PASS and replay.stance:
        adjusted = signals
        for det in replay.stance:
            adjusted = det.adjust(content, r["views"], adjusted)
        if adjusted is not signals:
            out2 = ev.evaluate(adjusted, content, today=today, explain=False)
            post = set(out2.acted) if out2.action != Action.PASS else set()
    return pre, post


def stage_of(label: str, pre: set[str], post: set[str], signals: list[Any], head_p: float | None,
             floor: float | None, has_head: bool = True) -> str:
    """The first stage that explains the label's absence (module docstring)."""
    if label in post:
        return "found"
    if label in pre:
        return "stance"
    mine = [s for s in signals if s.label == label and s.score > 0]
    if any(not (s.evidence and all(e.scope for e in s.evidence)) for s in mine):
        return "policy"
    if mine:
        return "scope"
    if not has_head:
        return "no_head"
    return "head_unlisted" if floor is None else "head_below"


def classify(rows: list[dict[str, Any]], heads: dict[str, list[Any]], floors: dict[str, float], labels: list[str],
             replay: Replay, candidates: dict[str, float], *, silent: bool = False,
             head_labels: frozenset[str] | None = None) -> dict[str, Any]:
    """Per label: rows per stage, and for head stages how far under the floor the head scored. `silent`: only the
    violations left with no acted-on label at all; `head_labels`: the labels the recall model has a head for (None:
    every label)."""
    out: dict[str, Any] = {lb: {"rows": 0, "stages": Counter(), "head_p": Counter(), "ids": defaultdict(list)}
                           for lb in labels}
    for r in rows:
        want = set(r["expect"].get("labels") or []) & set(labels)
        if not r["violation"] or not want:
            continue
        got = heads.get(r["id"], [])
        add = [s for s in got if s.label in floors and p_of(s) >= floors[s.label]]
        signals = replay.with_heads(r, add, r["views"])
        pre, post = acted_labels(replay, r, signals)
        if silent and post:
            continue
        for lb in sorted(want):
            e = out[lb]
            e["rows"] += 1
            hp = max((p_of(s) for s in got if s.label == lb), default=None)  # None: under the lowest grid floor
            st = stage_of(lb, pre, post, signals, hp, floors.get(lb), head_labels is None or lb in head_labels)
            e["stages"][st] += 1
            e["ids"][st].append(r["id"])
            if st in ("head_below", "head_unlisted"):
                f = floors.get(lb, candidates.get(lb))
                band = "none" if hp is None else "at_or_above" if f is not None and hp >= f else \
                    "near" if f is not None and hp >= f - NEAR else "below"
                e["head_p"][band] += 1
    return out


def main(argv: list[str] | None = None) -> int:
    from qinglang.detectors.base import Views
    from qinglang.models.recall import RecallDetector, RecallModel

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, required=True, help="the recall trainer's recorded rows (--cache)")
    ap.add_argument("--heads", type=Path, help="a recall model (path without suffix) for rows --oof does not cover")
    ap.add_argument("--oof", type=Path, action="append", default=[], help="left-out heads (a trainer's --oof)")
    ap.add_argument("--floors", type=Path, required=True, help="the heads' floors (registry YAML or trainer report)")
    ap.add_argument("--sets", required=True)
    ap.add_argument("--labels", default="clickbait,porn,vulgar,false_ad")
    ap.add_argument("--candidates", default="clickbait=0.85", help="floors of heads the registry does not list")
    ap.add_argument("--rows", action="store_true", help="print the row ids per stage (tune sets only)")
    ap.add_argument("--report-sets", default="", help="sets whose row ids are never printed")
    ap.add_argument("--silent", action="store_true", help="only violations left with no acted-on label at all")
    ap.add_argument("--all-labels", action="store_true", help="every label the silent rows expect (--labels ignored)")
    args = ap.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]
    labels = [x for x in args.labels.split(",") if x]
    floors = floors_from(args.floors)
    cands = {k: float(v) for k, v in (kv.split("=") for kv in args.candidates.split(",") if kv)}
    rows = [r for r in pickle.loads(args.cache.read_bytes()) if r["group"] in sets]
    if args.all_labels:
        labels = sorted({lb for r in rows if r["violation"] for lb in r["expect"].get("labels") or []})
    replay = Replay()
    heads: dict[str, list[Any]] = {}
    for p in args.oof:
        heads.update({k: v for k, v in pickle.loads(p.read_bytes()).items()})
    model = RecallModel.load(args.heads) if args.heads else None
    head_labels = frozenset(model.labels if model is not None else LABELS)
    lowest = {lb: GRID[0] for lb in labels if lb in head_labels}
    det = RecallDetector(model, floors=lowest | {k: GRID[0] for k in floors},
                         max_score=MAX_SCORE, label_max=LABEL_MAX, min_han=MIN_HAN) if model is not None else None
    covered = {r["group"] for r in rows if r["id"] in heads}
    for r in rows:
        r["views"] = Views.build(r["obj"], replay.norm)
        if det is not None and r["group"] not in covered:
            _, sigs = head_signals(det, replay, r)
            if sigs:
                heads[r["id"]] = sigs
    report_sets = {s for s in args.report_sets.split(",") if s}
    for g in [*sets, "all"]:
        rs = rows if g == "all" else [r for r in rows if r["group"] == g]
        res = classify(rs, heads, floors, labels, replay, cands, silent=args.silent, head_labels=head_labels)
        for lb in labels:
            e = res[lb]
            line = {"set": g, "label": lb, "rows": e["rows"], "stages": dict(e["stages"]), "head_p": dict(e["head_p"])}
            if args.rows and g != "all" and g not in report_sets:
                line["ids"] = {k: v for k, v in e["ids"].items() if k != "found"}
            print(json.dumps(line, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
