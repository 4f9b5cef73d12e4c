"""Training the ordinary-text gate (docs/models.md, "The ordinary-text gate"; needs the `[ml]` extra): a second
opinion on the `cold`/`swsr` signals, trained by `tools/train_models.py tox-gate` with the helpers of `train.py`
(same features, NB-LR and fixed-point weights; sample weights for the blind-written rows). Inference never imports
this module: the gate is a `linear.LinearModel` like the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .features import ORDERS
from .linear import ROUTES, LinearModel
from .train import (
    Example,
    TrainConfig,
    counts_at,
    ece,
    featurize,
    fit_platt,
    fit_pruned,
    make_model,
    presence,
    score_all,
    two_folds,
)


def train_gate(train: Sequence[Example], cfg: TrainConfig, held: dict[str, Sequence[Example]] | None = None,
               log: Callable[[str], None] = print) -> LinearModel:
    """A second-opinion model that reads the text view only (docs/models.md, "The ordinary-text gate"): the text
    sub-model of NB-LR on weighted rows (`Example.weight`), pruned like the others, calibrated by Platt on 2-fold
    out-of-fold scores (folds by group). It has no robust block and its router always answers `t` (no share of
    Latin letters reaches 1.1, no coverage is below 0), so one Platt pair serves every route. `held`: named
    sets scored for the metadata (never trained on)."""
    y = np.array([ex.y for ex in train])
    w = np.array([ex.weight for ex in train], dtype=float)
    docs = featurize([ex.text for ex in train])
    x = presence(docs, "t", cfg.bits)
    c = cfg.cs[0]
    log(f"{cfg.name}: {len(train)} rows ({int((w != 1).sum())} weighted), C={c}")

    def fit_rows(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, float, float]:
        return fit_pruned(x[rows], y[rows], c, cfg.seed, cfg.min_df, cfg.max_features, weight=w[rows])

    empty = (np.zeros(0, np.uint32), np.zeros(0, np.int16), 0.0, 1.0)
    meta0 = {"name": cfg.name, "version": cfg.version}
    sub = fit_rows(np.arange(len(train)))
    groups = sorted({ex.group for ex in train})
    fold_of = two_folds(groups, cfg.seed)
    fold = np.array([fold_of[ex.group] for ex in train])
    oof_raw, oof_y = [], []
    for f in range(2):
        fm = make_model(meta0, {"t": fit_rows(np.flatnonzero(fold != f)), "r": empty}, cfg.bits)
        idx = np.flatnonzero(fold == f)
        oof_raw.extend(v.raw_t for v in score_all(fm, [docs[k] for k in idx]))
        oof_y.extend(y[idx])
    a, b = fit_platt(np.array(oof_raw), np.array(oof_y))
    log(f"  {len(sub[0])} buckets; Platt a={a:.3f} b={b:.3f} (n={len(oof_raw)})")
    meta: dict[str, Any] = {
        "name": cfg.name, "version": cfg.version, "labels": list(cfg.labels), "rule": cfg.rule,
        "description": cfg.description, "seed": cfg.seed, "data": cfg.data_files,
        "params": {"views": {v: list(o) for v, o in ORDERS.items()}, "blocks": {"t": ["t"], "r": []},
                   "features": f"binary presence of 32-bit hashed char n-grams in 2**{cfg.bits} buckets",
                   "weights": "int16 fixed point, power-of-two scale", "min_df": cfg.min_df,
                   "max_features": cfg.max_features, "norm": "l2", "C": c,
                   "classifier": "NB-weighted LogisticRegression(liblinear, L2), binary features, sample weights",
                   "router": "always t (no robust block)",
                   "calibration": "Platt on 2-fold out-of-fold train scores (unweighted)"},
        "n_train": len(train), "n_weighted": int((w != 1).sum()), "n_features": {"t": len(sub[0]), "r": 0},
        "platt": {r: [a, b] for r in ROUTES},
    }
    model = make_model(meta, {"t": sub, "r": empty}, cfg.bits, {r: (a, b) for r in ROUTES}, (1.1, 0.0))
    meta["held_out"] = {}
    for name, rows in (held or {}).items():
        probs = np.array([s.p for s in score_all(model, featurize([ex.text for ex in rows]))])
        yy = np.array([ex.y for ex in rows])
        meta["held_out"][name] = {**counts_at(probs, yy).to_json(), "ece": ece(probs, yy)}
    return model
