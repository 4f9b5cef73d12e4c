"""Cloaking generators: the obfuscations of campaigns 3 and 8, applied to clean text for evaluation.

Each generator rewrites the characters of given spans (or of random positions) the way evaders do:

- ``homophone``: a common character with the same toneless pinyin (傻逼 → 煞逼)
- ``lookalike``: a rare character that imitates it (微 → 徾)
- ``radical``: a common character sharing its components, as CNTP's look-alike cloaks are written: the
  character with a radical added (黑 → 嘿, 女 → 汝) or its radical swapped (级 → 汲)
- ``shuffle``: the characters of each word of the span in another order (婊子 → 子婊, 不开化 → 开不化)
- ``split``: the character written as its components (娼 → 女昌)
- ``pinyin``: the span written in pinyin, glued or spaced (傻逼 → shabi, sha bi)
- ``initials``: words of the span written as pinyin initials (你妈死了 → nmsl); below rate 1 each
  dictionary word is written so with probability `rate` (你们这些黑人 → 你们这些hr), as evaders abbreviate
  words, not letters; at rate 1 the whole span
- ``emoji``: characters written as an emoji read as them (婊子 → ⌚子, 女 → 👩: the shipped emoji tables in
  reverse, CNTP's real cloaks among them), word emoji (加 → ➕) and decorative emoji wedged between characters
- ``separator``: spaces and symbols wedged between characters (微-信)
- ``traditional``: traditional characters (说话 → 說話)
- ``fullwidth``: fullwidth / mathematical letters and circled digits

The tables are the engine's own shipped tables read in reverse, so the generators never use data the
normalizer does not ship — and a perturbation the normalizer cannot undo shows up as lost recall.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import cache

from ..text.dictionary import iter_words, tokenize
from ..text.normalize import load_table
from ..text.phonetic import char_syllable

KINDS = ("homophone", "lookalike", "split", "pinyin", "initials", "emoji", "separator", "traditional", "fullwidth",
         "radical", "shuffle")
_SEPARATORS = [" ", "-", ".", "*", "_", "|", "/", "~", "·", "❤", "☆", "\u200b"]
_DECOR = ["😀", "🌸", "✨", "🔥", "💋", "🍀", "👉", "⭐"]


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@cache
def _common_chars() -> tuple[str, ...]:
    """CJK characters by their summed word frequency in the general dictionary, most frequent first."""
    freq: dict[str, int] = defaultdict(int)
    for w, f in iter_words():
        for ch in w:
            if _is_cjk(ch):
                freq[ch] += f
    return tuple(sorted(freq, key=lambda c: (-freq[c], c)))


@cache
def _homophones() -> dict[str, tuple[str, ...]]:
    by_syl: dict[str, list[str]] = defaultdict(list)
    for ch in _common_chars()[:3000]:
        syl = char_syllable(ch)
        if syl:
            by_syl[syl].append(ch)
    out = {}
    for chars in by_syl.values():
        for ch in chars:
            others = tuple(c for c in chars if c != ch)
            if others:
                out[ch] = others
    return out


@cache
def _reverse(name: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    for row in load_table(name):
        if len(row.target) == 1 or name == "split":
            key, val = (row.source, row.target) if name == "split" else (row.target, row.source)
            out[key].append(val)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _fullwidth() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    for row in load_table("unicode"):
        if len(row.target) == 1 and row.target.isascii() and row.target.isalnum() and row.source.isprintable():
            out[row.target].append(row.source)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _radical_alikes() -> dict[str, tuple[str, ...]]:
    """Characters made of a common character plus a radical, or sharing its second component (split.tsv);
    the look-alikes may be rare (的 → 扚, 地 → 髢), as in CNTP."""
    common = set(_common_chars()[:4000])
    holders: dict[str, set[str]] = defaultdict(set)  # component → characters of two parts ending with it
    parts: dict[str, set[str]] = defaultdict(set)  # character → its second components
    for row in load_table("split"):
        if len(row.target) != 2 or not _is_cjk(row.source):
            continue
        holders[row.target[1]].add(row.source)
        parts[row.source].add(row.target[1])
    out: dict[str, tuple[str, ...]] = {}
    for ch in common:
        options = set(holders.get(ch, ()))  # 黑 → 嘿, 女 → 汝
        for comp in parts.get(ch, ()):  # 级 (纟及) → 汲 (氵及)
            options |= holders.get(comp, set())
        options.discard(ch)
        if options:
            out[ch] = tuple(sorted(options))
    return out


@cache
def _emoji_readings() -> dict[str, tuple[str, ...]]:
    """Character → the emoji the shipped tables read as it (emoji.tsv and the CNTP-derived emoji_cntp.tsv)."""
    out: dict[str, list[str]] = defaultdict(list)
    for name in ("emoji", "emoji_cntp"):
        for row in load_table(name):
            if len(row.target) == 1 and _is_cjk(row.target) and row.source not in out[row.target]:
                out[row.target].append(row.source)
    return {k: tuple(v) for k, v in out.items()}


def _char_sub(table: Callable[[], dict[str, tuple[str, ...]]]) -> Callable[[str, random.Random], str | None]:
    def sub(ch: str, rng: random.Random) -> str | None:
        options = table().get(ch)
        return rng.choice(options) if options else None

    return sub


_CHAR_SUBS: dict[str, Callable[[str, random.Random], str | None]] = {
    "homophone": _char_sub(_homophones),
    "lookalike": _char_sub(lambda: _reverse("lookalike")),
    "split": _char_sub(lambda: _reverse("split")),
    "traditional": _char_sub(lambda: _reverse("t2s")),
    "fullwidth": _char_sub(_fullwidth),
    "radical": _char_sub(_radical_alikes),
}
_WORD_EMOJI = {"加": "➕", "网": "🌐", "电话": "📞", "飞机": "✈️", "qq": "🐧", "QQ": "🐧"}


def perturb(text: str, kind: str, rng: random.Random, *, spans: Sequence[tuple[int, int]] | None = None,
            rate: float = 1.0) -> str:
    """Cloak `text` with one kind of obfuscation inside `spans` (default: the whole text) at `rate` per char
    (per dictionary word for `initials`; at rate 1 `initials` writes the whole span)."""
    if kind not in KINDS:
        raise ValueError(f"unknown perturbation {kind!r}; known: {', '.join(KINDS)}")
    spans = [(0, len(text))] if spans is None else sorted(spans)
    out: list[str] = []
    pos = 0
    for s, e in spans:
        if s < pos:
            continue
        out.append(text[pos:s])
        out.append(_perturb_span(text[s:e], kind, rng, rate))
        pos = e
    out.append(text[pos:])
    return "".join(out)


def _perturb_span(seg: str, kind: str, rng: random.Random, rate: float) -> str:
    if kind in _CHAR_SUBS:
        sub = _CHAR_SUBS[kind]
        chars = []
        for ch in seg:
            rep = sub(ch, rng) if rng.random() < rate else None
            chars.append(rep if rep is not None else ch)
        return "".join(chars)
    if kind == "shuffle":
        return "".join(_shuffle(w, rng) if len(w) > 1 and rng.random() < rate else w
                       for w, _, _ in tokenize(seg, hmm=False))
    if kind == "initials":
        if rate >= 1.0 or not any(_is_cjk(ch) and char_syllable(ch) for ch in seg):
            return _initials(seg)
        return "".join(_initials(w) if rng.random() < rate else w for w, _, _ in tokenize(seg, hmm=False))
    if kind == "pinyin":
        syls = [char_syllable(ch) if _is_cjk(ch) else None for ch in seg]
        if not any(syls):
            return seg
        if rate < 1.0 and len(seg) > 1:
            # Mixed writing (傻bi): keep one character, spell the rest.
            keep = rng.randrange(len(seg))
            return "".join(ch if (k == keep or s is None) else s for k, (ch, s) in enumerate(zip(seg, syls,
                                                                                                strict=True)))
        # Whole words spelled out, glued (bairenbanji) or spaced as CNTP's evaders write them (bai ren ban ji).
        sep = " " if rng.random() < 0.5 else ""
        out = []
        for ch, syl in zip(seg, syls, strict=True):
            if syl and out and out[-1][-1:].isalpha() and out[-1][-1:].isascii():
                out.append(sep)
            out.append(syl or ch)
        return "".join(out)
    if kind in ("separator", "emoji"):
        if kind == "emoji":
            for word, emo in _WORD_EMOJI.items():
                seg = seg.replace(word, emo)
            # characters written as an emoji that reads as them (婊 → ⌚ by sound, 女 → 👩 by picture)
            readings = _emoji_readings()
            seg = "".join(rng.choice(readings[ch]) if ch in readings and rng.random() < rate else ch for ch in seg)
        pool = _SEPARATORS if kind == "separator" else _DECOR
        chars = []
        for k, ch in enumerate(seg):
            chars.append(ch)
            if k < len(seg) - 1 and rng.random() < rate:
                chars.append(rng.choice(pool))
        return "".join(chars)
    raise AssertionError(kind)


def _shuffle(word: str, rng: random.Random) -> str:
    """Another order of the word's characters (two characters: swapped)."""
    chars = list(word)
    for _ in range(4):
        rng.shuffle(chars)
        if "".join(chars) != word:
            break
    return "".join(chars)


def _initials(word: str) -> str:
    """A word as its pinyin initials; characters without a reading stay as they are."""
    return "".join(s[0] if _is_cjk(ch) and (s := char_syllable(ch)) else ch for ch in word)


__all__ = ["KINDS", "perturb"]
