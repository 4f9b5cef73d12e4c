"""Language-misuse detector and writer suggestions (campaign 8: 故意使用错字、滥用谐音指代词…).

`language_misuse` fires when a lexicon term (any harmful label) is present only through a disguise: its
canonical form was reached by the homophone / pinyin / initials / split matchers or by the normalizer's
look-alike, emoji or split layers. The lexicon hit keeps its own label; this signal says "the wording was
deliberately distorted", which campaign 8 targets on prominent surfaces and for minors.

`language.substitution` reads the same campaign as a way of writing rather than a word list: words written as
pinyin syllables or object/animal pictographs between Chinese characters (主播 ni 的 🍑 好 qiao 啊). Three in a field,
or one within 16 characters of a vulgar / porn / abuse / antagonism word written in plain sight (the disguise
carries it), is misuse (0.7); two is 0.4, which only the strict surfaces (hot search, first screen, minors) act on.
A character written apart into lone components with spaces between (弓 虽 → 强, 女 干 → 奸, read back through the
shipped 拆字 table) weighs two, when the character belongs to a harmful lexicon term: two of them are misuse.
An emoji written for a body part where the sentence makes it one (主播的🐻好大, 想摸你的🍑: `body_standins`, session
15) is the sexual pun by itself (0.7, and `vulgar`), as a pictograph written as a sexual verb is.

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
from .language_styles import (
    QUOTED_LEWD,
    QUOTED_PUN_SCORE,
    STRICT_SURFACES,
    body_standins,
    lewd_verbs,
    quoted_puns,
    tampered_idioms,
)
from .language_styles import SKIP as _SKIP
from .language_styles import han as _han
from .language_styles import recombine as _recombine
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
_BOUND_FORM = re.compile("[亻氵扌讠纟钅饣忄犭礻衤厶彳辶冫疒阝刂]")  # never written alone (normalize: radical)
_LOWER_PINYIN = re.compile("[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+")


def _mixed_pinyin(written: str) -> bool:
    """Whether a span mixes Chinese characters with lowercase pinyin letters (tiao教, sè情, cào 比)."""
    return any(_han(ch) for ch in written) and _LOWER_PINYIN.search(written) is not None \
        and not any("A" <= ch <= "Z" for ch in written)


# Substitution style (the notice's 故意使用错字、滥用谐音指代词 as a way of writing, not a word list): a word written
# as a pinyin syllable (ni, qiao, shi) or as a pictograph emoji (🦌, 🐴, 🍑) standing between Chinese characters,
# where the sentence needs a word. Counted on the original text; faces, hands and hearts are punctuation of mood.
_LATIN_RUN = re.compile("[A-Za-z]+")
# one C-level search: most posts have no Latin letter, pictograph or Chinese character standing alone between spaces
_CANDIDATE = re.compile("[A-Za-z\U0001F300-\U0001F9FF]|[\u4e00-\u9fff][ \u3000]+[\u4e00-\u9fff]")
# Split apart (拆字 written as separate words): two lone characters, spaces between, that recombine into one character
# (弓 虽 → 强, 女 干 → 奸). A writer who spaces out components is hiding the character they make; it weighs as two
# substitutions, and only characters of harmful lexicon terms count (人 人 → 从 in spaced-out lyrics does not).
# The second component is read in a lookahead, so a line spaced out one character at a time (你 女 马 今 天) is tried at
# every pair (你 女, 女 马, 马 今 …), not only at every other one (session 20, lang20).
_APART = re.compile("(?<![\u4e00-\u9fff])([\u4e00-\u9fff])(?=([ \u3000]+)([\u4e00-\u9fff])(?![\u4e00-\u9fff]))")
SPLIT_APART_WEIGHT = 2
_PICTOGRAPHS = ((0x1F300, 0x1F5FF), (0x1F950, 0x1F96F), (0x1F980, 0x1F9AE))
_MOOD = ((0x1F440, 0x1F450), (0x1F493, 0x1F49F), (0x1F4AA, 0x1F4AA), (0x1F3FB, 0x1F3FF), (0x1F590, 0x1F596),
         (0x1F5E8, 0x1F5FF), (0x1F31F, 0x1F320), (0x1F389, 0x1F38A), (0x1F4AF, 0x1F4AF), (0x1F525, 0x1F525))
SUBSTITUTION_LABELS = frozenset({"porn", "vulgar", "abuse", "antagonism"})  # what the disguise carries (notice)
SUBSTITUTION_WINDOW = 16  # a disguise within this many characters of a harmful word carries it
_PARTICLE = frozenset("了吧呢啊呀哦哈嘛啦哇噢嘿呗")  # a clause that ended before the emoji: the emoji is mood


# the characters `_pictograph` may accept, found by one C-level scan (was a Python loop over every character)
_PICTOGRAPH_RX = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _PICTOGRAPHS) + "]")


def _pictograph(ch: str) -> bool:
    cp = ord(ch)
    return any(a <= cp <= b for a, b in _PICTOGRAPHS) and not any(a <= cp <= b for a, b in _MOOD)


def _neighbour(text: str, i: int, step: int) -> str:
    while 0 <= i < len(text) and text[i] in _SKIP:
        i += step
    return text[i] if 0 <= i < len(text) else ""


def split_apart(text: str, wanted: frozenset[str] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, character) of characters written apart as two lone components (弓 虽 → 强); with `wanted`, only
    characters in that set."""
    if " " not in text and "\u3000" not in text:
        return []
    table = _recombine()
    out = []
    for m in _APART.finditer(text):
        ch = table.get((m.group(1), m.group(3)))
        if ch is not None and (wanted is None or ch in wanted):
            out.append((m.start(), m.start() + 2 + len(m.group(2)), ch))
    return out


def substitutions(text: str, wanted: frozenset[str] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of words written as a pinyin syllable or a pictograph between Chinese characters:
    `pinyin` is a lowercase run that splits wholly into syllables (not an acronym, not English such as nice,
    ok); `emoji` is an object/animal/food pictograph whose neighbours on both sides are Chinese, not a mood
    emoji after a finished clause; `split` is a character written apart into lone components (`split_apart`,
    restricted to the characters in `wanted`)."""
    from ..text.phonetic import segment_pinyin

    out: list[tuple[int, int, str]] = [(a, b, "split") for a, b, _ in split_apart(text, wanted)]
    for m in _LATIN_RUN.finditer(text):
        a, b = m.span()
        run = m.group()
        if len(run) < 2 or len(run) > 6 or not run.islower():
            continue
        if not (_han(_neighbour(text, a - 1, -1)) and _han(_neighbour(text, b, 1))):
            continue
        if all(is_syl for _, is_syl in segment_pinyin(run)) and len(segment_pinyin(run)) == 1:
            out.append((a, b, "pinyin"))
    for m in _PICTOGRAPH_RX.finditer(text):
        i, ch = m.start(), m.group()
        if not _pictograph(ch):
            continue
        before, after = _neighbour(text, i - 1, -1), _neighbour(text, i + 1, 1)
        if _han(before) and _han(after) and before not in _PARTICLE:
            out.append((i, i + 1, "emoji"))
    return sorted(out)


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
    # vulgar: a sexual pun written as a style (quoted lewd characters, 🦌 as a verb) is misused language and 低俗 both
    supported_labels = frozenset({"language_misuse", "vulgar"})

    def __init__(self, compiled: CompiledLexicon, min_term_score: float = 0.6, *,
                 name: str = "language_misuse") -> None:
        self.compiled = compiled
        self.min_term_score = min_term_score
        self.name = name
        self.id = f"{self.name}@{self.version}"
        # characters of the harmful terms a split-apart character must belong to (substitutions' `wanted`)
        self.harmful_chars = frozenset(ch for e in compiled.entries if e.label in SUBSTITUTION_LABELS
                                       for ch in compiled.normalizer.normalize(e.term).text if _han(ch))

    @staticmethod
    def _split_written(nt: Any, hit: Any) -> bool:
        """Whether a vulgar / porn / abuse / antagonism hit was reached by reading split components together (the
        lexicon's `split` match, or the normalizer's bound-radical layer)."""
        if hit.entry.label not in SUBSTITUTION_LABELS or hit.score <= 0:
            return False
        if hit.variant == "split":
            return True
        if hit.variant == "pinyin":
            # Half a word spelt in pinyin (tiao教 → 调教, luo聊 → 裸聊, sè情 → 色情; session 18, lang18): nobody types
            # one syllable of a word in letters and the rest in characters by accident, as nobody writes 奶 as 女乃.
            # A whole word in pinyin (a message typed without an input method) is not taken here.
            a, b = nt.span(hit.start, hit.end)
            return _mixed_pinyin(nt.original[a:b])
        # the offset walk only where a bound radical form is written at all (the normalizer's first stage)
        return _BOUND_FORM.search(nt.original) is not None and "radical" in nt.layers(hit.start, hit.end)

    def disguised_hits(self, views: Views) -> list[tuple[str, Any, tuple[str, ...]]]:
        """(field, hit, layers) for lexicon hits reached only through a disguise."""
        out = []
        for field_name, nt in views.items():
            # A character written as its components (女乃子 → 奶子, 弓虽女干 → 强奸) is deliberate whatever the term's
            # own weight: nobody splits 奶 into 女乃 by accident, so a weak vulgar / porn / abuse term (奶子 0.25, a
            # word with innocent uses written plainly) reached only that way is the disguise too (session 16, lang16).
            hits = [h for h in self.compiled.match(nt)
                    if h.entry.label not in SKIP_LABELS
                    and (h.score >= self.min_term_score or self._split_written(nt, h))]
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

    def substitution_signal(self, views: Views) -> tuple[Signal | None, Signal | None]:
        """Substitution style: three or more words written as pinyin or pictographs in one field (a way of
        writing: 0.7, the campaign's limit), two (0.4: acted on only where the campaign policy is strict — hot
        search, first screen, minors), or one beside a harmful word the lexicon finds in plain sight (0.7: the
        disguise carries it, the notice's 通过……方式传播低俗色情、攻击恶搞). Quoting or condemning the harmful word
        discounts it (scope). Second: the `vulgar` signal of the sexual puns among them (quoted lewd characters,
        a pictograph written as a sexual verb), same score and evidence: the notice's 传播低俗色情 by these means."""
        best, evs = 0.0, []
        lewd_best, lewd_evs = 0.0, []
        for field_name, nt in views.items():
            if field_name not in ("title", "text"):
                continue
            raw = nt.original
            if raw.isascii():
                continue
            quoted = quoted_puns(raw, self.harmful_chars)
            if len({ch for _, _, ch, _ in quoted}) >= 2:
                # a pun decoded (split, sound: session 19) is read with its scope, as a disguised term is: a report
                # that quotes “女干”“歹匕” to show how someone cursed is talk about the cloak
                decoded = [q for q in quoted if q[3] != "lewd"]
                score = QUOTED_PUN_SCORE if not decoded else discount(
                    QUOTED_PUN_SCORE, scope_at(raw, decoded[0][0], decoded[0][1]))
                best = max(best, score)
                found = [views.original_evidence(field_name, a, b, normalized=ch, detector=self.id,
                                                 rule="language.quoted_pun" if how == "lewd"
                                                 else f"language.quoted_pun.{how}") for a, b, ch, how in quoted[:8]]
                evs.extend(found)
                # 低俗 where a pun character is a lewd one; 奸商 and 死 in quotes cloak an insult, not sex
                if any(how == "lewd" or ch in QUOTED_LEWD for _, _, ch, how in quoted):
                    lewd_best = max(lewd_best, score)
                    lewd_evs.extend(found)
            if _CANDIDATE.search(raw) is None:
                continue
            # a body part or a sexual verb written as a pictograph: the emoji has no canonical span (normalization
            # drops it), so scope is read on the original text
            for spans, rule in ((body_standins(raw), "language.substitution.body"),
                                (lewd_verbs(raw), "language.substitution.lewd")):
                if not spans:
                    continue
                cues = scope_at(raw, spans[0][0], spans[0][1])
                best = max(best, discount(0.7, cues))
                lewd_best = max(lewd_best, discount(0.7, cues))
                found = [views.original_evidence(field_name, a, b, normalized=word, rule=rule, detector=self.id)
                         for a, b, word in spans[:5]]
                evs.extend(found)
                lewd_evs.extend(found)
            subs = substitutions(raw, self.harmful_chars)
            if not subs:
                continue
            weight = sum(SPLIT_APART_WEIGHT if kind == "split" else 1 for _, _, kind in subs)
            score = 0.7 if weight >= 3 else 0.4 if weight == 2 else 0.0
            carried = None
            for hit in self.compiled.match(nt):
                if hit.entry.label not in SUBSTITUTION_LABELS or hit.score < self.min_term_score:
                    continue
                a, b = nt.span(hit.start, hit.end)
                if any(a - SUBSTITUTION_WINDOW <= s0 and s1 <= b + SUBSTITUTION_WINDOW for s0, s1, _ in subs):
                    cues = scope_at(nt, hit.start, hit.end)
                    value = discount(0.7, cues)
                    if value > score:
                        score, carried = value, (hit, cues)
            if score < 0.4:
                continue
            best = max(best, score)
            for s0, s1, kind in subs[:10]:
                shown = raw[s0:s1] if kind != "split" else _recombine()[(raw[s0], raw[s1 - 1])]
                evs.append(views.original_evidence(field_name, s0, s1, normalized=shown,
                                                   rule=f"language.substitution.{kind}", detector=self.id))
            if carried is not None:
                hit, cues = carried
                evs.append(views.evidence(field_name, hit.start, hit.end,
                                          normalized=self.compiled.normalizer.normalize(hit.entry.term).text,
                                          rule=f"language.substitution.carries.{hit.entry.label}", detector=self.id,
                                          scope=scope_tag(cues)))
        vulgar = Signal("vulgar", round(lewd_best, 4), "language.sexual_pun", self.id, tuple(lewd_evs)) \
            if lewd_evs and lewd_best > 0 else None
        if not evs:
            return None, vulgar
        return Signal("language_misuse", round(best, 4), "language.substitution", self.id, tuple(evs)), vulgar

    def idiom_signal(self, content: Content, views: Views) -> Signal | None:
        """Tampered idioms in the title or text of an item the campaign is strict about (`tampered_idioms`)."""
        from ..policy.schema import is_minor_audience

        if content.surface not in STRICT_SURFACES and not is_minor_audience(content):
            return None
        evs = []
        for field_name, nt in views.items():
            if field_name in ("title", "text"):
                evs.extend(views.evidence(field_name, a, b, normalized=idiom, rule="language.tampered_idiom",
                                          detector=self.id) for a, b, idiom in tampered_idioms(nt.text)[:10])
        if not evs:
            return None
        return Signal("language_misuse", 0.7 if len(evs) >= 2 else 0.4, "language.tampered_idiom", self.id,
                      tuple(evs))

    def detect(self, content: Content, views: Views) -> list[Signal]:
        style, vulgar = self.substitution_signal(views)
        extra = [vulgar] if vulgar is not None else []
        idioms = self.idiom_signal(content, views)
        if idioms is not None and (style is None or idioms.score > style.score):
            style = Signal(idioms.label, idioms.score, idioms.rule, self.id,
                           (*idioms.evidence, *(style.evidence if style is not None else ())))
        elif idioms is not None and style is not None:
            style = Signal(style.label, style.score, style.rule, self.id, (*style.evidence, *idioms.evidence))
        hits = self.disguised_hits(views)
        if not hits:
            return [style, *extra] if style is not None else extra
        evs = []
        best = 0.0
        for field_name, hit, layers in hits[:20]:
            term = self.compiled.normalizer.normalize(hit.entry.term).text
            # Quoting or condemning a disguised term is not misusing it (qinglang.text.scope, as for lexicon hits);
            # an entry read with a talk-about class (the 引流 lexicon's `about: diversion`) is read with it here too.
            cues = scope_at(views.fields[field_name], hit.start, hit.end, about=hit.entry.about)
            best = max(best, discount(0.6 + 0.3 * hit.score, cues))
            evs.append(views.evidence(field_name, hit.start, hit.end, normalized=term,
                                      rule=f"language.disguised.{hit.entry.label}", detector=self.id,
                                      layers=tuple(dict.fromkeys(layers)), scope=scope_tag(cues)))
        score = min(1.0, best)
        if style is not None and style.score > score:  # one signal per label: the stronger rule, all evidence
            return [Signal("language_misuse", style.score, style.rule, self.id, (*style.evidence, *evs)), *extra]
        return [Signal("language_misuse", round(score, 4), "language.disguised", self.id,
                       (*evs, *(style.evidence if style is not None else ()))), *extra]


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
