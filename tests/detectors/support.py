"""Shared by the detector tests: run one detector on one item and check the evidence contract."""

from __future__ import annotations

from qinglang.detectors import Views
from qinglang.detectors.language_carried import LanguageCarriedDetector
from qinglang.engine import Engine
from qinglang.model import Content, Signal


def run_detector(engine: Engine, det, raw: dict) -> list[Signal]:
    """`det` on a content built from `raw`; every score in [0, 1], every text span pointing into the original."""
    content = Content.from_json({"id": "t", **raw})
    views = Views.build(content, engine.normalizer)
    signals = list(det.detect(content, views))
    for s in signals:
        assert 0.0 <= s.score <= 1.0
        for ev in s.evidence:
            if ev.field in ("text", "title"):
                assert content.field_text(ev.field)[ev.start:ev.end] == ev.text
    return signals


def acted_rules(engine: Engine, text: str, surface: str = "comment") -> tuple[str, dict[str, list[str]]]:
    """The action on a post and, for each label a policy rule acted on, the rules of its evidence."""
    d = engine.moderate({"id": "t", "text": text, "surface": surface})
    return d.action, {lr.label: [e.rule for e in lr.evidence] for lr in d.labels if lr.policy_rule}


def detector_labels(engine: Engine, det, item: str | dict, **extra) -> set[str]:
    """The labels `det` finds on `item` (a text or Content fields, with `extra` fields), the evidence contract checked
    (`run_detector`): the detector-level counterpart of tests/decide.py's helpers."""
    fields = {"text": item} if isinstance(item, str) else dict(item)
    return {s.label for s in run_detector(engine, det, {**fields, **extra})}


def carried_cascade(engine: Engine, text: str, signals: list[Signal]) -> list[Signal]:
    """The language_carried cascade stage on `text` beside `signals`; every evidence span pointing into the text."""
    content = Content.from_json({"id": "t", "text": text})
    views = Views.build(content, engine.normalizer)
    out = LanguageCarriedDetector().detect_cascade(content, views, signals)
    for s in out:
        for ev in s.evidence:
            assert text[ev.start:ev.end] == ev.text
    return out


class FixedPurpose:
    """A purpose model that always answers p (and records what it read)."""

    name, version = "fixed", "0"

    def __init__(self, p: float) -> None:
        self.p = p
        self.read: list[str] = []

    def p_does(self, text: str) -> float:
        self.read.append(text)
        return self.p
