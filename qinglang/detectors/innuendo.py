"""Wink quotes: a word set off in quotes as a wink at its slang sense (campaign 8: 滥用谐音指代词、编造黑话烂梗、恶意
曲解文字含义……传播低俗色情; campaign 3: 赌博、涉毒 暗号).

People cloak innuendo by quoting the one word whose slang sense they mean: 想「开车」的扣个🚗,
在「菠菜」上又上岸八千, 在小姐姐的「胸」上挖呀挖. The quote alone is emphasis or a mention; it is a wink when the word
has a slang sense in the shipped table (`data/innuendo.yaml`: literal words → sense → label) and a cue shows that
sense is meant: a context word of that sense within the table's window (老司机, 上岸, 私我…), or a wink emoji right
after the quote (😏, 🤤…; sexual senses only). A quote the text talks about (所谓「开车」, 「菠菜」是什么意思) is a
mention and is skipped; a negated, reported or debunked one is discounted (qinglang.text.scope, as every
lexicon-based signal).

Emoji stand-ins (`emoji_words` in the table): emoji the normalizer reads as syllables spelling a word of a sense
(🈚️🐴 → 无骂, read by sound as 无码); at least one character of the word must come from an emoji. Evidence: the emoji
as written, `normalized` = the word they spell, `value` = `label:sense`, rule `innuendo.emoji.<id>`; 0.7 for
`language_misuse` (the disguise), 0.6 for the sense's label.

Signals: the sense's label (vulgar, gambling) and `language_misuse` (the wink is the cloak the notice names), 0.7 for
one cue, +0.1 with both a context word and a wink emoji, +0.1 for each further wink in the item, at most 0.9. Evidence
per wink: the quoted span with `normalized` = the literal word, `value` = `label:sense` (what it was read as),
`context_word` = the cue, `detail` = {literal, sense, label, wink, cue, cue_kind}; and one evidence for the cue's own
span (rule `innuendo.wink.cue`) when it is a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..errors import ConfigError
from ..labels import check_label
from ..model import Content, Evidence, Signal
from ..text.scope import discount, scope_at, scope_tag
from .base import Views
from .registry import BuildContext, DetectorSpec

_PAIRS = {"「": "」", "“": "”", "『": "』", "‘": "’", '"': '"'}
# one quote pair around a short word: no quote, space or clause punctuation inside
_QUOTE_RX = re.compile("|".join(f"({re.escape(o)})([^「」“”『』‘’\"\\s，。！？,.!?；;：:]{{1,6}})({re.escape(c)})"
                                for o, c in _PAIRS.items()))
# scope kinds that make a quote a mention, not a wink (the text holds the word at a distance)
_MENTION = frozenset({"quotation", "mention"})
SCORE, BOTH_GAIN, EXTRA_GAIN, MAX_SCORE = 0.7, 0.1, 0.1, 0.9
EMOJI_LABEL_SCORE = 0.6  # the sense's label for an emoji stand-in: review where the label is illegal (porn, gambling)
EMOJI_REACH = 3  # characters after the closing quote a wink emoji may sit (a variation selector, a space)


@dataclass(frozen=True, slots=True)
class Sense:
    id: str
    terms: frozenset[str]
    sense: str
    label: str
    emoji: bool
    context: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EmojiWord:
    id: str
    term: str
    syllables: tuple[str, ...]
    sense: str
    label: str


@dataclass(frozen=True, slots=True)
class WinkTable:
    window: int
    wink_emoji: tuple[str, ...]
    senses: tuple[Sense, ...]
    emoji_words: tuple[EmojiWord, ...] = ()
    refusals: tuple[str, ...] = ()

    def lookup(self, word: str) -> Sense | None:
        """The first sense whose literal words hold `word` (case-folded)."""
        w = word.casefold()
        return next((s for s in self.senses if w in s.terms), None)


class _EmojiWordModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    terms: list[str] = Field(min_length=1)
    sense: str
    label: str


class _SenseModel(_EmojiWordModel):
    emoji: bool = False
    context: list[str] = Field(min_length=1)


class _TableModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    window: int = Field(30, ge=1, le=200)
    wink_emoji: list[str] = []
    refusals: list[str] = []
    senses: list[_SenseModel] = Field(min_length=1)
    emoji_words: list[_EmojiWordModel] = []


def load_table(path: Path | None = None, custom_labels: frozenset[str] = frozenset()) -> WinkTable:
    """The wink table from `path` (default: the shipped `data/innuendo.yaml`); ConfigError naming the file."""
    from ..yamlio import safe_load

    where = str(path) if path is not None else "qinglang/detectors/data/innuendo.yaml"
    raw_text = path.read_text("utf-8") if path is not None else \
        resources.files("qinglang.detectors").joinpath("data/innuendo.yaml").read_text("utf-8")
    try:
        model = _TableModel.model_validate(safe_load(raw_text))
        for s in (*model.senses, *model.emoji_words):
            check_label(s.label, custom_labels)
    except ConfigError:
        raise
    except Exception as exc:  # pydantic ValidationError, ValueError from check_label
        raise ConfigError(f"{where}: {exc}") from None
    from ..text.phonetic import char_syllable

    words = tuple(EmojiWord(w.id, t, tuple(char_syllable(ch) or ch for ch in t), w.sense, w.label)
                  for w in model.emoji_words for t in w.terms)
    return WinkTable(model.window, tuple(model.wink_emoji),
                     tuple(Sense(s.id, frozenset(t.casefold() for t in s.terms), s.sense, s.label, s.emoji,
                                 tuple(s.context)) for s in model.senses), words, tuple(model.refusals))


@cache
def shipped_table() -> WinkTable:
    return load_table()


@dataclass(frozen=True, slots=True)
class Wink:
    """One wink quote in a field: quote span [start, end) of the original text, the literal word, its sense, the cue."""

    start: int
    end: int
    literal: str
    sense: Sense
    cue: str
    cue_kind: str  # context | emoji | both
    cue_span: tuple[int, int] | None
    factor: float  # scope discount of the word (negation, reporting…), 1.0 in plain use
    scope: str | None


def find_winks(text: str, table: WinkTable) -> list[Wink]:
    """The wink quotes of one original text, in order."""
    if not any(o in text for o in _PAIRS):
        return []
    out = []
    for m in _QUOTE_RX.finditer(text):
        k = next(i for i in range(1, m.lastindex or 1, 3) if m.group(i) is not None)
        literal = m.group(k + 1)
        sense = table.lookup(literal)
        if sense is None:
            continue
        a, b = m.start(k + 1), m.end(k + 1)
        if _in_list(text, m.start(), m.end()) or _refused(text, m.start(), table.refusals):
            continue
        cues = scope_at(text, a, b)
        if any(c.kind in _MENTION for c in cues):
            continue
        lo, hi = max(0, m.start() - table.window), min(len(text), m.end() + table.window)
        context = _nearest_context(text, sense, lo, hi, m.start(), m.end())
        tail = text[m.end():m.end() + EMOJI_REACH]
        emoji = next((e for e in table.wink_emoji if e in tail), None) if sense.emoji else None
        if context is None and emoji is None:
            continue
        if context is not None:
            cue, cue_span = context
            kind = "both" if emoji is not None else "context"
        else:
            cue, cue_span, kind = emoji or "", None, "emoji"
        out.append(Wink(m.start(), m.end(), literal, sense, cue, kind, cue_span, discount(1.0, cues), scope_tag(cues)))
    return out


_CLOSERS = frozenset(_PAIRS.values())
_LIST_JOINERS = "、，,和及与/ "
_CLAUSE_END = frozenset("，,。！!？?；;\n")


def _in_list(text: str, start: int, end: int) -> bool:
    """Whether the quote at [start, end) is one of a list of quotes (“全套”“特殊服务”, 「A」、「B」): words named."""
    i = start - 1
    while i >= 0 and text[i] in _LIST_JOINERS and start - i <= 2:
        i -= 1
    if i >= 0 and text[i] in _CLOSERS and text[i] != '"':
        return True
    j = end
    while j < len(text) and text[j] in _LIST_JOINERS and j - end < 2:
        j += 1
    return j < len(text) and text[j] in _PAIRS and text[j] != '"'


def _refused(text: str, start: int, refusals: tuple[str, ...]) -> bool:
    """Whether the quote's clause, before it, refuses, forbids or warns about what it names."""
    lo = start
    while lo > 0 and text[lo - 1] not in _CLAUSE_END and start - lo < 20:
        lo -= 1
    head = text[lo:start]
    return any(w in head for w in refusals)


def _nearest_context(text: str, sense: Sense, lo: int, hi: int, qa: int, qb: int) -> tuple[str, tuple[int, int]] | None:
    best: tuple[int, str, tuple[int, int]] | None = None
    for word in sense.context:
        for start in (text.find(word, lo, qa), text.find(word, qb, hi)):
            if start < 0 or start + len(word) > hi:
                continue
            dist = qa - (start + len(word)) if start < qa else start - qb
            if best is None or dist < best[0]:
                best = (dist, word, (start, start + len(word)))
    return None if best is None else (best[1], best[2])


# characters the emoji table may read as a syllable: pictographs, dingbats, enclosed ideographs (🈚)
_EMOJI_RX = re.compile("[\u2190-\u2bff\U0001F000-\U0001FAFF]")


def emoji_words(nt: Any, table: WinkTable) -> list[tuple[int, int, EmojiWord]]:
    """(canonical start, end, word) of `emoji_words` spelt in part by emoji in a normalized field, by sound."""
    # (session 18) most texts with a pictograph have none the emoji layer read (❤ and 😂 are no syllable): asking
    # `layers` of each of their characters found nothing, at ~0.2 ms a text
    if not table.emoji_words or _EMOJI_RX.search(nt.original) is None or not nt.may_carry("emoji"):
        return []
    from ..text.phonetic import char_syllable

    text = nt.text
    marked = [i for i in range(len(text)) if "emoji" in nt.layers(i, i + 1)]
    out: list[tuple[int, int, EmojiWord]] = []
    taken: set[int] = set()
    for i in marked:
        if i in taken:
            continue
        for w in table.emoji_words:
            n = len(w.syllables)
            for start in range(max(0, i - n + 1), i + 1):
                if start + n > len(text):
                    continue
                if all((char_syllable(text[start + k]) or text[start + k]) == w.syllables[k] for k in range(n)):
                    out.append((start, start + n, w))
                    taken.update(range(start, start + n))
                    break
            if i in taken:
                break
    return out


class InnuendoDetector:
    name = "innuendo"
    version = "1"

    def __init__(self, table: WinkTable, *, name: str = "innuendo") -> None:
        self.table = table
        self.name = name
        self.id = f"{self.name}@{self.version}"
        self.supported_labels = frozenset({"language_misuse", *(s.label for s in table.senses)})

    def detect(self, content: Content, views: Views) -> list[Signal]:
        found: list[tuple[str, Wink]] = []
        spelt: list[tuple[str, int, int, EmojiWord]] = []
        for field_name, nt in views.fields.items():
            if field_name in ("title", "text") or field_name.endswith(".note"):
                found.extend((field_name, w) for w in find_winks(nt.original, self.table))
                spelt.extend((field_name, a, b, w) for a, b, w in emoji_words(nt, self.table))
        if not found and not spelt:
            return []
        per_label: dict[str, list[tuple[float, list[Evidence]]]] = {}
        for field_name, a, b, w in spelt:
            nt = views.fields[field_name]
            cues = scope_at(nt, a, b)
            ev = views.evidence(field_name, a, b, normalized=w.term, rule=f"innuendo.emoji.{w.id}", detector=self.id,
                                value=f"{w.label}:{w.sense}", scope=scope_tag(cues))
            detail = {"literal": ev.text, "sense": w.sense, "label": w.label, "reading": nt.text[a:b], "cue": "emoji",
                      "cue_kind": "emoji"}
            ev = ev._replace(context_word=ev.text, detail=detail)
            per_label.setdefault("language_misuse", []).append((discount(SCORE, cues), [ev]))
            if w.label != "language_misuse":
                per_label.setdefault(w.label, []).append((discount(EMOJI_LABEL_SCORE, cues), [ev]))
        for field_name, w in found:
            score = SCORE + (BOTH_GAIN if w.cue_kind == "both" else 0.0)
            evs = [self._evidence(views, field_name, w)]
            if w.cue_span is not None:
                evs.append(views.original_evidence(field_name, *w.cue_span, normalized=w.cue,
                                                   rule="innuendo.wink.cue", detector=self.id))
            for label in dict.fromkeys((w.sense.label, "language_misuse")):
                per_label.setdefault(label, []).append((score * w.factor, evs))
        out = []
        for label, items in per_label.items():
            best = max(s for s, _ in items) + EXTRA_GAIN * (len(items) - 1)
            evidence = tuple(e for _, evs in items for e in evs)
            kind = "wink" if any(e.rule.startswith("innuendo.wink.") for e in evidence) else "emoji"
            out.append(Signal(label, round(min(MAX_SCORE, best), 4), f"innuendo.{kind}.{label}", self.id, evidence))
        return out

    def _evidence(self, views: Views, field_name: str, w: Wink) -> Evidence:
        ev = views.original_evidence(field_name, w.start, w.end, normalized=w.literal,
                                     rule=f"innuendo.wink.{w.sense.id}", detector=self.id, context_word=w.cue,
                                     value=f"{w.sense.label}:{w.sense.sense}")
        detail: dict[str, Any] = {"literal": w.literal, "sense": w.sense.sense, "label": w.sense.label,
                                  "wink": views.fields[field_name].original[w.start] + views.fields[field_name]
                                  .original[w.end - 1], "cue": w.cue, "cue_kind": w.cue_kind}
        return ev._replace(detail=detail, scope=w.scope)


class Params(BaseModel):
    """Registry parameters of an `innuendo` detector."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    table: str | None = Field(None, description="a platform's own wink table (YAML, the shipped format); "
                                                "default: qinglang/detectors/data/innuendo.yaml")


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> InnuendoDetector:
    table = load_table(Path(spec.params.table), ctx.custom_labels) if spec.params.table else shipped_table()
    return InnuendoDetector(table, name=spec.name)
