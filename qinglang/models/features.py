"""Feature views shared by training and inference: what a model sees of one normalized text.

A model reads three views of the canonical text, each as character n-grams, in two key blocks:

- block ``t`` (the *text* sub-model): the canonical text itself (width, case, traditional, look-alikes,
  separators already folded), n-grams of 1–4 characters;
- block ``r`` (the *robust* sub-model): the sound-class view ``p``, with Latin pinyin runs (shabi, caonima)
  read back as syllables, so that homophones (煞笔), pinyin spellings and mixed writing (傻bi) meet the same
  features, 1–3-grams; and the initials view ``i`` (each syllable → its first letter), so that
  abbreviations (nmsl, sb) meet the spelled-out text, 2–5-grams.

N-grams are hashed to 32-bit keys in numpy (a rolling multiply–xor over code points), so extracting every
n-gram of a post is a few dozen vectorised operations and no Python loop. A model's weight of a key lives in
bucket ``key & (2**bits - 1)`` of a dense table (the hashing trick): no vocabulary, no search. Training
(`train.py`) and inference (`linear.py`) both call `keys`, so the features cannot drift apart; `locate` gives
each key its canonical span, which is how a linear model points at the text that moved its score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..text.decloak import decloak
from ..text.normalize import NormalizedText
from ..text.phonetic import class_char, initial_table, segment_pinyin

VIEWS = ("t", "p", "i")
ORDERS: dict[str, tuple[int, ...]] = {"t": (1, 2, 3, 4), "p": (1, 2, 3), "i": (2, 3, 4, 5)}
BLOCKS: dict[str, tuple[str, ...]] = {"t": ("t",), "r": ("p", "i")}  # sub-model → the views it reads
MAX_ORDER = 5
_T_ORDERS, _P_ORDERS, _I_ORDERS = ORDERS["t"], ORDERS["p"], ORDERS["i"]
_LETTERS = re.compile(r"[a-z]{2,}")
_SEP = "\x01"  # between views in the joined string (no n-gram crosses it: blocks are sliced per view)
_I_SHIFT = 0x110000  # initials-view letters are shifted past Unicode so they never meet other letters
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
    """The three views of one normalized text (t, p, i), read from its de-cloaked text (`qinglang.text.decloak`:
    cloaked spellings of the words posters cloak written back) where it has one, mapped to canonical offsets."""
    dec = decloak(nt)
    if dec is None:
        return _views(nt.text, nt.phonetic)
    views = _views(dec.text, nt.normalizer.to_phonetic(dec.text))
    out = []
    for v in views:
        if v.starts is None or v.ends is None:
            out.append(ViewText(v.name, v.text, dec.starts, dec.ends))
        else:
            out.append(ViewText(v.name, v.text, tuple(dec.starts[k] for k in v.starts),
                                tuple(dec.ends[k - 1] for k in v.ends)))
    return out[0], out[1], out[2]


def _views(text: str, phon: str) -> tuple[ViewText, ViewText, ViewText]:
    """The three views of a text and its sound-class view (offsets relative to `text`)."""
    if not _LETTERS.search(text):
        return ViewText("t", text), ViewText("p", phon), ViewText("i", phon.translate(initial_table()))
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _LETTERS.finditer(text):
        pieces = segment_pinyin(m.group())
        if 3 * sum(len(piece) for piece, is_syl in pieces if not is_syl) >= len(m.group()):
            continue  # initials (nmsl, wdrlyn): syllables found by chance (er, me, ka) would eat their letters
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


@dataclass(frozen=True, slots=True)
class Grams:
    """Every n-gram key of one text, per block, and the numbers routing needs."""

    views: tuple[ViewText, ...]
    t: np.ndarray  # uint32 keys of the t block, in `layout` order
    r: np.ndarray  # uint32 keys of the r block (p view, then i view)
    latin: int  # Latin letters a–z in the canonical text
    cjk: int  # CJK ideographs in the canonical text

    @property
    def latin_share(self) -> float:
        """Latin letters among letters and ideographs: high when a post is written in pinyin or initials."""
        return self.latin / (self.latin + self.cjk) if self.latin else 0.0


def layout(views: tuple[ViewText, ...]) -> dict[str, list[tuple[int, int, int]]]:
    """Per block, (order, first start, stop) in the joined string t + SEP + p + SEP + i, in key order."""
    lt, lp, li = (len(v.text) for v in views)
    base = {"t": 0, "p": lt + 1, "i": lt + lp + 2}
    length = {"t": lt, "p": lp, "i": li}
    out: dict[str, list[tuple[int, int, int]]] = {}
    for block, names in BLOCKS.items():
        out[block] = [(n, base[v], base[v] + max(length[v] - n + 1, 0)) for v in names for n in ORDERS[v]]
    return out


def keys(views: tuple[ViewText, ...]) -> Grams:
    """32-bit keys of every n-gram of the three views, per block (the feature ids before hashing to buckets).

    One text alone (the live socket's and `moderate`'s path) takes a path of its own: the same joined codes and
    rolling hashes as `keys_many`, but each (view, order) slice cut in Python instead of the index arithmetic a
    batch needs, about half the numpy calls. Every key is the same, bit for bit (`tests/models/test_batch_path.py`)."""
    t_text, p_text, i_text = views[0].text, views[1].text, views[2].text
    lt, lp, li = len(t_text), len(p_text), len(i_text)
    c = np.frombuffer((t_text + _SEP + p_text + _SEP + i_text + _SEP).encode("utf-32-le"),
                      dtype=np.uint32).astype(np.uint64)
    bi = lt + lp + 2
    c[bi:bi + li] += _SHIFTS[4]
    size = len(c)
    h = np.empty((MAX_ORDER, size), dtype=np.uint64)
    with np.errstate(over="ignore"):
        np.multiply(c + np.uint64(1), _MUL, out=h[0])
        for n in range(2, MAX_ORDER + 1):
            m = max(size - n + 1, 0)
            np.multiply(h[n - 2, :m] ^ c[n - 1:], _MUL, out=h[n - 1, :m])
    parts = [h[n - 1, :max(lt - n + 1, 0)] for n in _T_ORDERS]
    parts += [h[n - 1, lt + 1:lt + 1 + max(lp - n + 1, 0)] for n in _P_ORDERS]
    parts += [h[n - 1, bi:bi + max(li - n + 1, 0)] for n in _I_ORDERS]
    allk = (np.concatenate(parts) >> np.uint64(32)).astype(np.uint32)
    n_t = sum(max(lt - n + 1, 0) for n in _T_ORDERS)
    ct = c[:lt]
    latin = int(np.count_nonzero((ct - np.uint64(97)) < np.uint64(26)))  # wraps below 'a'
    cjk = int(np.count_nonzero((ct - np.uint64(0x4E00)) < np.uint64(0x5200)))
    return Grams(tuple(views), allk[:n_t], allk[n_t:], latin, cjk)


# Per block, the (view, order) slices of a text's keys in `layout` order: view 0 = t, 1 = p, 2 = i.
_SEGMENTS = tuple((VIEWS.index(v), n) for names in BLOCKS.values() for v in names for n in ORDERS[v])
_N_T_SEGMENTS = sum(len(ORDERS[v]) for v in BLOCKS["t"])
_SEG_VIEW = np.array([v for v, _ in _SEGMENTS])
_SEG_ORDER = np.array([n for _, n in _SEGMENTS], dtype=np.int64)
_SHIFTS = np.array([0, 0, 0, 0, _I_SHIFT, 0], dtype=np.uint64)  # per piece t, SEP, p, SEP, i, SEP


def keys_many(batch: Sequence[tuple[ViewText, ...]]) -> list[Grams]:
    """`keys` of many texts in one pass of array operations (the engine's batch path featurizes a batch of posts
    at once: a few dozen numpy calls per batch instead of per text). Each text's views are joined as
    t + SEP + p + SEP + i + SEP; a key reads only characters of its own view, so every key is the one a text
    alone gives, bit for bit."""
    if not batch:
        return []
    lens = np.array([[len(v.text) for v in views] for views in batch], dtype=np.int64)  # [F, 3]
    pieces = np.empty((len(batch), 6), dtype=np.int64)
    pieces[:, 0::2] = lens
    pieces[:, 1::2] = 1
    joined = _SEP.join(v.text for views in batch for v in views) + _SEP
    c = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    c += np.repeat(np.broadcast_to(_SHIFTS, pieces.shape).ravel(), pieces.ravel())
    size = len(c)
    h = np.empty((MAX_ORDER, size), dtype=np.uint64)  # h[n - 1, j]: the n-gram starting at j (tail unused)
    with np.errstate(over="ignore"):
        np.multiply(c + np.uint64(1), _MUL, out=h[0])
        for n in range(2, MAX_ORDER + 1):
            m = max(size - n + 1, 0)
            np.multiply(h[n - 2, :m] ^ c[n - 1:], _MUL, out=h[n - 1, :m])
    first = np.cumsum(pieces, axis=1) - pieces  # [F, 6] start of each piece within its text
    first += (np.cumsum(pieces.sum(axis=1)) - pieces.sum(axis=1))[:, None]
    base = first[:, 0::2]  # [F, 3] start of each view in the joined codes
    # Every slice of every text in key order: (order - 1) * size + start, max(length - order + 1, 0) keys.
    starts = (_SEG_ORDER - 1) * size + base[:, _SEG_VIEW]
    counts = np.maximum(lens[:, _SEG_VIEW] - _SEG_ORDER + 1, 0)
    flat = counts.ravel()
    total = int(flat.sum())
    at = np.cumsum(flat) - flat
    index = np.repeat(starts.ravel() - at, flat) + np.arange(total, dtype=np.int64)
    allk = (h.ravel()[index] >> np.uint64(32)).astype(np.uint32)
    n_t = counts[:, :_N_T_SEGMENTS].sum(axis=1)
    ends = np.cumsum(counts.sum(axis=1))
    # Latin letters and CJK ideographs of each canonical (t) view, as differences of running counts.
    latin = np.concatenate([[0], np.cumsum((c - np.uint64(97)) < np.uint64(26))])  # wraps below 'a'
    cjk = np.concatenate([[0], np.cumsum((c - np.uint64(0x4E00)) < np.uint64(0x5200))])
    t0, t1 = base[:, 0], base[:, 0] + lens[:, 0]
    n_latin = (latin[t1] - latin[t0]).tolist()
    n_cjk = (cjk[t1] - cjk[t0]).tolist()
    out = []
    lo = 0
    for k, views in enumerate(batch):
        mid, hi = lo + int(n_t[k]), int(ends[k])
        out.append(Grams(tuple(views), allk[lo:mid], allk[mid:hi], n_latin[k], n_cjk[k]))
        lo = hi
    return out


def locate(views: tuple[ViewText, ...], block: str, index: int,
           lay: dict[str, list[tuple[int, int, int]]] | None = None) -> tuple[int, int]:
    """Canonical [start, end) of the n-gram at `index` of a block's keys; (0, 0) if it cannot be placed
    (pass `lay`, the text's `layout`, when locating many keys of one text)."""
    lt, lp = len(views[0].text), len(views[1].text)
    base = {0: views[0], lt + 1: views[1], lt + lp + 2: views[2]}
    for n, lo, hi in (lay or layout(views))[block]:
        if index < hi - lo:
            view = base[lo]
            return view.span(index, index + n)
        index -= hi - lo
    return (0, 0)


__all__ = ["BLOCKS", "MAX_ORDER", "ORDERS", "VIEWS", "Grams", "ViewText", "grams", "keys", "keys_many",
           "layout", "locate", "views_of"]


def grams(nt: NormalizedText) -> Grams:
    """`keys(views_of(nt))`, memoized on the normalized text: the model detectors of one engine (the toxicity
    models and the campaign label models) share one feature extraction per field."""
    g = nt.cache.get(grams)
    if g is None:
        g = keys(views_of(nt))
        nt.cache[grams] = g
    return g  # type: ignore[return-value]


