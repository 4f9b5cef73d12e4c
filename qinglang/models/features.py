"""Feature views shared by training and inference: what a model sees of one normalized text.

A model reads three views of the canonical text, each as character n-grams:

- ``t``: the canonical text itself (width, case, traditional, look-alikes, separators already folded);
- ``p``: the sound-class view, with Latin pinyin runs (shabi, caonima) read back as syllables, so that
  homophones (煞笔), pinyin spellings and mixed writing (傻bi) meet the same features;
- ``i``: the initials view (each syllable → its first letter), so that abbreviations (nmsl, sb) meet
  the spelled-out text.

Training (`tools/train_models.py`) and inference (`qinglang.models.linear`) both call `extract`, so the
features cannot drift apart. Every n-gram keeps its position, mapped back to canonical offsets, which is
what lets a linear model point at the spans that moved its score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.normalize import NormalizedText
from ..text.phonetic import class_char, initial_table, segment_pinyin

VIEWS = ("t", "p", "i")
ORDERS: dict[str, tuple[int, ...]] = {"t": (1, 2, 3, 4), "p": (1, 2, 3), "i": (2, 3, 4)}
_LETTERS = re.compile(r"[a-z]{2,}")


@dataclass(frozen=True, slots=True)
class ViewText:
    """One view's string and, where it differs in length from the canonical text, its offset map."""

    name: str
    text: str
    starts: tuple[int, ...] | None = None  # canonical start of each view character (None: identity)
    ends: tuple[int, ...] | None = None

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Canonical [start, end) of view characters [i, j)."""
        if self.starts is None or self.ends is None:
            return i, j
        return self.starts[i], self.ends[j - 1]


def views_of(nt: NormalizedText) -> tuple[ViewText, ViewText, ViewText]:
    """The three views of one normalized text (t, p, i)."""
    text = nt.text
    phon = nt.phonetic
    if not _LETTERS.search(text):
        return ViewText("t", text), ViewText("p", phon), ViewText("i", phon.translate(initial_table()))
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _LETTERS.finditer(text):
        pieces = segment_pinyin(m.group())
        if not any(is_syl for _, is_syl in pieces):
            continue
        parts.append(phon[pos:m.start()])
        starts.extend(range(pos, m.start()))
        ends.extend(range(pos + 1, m.start() + 1))
        at = m.start()
        for piece, is_syl in pieces:
            parts.append(class_char(piece) if is_syl else piece)
            if is_syl:
                starts.append(at)
                ends.append(at + len(piece))
            else:
                starts.extend(range(at, at + len(piece)))
                ends.extend(range(at + 1, at + len(piece) + 1))
            at += len(piece)
        pos = m.end()
    if pos == 0:
        return ViewText("t", text), ViewText("p", phon), ViewText("i", phon.translate(initial_table()))
    parts.append(phon[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    p = "".join(parts)
    st, en = tuple(starts), tuple(ends)
    return ViewText("t", text), ViewText("p", p, st, en), ViewText("i", p.translate(initial_table()), st, en)


def grams(view: ViewText) -> list[str]:
    """All n-grams of one view, in position order per order (no prefix)."""
    s = view.text
    n_chars = len(s)
    return [s[i:i + n] for n in ORDERS[view.name] for i in range(n_chars - n + 1)]


def gram_positions(view: ViewText) -> list[tuple[str, int, int]]:
    """(gram, view start, view end) for every n-gram of one view; the slow path, used for evidence only."""
    s = view.text
    return [(s[i:i + n], i, i + n) for n in ORDERS[view.name] for i in range(len(s) - n + 1)]


def prefixed_grams(nt: NormalizedText) -> list[str]:
    """Every n-gram of every view with its view's prefix: the training analyzer."""
    out: list[str] = []
    for view in views_of(nt):
        out.extend(view.name + g for g in grams(view))
    return out


__all__ = ["ORDERS", "VIEWS", "ViewText", "gram_positions", "grams", "prefixed_grams", "views_of"]
