"""Cue families and their matcher (issue 17), split out of `score.py`: a family's words, regexes and the fields it
reads, and `FamilySet`, which finds the hits of many families at once (one overlapping Aho–Corasick pass per field
for all their words, resolved leftmost-longest per family; regexes gated by the literals every match contains).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ahocorasick_rs

from ..detectors.patterns import Found, Pattern
from ..text import literals


@dataclass(frozen=True)
class Family:
    name: str
    weight: float
    patterns: tuple[Pattern, ...]  # the words pattern (if any) first, then the family's regexes as one
    terms: tuple[str, ...] = ()
    fields: frozenset[str] | None = None  # the fields it reads (`fields:` in cues.yaml); None: every field
    cancels: frozenset[str] = frozenset()  # families that count for nothing when this one matches (`cancels:`)
    claimed_only: bool = False  # hits the poster denies, quotes or asks about do not count (`claimed_only: true`)
    unnegated: bool = False  # hits the poster negates (不会引发地震, 并没有停电) do not count (`unnegated: true`)


class FamilySet:
    """Families scored together: all their words in ONE overlapping Aho–Corasick pass per field (then resolved
    leftmost-longest within each family, as a family's own automaton would), their regexes one by one."""

    def __init__(self, families: tuple[Family, ...]) -> None:
        self.families = families
        owners: dict[str, list[int]] = {}
        for k, fam in enumerate(families):
            for t in fam.terms:
                owners.setdefault(t.lower(), []).append(k)
        self.terms = list(owners)
        self.word_patterns = [fam.patterns[0] if fam.terms else None for fam in families]
        self.regexes = [(k, p) for k, fam in enumerate(families) for p in fam.patterns[1 if fam.terms else 0:]]
        # Each regex's `needs` (strings one of which every match contains): a regex none of whose needs occurs in a
        # field is skipped. The words and the needs share ONE overlapping Aho–Corasick pass per field: a string of
        # the automaton names the families it is a word of and the regexes it is a need of.
        self.always = frozenset(j for j, (_, p) in enumerate(self.regexes) if not p.needs)
        strings: dict[str, tuple[list[int], list[int]]] = {t: (list(ks), []) for t, ks in owners.items()}
        for j, (_, p) in enumerate(self.regexes):
            for lit in p.needs or ():
                strings.setdefault(lit, ([], []))[1].append(j)
        self.ac = ahocorasick_rs.AhoCorasick(list(strings)) if strings else None
        # A regex anchored at the text's end (a closing question: `…[?？]+[^。！]{0,20}$`) runs only where one of its
        # strings stands near the end (`literals.tail_required`), not wherever the text holds one.
        self.tails = {j: got for j, (_, p) in enumerate(self.regexes)
                      if (got := literals.tail_required(p.regex.pattern, p.regex.flags)) is not None}
        self.owners = [tuple(w) for w, _ in strings.values()]  # automaton string → families it is a word of
        self.needed_by = [tuple(r) for _, r in strings.values()]  # automaton string → regexes it is a need of
        # field name → families that do not read it (a family with `fields` reads only those)
        self.blocked: dict[str, frozenset[int]] = _Blocked(families)
        self.cancellers = tuple(k for k, fam in enumerate(families) if fam.cancels)

    def find(self, views: Any, fields: tuple[str, ...] | None = None) -> list[list[Found]]:
        """Hits per family (same order as `families`)."""
        out: list[list[Found]] = [[] for _ in self.families]
        ac, owners, needed_by, regexes = self.ac, self.owners, self.needed_by, self.regexes
        for name, nt in views.fields.items():
            if fields is not None and name not in fields:
                continue
            text = nt.text
            blocked = self.blocked[name]
            raw: dict[int, list[tuple[int, int]]] = {}
            may = set(self.always)
            if ac is not None:
                for t, a, b in ac.find_matches_as_indexes(text, overlapping=True):
                    for k in owners[t]:
                        spans = raw.get(k)
                        if spans is None:
                            raw[k] = [(a, b)]
                        else:
                            spans.append((a, b))
                    if needed_by[t]:
                        may.update(needed_by[t])
            for k, spans in raw.items():
                if k not in blocked:
                    pat = self.word_patterns[k]
                    out[k].extend(Found(pat, name, a, b) for a, b in _leftmost_longest(spans))
            tails = self.tails
            stripped = None
            for j in sorted(may):
                k, p = regexes[j]
                if k in blocked:
                    continue
                if j in tails:
                    strings, n = tails[j]
                    stripped = text.rstrip() if stripped is None else stripped
                    end = stripped[-n:]
                    if not any(s in end for s in strings):
                        continue  # none of its strings near the end: the end-anchored regex cannot match
                for m in p.regex.finditer(text):
                    if m.end() > m.start():
                        out[k].append(Found(p, name, m.start(), m.end()))
        return out


class _Blocked(dict):
    """field name → indexes of the families that do not read that field (computed once per field name)."""

    def __init__(self, families: tuple[Family, ...]) -> None:
        super().__init__()
        self.families = families

    def __missing__(self, name: str) -> frozenset[int]:
        out = frozenset(k for k, f in enumerate(self.families) if f.fields is not None and name not in f.fields)
        self[name] = out
        return out


def _leftmost_longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort(key=lambda s: (s[0], -s[1]))
    kept, end = [], -1
    for a, b in spans:
        if a >= end:
            kept.append((a, b))
            end = b
    return kept
