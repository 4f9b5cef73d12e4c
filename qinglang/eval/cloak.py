"""Cloaking robustness: how much of the engine's clean detection survives each obfuscation.

For every row, the clean text is moderated first. Where the engine found evidence for a target label, those
evidence spans are cloaked — the words an evader would disguise (in false positives too). Rows without
evidence get a random two-to-four character span cloaked for the *surface* kinds that ordinary writers also
use (emoji, separators, traditional or fullwidth characters, look-alikes), so precision is tested against
innocent decoration; the *lexical* kinds (homophone, split, pinyin, initials) are applied only to evidence
spans, since rewriting random words of innocent text into sound-alikes makes new sound-alikes of lexicon
terms that a human reader would take the same way. Each kind is scored against the gold labels, and recall
is reported as a share of the clean recall ("retained").

A span the clean engine found only by sound (a homophone, pinyin or initials reading: 撕逼 read as 死逼) is
already a cloak. By default the lexical kinds leave such spans as written, so that each kind measures one
obfuscation of a term's own spelling; `cloak_sound_hits=True` cloaks them too (a cloak of a cloak: 撕逼 →
手斯逼), the stricter and less realistic reading, kept for comparison.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..engine import Engine
from .metrics import Counts, gold_labels
from .perturb import KINDS, perturb

SURFACE_KINDS = frozenset({"emoji", "separator", "traditional", "fullwidth", "lookalike"})
SOUND_LAYERS = frozenset({"homophone", "pinyin", "initials"})


@dataclass(frozen=True)
class CloakResult:
    kind: str
    counts: Counts
    retained: float  # recall / clean recall
    precision_drop: float  # clean precision - precision, in points

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, **self.counts.to_json(), "retained": round(self.retained, 4),
                "precision_drop_points": round(self.precision_drop * 100, 2)}


def _random_span(text: str, rng: random.Random) -> list[tuple[int, int]]:
    if len(text) < 2:
        return []
    n = rng.randint(2, min(4, len(text)))
    s = rng.randrange(0, len(text) - n + 1)
    return [(s, s + n)]


def cloak_eval(engine: Engine, rows: Iterable[dict[str, Any]], labels: set[str], *, label_for_binary: str,
               kinds: Iterable[str] = KINDS, seed: int = 13, cloak_sound_hits: bool = False
               ) -> tuple[Counts, list[CloakResult]]:
    """Clean counts and one CloakResult per kind; a row is positive when its gold labels meet `labels`."""
    kinds = list(kinds)
    clean = Counts()
    per_kind = {k: Counts() for k in kinds}
    rng = random.Random(seed)
    for k, row in enumerate(rows):
        text = str(row.get("text", ""))
        gold = bool(gold_labels(row, label_for_binary) & labels)
        d = engine.moderate({"id": str(row.get("id", k)), "text": text})
        hit = [lab for lab in d.labels if lab.label in labels]
        clean = clean.add(gold, bool(hit))
        evidence = [ev for lab in hit for ev in lab.evidence if ev.field == "text"]
        spans = _disjoint(sorted({(ev.start, ev.end) for ev in evidence}))
        written = spans if cloak_sound_hits else _disjoint(sorted(
            {(ev.start, ev.end) for ev in evidence if not SOUND_LAYERS & set(ev.layers)}))
        decoy = _random_span(text, rng)
        for kind in kinds:
            # One stream per row and kind, so that one kind's choices never shift another's (or another option's).
            krng = random.Random(f"{seed}:{k}:{kind}")
            if spans and (kind in SURFACE_KINDS or written):
                cloaked = perturb(text, kind, krng, spans=spans if kind in SURFACE_KINDS else written)
            elif kind in SURFACE_KINDS:
                cloaked = perturb(text, kind, krng, spans=decoy)
            else:
                cloaked = text
            d2 = engine.moderate({"id": f"{k}:{kind}", "text": cloaked})
            per_kind[kind] = per_kind[kind].add(gold, any(lab.label in labels for lab in d2.labels))
    out = []
    for kind, c in per_kind.items():
        retained = c.recall / clean.recall if clean.recall else 0.0
        out.append(CloakResult(kind, c, retained, clean.precision - c.precision))
    return clean, out


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
