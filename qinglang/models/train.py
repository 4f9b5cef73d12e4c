"""Training the shipped linear models from the licensed data (needs the `[ml]` extra: scikit-learn).

Deterministic: fixed seed, sorted inputs, single-threaded solver; the metadata records the sha256 of every
data file read, the seed, the parameters, the selection on dev, the metrics and the calibration table.
Run it through `tools/train_models.py`; inference never imports this module.
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
from .features import ORDERS, keys, views_of
from .linear import LinearModel

AUG_RATE = 0.5  # per-character rate of the cloaking used for augmentation and for the cloaked dev sets


@dataclass(frozen=True)
class Example:
    text: str
    y: int
    group: str = ""
    weight: float = 1.0  # sample weight in the logistic regression (cloaked copies may count less)


@dataclass
class TrainConfig:
    name: str
    labels: tuple[str, ...]
    rule: str
    description: str
    seed: int = 13
    cs: tuple[float, ...] = (8.0, 16.0)
    min_df: int = 3
    aug_fraction: float = 0.15  # share of training rows that get one cloaked copy per perturbation kind
    aug_boost: dict[str, float] = field(default_factory=lambda: {"initials": 0.4, "split": 0.3})  # harder kinds
    aug_weight: float = 1.0  # sample weight of a cloaked copy
    max_features: int = 300_000  # the strongest |coefficient| n-grams kept, then refitted: small shipped files
    data_files: dict[str, str] = field(default_factory=dict)  # display name → sha256
    version: str = "1"


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_rows(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def augment(examples: Sequence[Example], fraction: float, rng: random.Random,
            boost: dict[str, float] | None = None, weight: float = 1.0) -> list[Example]:
    """Cloaked copies: for every perturbation kind, a `fraction` of the rows (or the kind's `boost` share)
    rewritten at AUG_RATE."""
    out: list[Example] = []
    for kind in KINDS:
        share = (boost or {}).get(kind, fraction)
        for ex in examples:
            if rng.random() < share:
                out.append(Example(perturb(ex.text, kind, rng, rate=AUG_RATE), ex.y, ex.group, weight))
    return out


def featurize(texts: Sequence[str]) -> list[np.ndarray]:
    """N-gram keys of each text (the same `keys` inference uses)."""
    norm = default_normalizer()
    return [keys(views_of(norm.normalize(t))) for t in texts]


def _import_sklearn():
    try:
        from sklearn.feature_extraction.text import TfidfTransformer
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise SystemExit(f"training needs scikit-learn: pip install 'qinglang[ml]' ({exc})") from None
    return TfidfTransformer, LogisticRegression


def count_matrix(docs: Sequence[np.ndarray], vocab: np.ndarray):
    """Documents × vocabulary counts (CSR), keys outside the vocabulary dropped."""
    from scipy.sparse import csr_matrix

    indptr = [0]
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    for ks in docs:
        pos = np.searchsorted(vocab, ks)
        pos[pos == len(vocab)] = 0
        ids = pos[vocab[pos] == ks]
        u, c = np.unique(ids, return_counts=True)
        cols.append(u)
        vals.append(c)
        indptr.append(indptr[-1] + len(u))
    return csr_matrix((np.concatenate(vals).astype(np.float64), np.concatenate(cols), np.array(indptr)),
                      shape=(len(docs), len(vocab)))


def fit(train: Sequence[Example], cfg: TrainConfig, c: float,
        docs: Sequence[np.ndarray] | None = None, vocab: np.ndarray | None = None) -> dict[str, Any]:
    """Fit vocabulary (keys with document frequency ≥ min_df, unless given), IDF and NB-weighted logistic
    regression."""
    TfidfTransformer, LogisticRegression = _import_sklearn()
    if docs is None:
        docs = featurize([ex.text for ex in train])
    y = np.array([ex.y for ex in train])
    if vocab is None:
        uniq_keys, df = np.unique(np.concatenate([np.unique(d) for d in docs]), return_counts=True)
        vocab = uniq_keys[df >= cfg.min_df]
    counts = count_matrix(docs, vocab)
    tfidf = TfidfTransformer(sublinear_tf=True)
    x = tfidf.fit_transform(counts)
    # Naive-Bayes log-count ratios scale each feature (NB-LR, Wang & Manning 2012): about +1 point of dev
    # accuracy over plain TF-IDF here. Scaling after the L2 norm folds into the coefficients, so inference
    # is a plain linear model.
    present = (counts > 0).astype(np.float64)
    pos = np.asarray(present[y == 1].sum(axis=0)).ravel() + 1.0
    neg = np.asarray(present[y == 0].sum(axis=0)).ravel() + 1.0
    ratio = np.log((pos / pos.sum()) / (neg / neg.sum()))
    from scipy.sparse import diags

    clf = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=cfg.seed)
    weights = np.array([ex.weight for ex in train])
    clf.fit(x @ diags(ratio), y, sample_weight=None if np.all(weights == 1.0) else weights)
    # IDF is shipped as float16; round it here so the evaluated model is the shipped one, bit for bit.
    return {"vocab": vocab.astype(np.uint32), "idf": tfidf.idf_.astype(np.float16).astype(np.float32),
            "coef": (clf.coef_[0] * ratio).astype(np.float32), "intercept": float(clf.intercept_[0])}


def to_model(arrays: dict[str, Any], meta: dict[str, Any], platt: tuple[float, float] = (1.0, 0.0)) -> LinearModel:
    return LinearModel(meta, arrays["vocab"], arrays["idf"], arrays["coef"], arrays["intercept"], platt)


def save(arrays: dict[str, Any], meta: dict[str, Any], platt: tuple[float, float], path: Path) -> None:
    """Write `<path>.npz` and `<path>.json`; the arrays' sha256 goes into the metadata as `digest`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "vocab": arrays["vocab"], "idf": arrays["idf"].astype(np.float16), "coef": arrays["coef"].astype(np.float32),
        "intercept": np.array([arrays["intercept"]]), "platt": np.array(platt),
    }
    h = hashlib.sha256()
    for key in sorted(payload):
        h.update(key.encode() + payload[key].tobytes())
    meta["digest"] = "sha256:" + h.hexdigest()
    np.savez_compressed(path.with_suffix(".npz"), **payload)
    path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                         "utf-8")


def raw_scores(model: LinearModel, texts: Sequence[str]) -> np.ndarray:
    norm = default_normalizer()
    return np.array([model.raw(views_of(norm.normalize(t))) for t in texts])


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


def evaluate(model: LinearModel, dev: Sequence[Example], seed: int,
             kinds: Sequence[str] = KINDS) -> dict[str, Any]:
    """Clean and cloaked metrics of a calibrated model on a dev set (threshold 0.5)."""
    y = np.array([ex.y for ex in dev])
    texts = [ex.text for ex in dev]
    probs = np.array([model.calibrate(r) for r in raw_scores(model, texts)])
    clean = counts_at(probs, y)
    out: dict[str, Any] = {"clean": clean.to_json(), "ece": ece(probs, y), "reliability": reliability(probs, y),
                           "cloaked": {}}
    for kind in kinds:
        rng = random.Random(f"{seed}:{kind}")
        cloaked = [perturb(t, kind, rng, rate=AUG_RATE) for t in texts]
        cp = np.array([model.calibrate(r) for r in raw_scores(model, cloaked)])
        c = counts_at(cp, y)
        row = c.to_json()
        row["retained_recall"] = round(c.recall / clean.recall, 4) if clean.recall else 0.0
        out["cloaked"][kind] = row
    return out


def train_and_select(train: Sequence[Example], dev: Sequence[Example], cfg: TrainConfig,
                     log: Callable[[str], None] = print, cloaked_eval: bool = True) -> tuple[dict[str, Any], dict]:
    """Augment, fit one model per C, pick the best clean dev accuracy, calibrate on out-of-fold train scores."""
    rng = random.Random(cfg.seed)
    aug = augment(train, cfg.aug_fraction, rng, cfg.aug_boost, cfg.aug_weight)
    full = [*train, *aug]
    log(f"{cfg.name}: {len(train)} rows + {len(aug)} cloaked copies; dev {len(dev)}")
    dev_y = np.array([ex.y for ex in dev])
    selection = []
    best: tuple[float, float, dict[str, Any]] | None = None
    docs = featurize([ex.text for ex in full])
    for c in cfg.cs:
        arrays = fit(full, cfg, c, docs)
        model = to_model(arrays, {"name": cfg.name, "version": cfg.version})
        acc = counts_at(raw_scores(model, [ex.text for ex in dev]) >= 0, dev_y).accuracy
        selection.append({"C": c, "dev_accuracy": round(acc, 4)})
        log(f"  C={c}: dev accuracy {acc:.4f} ({len(arrays['coef'])} features)")
        if best is None or acc > best[0]:
            best = (acc, c, arrays)
    assert best is not None
    _, c, arrays = best
    vocab = arrays["vocab"]
    if len(vocab) > cfg.max_features:
        keep = np.sort(np.argsort(-np.abs(arrays["coef"]), kind="stable")[: cfg.max_features])
        vocab = vocab[keep]
        arrays = fit(full, cfg, c, docs, vocab)
        model = to_model(arrays, {"name": cfg.name, "version": cfg.version})
        acc = counts_at(raw_scores(model, [ex.text for ex in dev]) >= 0, dev_y).accuracy
        selection.append({"C": c, "max_features": cfg.max_features, "dev_accuracy": round(acc, 4)})
        log(f"  pruned to {len(vocab)} features and refitted: dev accuracy {acc:.4f}")
    # Calibration data the model has not seen: 2-fold out-of-fold raw scores on the clean train rows
    # (each fold's model is trained on the other folds' rows and their cloaked copies).
    groups = sorted({ex.group for ex in train})
    fold_of = {g: int(hashlib.sha256(f"{cfg.seed}:{g}".encode()).hexdigest(), 16) % 2 for g in groups}
    oof_raw: list[float] = []
    oof_y: list[int] = []
    for fold in range(2):
        keep = [k for k, ex in enumerate(full) if fold_of[ex.group] != fold]
        te = [ex for ex in train if fold_of[ex.group] == fold]
        m = to_model(fit([full[k] for k in keep], cfg, c, [docs[k] for k in keep], vocab),
                     {"name": cfg.name, "version": cfg.version})
        oof_raw.extend(raw_scores(m, [ex.text for ex in te]))
        oof_y.extend(ex.y for ex in te)
    platt = fit_platt(np.array(oof_raw), np.array(oof_y))
    log(f"  chose C={c}; Platt a={platt[0]:.3f} b={platt[1]:.3f}")
    meta = {
        "name": cfg.name, "version": cfg.version, "labels": list(cfg.labels), "rule": cfg.rule,
        "description": cfg.description, "seed": cfg.seed, "data": cfg.data_files,
        "params": {"views": {v: list(o) for v, o in ORDERS.items()}, "features": "32-bit hashed char n-grams",
                   "min_df": cfg.min_df, "max_features": cfg.max_features, "tf": "sublinear", "idf": "smooth",
                   "norm": "l2",
                   "classifier": "NB-weighted LogisticRegression(liblinear, L2)", "C": c,
                   "aug_fraction": cfg.aug_fraction, "aug_boost": cfg.aug_boost, "aug_weight": cfg.aug_weight,
                   "aug_rate": AUG_RATE, "aug_kinds": list(KINDS), "calibration": "Platt on 2-fold out-of-fold train"},
        "selection": selection, "n_train": len(train), "n_train_augmented": len(full),
        "n_features": len(arrays["coef"]), "platt": list(platt),
    }
    model = to_model(arrays, meta, platt)
    meta["dev"] = evaluate(model, dev, cfg.seed, KINDS if cloaked_eval else ())
    return arrays, meta | {"_platt": platt}


def roundtrip_ok(arrays: dict[str, Any], meta: dict[str, Any], path: Path, texts: Sequence[str]) -> float:
    """Largest difference between the in-memory and the saved model's probabilities (must be ~0)."""
    a = to_model(arrays, meta, tuple(meta["platt"]))  # type: ignore[arg-type]
    b = LinearModel.load(path)
    ra, rb = raw_scores(a, texts), raw_scores(b, texts)
    return float(np.max(np.abs([a.calibrate(x) - b.calibrate(z) for x, z in zip(ra, rb, strict=True)]))) if len(
        texts) else 0.0


def mean(xs: Sequence[float]) -> float:
    return sum(xs) / len(xs) if xs else math.nan
