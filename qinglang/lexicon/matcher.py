"""Compile lexicon entries to Aho–Corasick automata over the canonical and the sound-class views.

Two character-wise automata (daachorse, chosen on the benchmark in docs/performance.md):

- canonical: every term's canonical form, plus split-character (拆字) spellings for `split` entries;
- phonetic: for `homophone` / `pinyin` / `initials` entries, the term written per character as its sound
  class, its pinyin or its initial (威信, weixin, wei信, wx), matched on `NormalizedText.phonetic`.

Both views share the canonical offsets, so every hit maps back to the original text exactly.

Why one module (over 450 lines): the automata, their payload tables, the scan shared by `match` and
`match_many` and the per-text memo are one data structure's internals; a split would only move private
state across module boundaries. (Issue 14 asks for the cross-lexicon memo, which reads a host lexicon's
private patterns, to go; that change, not a split, is what would shrink this module.)
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

import ahocorasick_rs
import daachorse
import numpy as np

from ..text.dictionary import common_word_set, common_words
from ..text.literals import LiteralGate, required_all
from ..text.normalize import NormalizedText, Normalizer, load_table
from ..text.phonetic import CLASS_BASE, class_char, sound_class_table, term_readings
from ..text.scope import RESTORED, scope_view
from .model import Entry

REGEX_SET_MEMORY = 512 << 20  # bytes of DFA cache for the literal-free patterns' RE2 set (see _RegexGate)

MAX_VARIANTS = 64
MAX_SPLIT_VARIANTS = 512
# Two-letter tokens common in Chinese posts for their own sake: never read as the initials of a term.
COMMON_LATIN = frozenset(
    "ok ai tv pc pk vs gg mm dj ps cd ad id pm am hr ui up qq ip it go no so my me we us he hi oh ha la "
    "mv cp bb hh jj kk ll nn pp ss tt xx yy ab cc dd ee ff gl gm gn hk la ny sh bj gz sz cs js yd".split()
)
_LETTER = frozenset("abcdefghijklmnopqrstuvwxyz")
_ADDRESSY = frozenset("0123456789._-@/:#&=?%")
_MARKUP = frozenset("0123456789_@#&=%")  # next to these, letters are a handle, a code or an entity (&gt;)
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ")
_TEXT_PUNCT = frozenset("，。！？；：、…（）《》〈〉「」『』【】“”‘’")
MAX_TILED_RUN = 16

_HAS_LATIN = re.compile(r"[A-Za-z]").search  # a Latin letter: what a pinyin or initials spelling needs


class Hit(NamedTuple):
    """One entry hit (a tuple: lexicons produce a few per post, and tuples are the cheapest to build)."""

    entry: Entry
    start: int  # canonical offsets
    end: int
    variant: str  # exact | split | homophone | pinyin | initials
    context_word: str | None = None
    score: float = 0.0
    index: int = -1  # position of the entry in CompiledLexicon.entries


@cache
def _split_index() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    for row in load_table("split"):
        out[row.source].append(row.target)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _aliases() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    for row in load_table("phonetic_alias"):
        out[row.source].append(row.target)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _common_latin() -> frozenset[str]:
    """Short Latin tokens of ordinary posts (`data/common_latin.tsv`, built by tools/build_common_latin.py)."""
    text = resources.files("qinglang.lexicon").joinpath("data", "common_latin.tsv").read_text("utf-8")
    return frozenset(line.split("\t", 1)[0] for line in text.splitlines() if line and not line.startswith("#"))


class CompiledLexicon:
    """All entries of all lexicons in force, compiled once; `match` is thread-safe (read-only state)."""

    def __init__(self, entries: Iterable[Entry], normalizer: Normalizer, host: CompiledLexicon | None = None,
                 allow: Iterable[str] = ()) -> None:
        """`host`: a larger compiled lexicon that holds every canonical pattern of this one (a detector's own
        entries drawn from the shipped lexicons); its canonical automaton pass is then shared, not repeated.
        `allow`: the global allow list: a hit that lies inside one of these phrases is dropped."""
        self.entries = tuple(entries)
        self.normalizer = normalizer
        self.allow = AllowList(allow, normalizer)
        # Run-time edits (`Overlay`): swapped whole by `LexiconEdits`, read once per scan (no lock needed).
        self.overlay: Overlay | None = None
        canon: dict[str, list[tuple[int, str]]] = defaultdict(list)
        phon: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self._canon_terms: list[str] = []
        self._canon_exempt: list[tuple[str, ...]] = []
        self._regexes: list[tuple[int, Any]] = []
        # Terms the repeat stage collapsed (三三三 → 三, 哈哈哈 → 哈): a hit counts only where the text's own
        # characters were a collapsed run too, or the term would match its one character everywhere.
        self._collapsed: frozenset[int] = frozenset()
        collapsed: set[int] = set()
        for idx, e in enumerate(self.entries):
            if "regex" in e.match:
                term = e.term
            else:
                nt_term = normalizer.normalize(e.term)
                term = nt_term.text
                if term and "repeat" in nt_term.layers(0, len(term)):
                    collapsed.add(idx)
            self._canon_terms.append(term)
            self._canon_exempt.append(tuple(normalizer.normalize(x).text for x in e.exempt))
            if "regex" in e.match:
                import re2

                self._regexes.append((idx, re2.compile(e.term)))
                continue
            if not term:
                continue
            canon[term].append((idx, "exact"))
            if "split" in e.match:
                # Each spelling goes through the same normalizer as the text (fold, separators, repeats).
                for v in _split_variants(term, normalizer, e.term):
                    canon[v].append((idx, "split"))
            if e.match & {"homophone", "pinyin", "initials"}:
                for v, kind in _phonetic_variants(term, e.match, e.initials_min):
                    phon[v].append((idx, kind))
        self._collapsed = frozenset(collapsed)
        self._regex_gate = _RegexGate(self._regexes) if len(self._regexes) > 1 else None
        # Entries with no context rules and no Latin letters need no per-hit checks (the hot path).
        self._simple = [
            not (e.context or e.forbid or e.boost or e.exempt or e.whole_word or "regex" in e.match
                 or any(c in _LETTER for c in t) or k in collapsed)
            for k, (e, t) in enumerate(zip(self.entries, self._canon_terms, strict=True))
        ]
        self._canon_patterns = list(canon)
        self._canon_targets = [self._targets(canon[p]) for p in self._canon_patterns]
        self._phon_patterns = list(phon)
        self._phon_targets = [self._targets(phon[p]) for p in self._phon_patterns]
        self._units = _Units.get()
        self._host: CompiledLexicon | None = None
        self._from_host: dict[int, int] = {}
        if host is not None and host.normalizer is normalizer and self._canon_patterns:
            where = {p: k for k, p in enumerate(host._canon_patterns)}
            if all(p in where for p in self._canon_patterns):
                self._host = host
                self._from_host = {where[p]: k for k, p in enumerate(self._canon_patterns)}
        self._canon_ac, self._canon_verify = (None, frozenset()) if self._host else self._units.automaton(
            self._canon_patterns, phonetic=False)
        self._phon_ac, self._phon_verify = self._units.automaton(self._phon_patterns, phonetic=True)
        # Without homophone entries every phonetic spelling holds a Latin letter (a pinyin syllable or an initial: see
        # `_phonetic_variants`), so a text without one cannot match and skips the phonetic pass (a frame family
        # written `match: [exact, pinyin]` costs nothing on all-Han text).
        self._phon_latin_only = bool(self._phon_patterns) and not any("homophone" in e.match for e in self.entries)
        self._homophone_words = self._dictionary_homophones() if self._phon_patterns else frozenset()
        self._tilings: dict[str, tuple[dict[int, set[int]], set[int], set[int]]] = {}
        # Latin words that are terms of their own (nmsl, yyds): such a word is not tiled into other terms' initials
        # (nmsl is not nm + sl, two porn initials).
        self._latin_terms = frozenset(t for e, t in zip(self.entries, self._canon_terms, strict=True)
                                      if "regex" not in e.match and t.isascii() and t.isalpha())
        # Built now rather than on the first hit: the engine freezes what its build made (gc.freeze), and a
        # 300,000-word set made later would be walked by every full collection.
        common_word_set()
        _common_latin()
        self._batchable = not any("\n" in p for p in (*self._canon_patterns, *self._phon_patterns))

    def _targets(self, found: list[tuple[int, str]]) -> tuple[tuple[int, str, Entry | None], ...]:
        """Per pattern: (entry index, variant, the entry when an exact hit needs no check), each entry once."""
        out: dict[int, tuple[int, str, Entry | None]] = {}
        for idx, kind in found:
            if idx not in out:
                out[idx] = (idx, kind, self.entries[idx] if kind == "exact" and self._simple[idx] else None)
        return tuple(out.values())

    def canonical_term(self, entry_index: int) -> str:
        """The term as the normalizer writes it (what a hit 'normalized to')."""
        n = len(self._canon_terms)
        if entry_index >= n and self.overlay is not None and self.overlay.added is not None:
            return self.overlay.added.canonical_term(entry_index - n)
        return self._canon_terms[entry_index]

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def pattern_count(self) -> int:
        return len(self._canon_patterns) + len(self._phon_patterns)

    def _dictionary_homophones(self) -> frozenset[str]:
        """Dictionary words that sound like a phonetic term but are not it (维新 vs 微信): need context."""
        table = sound_class_table()
        keys = {p for p, tg in zip(self._phon_patterns, self._phon_targets, strict=True)
                if any(k == "homophone" for _, k, _ in tg)}
        terms = set(self._canon_terms)
        return frozenset(w for w in common_words() if w not in terms and w.translate(table) in keys)

    def match(self, nt: NormalizedText) -> list[Hit]:
        """Every entry hit in one normalized field (unordered), after context, forbid, exemption and boundary
        rules. Memoized on the NormalizedText, so detectors sharing one compiled lexicon match once."""
        memo = nt.cache.get(self)
        if memo is None:
            self._scan([nt])
            memo = nt.cache[self]
        return memo  # type: ignore[return-value]

    def match_many(self, nts: Sequence[NormalizedText]) -> None:
        """Match a batch of fields at once and memoize each field's hits (what `match` would return).

        The fields are joined with line breaks, which no pattern contains, so one automaton pass per view
        covers the batch and no hit spans two fields; hits are then handed back by offset.
        """
        todo = [nt for nt in nts if self not in nt.cache]
        if len(todo) < 2 or not self._batchable:
            return
        if self._host is not None:
            self._host.match_many(todo)
        self._scan(todo)

    def _scan(self, todo: Sequence[NormalizedText]) -> None:
        """Scan fields (one, or a batch joined by line breaks) and memoize their raw matches and hits."""
        phonetic = self._phon_ac is not None and (
            not self._phon_latin_only or any(_HAS_LATIN(nt.text) is not None for nt in todo))
        canon = phon = None
        if self._host is None or phonetic:
            bounds = [0]
            for nt in todo:
                bounds.append(bounds[-1] + len(nt.text) + 1)
            joined = "\n".join(nt.text for nt in todo)
            canon = self._raw(self._canon_ac, joined, self._canon_verify, self._canon_patterns, todo, bounds, False)
            phon = self._raw(self._phon_ac, self._units.phonetic(joined) if phonetic else None, self._phon_verify,
                             self._phon_patterns, todo, bounds, True)
        get = self._from_host.get
        found = self._regex_spans(todo) if self._regexes else None
        for k, nt in enumerate(todo):
            if self._host is not None:  # the host's canonical pass, read in this lexicon's pattern numbers
                raw = [(j, s, e) for pi, s, e in self._host.raw_canonical(nt) if (j := get(pi)) is not None]
            else:
                raw = canon[k] if canon else []
            nt.cache[(self, "raw")] = raw
            hits = self._collect(nt, raw, phon[k] if phon else (), found[k] if found else ())
            if self.allow or self.overlay is not None:
                hits = list(self._finish(nt, hits, self.overlay))
            nt.cache[self] = hits

    def raw_canonical(self, nt: NormalizedText) -> list[tuple[int, int, int]]:
        """The canonical automaton's raw matches (pattern, start, end) in one field (memoized with `match`)."""
        raw = nt.cache.get((self, "raw"))
        if raw is None:
            self.match(nt)
            raw = nt.cache.get((self, "raw"), ())
        return raw  # type: ignore[return-value]

    @staticmethod
    def _raw(ac: daachorse.CharwiseDoubleArrayAhoCorasick | None, view: str | None, verify: frozenset[int],
             patterns: list[str], nts: Sequence[NormalizedText], bounds: list[int], phonetic: bool
             ) -> list[list[tuple[int, int, int]]] | None:
        """Raw matches (pattern, start, end) per field, in field-local character offsets.

        A phonetic pattern whose characters stand for several (astral ones, see `_Units`) is checked against
        the field's own view."""
        if ac is None or view is None:
            return None
        out: list[list[tuple[int, int, int]]] = [[] for _ in nts]
        k, lo, hi = 0, 0, bounds[1]
        # Matches come in scan order, so fields come one after another (no pattern crosses a line break).
        for s, e, pi in ac.find_overlapping(view):
            if s >= hi:
                k = bisect_right(bounds, s) - 1
                lo, hi = bounds[k], bounds[k + 1]
            if verify and pi in verify:
                field = nts[k].phonetic if phonetic else nts[k].text
                if field[s - lo:e - lo] != patterns[pi]:
                    continue
            out[k].append((pi, s - lo, e - lo))
        return out

    def _collect(self, nt: NormalizedText, canon: Iterable[tuple[int, int, int]],
                 phon: Iterable[tuple[int, int, int]], found: Iterable[tuple[int, int, int]]) -> list[Hit]:
        """Hits of one field from its raw automaton matches (pattern, start, end) in each view and its regex
        entries' matches (entry, start, end: `_regex_spans`)."""
        text = nt.text
        hits: list[Hit] = []
        check = self._check
        if canon:
            targets = self._canon_targets
            for pi, s, e in canon:
                for idx, kind, simple in targets[pi]:
                    if simple is not None:  # the hot path: a plain term, nothing to check
                        hits.append(Hit(simple, s, e, kind, None, simple.score, idx))
                    elif (hit := check(idx, s, e, kind, text, nt)) is not None:
                        hits.append(hit)
        if phon:
            hits.extend(self._phonetic_hits(nt, phon, {(h.index, h.start, h.end) for h in hits}))
        if found:
            hits.extend(self._regex_hits(nt, found))
        if hits and len(text) != len(nt.original) and _PUNCT_RX.search(nt.original) is not None:
            hits = [h for h in hits if not _across_punctuation(nt, h)]
        if hits and _OPEN_GLOSS.search(nt.original) is not None:
            hits = [h for h in hits if h.variant != "initials" or not _glossed(nt, h, self.entries[h.index].term)]
        return hits

    def _phonetic_hits(self, nt: NormalizedText, phon: Iterable[tuple[int, int, int]],
                       seen: set[tuple[int, int, int]]) -> Iterator[Hit]:
        """Hits of the sound-class view that the canonical pass did not already give (`seen`: its keys)."""
        text = nt.text
        check = self._check
        # A different pattern can only hit the same span in the other view, so one key set suffices.
        targets = self._phon_targets
        terms = self._canon_terms
        dict_words = self._homophone_words
        for pi, s, e in phon:
            for idx, kind, _ in targets[pi]:
                if (idx, s, e) in seen or text[s:e] == terms[idx]:
                    continue  # the canonical pass has it (or rejected it)
                if kind == "homophone" and text[s:e] in dict_words and not self.entries[idx].context:
                    continue  # 维新 is a word of its own, not 微信 (cheap reject before the checks)
                seen.add((idx, s, e))
                if (hit := check(idx, s, e, kind, text, nt)) is not None:
                    yield hit

    def _regex_spans(self, nts: Sequence[NormalizedText]) -> list[list[tuple[int, int, int]]]:
        """Each field's regex matches (entry, start, end; non-empty), by entry then by position: a regex entry has
        no automaton pattern, its matches are its own. Searched entry by entry over all the fields (session 23,
        perf23), so each pattern's DFA, built as it meets new text, stays in the cache for the whole batch."""
        texts = [nt.text for nt in nts]
        regexes = self._regexes
        gate = self._regex_gate
        readers: dict[int, list[int]] = defaultdict(list)  # entry → the fields it may match
        for f, text in enumerate(texts):
            # the gate says which entries can match at all (most match nothing)
            for k in (gate.candidates(text) if gate is not None else range(len(regexes))):
                readers[k].append(f)
        out: list[list[tuple[int, int, int]]] = [[] for _ in texts]
        for k in sorted(readers):
            idx, rx = regexes[k]
            for f in readers[k]:
                out[f].extend((idx, m.start(), m.end()) for m in rx.finditer(texts[f]) if m.end() > m.start())
        return out

    def _regex_hits(self, nt: NormalizedText, found: Iterable[tuple[int, int, int]]) -> Iterator[Hit]:
        """The regex matches of one field (`_regex_spans`) that pass the entry's checks."""
        text, check = nt.text, self._check
        for idx, s, e in found:
            if (hit := check(idx, s, e, "regex", text, nt)) is not None:
                yield hit

    # -- the word-filter path: per-call options, stopping early, run-time edits --------------------------------
    def iter_hits(self, nt: NormalizedText, *, phonetic: bool = True, regex: bool = True) -> Iterator[Hit]:
        """Hits of one field lazily, canonical ones first, without memoizing (what `match` gives, in a stream).

        The sound-class view is only computed and scanned once the canonical hits are used up, so a caller
        that stops at the first hit (`Engine.contains`) skips it whenever a plain spelling is found;
        `phonetic=False` skips it altogether (match modes exact/split only). Allow list and run-time edits
        apply as in `match`.
        """
        hits = self._iter_raw(nt, phonetic, regex)
        overlay = self.overlay
        if self.allow or overlay is not None:
            hits = self._finish(nt, hits, overlay)
        return hits

    def _iter_raw(self, nt: NormalizedText, phonetic: bool, regex: bool) -> Iterator[Hit]:
        text = nt.text
        if self._host is not None:
            get = self._from_host.get
            canon = [(j, s, e) for pi, s, e in self._host.raw_canonical(nt) if (j := get(pi)) is not None]
        elif self._canon_ac is not None:
            canon = self._raw(self._canon_ac, text, self._canon_verify, self._canon_patterns, [nt],
                              [0, len(text) + 1], False)[0]  # type: ignore[index]
        else:
            canon = []
        seen: set[tuple[int, int, int]] = set()
        check = self._check
        targets = self._canon_targets
        for pi, s, e in canon:
            for idx, kind, simple in targets[pi]:
                hit = Hit(simple, s, e, kind, None, simple.score, idx) if simple is not None else check(
                    idx, s, e, kind, text, nt)
                if hit is not None:
                    seen.add((idx, s, e))
                    yield hit
        if phonetic and self._phon_ac is not None and (not self._phon_latin_only or _HAS_LATIN(text) is not None):
            phon = self._raw(self._phon_ac, self._units.phonetic(text), self._phon_verify, self._phon_patterns, [nt],
                             [0, len(text) + 1], True)[0]  # type: ignore[index]
            if phon:
                yield from self._phonetic_hits(nt, phon, seen)
        if regex and self._regexes:
            yield from self._regex_hits(nt, self._regex_spans([nt])[0])

    def _finish(self, nt: NormalizedText, hits: Iterable[Hit], overlay: Overlay | None) -> Iterator[Hit]:
        """Apply the allow lists and run-time edits: removed terms go, added terms' hits come (numbered after
        this lexicon's own entries), and no hit inside an allowed phrase survives."""
        allowed = self.allow.spans(nt.text)
        if overlay is not None:
            allowed += overlay.allow.spans(nt.text)
            removed = overlay.removed
            terms = self._canon_terms
            hits = (h for h in hits if terms[h.index] not in removed)
            if overlay.added is not None:
                base = len(self.entries)
                hits = itertools.chain(hits, (h._replace(index=h.index + base) for h in overlay.added.iter_hits(nt)))
        if not allowed:
            yield from hits
            return
        for h in hits:
            if not any(a <= h.start and h.end <= b for a, b in allowed):
                yield h

    def spans(self, nt: NormalizedText, first: bool = False) -> list[tuple[int, int]] | None:
        """Canonical spans of every hit (unordered, may repeat), for masking; None when this lexicon needs the
        full path (a sound-class or regex pass, a host, an allow list or run-time edits). The plain case of a
        platform list: one automaton pass, and a span is kept as soon as one of its entries holds. `first`: stop
        at the first span (a yes/no question)."""
        if (self._phon_ac is not None or self._regexes or self._host is not None or self.allow
                or self.overlay is not None):
            return None
        ac = self._canon_ac
        if ac is None:
            return []
        text = nt.text
        out = []
        targets, check = self._canon_targets, self._check
        for s, e, pi in ac.find_overlapping(text):  # the canonical view needs no verification (see `_Units`)
            for idx, kind, simple in targets[pi]:
                if simple is not None or check(idx, s, e, kind, text, nt) is not None:
                    out.append((s, e))
                    if first:
                        return out
                    break
        return out

    def allowed(self, nt: NormalizedText, start: int, end: int) -> bool:
        """True when canonical span [start, end) lies inside a globally allowed phrase (for other finders)."""
        spans = self.allow.spans(nt.text)
        if self.overlay is not None:
            spans += self.overlay.allow.spans(nt.text)
        return any(a <= start and end <= b for a, b in spans)

    def entry_of(self, index: int) -> Entry:
        """The entry a hit's `index` names (run-time added entries are numbered after this lexicon's own)."""
        if index < len(self.entries):
            return self.entries[index]
        ov = self.overlay
        assert ov is not None and ov.added is not None
        return ov.added.entries[index - len(self.entries)]

    def _check(self, idx: int, s: int, e: int, kind: str, text: str, nt: NormalizedText | None = None
               ) -> Hit | None:
        entry = self.entries[idx]
        if idx in self._collapsed and (nt is None or "repeat" not in nt.layers(s, e)):
            return None  # 三三三 (collapsed to 三) is not every 三 of the text
        run = (s, e)  # the Latin word an all-initials hit stands for (wider when it is one of several: qjqj)
        if kind == "regex":
            pass  # a pattern states its own boundaries
        elif kind in ("pinyin", "initials") and text[s:e].isascii() and (
            (s > 0 and text[s - 1] in _ADDRESSY) or (e < len(text) and text[e] in _ADDRESSY)
        ):
            return None  # letters inside an address or a code (.cn, SF1234…) are not a spelled-out term
        elif kind in ("pinyin", "initials") or text[s:e][:1] in _LETTER or text[e - 1:e] in _LETTER:
            # Latin spellings must stand alone: 'wx' inside 'wxyz' is not 微信 (but 'qjqj' is 强奸 twice).
            if (s > 0 and text[s - 1] in _LETTER and text[s] in _LETTER) or (
                e < len(text) and text[e] in _LETTER and text[e - 1] in _LETTER
            ):
                if kind != "initials" or not text[s:e].isascii() or (tiled := self._initials_run(text, s, e)) is None:
                    return None
                run = tiled
        if (kind == "initials" and e - s <= entry.initials_guard and nt is not None and text[s:e].isascii()
                and not _reads_as_initials(nt, s, e, run)):
            return None
        if kind == "initials" and nt is not None and _placeholder_name(nt, s, e):
            return None
        for ex_c in self._canon_exempt[idx]:
            k = ex_c.find(self._canon_terms[idx])
            if k < 0 and kind != "exact":
                k = ex_c.find(text[s:e])
            if k >= 0 and text[s - k: s - k + len(ex_c)] == ex_c:
                return None
        lo, hi = max(0, s - entry.window), min(len(text), e + entry.window)
        around = text[lo:s] + "\x00" + text[e:hi]
        if any(w in around for w in entry.forbid):
            return None
        context_word = next((w for w in entry.context if w in around), None)
        if entry.context and context_word is None:
            return None
        if kind == "homophone" and text[s:e] in self._homophone_words and not entry.context:
            return None
        if kind == "homophone" and not entry.context and _function_word_reading(text[s:e], self._canon_terms[idx]):
            return None
        score = entry.score
        if context_word is None:
            boost = next((w for w in entry.boost if w in around), None)
            if boost is not None:
                context_word, score = boost, min(1.0, score + entry.gain)
        # A sound-alike that cuts through words is chance, not intent: 有女(朋友), (福)建人, 我感(觉); so is one
        # that reads a Chinese character with a letter beside it (角色Q版 → 色Q ≈ 色区).
        needs_words = entry.whole_word or kind == "homophone" or (
            kind in ("pinyin", "initials") and not text[s:e].isascii())
        if needs_words and not on_word_boundaries(text, s, e):
            return None
        return Hit(entry=entry, start=s, end=e, variant=kind, context_word=context_word, score=score, index=idx)

    def _initials_run(self, text: str, s: int, e: int) -> tuple[int, int] | None:
        """The Latin run around [s, e) when it splits wholly into all-initials spellings, [s, e) one of them.

        Several cloaked terms in a row make one Latin word (强奸强奸 → qjqj, 妈逼真他妈 → mbztm); a word that
        does not split so (wxyz, twice) is ordinary Latin. Only reached for hits glued to other letters.
        """
        a, b = s, e
        while a > 0 and text[a - 1] in _LETTER:
            a -= 1
        while b < len(text) and text[b] in _LETTER:
            b += 1
        if b - a > MAX_TILED_RUN or self._phon_ac is None or text[a:b] in self._latin_terms:
            return None
        pieces, ahead, behind = self._tiling(text[a:b])
        return (a, b) if (s - a) in ahead and (e - a) in pieces.get(s - a, ()) and (e - a) in behind else None

    def _tiling(self, word: str) -> tuple[dict[int, set[int]], set[int], set[int]]:
        """How a Latin word splits into pure-initials pieces: (piece ends by start, reachable from the start,
        reaching the end). Memoized per word: the same words (diy, app, ok…) come back in post after post."""
        memo = self._tilings.get(word)
        if memo is not None:
            return memo
        pieces: dict[int, set[int]] = defaultdict(set)
        # a Latin word is its own phonetic view (letters have no sound class)
        for i, j, pi in self._phon_ac.find_overlapping(word):  # type: ignore[union-attr]
            piece = word[i:j]
            for idx, kind, _ in self._phon_targets[pi]:
                en = self.entries[idx]
                # Pure initials only (one letter per character): mixed spellings such as 'jud' (巨屌) cover too much.
                if kind == "initials" and piece.isascii() and len(piece) == len(self._canon_terms[idx]) and not (
                    len(piece) <= en.initials_guard and piece in _common_latin()
                ):
                    pieces[i].add(j)
                    break
        n = len(word)
        ahead = {0}  # positions reachable from the start of the word
        for i in range(n):
            if i in ahead:
                ahead |= pieces.get(i, set())
        behind = {n}  # positions from which the end is reachable
        for i in range(n - 1, -1, -1):
            if pieces.get(i, set()) & behind:
                behind.add(i)
        if len(self._tilings) >= 4096:
            self._tilings.clear()
        self._tilings[word] = (dict(pieces), ahead, behind)
        return self._tilings[word]


def _reads_as_initials(nt: NormalizedText, s: int, e: int, run: tuple[int, int]) -> bool:
    """Whether a short all-initials hit [s, e) is written the way initials are, not as an ordinary Latin token.

    Bulk lists carry hundreds of two-character terms, so nearly every two-letter pair is the initials of one of
    them (tw 体位, mj 迷奸, tg 脱光); in ordinary posts the same pairs are abbreviations. Initials are typed in
    lowercase (TG, DC, MJ are acronyms; styled letters such as 𝐭𝐰 are decoration, not case), stand alone among
    Chinese text (not a piece of a longer word decorated with symbols: ba❤by, t*w~ice; not a word of a Latin
    phrase; not part of a handle, code or entity: &gt;) and are not among the tokens ordinary posts use for their
    own sake (`common_latin.tsv`).
    """
    if nt.text[s:e] in _common_latin():
        return False
    os_, oe = nt.span(s, e)
    orig = nt.original
    if any(c in _CAPITALS for c in orig[os_:oe]):
        return False
    ra, rb = nt.span(*run)
    if (ra > 0 and orig[ra - 1] in _MARKUP) or (rb < len(orig) and orig[rb] in _MARKUP):
        return False
    for k, step in ((ra - 1, -1), (rb, 1)):
        # Past decoration (symbols, emoji) and spaces, no letter or digit may follow: the token would be a piece
        # of a longer word (ba❤by) or a word of a Latin phrase (mind yr own business).
        while 0 <= k < len(orig):
            c = orig[k]
            if c == "\n" or c in _TEXT_PUNCT or (c.isalnum() and not c.isascii()):
                break
            if c.isascii() and c.isalnum():
                return False
            k += step
    return True


_NAME_PREFIX = frozenset("小老阿某")


def _placeholder_name(nt: NormalizedText, s: int, e: int) -> bool:
    """小A, 老X, 某B: a prefix of address and one capital letter is how posts name a person or a thing they keep
    anonymous (我朋友小A, 智能助手小X), not a term with its second character written as an initial (小x ≈ 小穴;
    a capital is kept for cloaks elsewhere: 傻B, 草B)."""
    if e - s != 2 or nt.text[s] not in _NAME_PREFIX or nt.text[s + 1] not in _LETTER:
        return False
    a, b = nt.span(s + 1, e)
    return b - a == 1 and nt.original[a] in _CAPITALS and not (b < len(nt.original) and nt.original[b].isalpha()
                                                                and nt.original[b].isascii())


class AllowList:
    """Phrases inside which no hit counts (南京市长江大桥 keeps 江大桥 quiet): canonical forms in one automaton."""

    __slots__ = ("_ac", "phrases")

    def __init__(self, phrases: Iterable[str], normalizer: Normalizer) -> None:
        canon = dict.fromkeys(t for p in phrases if (t := normalizer.normalize(p).text))
        self.phrases: tuple[str, ...] = tuple(canon)
        self._ac = ahocorasick_rs.AhoCorasick(list(canon)) if canon else None

    def __bool__(self) -> bool:
        return self._ac is not None

    def spans(self, text: str) -> list[tuple[int, int]]:
        if self._ac is None:
            return []
        return [(s, e) for _, s, e in self._ac.find_matches_as_indexes(text, overlapping=True)]


@dataclass(frozen=True)
class Overlay:
    """One snapshot of run-time lexicon edits, laid over a compiled lexicon without rebuilding it.

    `added`: the words added at run time, compiled on their own (a few hundred at most: milliseconds);
    `removed`: canonical terms whose entries no longer count (shipped or added); `allow`: allow phrases added
    at run time. `LexiconEdits` builds a new snapshot per edit and swaps it in whole.
    """

    added: CompiledLexicon | None
    removed: frozenset[str]
    allow: AllowList
    version: str = ""


class _Units:
    """The two views as the automata read them (character-wise double-array automata, `daachorse`).

    The canonical view is the canonical text itself. In the phonetic view every sound class (Supplementary PUA,
    four bytes in UTF-8) is one BMP private-use character (U+E000 + class), so the view is one array lookup over
    the text's UTF-16 units. A character that has no unit of its own there (astral characters, and text that is
    itself in that private range) becomes U+FFFD, so a pattern holding U+FFFD is marked for verification
    against the real view.
    """

    def __init__(self) -> None:
        classes = sound_class_table()
        phon = np.arange(0x110000, dtype=np.uint32)
        phon[0x10000:] = _REPLACEMENT
        phon[_PUA:_PUA + _PUA_SPAN] = _REPLACEMENT
        for cp, ch in classes.items():
            phon[cp] = _PUA + ord(ch) - CLASS_BASE
        self.phon = phon.astype(np.uint16)

    @staticmethod
    @cache
    def get() -> _Units:
        return _Units()

    def phonetic(self, text: str) -> str:
        """The phonetic view of `text` as the phonetic automaton reads it (same offsets as `text`)."""
        units = text.encode("utf-16-le")
        if len(units) == 2 * len(text):  # no astral character: the UTF-16 code units are the characters
            codes = np.frombuffer(units, dtype=np.uint16)
        else:
            codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        return self.phon[codes].tobytes().decode("utf-16-le")

    def automaton(self, patterns: list[str], *, phonetic: bool
                  ) -> tuple[daachorse.CharwiseDoubleArrayAhoCorasick | None, frozenset[int]]:
        """The automaton of one view (its matches: (start, end, pattern number)) and the patterns to verify."""
        if not patterns:
            return None, frozenset()
        if not phonetic:  # the canonical view is the text itself: nothing to verify
            return daachorse.CharwiseDoubleArrayAhoCorasick(patterns, use_prefilter=True), frozenset()
        encoded, verify = [], []
        for k, p in enumerate(patterns):
            units = "".join(map(chr, (self._unit(ord(c)) for c in p)))
            if "\ufffd" in units:
                verify.append(k)
            encoded.append(units)
        return daachorse.CharwiseDoubleArrayAhoCorasick(encoded, use_prefilter=True), frozenset(verify)

    @staticmethod
    def _unit(cp: int) -> int:
        if CLASS_BASE <= cp < CLASS_BASE + _PUA_SPAN:
            return _PUA + cp - CLASS_BASE
        if cp > 0xFFFF or cp == _REPLACEMENT or _PUA <= cp < _PUA + _PUA_SPAN:
            return _REPLACEMENT
        return cp


_PUA, _PUA_SPAN, _REPLACEMENT = 0xE000, 0x1000, 0xFFFD


def _split_variants(term: str, normalizer: Normalizer, written: str | None = None) -> list[str]:
    """Canonical spellings of a term with one or more characters written as their components (娼 → 女昌).

    `term` is the canonical term; `written` the term as the lexicon writes it, whose characters may fold to
    others (亵 → 哀) yet still be split by writers (执衣), so both characters' components are options. Each
    spelling is normalized like text (components fold, 口口口 collapses to 口). Spellings with one split
    character come first, then the one with every splittable character split, then the rest by the number of
    split characters, up to MAX_SPLIT_VARIANTS, so long terms keep the spellings writers use.
    """
    index = _split_index()
    if written is None or len(written) != len(term):
        written = term
    options = []
    for c, w in zip(term, written, strict=True):
        opts = dict.fromkeys(index.get(c, ()))
        if w != c:
            opts.update(dict.fromkeys(index.get(w, ())))
        options.append(tuple(opts))
    splittable = [i for i, o in enumerate(options) if o]
    n = len(splittable)
    out: dict[str, None] = {}
    for k in dict.fromkeys([1, n, 2]):
        if k < 1:
            continue
        for chosen in itertools.combinations(splittable, k):
            for parts in itertools.product(*(options[i] for i in chosen)):
                chars = list(term)
                for i, part in zip(chosen, parts, strict=True):
                    chars[i] = part
                for v in _normalized_spellings(normalizer, "".join(chars)):
                    if v != term:
                        out[v] = None
                if len(out) >= MAX_SPLIT_VARIANTS:
                    return list(out)[:MAX_SPLIT_VARIANTS]
    return list(out)


_PAD = "\u9fcf"  # a rare character that folds to itself and splits to nothing: text around a spelling


def _normalized_spellings(normalizer: Normalizer, spelling: str) -> list[str]:
    """The spelling as the normalizer writes it, standing alone and amid Chinese text (a symbol-like component at
    its edge is a separator only between characters)."""
    alone = normalizer.normalize(spelling).text
    amid = normalizer.normalize(_PAD + spelling + _PAD).text
    if amid.startswith(_PAD) and amid.endswith(_PAD) and amid[1:-1] != alone and amid[1:-1]:
        return [alone, amid[1:-1]]
    return [alone]


def _phonetic_variants(term: str, modes: frozenset[str], initials_min: int = 2) -> list[tuple[str, str]]:
    """Sound-class-view spellings of a term, each tagged with the weakest mode it relies on.

    Each character may be written by its sound class (a homophone), its pinyin or its initial. People write a
    term one way throughout, or one way but for one character (傻bi, s逼, fang真枪); every mix of three
    writings would be 3^n spellings per term (a 6-character term: 729), which bloats the automaton for
    cloaks nobody types. So a spelling uses one writing for all characters but at most one.
    """
    out: list[tuple[str, str]] = []
    rank = {"homophone": 0, "pinyin": 1, "initials": 2}
    writings = ["homophone", *(w for w in ("pinyin", "initials") if w in modes)]
    for readings in term_readings(term):
        per_char: list[dict[str, list[tuple[str, str]]]] = []
        for ch, syl in zip(term, readings, strict=True):
            if syl is None:
                per_char.append({w: [(ch, "homophone")] for w in writings})
                continue
            opts = {"homophone": [(class_char(syl), "homophone")]}
            if "pinyin" in modes:
                opts["pinyin"] = [(syl, "pinyin")]
            if "initials" in modes:
                opts["initials"] = [(syl[0], "initials"), *((a, "initials") for a in _aliases().get(syl, ()))]
            per_char.append(opts)
        combos: dict[tuple[tuple[str, str], ...], None] = {}
        for w in writings:
            base = [opts[w] for opts in per_char]
            shapes = [base] + [[*base[:k], per_char[k][w2], *base[k + 1:]]
                               for k in range(len(term)) for w2 in writings if w2 != w]
            for shape in shapes:
                for combo in itertools.islice(itertools.product(*shape), MAX_VARIANTS):
                    combos.setdefault(combo)
        for combo in combos:
            pattern = "".join(p for p, _ in combo)
            kind = max((k for _, k in combo), key=rank.__getitem__)
            if kind == "homophone" and "homophone" not in modes:
                continue
            if kind == "initials" and all(k == "initials" for _, k in combo) and (
                len(pattern) < max(2, initials_min) or pattern in COMMON_LATIN
            ):
                continue
            out.append((pattern, kind))
    return out


# Grammatical function characters (conjunctions, prepositions, particles, locative and temporal suffixes).
# A sound-alike that spells a term with none of its own characters, using one of these, is ordinary syntax read
# by sound across a word boundary (回家时与他人 → 时与 ≈ 释欲), not a cloak: cloakers swap in content characters
# (薇信, 扣扣) and keep part of the term (草拟吗 keeps 草).
FUNCTION_CHARS = frozenset(
    "与和及并或的地得了着过在于把被从向对跟同为以而之所时后前中里上下是也都就还又才吗呢吧啊么给让"
)


def _function_word_reading(written: str, term: str) -> bool:
    """True when every character of the hit differs from the term's and one of them is a function character."""
    if len(written) != len(term):
        return False
    return all(a != b for a, b in zip(written, term, strict=True)) and any(c in FUNCTION_CHARS for c in written)


_PUNCT_RX = re.compile("[" + re.escape("".join(sorted(RESTORED))) + "]")
# An abbreviation its writer spells out in brackets right after it (yp（约拍）, hg（海归）, dd(弟弟)): the letters
# are the initials of the bracketed words, so they read as those words and not as another term with the same
# initials (约炮, 黑鬼). Session 18 (lang18): the writer decoding the cloak for the reader is the opposite of cloaking.
_OPEN_GLOSS = re.compile("[（(]")
_GLOSS_RX = re.compile("[ \t]*[（(][ \t]*([\u4e00-\u9fff]{2,8})[ \t]*[）)]")


def spelled_out(text: str, a: int, b: int) -> str | None:
    """The bracketed gloss right after the letters text[a:b] when its characters' initials are those letters
    (yp（约拍） → 约拍), else None (`_GLOSS_RX`)."""
    from ..text.phonetic import char_syllable

    letters = text[a:b]
    m = _GLOSS_RX.match(text, b)
    if m is None or not letters.isascii() or not letters.isalpha():
        return None
    gloss = m.group(1)
    return gloss if "".join((char_syllable(ch) or "?")[0] for ch in gloss) == letters.lower() else None


def _glossed(nt: NormalizedText, hit: Hit, term: str) -> bool:
    """Whether an initials hit is spelt out right after it (`spelled_out`) as words that are not the term."""
    a, b = nt.span(hit.start, hit.end)
    gloss = spelled_out(nt.original, a, b)
    return gloss is not None and term not in gloss


def _across_punctuation(nt: NormalizedText, hit: Hit) -> bool:
    """True when a hit reads across ASCII clause punctuation or a quote that normalization removed as a separator
    (买,春节 → 买春; '好'字由'女' → 由女) and that is not a cloak: a sound-alike is never read across it (two
    disguises at once is a coincidence, not a writer's choice), and a plain spelling only when it stands on
    word boundaries (加微,信聊 still is 微信, 买,春节 is not 买春). Regex entries state their own boundaries."""
    if hit.variant == "regex" or hit.end - hit.start < 2:
        return False
    at = scope_view(nt).at
    k = bisect_right(at, hit.start)
    if k >= len(at) or at[k] >= hit.end:
        return False
    return hit.variant != "exact" or not on_word_boundaries(nt.text, hit.start, hit.end)


_NUMERALS = frozenset("0123456789〇零一二三四五六七八九十百千万两几")
_UNITS = frozenset("年月日号点时分秒天周岁元块毛角个次届期层楼路站")


def on_word_boundaries(text: str, s: int, e: int) -> bool:
    """True unless a dictionary word crosses the start or the end of [s, e): 有女(朋友), (福)建人 cut words.

    A set lookup per candidate word (2–4 characters each side) instead of a segmentation per hit.
    """
    if 0 < s < len(text) and text[s] in _UNITS and text[s - 1] in _NUMERALS:
        return False  # a unit glued to its number (10月跑量 ⊃ 月跑 ≈ 约炮, 3点半): the number's, not a word's start
    words = common_word_set()
    n = len(text)
    for cut in (s, e):
        if cut <= 0 or cut >= n:
            continue
        # shortest words first: a crossing word is most often two characters, and then one lookup decides
        for i, j in ((cut - 1, cut + 1), (cut - 2, cut + 1), (cut - 1, cut + 2), (cut - 3, cut + 1),
                     (cut - 2, cut + 2), (cut - 1, cut + 3)):
            if i >= 0 and j <= n and text[i:j] in words:
                return False
    return True


_LEAD_REPEAT = re.compile(r"^(\[(?:\\.|[^\]\\])*\]|\\[dw]|\.)(?:\{(\d+),(\d+)\}|(\+))(?![?+*{])(.*)$", re.S)


class _RegexGate:
    """Which of a lexicon's regex entries can match a text at all, without running them all.

    Most patterns hold a literal that every match contains (公司, 岁, ai, one of 卫星/企鹅/绿泡泡…), read off the
    pattern by `text.literals.required_all` (the prefilter the pattern detectors use too), and every such part of
    it (`关注.{0,12}(公众号|微信)` holds 关注 and one of 公众号/微信). One Aho–Corasick pass over the text finds
    those literals and names the patterns all of whose parts occur; only those run (8.3 a post on the benchmark
    posts, 14.1 when one part was asked for; 1.3 match). Patterns without such a
    literal (`\\d{3}(元|块)?`) go to one RE2 set, which stays small. One RE2 set over all 266 frame patterns said
    the same in one DFA pass, but its DFA is the product of the patterns and kept growing on text it had not seen:
    1.6 ms a post over 2,000 new posts, 0.05 only once the same posts came round again (docs/performance.md).
    """

    __slots__ = ("_literals", "_set", "_set_index")

    def __init__(self, regexes: Sequence[tuple[int, Any]]) -> None:
        import re2

        parts = [required_all(rx.pattern) or () for _, rx in regexes]
        self._literals = LiteralGate([p[0] if p else None for p in parts], [p[1:] for p in parts])
        self._set: Any = None
        self._set_index = list(self._literals.unknown)
        if self._set_index:
            opts = re2.Options()
            opts.max_mem = REGEX_SET_MEMORY
            self._set = re2.Set.SearchSet(opts)
            for k in self._set_index:
                self._set.Add(_gate_pattern(regexes[k][1].pattern))
            self._set.Compile()

    def candidates(self, text: str) -> list[int]:
        """Positions (in the lexicon's regex list, ascending) of the entries that may match `text`."""
        out = self._literals.present(text)
        if self._set is not None:
            index = self._set_index
            out.update(index[k] for k in self._set.Match(text) or ())
        return sorted(out)


def _gate_pattern(expr: str) -> str:
    """A pattern that matches somewhere iff `expr` does, cheaper for the RE2 set gate: a leading repeat of one
    character class (`[\\p{Han}]{1,8}公司`, `\\d+元`) kept at its minimum count. Any match of `X{m,n}R` ends with
    a match of `X{m}R`, and the converse holds, so the gate says yes exactly when the entry's own regex will
    find something; a set of unbounded leading repeats made RE2's DFA track every count at once (6× slower).
    Left as is when the rest has a top-level alternation (the repeat would only lead its first branch)."""
    m = _LEAD_REPEAT.match(expr)
    if m is None:
        return expr
    rest, depth, in_class, i = m.group(5), 0, False, 0
    while i < len(rest):
        c = rest[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return expr
        i += 1
    low = int(m.group(2)) if m.group(2) is not None else 1
    return m.group(1) + (f"{{{low}}}" if low != 1 else "") + rest

