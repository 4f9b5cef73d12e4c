"""Literal strings a regular expression's every match must contain: the prefilter behind regex gates.

A pattern such as `[\\p{Han}]{2,10}(有限公司|集团)` can only match a text holding 有限公司 or 集团, so a gate that
looks for those strings first (a substring test, or one Aho–Corasick pass for many patterns) runs the regex on the
few texts that hold one. Read from Python's regular-expression parser, which shares the syntax the shipped
patterns use with RE2: Unicode properties (`\\p{Han}`) are read as wide classes, and syntax where the two differ
(POSIX classes, `\\Q…\\E`, `\\x{…}`) or a case-insensitive pattern gives no literals, so a gate built on the
answer never skips a text the regex would match.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import ahocorasick_rs

SMALL_CLASS = 24  # a character class of at most this many characters is read as its characters
# Unicode properties (\p{Han}, \PN) are RE2 syntax Python's parser lacks: read as `\w`, a class too wide to expand.
# An even run of backslashes before the \p is escaped backslashes, not an escape.
_PROPERTY = re.compile(r"(?<!\\)((?:\\\\)*)\\[pP](\{[^}]*\}|[A-Za-z])")
_FOREIGN = re.compile(r"\[:\^?[a-z]+:\]|\\[QECz]|\\x\{")


def required(pattern: str, flags: int = 0, limit: int | None = None) -> tuple[str, ...] | None:
    """Non-empty strings one of which every match of `pattern` contains, longest first; None when no such set is
    known or it has more than `limit` strings (a substring test per string would then cost what the scan does)."""
    parts = required_all(pattern, flags, limit)
    return parts[0] if parts else None


def required_all(pattern: str, flags: int = 0, limit: int | None = None) -> tuple[tuple[str, ...], ...] | None:
    """Every such set `required` could answer with, best first: each part of the pattern that holds one of a few
    strings (`A.{0,10}B` holds A and holds B), so a gate can ask for all of them (`LiteralGate`'s `parts`); None
    when none is known."""
    if flags & re.IGNORECASE or _FOREIGN.search(pattern):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "possible nested set" and other FutureWarnings of the parser
            tree = sre_parse.parse(_PROPERTY.sub(r"\1\\w", pattern), flags)
    except (re.error, TypeError, ValueError, RecursionError, OverflowError):
        return None
    if tree.state.flags & re.IGNORECASE:
        return None
    options = _seq_options(list(tree), limit if limit is not None else 1 << 16)
    if not options:
        return None
    out: list[tuple[str, ...]] = []
    for got in sorted(options, key=lambda o: (min(map(len, o)), -len(o)), reverse=True):  # `_seq_needs`' best first
        # A string containing another alternative is implied by it: keep the shortest, longest first to fail fast.
        kept = tuple(sorted((s for s in got if not any(t != s and t in s for t in got)), key=lambda s: (-len(s), s)))
        if kept not in out:
            out.append(kept)
    # A part another part implies (关 beside 关注: every string of 关注 holds one of 关) asks nothing more.
    return tuple(y for k, y in enumerate(out) if not k or not any(
        x != y and all(any(t in s for t in y) for s in x) for x in out))


def tail_required(pattern: str, flags: int = 0, limit: int | None = None) -> tuple[tuple[str, ...], int] | None:
    """For a pattern anchored at the end of the text (`…[?？]+[^。！]{0,20}$`, `…[?？]\\s*$`): (strings, n) such that
    every match holds one of the strings within the last n characters of the text once its trailing whitespace is
    stripped (`text.rstrip()[-n:]`); None when no such bound is known. A question mark in the middle of a post
    cannot end a match of a pattern that wants one in its last twenty characters, so the pattern need not run there.

    Read from the end of the top-level sequence: `$` or `\\Z`; then any whitespace runs (`\\s*`, which `rstrip`
    removes with more); then parts of bounded width; then the first part, going back, that holds one of a few strings
    (for a repeat such as `[?？]+`, its last round). Anything else (a group reference, an unbounded part before
    such a part, multi-line or case-folding flags) gives None."""
    if flags & (re.IGNORECASE | re.MULTILINE) or _FOREIGN.search(pattern):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = sre_parse.parse(_PROPERTY.sub(r"\1\\w", pattern), flags)
    except (re.error, TypeError, ValueError, RecursionError, OverflowError):
        return None
    if tree.state.flags & (re.IGNORECASE | re.MULTILINE):
        return None
    c = sre_constants
    items = list(tree)
    if not items or items[-1] not in ((c.AT, c.AT_END), (c.AT, c.AT_END_STRING)):
        return None
    k = len(items) - 2
    while k >= 0 and _whitespace_run(*items[k]):
        k -= 1
    after = 1  # `$` also matches before a final newline (which `rstrip` removes anyway)
    limit = limit if limit is not None else 1 << 16
    while k >= 0:
        op, av = items[k]
        if op in (c.GROUPREF, getattr(c, "GROUPREF_EXISTS", c.GROUPREF)):
            return None
        body = [items[k]]
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)) and av[0] >= 1:
            body = list(av[2])  # its last round ends where the repeat does
        needs = _seq_needs(body, limit)
        if needs and all(not t[-1].isspace() for t in needs):
            width = sre_parse.SubPattern(tree.state, body).getwidth()[1]
            if width >= sre_constants.MAXREPEAT:
                return None
            return tuple(sorted(needs, key=lambda t: (-len(t), t))), after + width
        width = sre_parse.SubPattern(tree.state, [items[k]]).getwidth()[1]
        if width >= sre_constants.MAXREPEAT:
            return None
        after += width
        k -= 1
    return None


def _whitespace_run(op: Any, av: Any) -> bool:
    """A repeat of whitespace only (`\\s*`, ` +`): what `str.rstrip` strips (re's `\\s` is `str.isspace`)."""
    c = sre_constants
    if op not in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)) or len(av[2]) != 1:
        return False
    bop, bav = next(iter(av[2]))
    if bop is c.LITERAL:
        return chr(bav).isspace()
    if bop is c.IN:
        return all((kind is c.CATEGORY and val is c.CATEGORY_SPACE) or (kind is c.LITERAL and chr(val).isspace())
                   for kind, val in bav)
    return False


class LiteralGate:
    """Which of many patterns may match a text, from their required literals (`required`), in ONE overlapping
    Aho–Corasick pass: the gate of the lexicon's regex entries and of the claims families' regexes. A pattern with
    no literals (None) is always a candidate: the caller decides what else to do with those (`unknown`).
    `parts` (per pattern, more sets from `required_all`): a pattern is a candidate only when one string of its
    `needs` and one of each of its parts occur (`A.{0,10}B` is not searched in a text holding A but no B)."""

    __slots__ = ("_ac", "_more", "_owners", "unknown")

    def __init__(self, needs: Sequence[Sequence[str] | None],
                 parts: Sequence[Sequence[Sequence[str]]] | None = None) -> None:
        owners: dict[str, list[int]] = {}
        for k, lits in enumerate(needs):
            for lit in lits or ():
                owners.setdefault(lit, []).append(k)
        more: dict[int, tuple[frozenset[int], ...]] = {}
        ids = {lit: i for i, lit in enumerate(owners)}  # automaton string → its index (the parts' strings follow)
        for k, extra in enumerate(parts or ()):
            if extra and needs[k]:
                for part in extra:
                    for lit in part:
                        ids.setdefault(lit, len(ids))
                        owners.setdefault(lit, [])
                more[k] = tuple(frozenset(ids[lit] for lit in part) for part in extra)
        self._ac = ahocorasick_rs.AhoCorasick(list(owners)) if owners else None
        self._owners = [tuple(v) for v in owners.values()]
        self._more = more
        self.unknown = tuple(k for k, lits in enumerate(needs) if not lits)

    def present(self, text: str) -> set[int]:
        """Patterns (by position) one of whose literals occurs in `text` (and one of each of their `parts`); the
        `unknown` ones are not included."""
        out: set[int] = set()
        if self._ac is not None:
            owners = self._owners
            found = {m[0] for m in self._ac.find_matches_as_indexes(text, overlapping=True)}
            for a in found:
                out.update(owners[a])
            if self._more and out:
                more = self._more
                out = {k for k in out if k not in more or all(not found.isdisjoint(part) for part in more[k])}
        return out


def _seq_needs(items: Sequence[tuple[Any, Any]], limit: int) -> frozenset[str] | None:
    """Every match of the sequence holds each of its parts, so any one part's set will do: the best one."""
    options = _seq_options(items, limit)
    if not options:
        return None
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


def _seq_options(items: Sequence[tuple[Any, Any]], limit: int) -> list[frozenset[str]]:
    """The sets of a sequence's parts, each one of whose strings every match holds (none empty, none over `limit`).
    Runs of parts that match only a few strings each are read as their products (卫星 + [:：] -> 卫星: or 卫星：,
    1 + [3-9] -> 13 … 19), longer and so rarer than any one part."""
    options: list[frozenset[str]] = []
    run: set[str] | None = None
    for op, av in items:
        ex = _item_exact(op, av)
        if ex is None:
            if run and "" not in run:
                options.append(frozenset(run))
            run = None
        else:
            grown = _product(run, ex) if run is not None else set(ex)
            if grown is None:  # too many strings: keep what the run had, start again from this part
                if run and "" not in run:
                    options.append(frozenset(run))
                grown = set(ex)
            run = grown
        got = _item_needs(op, av, limit)
        if got:
            options.append(got)
    if run and "" not in run:
        options.append(frozenset(run))
    return [o for o in options if len(o) <= limit and "" not in o]


_EXACT_LIMIT = 64  # most strings a run of parts is expanded to


def _product(a: set[str], b: set[str]) -> set[str] | None:
    if len(a) * len(b) > _EXACT_LIMIT:
        return None
    return {x + y for x in a for y in b}


def _seq_exact(items: Sequence[tuple[Any, Any]]) -> set[str] | None:
    """Every string the sequence can match, when that is a few (None otherwise)."""
    out: set[str] | None = {""}
    for op, av in items:
        ex = _item_exact(op, av)
        out = _product(out, ex) if out is not None and ex is not None else None
        if out is None:
            return None
    return out


def _item_exact(op: Any, av: Any) -> set[str] | None:
    c = sre_constants
    if op is c.LITERAL:
        return {chr(av)}
    if op is c.IN:
        got = _item_needs(op, av, SMALL_CLASS)
        return set(got) if got else None
    if op is c.AT:
        return {""}
    if op is c.SUBPATTERN:
        return None if av[1] & re.IGNORECASE else _seq_exact(list(av[3]))
    if op is c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            got = _seq_exact(list(branch))
            if got is None or len(union | got) > _EXACT_LIMIT:
                return None
            union |= got
        return union
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, high, body = av
        inner = _seq_exact(list(body))
        if inner is None or high > 3:
            return None
        out: set[str] | None = {""}
        for _ in range(low):
            out = _product(out, inner) if out is not None else None
        if out is None:
            return None
        more, grown = set(out), set(out)
        for _ in range(high - low):
            grown = _product(grown, inner) or set()
            if not grown:
                return None
            more |= grown
        return more if len(more) <= _EXACT_LIMIT else None
    return None


def _item_needs(op: Any, av: Any, limit: int) -> frozenset[str] | None:
    c = sre_constants
    if op is c.LITERAL:
        return frozenset([chr(av)])
    if op is c.IN:
        chars: list[str] = []
        for kind, val in av:
            if kind is c.LITERAL:
                chars.append(chr(val))
            elif kind is c.RANGE and val[1] - val[0] < SMALL_CLASS:
                chars.extend(chr(x) for x in range(val[0], val[1] + 1))
            else:  # NEGATE, CATEGORY, wide ranges
                return None
        return frozenset(chars) if 0 < len(chars) <= SMALL_CLASS else None
    if op is c.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        return None if add_flags & re.IGNORECASE else _seq_needs(list(body), limit)
    if op is c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            got = _seq_needs(list(branch), limit)
            if not got:
                return None
            union |= got
        return frozenset(union) if len(union) <= limit else None
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)):
        low, _high, body = av
        return _seq_needs(list(body), limit) if low >= 1 else None
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _seq_needs(list(av), limit)
    return None
