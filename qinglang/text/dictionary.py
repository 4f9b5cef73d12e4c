"""The general Chinese word list: jieba's bundled dictionary (MIT), read in one place.

Used for the homophone guard and word boundaries (`qinglang.lexicon.matcher`) and for choosing common
characters in the cloaking generators (`qinglang.eval.perturb`); callers cache what they derive from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def iter_words() -> Iterator[tuple[str, int]]:
    """(word, corpus frequency) for every entry of jieba's dict.txt."""
    import jieba

    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ")
            if len(parts) >= 2:
                yield parts[0], int(parts[1])
