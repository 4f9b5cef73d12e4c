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


# -- Latin pinyin in text (shabi, caonima) -----------------------------------------------------------------
# Added for the models' feature views (qinglang/models/features.py). The normalizer leaves Latin letters as
# they are; a classifier that should see 傻逼 in "shabi" needs the letters read back as syllables.

MAX_SYLLABLE = 6  # longest toneless syllable ("chuang", "zhuang", "shuang")


def segment_pinyin(run: str) -> list[tuple[str, bool]]:
    """Split a lowercase letter run into toneless syllables of ≥2 letters, leaving as few letters over as
    possible (then the fewest syllables): 'shabi' → sha, bi; 'nmsl' → n, m, s, l (letters, not syllables).

    Returns (piece, is_syllable) pairs that concatenate to `run`."""
    index = _syllables()[1]
    n = len(run)
    inf = (n + 1, n + 1)
    best: list[tuple[int, int]] = [inf] * (n + 1)  # (letters left over, syllables) covering run[:i]
    back = [0] * (n + 1)
    best[0] = (0, 0)
    for i in range(n):
        left, pieces = best[i]
        if (left + 1, pieces) < best[i + 1]:
            best[i + 1], back[i + 1] = (left + 1, pieces), i
        for j in range(i + 2, min(n, i + MAX_SYLLABLE) + 1):
            if run[i:j] in index and (left, pieces + 1) < best[j]:
                best[j], back[j] = (left, pieces + 1), i
    out: list[tuple[str, bool]] = []
    j = n
    while j > 0:
        i = back[j]
        out.append((run[i:j], j - i > 1))
        j = i
    return out[::-1]


@cache
def initial_table() -> dict[int, str]:
    """`str.translate` table: sound-class character → the first letter of its syllable (as `initials` writes)."""
    return {CLASS_BASE + k: syl[0] for syl, k in _syllables()[1].items()}
