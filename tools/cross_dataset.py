#!/usr/bin/env python3
"""Cross-dataset figures of the text models: train on one source, measure on another (issue 16).

    QINGLANG_SHARED=../shared python tools/cross_dataset.py                    # the shipped models
    QINGLANG_SHARED=../shared python tools/cross_dataset.py --models /tmp/m    # models trained elsewhere
    ... --blend max                                                            # score with the route blend
    ... --gate tox-gate --gate-min 0.15     # a model's verdict counts only where the gate says ≥ 0.15 (session 7)

Each model (`cold`: COLD train; `swsr`: SWSR's train split) is scored alone at p ≥ 0.5 on every set:
COLD dev, SWSR (all rows; `swsr`'s own dev split marked in-domain), CNTP base (the validation fifth of the
clean half here, by sentence: `cold` trains on the other four fifths and their real cloaks). The
off-diagonal cells are the figures that choose a model; the in-domain cells are dev figures and flatter.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def shared() -> Path:
    env = os.environ.get("QINGLANG_SHARED")
    return (Path(env) if env else ROOT.parent / "shared") / "data"


def rows(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


def figures(p: np.ndarray, y: np.ndarray, th: float = 0.5) -> dict[str, float]:
    pred = p >= th
    tp, fp = int((pred & (y == 1)).sum()), int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    prec, rec = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {"acc": float((pred == (y == 1)).mean()), "p": prec, "r": rec, "f1": 2 * prec * rec / max(1e-12, prec + rec)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", type=Path, default=None, help="folder with cold.npz/json, swsr.npz/json")
    ap.add_argument("--blend", choices=("route", "max"), default="route",
                    help="route: the shipped router; max: the larger of the t- and r-route probabilities")
    ap.add_argument("--gate", default=None, help="shipped gate model (tox-gate): a verdict needs gate p ≥ --gate-min")
    ap.add_argument("--gate-min", type=float, default=0.15)
    args = ap.parse_args()
    from qinglang.models.features import keys, views_of
    from qinglang.models.linear import LinearModel, single
    from qinglang.text import default_normalizer

    data = shared()
    sys.path.insert(0, str(ROOT / "tools"))
    from train_models import cntp_is_val

    # CNTP: only the validation sentences, which the `cold` model never trains on (train_models.cntp_is_val)
    sets = {"COLD dev": rows(data / "cold" / "dev.jsonl"), "SWSR": rows(data / "swsr" / "train.jsonl"),
            "CNTP base (val)": [r for r in rows(data / "cntp" / "base.jsonl") if cntp_is_val(r["sentence_id"])]}
    norm = default_normalizer()
    grams = {name: [keys(views_of(norm.normalize(r["text"]))) for r in rs] for name, rs in sets.items()}
    gate = single(LinearModel.shipped(args.gate)) if args.gate else None
    gate_ok = {name: [gate.score(g)[0].p >= args.gate_min for g in gs] if gate else [True] * len(gs)
               for name, gs in grams.items()}
    blend = args.blend + (f" + {args.gate} ≥ {args.gate_min:g}" if gate else "")
    print(f"| model (trained on) | blend | {' | '.join(sets)} |")
    print("|---|---|" + "---|" * len(sets))
    for name in ("cold", "swsr"):
        model = LinearModel.load(args.models / name) if args.models else LinearModel.shipped(name)
        fused = single(model)
        cells = []
        for set_name, rs in sets.items():
            y = np.array([int(r["label"]) for r in rs])
            ps = []
            for g, ok in zip(grams[set_name], gate_ok[set_name], strict=True):
                sc = fused.score(g)[0]
                if not ok:
                    ps.append(0.0)
                    continue
                if args.blend == "max":
                    route_r = "latin" if sc.route == "latin" else "r"
                    ps.append(max(model.calibrate(sc.raw_t, "t"), model.calibrate(sc.raw_r, route_r)))
                else:
                    ps.append(sc.p)
            f = figures(np.array(ps), y)
            own = (name == "cold" and set_name == "COLD dev") or (name == "swsr" and set_name == "SWSR")
            cells.append(f"{'(in-domain) ' if own else ''}acc {f['acc']:.3f} · F1 {f['f1']:.3f}")
        print(f"| {name} | {blend} | {' | '.join(cells)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
