"""ModelDetector: the shipped text classifiers as a detector (registered as type `model`).

Each model gives a calibrated probability per text field; the strongest field counts. A signal is emitted
when the probability reaches `min_score` (a reporting floor that keeps decisions uncluttered; the actions
are still the policy's). Evidence: the canonical spans of the n-grams that raised the score most, mapped
back to the original text, with the model and its version in `value` (``cold@1-3f2a…``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..detectors.base import Views
from ..errors import ConfigError
from ..model import Content, Signal
from .features import keys, views_of
from .linear import Contribution, LinearModel

DEFAULT_MODELS = ("cold", "swsr")
MAX_SPANS = 5


class ModelDetector:
    name = "model"

    def __init__(self, models: Sequence[LinearModel], *, min_score: float = 0.5, top: int = 3) -> None:
        if not models:
            raise ConfigError("model detector: 'models' is empty")
        if not 0.0 <= min_score <= 1.0:
            raise ConfigError(f"model detector: min_score must be in [0, 1], got {min_score}")
        self.models = tuple(models)
        self.min_score = min_score
        self.top = top
        self.version = "1+" + "+".join(f"{m.name}.{m.version}" for m in self.models)
        self.id = f"{self.name}@{self.version}"
        self.supported_labels = frozenset(label for m in self.models for label in m.meta["labels"])

    @classmethod
    def shipped(cls, names: Sequence[str] = DEFAULT_MODELS, **kw: float) -> ModelDetector:
        return cls([LinearModel.shipped(n) for n in names], **kw)  # type: ignore[arg-type]

    def scores(self, views: Views) -> dict[str, tuple[float, str]]:
        """Per model name: (best calibrated probability over the text fields, the field that gave it)."""
        fields = {name: views_of(nt) for name, nt in views.items()}
        field_keys = {name: keys(vs) for name, vs in fields.items()}  # one extraction shared by every model
        return {m.name: self._best(m, field_keys) for m in self.models}

    def detect(self, content: Content, views: Views) -> list[Signal]:
        fields = {name: views_of(nt) for name, nt in views.items()}
        field_keys = {name: keys(vs) for name, vs in fields.items()}  # one extraction shared by every model
        signals: list[Signal] = []
        for m in self.models:
            p, field_name = self._best(m, field_keys)
            if p < self.min_score or not field_name:
                continue
            rule = m.meta.get("rule", f"model.{m.name}")
            spans = _merge(m.contributions(fields[field_name], self.top))[:MAX_SPANS]
            value = f"{m.name}@{m.version}"
            evidence = tuple(views.evidence(field_name, a, b, rule=rule, detector=self.id, value=value)
                             for a, b in spans)
            for label in m.meta["labels"]:
                signals.append(Signal(label=label, score=p, rule=rule, detector=self.id, evidence=evidence))
        return signals

    @staticmethod
    def _best(m: LinearModel, field_keys: dict[str, np.ndarray]) -> tuple[float, str]:
        best, where = 0.0, ""
        for field_name, ks in field_keys.items():
            p = m.calibrate(m.raw_keys(ks))
            if p > best or not where:
                best, where = p, field_name
        return best, where


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
