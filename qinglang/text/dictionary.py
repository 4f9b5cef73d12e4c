"""The general Chinese word list: jieba's bundled dictionary (MIT), read in one place, and jieba's
segmentation over it.

Used for the homophone guard and word boundaries (`qinglang.lexicon.matcher`), for word interiors in the
language-misuse detector, and for choosing common characters and words in the cloaking generators
(`qinglang.eval.perturb`); callers cache what they derive from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path


def tokenize(text: str, *, hmm: bool = True) -> list[tuple[str, int, int]]:
    """jieba's (word, start, end) segmentation of `text`, with jieba's start-up log kept quiet."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return list(jieba.tokenize(text, HMM=hmm))


def iter_words() -> Iterator[tuple[str, int]]:
    """(word, corpus frequency) for every entry of jieba's dict.txt."""
    import jieba

    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ")
            if len(parts) >= 2:
                yield parts[0], int(parts[1])


def iter_idioms(tags: frozenset[str] = frozenset({"i", "l"})) -> Iterator[tuple[str, int]]:
    """(word, corpus frequency) of the entries jieba's dict.txt tags as idioms (`i`, 成语) or set phrases (`l`,
    习用语: 有机可乘), the table a tampered idiom is read against."""
    import jieba

    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3 and parts[2] in tags:
                yield parts[0], int(parts[1])


@cache
def common_words() -> tuple[str, ...]:
    """The dictionary's common words (2-6 characters, corpus frequency 3 or more): the homophone guard's table
    (`qinglang.lexicon.matcher`) and the word-boundary reads of `qinglang.text.scope`, built once."""
    return tuple(w for w, f in iter_words() if 2 <= len(w) <= 6 and f >= 3)


@cache
def common_word_set() -> frozenset[str]:
    return frozenset(common_words())
