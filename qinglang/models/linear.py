"""A shipped linear text model: n-gram vocabulary, TF-IDF weights, logistic coefficients, Platt calibration.

Files: ``qinglang/models/data/<name>.npz`` (arrays) and ``<name>.json`` (metadata: version, label mapping,
data hashes, seed, parameters, metrics, calibration table). Scoring one text is a few dictionary lookups and
one small dot product (no per-request sklearn call), so it runs at thousands of posts per second per core.
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
from .features import VIEWS, ViewText, gram_positions, grams, views_of

SEP = "\x00"  # vocabulary separator inside the npz; stripped from texts at training time


@dataclass(frozen=True, slots=True)
class Contribution:
    """A canonical span and how much its n-grams added to the model's raw score."""

    start: int
    end: int
    weight: float
    gram: str
    view: str


class LinearModel:
    """Calibrated probability of one binary task from char n-grams of the three feature views."""

    def __init__(self, meta: dict[str, Any], vocab: dict[str, dict[str, int]], idf: np.ndarray, coef: np.ndarray,
                 intercept: float, platt: tuple[float, float]) -> None:
        self.meta = meta
        self.name: str = meta["name"]
        self.version: str = str(meta["version"])
        self.vocab = vocab
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
                vocab = {}
                for view in VIEWS:
                    raw = arrays[f"vocab_{view}"].tobytes().decode("utf-8")
                    vocab[view] = {}
                    if raw:
                        offset = int(arrays[f"offset_{view}"][0])
                        vocab[view] = {g: offset + k for k, g in enumerate(raw.split(SEP))}
                idf, coef = arrays["idf"], arrays["coef"]
                intercept = float(arrays["intercept"][0])
                platt = (float(arrays["platt"][0]), float(arrays["platt"][1]))
        except (OSError, KeyError, ValueError, json.JSONDecodeError) as exc:
            raise ConfigError(f"{path}: cannot load model: {exc}") from None
        if len(idf) != len(coef) or sum(len(v) for v in vocab.values()) != len(coef):
            raise ConfigError(f"{path}: model arrays disagree in length")
        return cls(meta, vocab, idf, coef, intercept, platt)

    @classmethod
    def shipped(cls, name: str) -> LinearModel:
        """A model shipped in `qinglang/models/data/` (loaded once per process)."""
        return _shipped(name)

    # -- scoring --------------------------------------------------------------------------------------------
    def indices(self, views: tuple[ViewText, ...]) -> list[int]:
        out: list[int] = []
        for view in views:
            get = self.vocab[view.name].get
            out.extend(k for k in map(get, grams(view)) if k is not None)
        return out

    def raw(self, views: tuple[ViewText, ...]) -> float:
        """The uncalibrated decision value (log-odds before Platt scaling)."""
        ks = self.indices(views)
        if not ks:
            return self.intercept
        uniq, counts = np.unique(np.asarray(ks, dtype=np.int64), return_counts=True)
        vals = (1.0 + np.log(counts)) * self.idf[uniq]
        norm = math.sqrt(float(vals @ vals))
        return self.intercept + float(vals @ self.coef[uniq]) / norm

    def calibrate(self, raw: float) -> float:
        a, b = self.platt
        z = a * raw + b
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0

    def score(self, nt: NormalizedText) -> float:
        """Calibrated probability in [0, 1] that the text belongs to the model's positive class."""
        return self.calibrate(self.raw(views_of(nt)))

    def contributions(self, views: tuple[ViewText, ...], top: int = 3) -> list[Contribution]:
        """The `top` n-grams that raised the score most, each occurrence as a canonical span."""
        occ: dict[int, list[tuple[str, str, int, int]]] = {}
        for view in views:
            get = self.vocab[view.name].get
            for g, i, j in gram_positions(view):
                k = get(g)
                if k is not None:
                    a, b = view.span(i, j)
                    occ.setdefault(k, []).append((g, view.name, a, b))
        if not occ:
            return []
        uniq = np.fromiter(occ, dtype=np.int64)
        counts = np.array([len(occ[k]) for k in uniq], dtype=np.float64)
        vals = (1.0 + np.log(counts)) * self.idf[uniq]
        contrib = vals * self.coef[uniq] / math.sqrt(float(vals @ vals))
        out: list[Contribution] = []
        for pos in np.argsort(-contrib, kind="stable")[:top]:
            if contrib[pos] <= 0:
                break
            k = int(uniq[pos])
            share = float(contrib[pos]) / len(occ[k])
            out.extend(Contribution(a, b, share, g, view) for g, view, a, b in occ[k])
        return out


@cache
def _shipped(name: str) -> LinearModel:
    path = Path(str(resources.files("qinglang.models").joinpath("data", name)))
    if not path.with_suffix(".npz").exists():
        known = sorted(p.stem for p in path.parent.glob("*.npz"))
        raise ConfigError(f"no shipped model {name!r}; known: {known}")
    return LinearModel.load(path)


__all__ = ["Contribution", "LinearModel"]
