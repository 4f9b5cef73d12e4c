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
from .features import ViewText, key_spans, keys, views_of


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
        self.idf = idf.astype(np.float64)
        self.coef = coef.astype(np.float64)
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
    def ids(self, ks: np.ndarray) -> np.ndarray:
        """Vocabulary ids of the keys that are in the vocabulary (repeats kept)."""
        if not len(self.vocab):
            return np.zeros(0, dtype=np.int64)
        pos = np.searchsorted(self.vocab, ks)
        pos[pos == len(self.vocab)] = 0
        return pos[self.vocab[pos] == ks]

    def raw_keys(self, ks: np.ndarray) -> float:
        """The uncalibrated decision value (log-odds before Platt scaling) of one text's n-gram keys."""
        ids = self.ids(ks)
        if not len(ids):
            return self.intercept
        uniq, counts = np.unique(ids, return_counts=True)
        vals = (1.0 + np.log(counts)) * self.idf[uniq]
        return self.intercept + float(vals @ self.coef[uniq]) / math.sqrt(float(vals @ vals))

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
        ks, spans = key_spans(views)
        if not len(self.vocab) or not len(ks):
            return []
        pos = np.searchsorted(self.vocab, ks)
        pos[pos == len(self.vocab)] = 0
        hit = np.flatnonzero(self.vocab[pos] == ks)
        if not len(hit):
            return []
        ids = pos[hit]
        uniq, inverse, counts = np.unique(ids, return_inverse=True, return_counts=True)
        vals = (1.0 + np.log(counts)) * self.idf[uniq]
        contrib = vals * self.coef[uniq] / math.sqrt(float(vals @ vals))
        out: list[Contribution] = []
        for u in np.argsort(-contrib, kind="stable")[:top]:
            if contrib[u] <= 0:
                break
            occ = [spans[hit[k]] for k in np.flatnonzero(inverse == u)]
            occ = [s for s in occ if s[1] > s[0]]
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
