"""Phonetic keys: toneless pinyin per character (pypinyin's data) and a 1:1 sound-class view.

The sound-class view replaces every CJK character by one private-use code point per toneless syllable, so
homophones (威信 / 薇信 / 微信) become the same string while offsets stay those of the canonical text.
Polyphonic characters take their first (most common) reading; lexicon terms are keyed both by that reading
and by pypinyin's phrase-aware reading, so a term like 银行 still meets its homophones.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from pypinyin import lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

CLASS_BASE = 0xF0000  # Supplementary Private Use Area-A: never appears in canonical text


def toneless(reading: str) -> str:
    """'lǜ' → 'lv', 'wēi' → 'wei'."""
    reading = reading.replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v").replace("ǚ", "v").replace("ǜ", "v")
    return "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c)).lower()


@cache
def _syllables() -> tuple[dict[str, str], dict[str, int]]:
    char_syl: dict[str, str] = {}
    for cp, readings in pinyin_dict.items():
        char_syl[chr(cp)] = toneless(readings.split(",")[0])
    index = {s: k for k, s in enumerate(sorted(set(char_syl.values())))}
    return char_syl, index


def char_syllable(ch: str) -> str | None:
    """Default toneless reading of one character, or None if it has none."""
    return _syllables()[0].get(ch)


def class_char(syllable: str) -> str:
    """The private-use character that stands for one toneless syllable in the sound-class view."""
    return chr(CLASS_BASE + _syllables()[1][syllable])


def is_syllable(s: str) -> bool:
    return s in _syllables()[1]


@cache
def sound_class_table() -> dict[int, str]:
    """`str.translate` table: CJK character → its sound-class character."""
    char_syl, index = _syllables()
    return {ord(c): chr(CLASS_BASE + index[s]) for c, s in char_syl.items()}


def term_readings(term: str) -> list[list[str | None]]:
    """Distinct per-character reading sequences of a term: default readings and phrase-aware ones."""
    default = [char_syllable(c) for c in term]
    out = [default]
    try:
        phrase = lazy_pinyin(term, errors=lambda s: [None] * len(s))
    except Exception:  # pypinyin may reject odd input; default readings still stand
        phrase = None
    if phrase and len(phrase) == len(term):
        alt = [toneless(p) if p and is_syllable(toneless(p)) else d for p, d in zip(phrase, default, strict=True)]
        if alt != default:
            out.append(alt)
    return out
