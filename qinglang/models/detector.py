"""ModelDetector: the shipped text classifiers as a detector (registered as type `model`).

Each model gives a calibrated probability per text field; the strongest field counts. A signal is emitted
when the probability reaches `min_score` (a reporting floor that keeps decisions uncluttered; the actions
are still the policy's). `max_score` caps the signal's score (the probability stays in the evidence): the
default registry caps at 0.85, so a model alone sends an item to review but never blocks it.
Evidence: the canonical spans of the n-grams that raised the score most, mapped back to the original text,
with the model, its version and the probability in `value` (``cold@1-3f2a… p=0.912``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..detectors.base import Views
from ..errors import ConfigError
from ..model import Content, Signal
from .features import ViewText, canonical_span, key_positions, keys, views_of
from .linear import Contribution, LinearModel

DEFAULT_MODELS = ("cold", "swsr")
MAX_SPANS = 5


class ModelDetector:
    name = "model"

    def __init__(self, models: Sequence[LinearModel], *, min_score: float = 0.5, top: int = 3,
                 max_score: float = 1.0) -> None:
        if not models:
            raise ConfigError("model detector: 'models' is empty")
        if not 0.0 <= min_score <= 1.0:
            raise ConfigError(f"model detector: min_score must be in [0, 1], got {min_score}")
        self.models = tuple(models)
        if not min_score <= max_score <= 1.0:
            raise ConfigError(f"model detector: max_score must be in [min_score, 1], got {max_score}")
        self.min_score = min_score
        self.max_score = max_score
        self.top = top
        self.version = "1+" + "+".join(f"{m.name}.{m.version}" for m in self.models)
        self.id = f"{self.name}@{self.version}"
        self.supported_labels = frozenset(label for m in self.models for label in m.meta["labels"])
        self._joint = _Joint(self.models)

    @classmethod
    def shipped(cls, names: Sequence[str] = DEFAULT_MODELS, **kw: float) -> ModelDetector:
        return cls([LinearModel.shipped(n) for n in names], **kw)  # type: ignore[arg-type]

    def detect(self, content: Content, views: Views) -> list[Signal]:
        looked = {name: self._joint.lookup(views_of(nt)) for name, nt in views.items()}
        best = self._best(looked)
        signals: list[Signal] = []
        for k, m in enumerate(self.models):
            p, field_name = best[m.name]
            if p < self.min_score or not field_name:
                continue
            rule = m.meta.get("rule", f"model.{m.name}")
            spans = _merge(self._joint.contributions(k, looked[field_name], self.top))[:MAX_SPANS]
            value = f"{m.name}@{m.version} p={p:.3f}"  # the calibrated probability, before any cap
            evidence = tuple(views.evidence(field_name, a, b, rule=rule, detector=self.id, value=value)
                             for a, b in spans)
            for label in m.meta["labels"]:
                signals.append(Signal(label=label, score=min(p, self.max_score), rule=rule, detector=self.id,
                                      evidence=evidence))
        return signals

    def scores(self, views: Views) -> dict[str, tuple[float, str]]:
        """Per model name: (best calibrated probability over the text fields, the field that gave it)."""
        return self._best({name: self._joint.lookup(views_of(nt)) for name, nt in views.items()})

    def _best(self, looked: dict[str, _Lookup]) -> dict[str, tuple[float, str]]:
        best: dict[str, tuple[float, str]] = {m.name: (0.0, "") for m in self.models}
        for field_name, lk in looked.items():
            for m, raw in zip(self.models, self._joint.raw(lk), strict=True):
                p = m.calibrate(raw)
                if p > best[m.name][0] or not best[m.name][1]:
                    best[m.name] = (p, field_name)
        return best


@dataclass(frozen=True, slots=True)
class _Lookup:
    """One field's n-grams found in the joint vocabulary: computed once, used for scores and evidence."""

    views: tuple[ViewText, ...]
    keys: np.ndarray  # every n-gram key, in `features.keys` order
    found: np.ndarray  # distinct keys present in the joint vocabulary
    ids: np.ndarray  # their joint vocabulary ids
    tf: np.ndarray  # 1 + log(count)


class _Joint:
    """All models' vocabularies merged into one sorted key array, so a post's n-grams are looked up once
    (the lookup is the costly step: cache misses in a large sorted array). A model's IDF is 0 on keys it
    does not know, which keeps them out of its numerator and its norm: scores equal `LinearModel.raw_keys`."""

    def __init__(self, models: Sequence[LinearModel]) -> None:
        self.models = tuple(models)
        self.vocab = models[0].vocab
        for m in models[1:]:
            self.vocab = np.union1d(self.vocab, m.vocab)
        self.idf = np.zeros((len(models), len(self.vocab)), dtype=np.float32)
        self.coef = np.zeros((len(models), len(self.vocab)), dtype=np.float32)
        for k, m in enumerate(models):
            at = np.searchsorted(self.vocab, m.vocab)
            self.idf[k, at], self.coef[k, at] = m.idf, m.coef
        self.intercepts = [m.intercept for m in models]

    def lookup(self, views: tuple[ViewText, ...]) -> _Lookup:
        ks = keys(views)
        if not len(ks) or not len(self.vocab):
            empty = np.zeros(0, dtype=np.int64)
            return _Lookup(views, ks, empty.astype(np.uint32), empty, empty.astype(np.float64))
        uk, counts = np.unique(ks, return_counts=True)
        pos = np.searchsorted(self.vocab, uk)
        pos[pos == len(self.vocab)] = 0
        hit = self.vocab[pos] == uk
        return _Lookup(views, ks, uk[hit], pos[hit], 1.0 + np.log(counts[hit]))

    def raw(self, lk: _Lookup) -> list[float]:
        """Every model's uncalibrated decision value for one field."""
        if not len(lk.ids):
            return list(self.intercepts)
        vals = self.idf[:, lk.ids] * lk.tf
        num = (vals * self.coef[:, lk.ids]).sum(axis=1)
        norm = np.sqrt((vals * vals).sum(axis=1))
        return [b + (float(n) / float(d) if d > 0 else 0.0) for b, n, d in zip(self.intercepts, num, norm, strict=True)]

    def contributions(self, k: int, lk: _Lookup, top: int) -> list[Contribution]:
        """Model k's `top` score-raising n-grams in this field, every occurrence as a canonical span."""
        if not len(lk.ids):
            return []
        vals = self.idf[k, lk.ids] * lk.tf
        norm = float(np.sqrt(vals @ vals))
        if norm == 0:
            return []
        contrib = vals * self.coef[k, lk.ids] / norm
        _, orders, starts = key_positions(lk.views, lk.keys)
        out: list[Contribution] = []
        for u in np.argsort(-contrib, kind="stable")[:top]:
            if contrib[u] <= 0:
                break
            where = np.flatnonzero(lk.keys == lk.found[u])
            occ = [canonical_span(lk.views, int(orders[j]), int(starts[j])) for j in where]
            occ = [sp for sp in occ if sp[1] > sp[0]]
            out.extend(Contribution(a, b, float(contrib[u]) / max(len(occ), 1)) for a, b in occ)
        return out


def _merge(contribs: list[Contribution]) -> list[tuple[int, int]]:
    """Overlapping or touching canonical spans merged, strongest first."""
    spans = sorted({(c.start, c.end) for c in contribs if c.end > c.start})
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    weight = {tuple(s): sum(c.weight for c in contribs if s[0] <= c.start and c.end <= s[1]) for s in merged}
    return [(a, b) for a, b in sorted(weight, key=lambda s: -weight[s])]


__all__ = ["DEFAULT_MODELS", "ModelDetector"]
