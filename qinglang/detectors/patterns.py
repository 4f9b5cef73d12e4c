"""Regex and word patterns over the canonical views, reported as evidence in the ORIGINAL text.

Shared by the campaign detectors (topic, news, enterprise, livestream): each pattern has a stable rule id and
runs on `NormalizedText.text`, so full-width, traditional, look-alike and separator tricks are already folded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Evidence
from .base import Views


@dataclass(frozen=True, slots=True)
class Pattern:
    rule: str
    regex: re.Pattern[str]
    weight: float = 1.0


def words(rule: str, terms: Iterable[str], weight: float = 1.0) -> Pattern:
    """A pattern matching any of the words (longest first)."""
    alts = sorted({t.lower() for t in terms if t}, key=len, reverse=True)
    return Pattern(rule, re.compile("|".join(re.escape(t) for t in alts)), weight)


def regex(rule: str, expr: str, weight: float = 1.0) -> Pattern:
    return Pattern(rule, re.compile(expr), weight)


@dataclass(frozen=True, slots=True)
class Found:
    pattern: Pattern
    field: str
    start: int  # canonical offsets
    end: int


def find(views: Views, patterns: Iterable[Pattern], fields: tuple[str, ...] | None = None) -> list[Found]:
    """Every match of every pattern in the (selected) normalized fields."""
    out: list[Found] = []
    for name, nt in views.items():
        if fields is not None and name not in fields:
            continue
        for p in patterns:
            for m in p.regex.finditer(nt.text):
                if m.end() > m.start():
                    out.append(Found(p, name, m.start(), m.end()))
    return out


def evidence(views: Views, found: Iterable[Found], detector: str, limit: int = 20) -> tuple[Evidence, ...]:
    """Evidence for found spans, de-duplicated, in field/offset order."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for f in sorted(found, key=lambda f: (f.field, f.start)):
        key = (f.field, f.start, f.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(views.evidence(f.field, f.start, f.end, rule=f.pattern.rule, detector=detector))
        if len(out) >= limit:
            break
    return tuple(out)
