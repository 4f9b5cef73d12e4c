"""Language-misuse detector and writer suggestions (campaign 8: 故意使用错字、滥用谐音指代词…).

`language_misuse` fires when a lexicon term (any harmful label) is present only through a disguise: its
canonical form was reached by the homophone / pinyin / initials / split matchers or by the normalizer's
look-alike, emoji or split layers. The lexicon hit keeps its own label; this signal says "the wording was
deliberately distorted", which campaign 8 targets on prominent surfaces and for minors.

`suggest(text)` is the writer-facing tool the notice asks platforms to offer (优化错别字提示功能): common typos
and 谐音 slang from `data/typos.tsv`, look-alike characters, and disguised lexicon terms, each with a fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..lexicon.matcher import CompiledLexicon
from ..model import Content, Signal
from ..text.dictionary import tokenize
from ..text.normalize import Normalizer
from ..text.scope import discount, scope_at, scope_tag
from .base import Views
from .registry import BuildContext, DetectorSpec

DISGUISE_VARIANTS = frozenset({"homophone", "pinyin", "initials", "split"})
DISGUISE_LAYERS = frozenset({"lookalike", "emoji", "split", "radical", "homophone", "pinyin", "initials"})
SKIP_LABELS = frozenset({"language_misuse"})
SOUND_VARIANTS = frozenset({"homophone", "pinyin"})
# Characters written apart into components (亻尔 → 你, 禾厶 → 私) right beside a sexual or diversion term: the writer
# is hiding what the sentence is about even when the split word itself is harmless (“亻尔”们要的资源，私我).
SPLIT_LAYERS = frozenset({"split", "radical"})
SPLIT_NEIGHBOUR_LABELS = frozenset({"porn", "drainage", "vulgar", "gambling"})
SPLIT_WINDOW = 12


def _word_interiors(text: str) -> frozenset[int]:
    """Offsets strictly inside a multi-character dictionary word (jieba, the dictionary the matcher uses)."""
    return frozenset(i for _, a, b in tokenize(text) if b - a > 1 for i in range(a + 1, b))


@dataclass(frozen=True, slots=True)
class Suggestion:
    start: int  # original offsets, end exclusive
    end: int
    text: str
    replacement: str
    kind: str  # typo | homophone | slang | lookalike | disguised
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "replacement": self.replacement,
                "kind": self.kind, "note": self.note}


@cache
def typo_table() -> tuple[tuple[str, str, str, str], ...]:
    """(wrong, right, kind, note) rows of the shipped typo table."""
    raw = resources.files("qinglang.detectors").joinpath("data/typos.tsv").read_text("utf-8")
    rows = []
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = ([*line.split("\t"), "", "", "", ""])[:4]
        if cols[2] != "ok" and cols[0] != cols[1]:
            rows.append((cols[0], cols[1], cols[2], cols[3]))
    return tuple(rows)


@cache
def _typo_regex() -> re.Pattern[str]:
    words = sorted((r[0] for r in typo_table()), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


class LanguageMisuseDetector:
    name = "language_misuse"
    version = "1"
    supported_labels = frozenset({"language_misuse"})

    def __init__(self, compiled: CompiledLexicon, min_term_score: float = 0.6, *,
                 name: str = "language_misuse") -> None:
        self.compiled = compiled
        self.min_term_score = min_term_score
        self.name = name
        self.id = f"{self.name}@{self.version}"

    def disguised_hits(self, views: Views) -> list[tuple[str, Any, tuple[str, ...]]]:
        """(field, hit, layers) for lexicon hits reached only through a disguise."""
        out = []
        for field_name, nt in views.items():
            hits = [h for h in self.compiled.match(nt)
                    if h.entry.label not in SKIP_LABELS and h.score >= self.min_term_score]
            # A span some entry matches as written is not a disguise, even if another entry reads it by sound.
            plain = {(h.start, h.end) for h in hits
                     if h.variant == "exact" and not DISGUISE_LAYERS & set(nt.layers(h.start, h.end))}
            seen: set[tuple[int, int]] = set()
            cuts: frozenset[int] | None = None
            for hit in hits:
                span = (hit.start, hit.end)
                if span in plain or span in seen:
                    continue
                if hit.variant in SOUND_VARIANTS:
                    # A sound-alike that starts or ends inside an ordinary word is a coincidence of readings
                    # (福建人 ⊃ 建人 ≈ 贱人; 是什么 ⊃ 是什 ≈ 湿身), not a writer hiding a word.
                    cuts = _word_interiors(nt.text) if cuts is None else cuts
                    if hit.start in cuts or hit.end in cuts:
                        continue
                layers = nt.layers(hit.start, hit.end)
                if hit.variant in DISGUISE_VARIANTS or DISGUISE_LAYERS & set(layers):
                    seen.add(span)
                    out.append((field_name, hit, tuple(x for x in (*layers, hit.variant)
                                                       if x in DISGUISE_LAYERS | DISGUISE_VARIANTS)))
            if not nt.changed:
                continue
            for hit in hits:
                span = (hit.start, hit.end)
                if span in seen or hit.entry.label not in SPLIT_NEIGHBOUR_LABELS:
                    continue
                near = nt.layers(max(0, hit.start - SPLIT_WINDOW), min(len(nt.text), hit.end + SPLIT_WINDOW))
                if SPLIT_LAYERS & set(near):
                    seen.add(span)
                    out.append((field_name, hit, tuple(x for x in near if x in SPLIT_LAYERS)))
        return out

    def detect(self, content: Content, views: Views) -> list[Signal]:
        hits = self.disguised_hits(views)
        if not hits:
            return []
        evs = []
        best = 0.0
        for field_name, hit, layers in hits[:20]:
            term = self.compiled.normalizer.normalize(hit.entry.term).text
            # Quoting or condemning a disguised term is not misusing it (qinglang.text.scope, as for lexicon hits).
            cues = scope_at(views.fields[field_name], hit.start, hit.end)
            best = max(best, discount(0.6 + 0.3 * hit.score, cues))
            evs.append(views.evidence(field_name, hit.start, hit.end, normalized=term,
                                      rule=f"language.disguised.{hit.entry.label}", detector=self.id,
                                      layers=tuple(dict.fromkeys(layers)), scope=scope_tag(cues)))
        score = min(1.0, best)
        return [Signal("language_misuse", round(score, 4), "language.disguised", self.id, tuple(evs))]


def suggest(text: str, normalizer: Normalizer, compiled: CompiledLexicon | None = None) -> list[Suggestion]:
    """Writer suggestions for one text, in original offsets, sorted by position."""
    out: list[Suggestion] = []
    table = {r[0].lower(): r for r in typo_table()}
    for m in _typo_regex().finditer(text):
        _wrong, right, kind, note = table[m.group(0).lower()]
        out.append(Suggestion(m.start(), m.end(), m.group(0), right, kind, note))
    nt = normalizer.normalize(text)
    taken = {(s.start, s.end) for s in out}
    for i, ch in enumerate(nt.text):
        if "lookalike" in nt.layers(i, i + 1):
            a, b = nt.span(i, i + 1)
            if (a, b) not in taken and text[a:b] != ch:
                out.append(Suggestion(a, b, text[a:b], ch, "lookalike", "形近字/火星文"))
                taken.add((a, b))
    if compiled is not None:
        det = LanguageMisuseDetector(compiled, min_term_score=0.0)
        views = Views(Content(id="suggest", text=text), {"text": nt})
        for _, hit, layers in det.disguised_hits(views):
            a, b = nt.span(hit.start, hit.end)
            if (a, b) in taken:
                continue
            out.append(Suggestion(a, b, text[a:b], "（删除或改写）", "disguised",
                                  f"疑似用{'/'.join(x for x in layers if x)}变体指代不当用语「{hit.entry.term}」"))
            taken.add((a, b))
    return sorted(out, key=lambda s: (s.start, s.end))


class Params(BaseModel):
    """Registry parameters of a `language_misuse` detector."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    min_term_score: float = Field(0.6, ge=0.0, le=1.0, description="lexicon hits below this score are ignored")


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> LanguageMisuseDetector:
    return LanguageMisuseDetector(ctx.lexicon, spec.params.min_term_score, name=spec.name)
