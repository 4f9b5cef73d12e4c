"""Regex and word patterns over the canonical views, reported as evidence in the ORIGINAL text.

Shared by the campaign detectors (topic, news, enterprise, livestream): each pattern has a stable rule id and
runs on `NormalizedText.text`, so full-width, traditional, look-alike and separator tricks are already folded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ahocorasick_rs

from ..model import Evidence
from ..text import literals
from .base import Views


@dataclass(frozen=True, slots=True)
class Pattern:
    rule: str
    regex: re.Pattern[str]
    weight: float = 1.0
    automaton: Any = None  # word lists run on Aho–Corasick (one pass), not a regex alternation
    needs: tuple[str, ...] | None = None  # a regex matches only in a text holding one of these (`required`)


def words(rule: str, terms: Iterable[str], weight: float = 1.0) -> Pattern:
    """A pattern matching any of the words, leftmost-longest (as a longest-first alternation would)."""
    alts = sorted({t.lower() for t in terms if t}, key=len, reverse=True)
    ac = ahocorasick_rs.AhoCorasick(alts, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest) if alts else None
    return Pattern(rule, re.compile("|".join(re.escape(t) for t in alts)), weight, ac)


def regex(rule: str, expr: str, weight: float = 1.0) -> Pattern:
    compiled = re.compile(expr)
    return Pattern(rule, compiled, weight, needs=required(compiled))


_MAX_NEEDS = 24  # more alternatives than this cost about what the regex's own scan does


def required(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literal strings one of which every match of `rx` contains (None: no such set, or too many to test one by
    one). `find` skips the regex on a text holding none of them, which most texts are (`公司` for a company-name
    pattern, `日电` for a news dateline): a C substring test instead of a backtracking scan, same matches."""
    return literals.required(rx.pattern, rx.flags, limit=_MAX_NEEDS)


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
            if p.automaton is not None:
                out.extend(Found(p, name, a, b) for _, a, b in p.automaton.find_matches_as_indexes(nt.text))
                continue
            needs = p.needs
            if needs is not None and not any(s in nt.text for s in needs):
                continue
            for m in p.regex.finditer(nt.text):
                if m.end() > m.start():
                    out.append(Found(p, name, m.start(), m.end()))
    return out


def evidence(views: Views, found: Iterable[Found], detector: str, limit: int = 20,
             scopes: dict[tuple[str, int, int], str] | None = None) -> tuple[Evidence, ...]:
    """Evidence for found spans, de-duplicated, in field/offset order (`scopes`: the scope tag of a span)."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for f in sorted(found, key=lambda f: (f.field, f.start)):
        key = (f.field, f.start, f.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(views.evidence(f.field, f.start, f.end, rule=f.pattern.rule, detector=detector,
                                  scope=scopes.get(key) if scopes else None))
        if len(out) >= limit:
            break
    return tuple(out)
