"""Regex and word patterns over the canonical views, reported as evidence in the ORIGINAL text.

Shared by the campaign detectors (topic, news, enterprise, livestream): each pattern has a stable rule id and
runs on `NormalizedText.text`, so full-width, traditional, look-alike and separator tricks are already folded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import ahocorasick_rs

from ..model import Evidence
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
    """Literal strings one of which every match of `rx` contains (None: no such set was found).

    Read from the regex's parse tree: a literal run or a required part of a sequence, the union over the
    branches of an alternation, a repeat's body when it repeats at least once, a class of a few characters.
    `find` skips the regex on a text holding none of them, which most texts are (`公司` for a company-name
    pattern, `日电` for a news dateline): a C substring test instead of a backtracking scan, same matches.
    """
    if rx.flags & re.IGNORECASE:
        return None
    try:
        tree = sre_parse.parse(rx.pattern, rx.flags)
    except (re.error, TypeError, ValueError):
        return None
    got = _seq_needs(list(tree))
    if not got or len(got) > _MAX_NEEDS or "" in got:
        return None
    # A string containing another alternative is implied by it: keep the shortest, longest first to fail fast.
    kept = [s for s in got if not any(t != s and t in s for t in got)]
    return tuple(sorted(kept, key=lambda s: (-len(s), s)))


def _seq_needs(items: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    """Every match of the sequence holds each of its parts, so any one part's set will do: the best one."""
    options: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is sre_constants.LITERAL:
            run += chr(av)
            continue
        if run:
            options.append(frozenset([run]))
            run = ""
        got = _item_needs(op, av)
        if got:
            options.append(got)
    if run:
        options.append(frozenset([run]))
    if not options:
        return None
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


def _item_needs(op: Any, av: Any) -> frozenset[str] | None:
    c = sre_constants
    if op is c.LITERAL:
        return frozenset([chr(av)])
    if op is c.IN:
        chars: list[str] = []
        for kind, val in av:
            if kind is c.LITERAL:
                chars.append(chr(val))
            elif kind is c.RANGE and val[1] - val[0] < _MAX_NEEDS:
                chars.extend(chr(x) for x in range(val[0], val[1] + 1))
            else:  # NEGATE, CATEGORY, wide ranges
                return None
        return frozenset(chars) if 0 < len(chars) <= _MAX_NEEDS else None
    if op is c.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        return None if add_flags & re.IGNORECASE else _seq_needs(list(body))
    if op is c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            got = _seq_needs(list(branch))
            if not got:
                return None
            union |= got
        return frozenset(union)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)):
        low, _high, body = av
        return _seq_needs(list(body)) if low >= 1 else None
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _seq_needs(list(av))
    return None


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
