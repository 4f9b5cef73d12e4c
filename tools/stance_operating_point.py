"""The stance stage's model and its operating point (`below`) apart (session 18, learn18, issue 16): each stance model
at each `below`, on the real comments (COLD dev) and on the stance trainer's halves.

    python tools/train_recall_heads.py --no-save --cache C.pkl --oof O.pkl ...             # recall heads left out
    python tools/train_stance.py --no-save --grid --oof-recall O.pkl --cache S.pkl --rows-out NEW.jsonl
    python tools/train_stance.py --oof-recall O.pkl --cache S.pkl --out-model /tmp/stance-new   # the retrain, fitted
    python tools/stance_operating_point.py --cache S.pkl --oof-recall O.pkl --new-rows NEW.jsonl \\
        --model old=qinglang/models/data/stance --model new=/tmp/stance-new --belows 0.3,0.45,0.5

Writer sets: the trainer's rows (`--cache`, recorded with the stance stage and the recall heads off; the heads'
left-out signals added as the trainer adds them), halves `train_stance.OOS_TUNE` / `OOS_REPORT`. The model called
`new` reads each row through its left-out P(does) (`--new-rows`, the trainer's `--rows-out`: the fold that never read
the row's set); every other model reads the rows with its own weights (the shipped model: out of sample on the sets
added after it, in sample on the ones it read; `fresh` below sums the former). COLD dev: the first `--cold` rows of
`$QINGLANG_SHARED/data/cold/dev.jsonl` (the rows `record_decisions.py` records) through the default engine with the
stance stage off, then each (model, below) applied as `StanceDetector.adjust` does; a row is acted on when the policy's
action is not pass. Prints one JSON line per (model, below).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import train_stance as ts  # noqa: E402

from qinglang.models.stance import StanceModel  # noqa: E402
from qinglang.models.stance_detector import StanceDetector  # noqa: E402


def registry_stance() -> dict[str, Any]:
    """The stance entry's parameters in the default registry (factor, gate, own_act …)."""
    import yaml

    from qinglang.detectors.registry import default_registry_path

    reg = yaml.safe_load(default_registry_path().read_text("utf-8"))
    return next(e for e in reg["detectors"] if e.get("type") == "stance").get("params", {})


def detector(model: StanceModel, below: float, params: dict[str, Any]) -> StanceDetector:
    return StanceDetector(model, below=below, factor=params.get("factor", 0.3), gate=params.get("gate", 0.35),
                          own_act=tuple(params.get("own_act", ("contact",))),
                          own_act_min=params.get("own_act_min", 0.6))


def cold_texts(limit: int) -> list[tuple[str, str, bool]]:
    """(id, text, offensive) of COLD dev's first `limit` rows (the rows `record_decisions.py` records)."""
    path = Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared")) / "data" / "cold" / "dev.jsonl"
    out = []
    with open(path, encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if k >= limit:
                break
            raw = json.loads(line)
            out.append((str(raw["id"]), raw["text"], bool(raw["label"])))
    return out


def cold_acted(rows: list[tuple[str, str, bool]], model: StanceModel | None, below: float,
               _engine: list[Any] = []) -> dict[str, int]:  # noqa: B006 (one engine per process, built once)
    """Offensive / non-offensive COLD rows acted on (action not pass) by the default engine with its stance stage
    reading `model` at `below` (`model` None: the stage off, `below` 0). The real engine (bulk path, every adjusting
    stage in registry order), built once; the stage's model and `below` are set in place between runs. The date is
    pinned as `record_decisions.py` pins it."""
    from record_decisions import TODAY, _pinned_today

    from qinglang.engine import Engine
    from qinglang.model import Content

    if not _engine:
        _engine.append(Engine())
    engine = _engine[0]
    stage = next(d for d in engine._current().adjusters if isinstance(d, StanceDetector))
    saved = stage.model, stage.below
    stage.model, stage.below = (model, below) if model is not None else (stage.model, 0.0)
    out = {"offensive": 0, "non_offensive": 0}
    items = [Content(id=i, text=t) for i, t, _ in rows]
    try:
        with _pinned_today(TODAY):
            for (_, _, off), d in zip(rows, engine.moderate_many(items), strict=True):
                out["offensive" if off else "non_offensive"] += getattr(d, "action", "pass") != "pass"
    finally:
        stage.model, stage.below = saved
    return out


def halves_at(engine: Any, rows: list[dict[str, Any]], p: dict[tuple[str, str], float], det: StanceDetector,
              fresh: set[str]) -> dict[str, dict[str, int]]:
    """`train_stance.halves` of the rows read with P(does) `p`, plus `fresh`: the sets in `fresh` summed per half."""
    scored = []
    for r in rows:
        if r["gated"] and (r["group"], r["id"]) in p:
            r["p"] = p[(r["group"], r["id"])]
            scored.append(r)
    per = {g: ts.measure(engine, det, [r for r in scored if r["group"] == g]) for g in sorted({r["group"]
                                                                                                for r in scored})}
    out = ts.halves(per)
    for half, sets in (("fresh_tune", set(ts.OOS_TUNE) & fresh), ("fresh_report", set(ts.OOS_REPORT) & fresh)):
        out[half] = {k: sum(per[g].get(k, 0) for g in sets if g in per) for k in ts.KEYS}
    return {k: v for k, v in out.items() if k in ("tune", "report", "fresh_tune", "fresh_report")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, help="the stance trainer's recorded rows (--cache; none: COLD dev only)")
    ap.add_argument("--oof-recall", type=Path, help="the recall heads' left-out signals (with --cache)")
    ap.add_argument("--new-rows", type=Path, help="the retrain's left-out P(does) (train_stance.py --rows-out)")
    ap.add_argument("--model", action="append", default=[], help="NAME=PATH (npz/json pair without suffix)")
    ap.add_argument("--belows", default="0.3,0.45,0.5")
    ap.add_argument("--cold", type=int, default=3000, help="COLD dev rows (0: none)")
    ap.add_argument("--fresh", default="unseen12,unseen13,unseen14,unseen15,S13,S14,S15,S16,S17,S18",
                    help="sets no shipped stance model read (summed apart as fresh_tune / fresh_report)")
    ap.add_argument("--next-halves", action="store_true", help="halves + train_stance.NEXT_TUNE / NEXT_REPORT")
    args = ap.parse_args(argv)
    if args.next_halves:
        ts.use_next_halves()
    from train_recall_heads import sources as recall_sources

    params = registry_stance()
    belows = [float(b) for b in args.belows.split(",") if b]
    fresh = {s for s in args.fresh.split(",") if s}
    engine = ts.engine_without_stance("recall")
    rows = [r for r in pickle.loads(args.cache.read_bytes()) if r["group"] != "holdout"] if args.cache else []
    if rows:
        ts.add_recall(engine, rows, pickle.loads(args.oof_recall.read_bytes()), {g for g, _ in recall_sources()})
    for r in rows:
        r["text"] = ts.frame_of(r["fields"], r["signals"])
        r["tokens"] = ts.signal_tokens(r["signals"])
        r["gated"] = bool(r["signals"]) and max(s.score for s in r["signals"]) >= params.get("gate", 0.35)
        r["base"] = ts.decide(engine, r, r["signals"])
    models = {name: StanceModel.load(Path(path)) for name, path in (m.split("=", 1) for m in args.model)}
    loso: dict[tuple[str, str], float] = {}
    if args.new_rows:
        for line in args.new_rows.read_text("utf-8").splitlines():
            d = json.loads(line)
            loso[(d["group"], d["id"])] = d["p"]
    cold = cold_texts(args.cold) if args.cold else []
    for name, model in models.items():
        if not rows:
            p = {}
        elif name == "new" and loso:
            p = loso
        else:
            p = {(r["group"], r["id"]): model.p_does(r["text"], r["tokens"] if model.token_weight else ())
                 for r in rows if r["gated"]}
        for below in belows:
            det = detector(model, below, params)
            line: dict[str, Any] = {"model": name, "below": below}
            if rows:
                line.update(halves_at(engine, rows, p, det, fresh))
            if cold:
                line["cold_dev"] = cold_acted(cold, model, below)
            print(json.dumps(line), flush=True)
    if cold:
        print(json.dumps({"model": "stage off", "cold_dev": cold_acted(cold, None, 0.0)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
