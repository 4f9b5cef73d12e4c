"""Feature views shared by training and inference: what a model sees of one normalized text.

A model reads three views of the canonical text, each as character n-grams:

- ``t``: the canonical text itself (width, case, traditional, look-alikes, separators already folded),
  n-grams of 1–4 characters;
- ``p``: the sound-class view, with Latin pinyin runs (shabi, caonima) read back as syllables, so that
  homophones (煞笔), pinyin spellings and mixed writing (傻bi) meet the same features; 1–3;
- ``i``: the initials view (each syllable → its first letter), so that abbreviations (nmsl, sb) meet
  the spelled-out text; 2–5 (initials carry little per letter, so longer runs).

N-grams are hashed to 32-bit keys in numpy (a rolling multiply–xor over code points), so extracting every
n-gram of a post is a few dozen vectorised operations and no Python loop. Training (`train.py`) and
inference (`linear.py`) both call `keys`, so the features cannot drift apart; `key_positions` gives each key
its canonical span, which is how a linear model points at the text that moved its score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..text.normalize import NormalizedText
from ..text.phonetic import class_char, initial_table, segment_pinyin

VIEWS = ("t", "p", "i")
ORDERS: dict[str, tuple[int, ...]] = {"t": (1, 2, 3, 4), "p": (1, 2, 3), "i": (2, 3, 4, 5)}
MAX_ORDER = 5
_LETTERS = re.compile(r"[a-z]{2,}")
_SEP = "\x01"  # between views in the joined string; grams across it are junk keys, identical in training
_I_SHIFT = 0x110000  # initials-view letters are shifted past Unicode so they never meet text-view letters
_MUL = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant (golden ratio); keys are the products' high halves


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


def _codes(views: tuple[ViewText, ...]) -> tuple[np.ndarray, int, int, int]:
    t, p, i = (v.text for v in views)
    joined = t + _SEP + p + _SEP + i
    c = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    a, b = len(t) + 1, len(t) + 1 + len(p) + 1
    c[b:] += np.uint64(_I_SHIFT)
    return c, len(t), a, b


def _hash_orders(c: np.ndarray) -> list[np.ndarray]:
    """Rolling hashes: element k of order n covers c[k:k+n] (uint64 arithmetic, wrapping)."""
    with np.errstate(over="ignore"):
        h = (c + np.uint64(1)) * _MUL
        out = [h]
        for n in range(2, MAX_ORDER + 1):
            h = (h[:-1] ^ c[n - 1:]) * _MUL
            out.append(h)
    return out


def keys(views: tuple[ViewText, ...]) -> np.ndarray:
    """32-bit keys of every n-gram of the three views (the feature ids before vocabulary lookup)."""
    c, lt, _, b = _codes(views)
    hs = _hash_orders(c)
    n = len(c)
    parts = [hs[0][: b - 1], hs[1], hs[2]]
    if n >= 4:
        parts += [hs[3][: max(lt - 3, 0)], hs[3][b:]]
    if n >= 5:
        parts.append(hs[4][b:])
    # The high half of the last product depends on every character of the n-gram.
    return (np.concatenate(parts) >> np.uint64(32)).astype(np.uint32)


def key_positions(views: tuple[ViewText, ...], ks: np.ndarray | None = None
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(keys, order, start in the joined views string) for every n-gram, in the order `keys` returns them
    (pass `ks` if the keys are already computed)."""
    lt, lp, li = (len(v.text) for v in views)
    n, b = lt + lp + li + 2, lt + lp + 2
    blocks = [(1, 0, b - 1), (2, 0, n - 1), (3, 0, n - 2)]
    if n >= 4:
        blocks += [(4, 0, max(lt - 3, 0)), (4, b, n - 3)]
    if n >= 5:
        blocks.append((5, b, n - 4))
    orders = np.concatenate([np.full(max(hi - lo, 0), o, dtype=np.int64) for o, lo, hi in blocks])
    starts = np.concatenate([np.arange(lo, max(hi, lo), dtype=np.int64) for _, lo, hi in blocks])
    if ks is None:
        ks = keys(views)
    assert len(ks) == len(orders) == len(starts)
    return ks, orders, starts


def canonical_span(views: tuple[ViewText, ...], order: int, start: int) -> tuple[int, int]:
    """Canonical [start, end) of the n-gram at `start` of the joined views string; (0, 0) if it crosses views."""
    lt, lp = len(views[0].text), len(views[1].text)
    segments = ((0, lt, views[0]), (lt + 1, lt + 1 + lp, views[1]), (lt + lp + 2, lt + lp + 2 + len(views[2].text),
                                                                       views[2]))
    for lo, hi, view in segments:
        if lo <= start and start + order <= hi:
            return view.span(start - lo, start - lo + order)
    return (0, 0)


__all__ = ["MAX_ORDER", "ORDERS", "VIEWS", "ViewText", "canonical_span", "key_positions", "keys", "views_of"]
