"""The word-filter API: `find_all`, `contains` and `mask` over the engine's lexicons, with per-call options.

This is the path that houbb/sensitive-word, ToolGood.Words, flashtext and pyahocorasick users embed: no content
object, no policy, no campaign detectors; a text in, words (or a yes/no, or a masked text) out. It shares the
engine's normalizer and compiled lexicon (no second engine, no second automaton): the options only choose which
hits count, which normalization layers run and whether the sound-class view is scanned at all.

Every hit carries its span in the ORIGINAL text, mapped back through every normalization layer, so masking
``微-信`` masks the three original characters, the separator included, and nothing else.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from .detectors.contact_info import LABEL as CONTACT_LABEL
from .detectors.contact_info import ContactInfoFinder
from .errors import QinglangError
from .lexicon.matcher import CompiledLexicon, Hit
from .lexicon.model import MATCH_MODES
from .text.normalize import LAYERS, NormalizedText, Normalizer

PHONETIC_MODES = frozenset({"homophone", "pinyin", "initials"})


class InvalidOptions(QinglangError):
    """A per-call option names an unknown layer, match mode or label, or a mask strategy is ill-formed."""

    kind = "InvalidOptions"


class WordHit(NamedTuple):
    """One hit: `start`/`end` index the ORIGINAL text; `normalized` is the term as the lexicon spells it after
    normalization; `layers` the normalization layers and match mode that the hit needed. (A named tuple: a text
    may carry many, and a tuple is the cheapest object to build.)"""

    label: str
    start: int
    end: int
    text: str
    normalized: str
    variant: str  # exact | split | homophone | pinyin | initials | regex | contact kind (phone email url ipv4)
    layers: tuple[str, ...]
    rule: str
    score: float
    severity: str
    tags: tuple[str, ...] = ()
    lexicon: str = ""
    value: str | None = None  # contact_info: the normalized address (phone:138…, url:example.com)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "label": self.label, "start": self.start, "end": self.end, "text": self.text,
            "normalized": self.normalized, "variant": self.variant, "layers": list(self.layers), "rule": self.rule,
            "score": round(self.score, 4), "severity": self.severity, "tags": list(self.tags),
        }
        if self.lexicon:
            out["lexicon"] = self.lexicon
        if self.value is not None:
            out["value"] = self.value
        return out


@dataclass(frozen=True, slots=True)
class Options:
    """Per-call options (validated once by `WordFilter.options`). None means "all"."""

    layers: tuple[str, ...] | None = None  # normalization layers to run (default: the engine's)
    modes: frozenset[str] | None = None  # match modes a hit may use (exact split homophone pinyin initials regex)
    labels: frozenset[str] | None = None  # only hits of these labels
    tags: frozenset[str] | None = None  # only hits of entries carrying one of these tags
    min_score: float = 0.0

    def accepts(self, hit: Hit) -> bool:
        entry = hit.entry
        if self.labels is not None and entry.label not in self.labels:
            return False
        if self.modes is not None and hit.variant not in self.modes:
            return False
        if self.tags is not None and not self.tags.intersection(entry.tags):
            return False
        return hit.score >= self.min_score


DEFAULT = Options()


@dataclass(frozen=True, slots=True)
class MaskStrategy:
    """How a masked span is rewritten. Build one with `char`, `fixed`, `per_label` or `callback`.

    - char: every original character of the span becomes `char` (微-信 → ***);
    - fixed: the whole span becomes `text` ([屏蔽]);
    - per_label: `by_label[label]`, a one-character value masking per character, a longer one replacing the
      span; labels not listed use `default` (a character, per character);
    - callback: `fn(hit)` returns the replacement of the span (hit: the strongest WordHit covering it).
    """

    kind: str
    char: str = "*"
    text: str = ""
    by_label: Mapping[str, str] | None = None
    fn: Callable[[WordHit], str] | None = None

    @staticmethod
    def of(char: str = "*", replacement: str | None = None, per_label: Mapping[str, str] | None = None,
           callback: Callable[[WordHit], str] | None = None) -> MaskStrategy:
        chosen = [n for n, v in (("replacement", replacement), ("per_label", per_label), ("callback", callback))
                  if v is not None]
        if len(chosen) > 1:
            raise InvalidOptions(f"mask: give one of replacement, per_label, callback (got {', '.join(chosen)})")
        if len(char) != 1:
            raise InvalidOptions(f"mask: char must be one character, got {char!r}")
        if replacement is not None:
            return MaskStrategy("fixed", char=char, text=replacement)
        if per_label is not None:
            if not all(isinstance(v, str) and v for v in per_label.values()):
                raise InvalidOptions("mask: per_label values must be non-empty strings")
            return MaskStrategy("label", char=char, by_label=dict(per_label))
        if callback is not None:
            if not callable(callback):
                raise InvalidOptions("mask: callback must be callable")
            return MaskStrategy("callback", char=char, fn=callback)
        return MaskStrategy("char", char=char)

    def render(self, span: str, hit: WordHit | None) -> str:
        if self.kind == "char":
            return self.char * len(span)
        if self.kind == "fixed":
            return self.text
        assert hit is not None
        if self.kind == "label":
            rep = (self.by_label or {}).get(hit.label, self.char)
            return rep * len(span) if len(rep) == 1 else rep
        out = self.fn(hit) if self.fn is not None else ""
        if not isinstance(out, str):
            raise InvalidOptions(f"mask: callback returned {type(out).__name__}, expected str")
        return out


_CHAR = MaskStrategy("char")


def apply_mask(text: str, hits: Iterable[WordHit], strategy: MaskStrategy) -> str:
    """`text` with every hit's original span rewritten; overlapping spans merge into one, which the strongest
    hit among them names (its label picks a per-label replacement; a callback receives it)."""
    items = list(hits)
    if not items:
        return text
    return _rewrite(text, [(h.start, h.end, h.score, h) for h in items],
                    lambda a, b, h: strategy.render(text[a:b], h))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with the overlapping ones merged (touching ones stay apart)."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if b <= a:
            continue
        if out and a < out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _rewrite(text: str, spans: list[tuple[Any, ...]], render: Callable[[int, int, Any], str]) -> str:
    """Rewrite merged spans (start, end, score[, payload]); a merged span keeps the strongest one's payload."""
    spans.sort(key=lambda s: (s[0], -s[1]))
    merged: list[list[Any]] = []
    for sp in spans:
        a, b = sp[0], sp[1]
        if b <= a:
            continue
        if merged and a < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], b)
            if sp[2] > last[2]:
                last[2], last[3] = sp[2], sp[3] if len(sp) > 3 else None
        else:
            merged.append([a, b, sp[2], sp[3] if len(sp) > 3 else None])
    out, pos = [], 0
    for a, b, _, payload in merged:
        out.append(text[pos:a])
        out.append(render(a, b, payload))
        pos = b
    out.append(text[pos:])
    return "".join(out)


class WordFilter:
    """`find_all` / `contains` / `mask` over one compiled lexicon (the engine's), thread-safe."""

    def __init__(self, compiled: CompiledLexicon, normalizer: Normalizer,
                 contact: ContactInfoFinder | None = None, known_labels: Iterable[str] = ()) -> None:
        self.compiled = compiled
        self.normalizer = normalizer
        self.contact = contact
        self.known_labels = frozenset(known_labels) | {e.label for e in compiled.entries}
        if contact is not None:
            self.known_labels |= {CONTACT_LABEL}
        self._normalizers: dict[tuple[str, ...], Normalizer] = {}
        self._lock = threading.Lock()

    # -- options ------------------------------------------------------------------------------------------------
    def options(self, *, layers: Iterable[str] | None = None, modes: Iterable[str] | None = None,
                labels: Iterable[str] | None = None, tags: Iterable[str] | None = None,
                min_score: float = 0.0) -> Options:
        """Validated options (InvalidOptions names the unknown value); reuse the result across calls."""
        lay = None if layers is None else tuple(_as_list(layers, "layers"))
        if lay is not None and (bad := set(lay) - set(LAYERS)):
            raise InvalidOptions(f"unknown normalization layers {sorted(bad)}; known: {list(LAYERS)}")
        mod = None if modes is None else frozenset(_as_list(modes, "modes"))
        if mod is not None and (bad := mod - MATCH_MODES):
            raise InvalidOptions(f"unknown match modes {sorted(bad)}; known: {sorted(MATCH_MODES)}")
        lab = None if labels is None else frozenset(_as_list(labels, "labels"))
        if lab is not None and (bad := lab - self.known_labels - _all_labels()):
            raise InvalidOptions(f"unknown labels {sorted(bad)}")
        tag = None if tags is None else frozenset(_as_list(tags, "tags"))
        if not isinstance(min_score, (int, float)) or not 0 <= min_score <= 1:
            raise InvalidOptions("min_score must be a number in [0, 1]")
        return Options(lay, mod, lab, tag, float(min_score))

    def _normalizer(self, layers: tuple[str, ...] | None) -> Normalizer:
        if layers is None:
            return self.normalizer
        key = tuple(sorted(set(layers), key=LAYERS.index))
        if key == tuple(x for x in LAYERS if x in self.normalizer.enabled):
            return self.normalizer
        norm = self._normalizers.get(key)
        if norm is None:
            with self._lock:
                norm = self._normalizers.get(key) or Normalizer(key)
                self._normalizers[key] = norm
        return norm

    # -- the three calls ----------------------------------------------------------------------------------------
    def find_all(self, text: str, opts: Options = DEFAULT) -> list[WordHit]:
        """Every hit in `text` (overlapping ones included; one per label and span), in order of start."""
        nt = self._normalizer(opts.layers).normalize(_text(text))
        out = [self._word_hit(nt, h) for h in self._best(nt, opts)]
        out.extend(self._contact_hits(nt, opts))
        if len(out) > 1:
            out.sort(key=lambda h: (h.start, -h.end, h.label))
        return out

    def _best(self, nt: NormalizedText, opts: Options) -> Iterable[Hit]:
        """One hit per label and canonical span: the strongest entry, the plainest spelling (canonical first)."""
        hits = self._lexicon_hits(nt, opts)
        if opts is not DEFAULT:
            hits = [h for h in hits if opts.accepts(h)]
        best: dict[tuple[str, int, int], Hit] = {}
        for h in hits:
            key = (h.entry.label, h.start, h.end)
            prev = best.get(key)
            if prev is None or h.score > prev.score:
                best[key] = h
        return best.values()

    def contains(self, text: str, opts: Options = DEFAULT) -> bool:
        """True at the first hit: plain spellings are checked before the sound-class view is even computed."""
        nt = self._normalizer(opts.layers).normalize(_text(text))
        if opts is DEFAULT and (found := self.compiled.spans(nt, first=True)) is not None:
            if found:
                return True
        elif opts.labels is None or opts.labels != {CONTACT_LABEL}:
            modes = opts.modes
            hits = self.compiled.iter_hits(nt, phonetic=modes is None or bool(modes & PHONETIC_MODES),
                                           regex=modes is None or "regex" in modes)
            if opts is DEFAULT:
                if next(hits, None) is not None:
                    return True
            elif any(opts.accepts(h) for h in hits):
                return True
        return next(self._contact_hits(nt, opts), None) is not None

    def mask(self, text: str, opts: Options = DEFAULT, strategy: MaskStrategy | None = None) -> str:
        strategy = strategy or _CHAR
        if strategy.kind not in ("char", "fixed"):
            return apply_mask(text, self.find_all(text, opts), strategy)
        # No hit object is needed: overlapping canonical spans merge first (the map back is monotone, so the
        # union maps to the union of the original spans), then each merged span maps back once.
        nt = self._normalizer(opts.layers).normalize(_text(text))
        canon = self.compiled.spans(nt) if opts is DEFAULT else None
        if canon is None:
            hits = self._lexicon_hits(nt, opts)
            if opts is not DEFAULT:
                hits = [h for h in hits if opts.accepts(h)]
            canon = [(h.start, h.end) for h in hits]
        if not canon:
            if self.contact is None:
                return text
            spans: list[tuple[int, int]] = []
        else:
            # The map back is monotone, so the mapped spans come sorted; they are merged once more because two
            # canonical characters from one original character (a ligature) map to the same original span.
            span = nt.span
            spans = _merge([span(a, b) for a, b in _merge(sorted(canon))])
        if self.contact is not None:
            spans.extend((c.start, c.end) for c in self._contact_hits(nt, opts))
            if not spans:
                return text
            spans = _merge(sorted(spans))
        out, pos = [], 0
        if strategy.kind == "char":
            char = strategy.char
            for a, b in spans:
                out.append(text[pos:a])
                out.append(char * (b - a))
                pos = b
        else:
            for a, b in spans:
                out.append(text[pos:a])
                out.append(strategy.text)
                pos = b
        out.append(text[pos:])
        return "".join(out)

    # -- internals ----------------------------------------------------------------------------------------------
    def _lexicon_hits(self, nt: NormalizedText, opts: Options) -> Iterable[Hit]:
        if opts.labels is not None and opts.labels == {CONTACT_LABEL}:
            return ()
        modes = opts.modes
        if modes is None:
            return self.compiled.match(nt)  # the list path (cheaper than the lazy one when every hit is needed)
        return self.compiled.iter_hits(nt, phonetic=bool(modes & PHONETIC_MODES), regex="regex" in modes)

    def _contact_hits(self, nt: NormalizedText, opts: Options) -> Iterator[WordHit]:
        if self.contact is None or (opts.labels is not None and CONTACT_LABEL not in opts.labels):
            return
        if opts.tags is not None or (opts.modes is not None and "exact" not in opts.modes):
            return  # contact details carry no tags and are plain (exact) spellings
        for c in self.contact.find(nt):
            if c.score < opts.min_score:
                continue
            a, b, layers = c.locate(nt)
            norm = c.value.split(":", 1)[1] if c.original else nt.text[c.start:c.end]
            yield WordHit(CONTACT_LABEL, a, b, nt.original[a:b], norm, c.kind, layers, c.rule, c.score, "low", (), "",
                          c.value)

    def _word_hit(self, nt: NormalizedText, h: Hit) -> WordHit:
        a, b, layers = nt.locate(h.start, h.end)
        if h.variant not in ("exact", "regex"):
            layers = (*layers, h.variant)
        e = h.entry
        norm = nt.text[h.start:h.end] if h.variant == "regex" else self.compiled.canonical_term(h.index)
        return WordHit(e.label, a, b, nt.original[a:b], norm, h.variant, layers, e.rule, h.score, e.severity,
                       e.tags, e.lexicon)


def _as_list(val: Iterable[str], name: str) -> list[str]:
    if isinstance(val, str):
        val = [val]
    out = list(val)
    if not all(isinstance(v, str) and v for v in out):
        raise InvalidOptions(f"{name} must be a list of non-empty strings")
    return out


def _text(text: object) -> str:
    if not isinstance(text, str):
        raise InvalidOptions(f"text must be a str, got {type(text).__name__}")
    return text


def _all_labels() -> frozenset[str]:
    from .labels import LABELS

    return frozenset(LABELS)
