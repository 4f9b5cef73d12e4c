"""A shipped linear text model: hashed n-gram vocabulary, IDF, logistic coefficients, Platt calibration.

Files: ``qinglang/models/data/<name>.npz`` (arrays) and ``<name>.json`` (metadata: version, labels, data
sha256, seed, parameters, dev metrics, calibration table). Scoring one text is one `searchsorted` of its
n-gram keys and one small dot product (no per-request sklearn call, no Python loop over n-grams).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError
from ..text.normalize import NormalizedText
from .features import ViewText, canonical_span, key_positions, keys, views_of


@dataclass(frozen=True, slots=True)
class Contribution:
    """A canonical span and how much its n-gram added to the model's raw score."""

    start: int
    end: int
    weight: float


class LinearModel:
    """Calibrated probability of one binary task from hashed char n-grams of the three feature views."""

    def __init__(self, meta: dict[str, Any], vocab: np.ndarray, idf: np.ndarray, coef: np.ndarray,
                 intercept: float, platt: tuple[float, float]) -> None:
        if not (len(vocab) == len(idf) == len(coef)) or (len(vocab) > 1 and not np.all(vocab[1:] > vocab[:-1])):
            raise ConfigError(f"model {meta.get('name')!r}: vocabulary must be sorted and match the weights")
        self.meta = meta
        self.name: str = meta["name"]
        digest = str(meta.get("digest", ""))
        # The version names the weights too: a retrained model changes the engine's policy_version.
        self.version: str = str(meta["version"]) + (f"-{digest[7:15]}" if digest.startswith("sha256:") else "")
        self.vocab = vocab.astype(np.uint32)
        self.idf = idf.astype(np.float32)
        self.coef = coef.astype(np.float32)
        self.intercept = float(intercept)
        self.platt = platt

    # -- loading --------------------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Load `<path>.npz` + `<path>.json`; ConfigError naming the file if either is missing or malformed."""
        npz, js = path.with_suffix(".npz"), path.with_suffix(".json")
        try:
            meta = json.loads(js.read_text("utf-8"))
            with np.load(npz, allow_pickle=False) as arrays:
                vocab, idf, coef = arrays["vocab"], arrays["idf"], arrays["coef"]
                intercept = float(arrays["intercept"][0])
                platt = (float(arrays["platt"][0]), float(arrays["platt"][1]))
        except (OSError, KeyError, ValueError, json.JSONDecodeError) as exc:
            raise ConfigError(f"{path}: cannot load model: {exc}") from None
        return cls(meta, vocab, idf, coef, intercept, platt)

    @classmethod
    def shipped(cls, name: str) -> LinearModel:
        """A model shipped in `qinglang/models/data/` (loaded once per process)."""
        return _shipped(name)

    # -- scoring --------------------------------------------------------------------------------------------
    def _lookup(self, ks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(vocabulary ids, counts) of the distinct keys that are in the vocabulary."""
        uk, counts = np.unique(ks, return_counts=True)  # sorted needles make searchsorted cache-friendly
        pos = np.searchsorted(self.vocab, uk)
        pos[pos == len(self.vocab)] = 0
        hit = self.vocab[pos] == uk
        return pos[hit], counts[hit]

    def raw_keys(self, ks: np.ndarray) -> float:
        """The uncalibrated decision value (log-odds before Platt scaling) of one text's n-gram keys."""
        if not len(self.vocab) or not len(ks):
            return self.intercept
        ids, counts = self._lookup(ks)
        if not len(ids):
            return self.intercept
        vals = (1.0 + np.log(counts)) * self.idf[ids]
        return self.intercept + float(vals @ self.coef[ids]) / math.sqrt(float(vals @ vals))

    def raw(self, views: tuple[ViewText, ...]) -> float:
        return self.raw_keys(keys(views))

    def calibrate(self, raw: float) -> float:
        """Platt-scaled probability in [0, 1]."""
        a, b = self.platt
        z = a * raw + b
        if z < -500:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def score(self, nt: NormalizedText) -> float:
        """Calibrated probability in [0, 1] that the text belongs to the model's positive class."""
        return self.calibrate(self.raw(views_of(nt)))

    def contributions(self, views: tuple[ViewText, ...], top: int = 3) -> list[Contribution]:
        """Canonical spans of every occurrence of the `top` n-grams that raised the score most."""
        ks, orders, starts = key_positions(views)
        if not len(self.vocab) or not len(ks):
            return []
        ids, counts = self._lookup(ks)
        if not len(ids):
            return []
        vals = (1.0 + np.log(counts)) * self.idf[ids]
        contrib = vals * self.coef[ids] / math.sqrt(float(vals @ vals))
        out: list[Contribution] = []
        for u in np.argsort(-contrib, kind="stable")[:top]:
            if contrib[u] <= 0:
                break
            key = self.vocab[ids[u]]
            occ = [canonical_span(views, int(orders[k]), int(starts[k])) for k in np.flatnonzero(ks == key)]
            occ = [sp for sp in occ if sp[1] > sp[0]]
            out.extend(Contribution(a, b, float(contrib[u]) / max(len(occ), 1)) for a, b in occ)
        return out


@cache
def _shipped(name: str) -> LinearModel:
    path = Path(str(resources.files("qinglang.models").joinpath("data", name)))
    if not path.with_suffix(".npz").exists():
        known = sorted(p.stem for p in path.parent.glob("*.npz"))
        raise ConfigError(f"no shipped model {name!r}; known: {known}")
    return LinearModel.load(path)


__all__ = ["Contribution", "LinearModel"]
