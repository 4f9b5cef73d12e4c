"""The stance model: does a post DO the thing its words name, or talk about it (report, refute, educate, warn,
refuse, ask as a victim, cite a source, tell a story)? One label-agnostic model for every family.

Why learned: the rule scope (`qinglang.text.scope`) lists cues family by family, and a cue fixed for one family
does not reach the next (session 10: a refusal fixed for 集资 but not for 删帖). This model reads the *frame*
around the words that fired, not the words themselves: the characters of every evidence span of the cheap pass
are replaced by a placeholder (``□``), digits fold to ``0`` and Latin letters to ``a``, and the model sees char
1–4-grams of what is left ("律师提醒：以□相威胁…可能构成□罪", "不□，不□", "如有人□，请报警"). Topic words the
detectors did not mark still reach it; the cross-writer figures (docs/models.md, "The stance model") are what
says whether it learned frames or topics. Since session 12 it also reads *which* families fired (`signal_tokens`:
each signal's label, detector and rule family, strong or weak, and whether its detector already scoped all of its
evidence), each a hashed token of weight `token_weight` beside the n-grams: a frame that clears a rumour need not
clear a contact offer.

Model: L2-regularised logistic regression over L2-normalised presence of hashed n-grams (the text-view hashing
of `qinglang.models.features.keys`), weights in a dense float32 table of 2**bits
buckets; files `qinglang/models/data/stance.npz` + `stance.json` (provenance, cross-writer figures), written by
`python tools/train_stance.py`.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError
from .features import _MUL
from .files import hashed_table, read_pair, shipped_pair, write_pair

MASK = "□"
_RUNS = re.compile(MASK + "{2,}")
_FOLD = {**{ord(c): "0" for c in "0123456789"}, **{ord(c): "a" for c in "abcdefghijklmnopqrstuvwxyz"}}


def frame_text(fields: Iterable[tuple[str, Sequence[tuple[int, int]]]]) -> str:
    """The text the model reads: each field's original text with the given spans (evidence, original
    offsets) masked, then width/case folded (NFKC, lower), digits → 0, Latin letters → a; fields joined by a
    newline. Runs of the placeholder collapse to one (a span's length is the topic's, not the frame's)."""
    parts = []
    for text, spans in fields:
        if spans:
            cut, pos = [], 0
            for a, b in sorted(spans):
                a, b = max(a, pos), min(b, len(text))
                if b > a:
                    cut += [text[pos:a], MASK]
                    pos = b
            text = "".join(cut) + text[pos:]
        parts.append(_RUNS.sub(MASK, unicodedata.normalize("NFKC", text).lower().translate(_FOLD)))
    return "\n".join(parts)


def frame_keys(text: str, bits: int) -> np.ndarray:
    """Distinct hashed buckets of the char 1–4-grams of a frame text, sorted: the keys `features.keys` gives its
    text view (the same rolling multiply–xor), computed without the other views, and deduplicated by sorting
    (numpy's hash-based `unique` costs ten times as much on a post's few hundred keys)."""
    c = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if not len(c):
        return np.zeros(0, dtype=np.uint32)
    with np.errstate(over="ignore"):
        h = (c + np.uint64(1)) * _MUL
        hs = [h]
        for n in range(2, 5):
            h = (h[:-1] ^ c[n - 1:]) * _MUL
            hs.append(h)
    k = (np.concatenate(hs) >> np.uint64(32)).astype(np.uint32) & np.uint32((1 << bits) - 1)
    k.sort()
    keep = np.empty(len(k), dtype=bool)
    keep[0] = True
    np.not_equal(k[1:], k[:-1], out=keep[1:])
    return k[keep]


STRONG = 0.35  # a signal at or above this is a "strong" one in `signal_tokens` (the stage's default gate)


def signal_tokens(signals: Iterable[Any]) -> list[str]:
    """What the model reads of the signals themselves (not their words): per signal with a score, its label, its
    detector and its rule family (the first two parts of the rule id), each marked strong (≥ `STRONG`) or weak, and
    ``SC:<label>`` when its detector already scoped every piece of its evidence. Sorted, distinct."""
    out: set[str] = set()
    for s in signals:
        if s.score <= 0:
            continue
        strong = int(s.score >= STRONG)
        out.add(f"L:{s.label}:{strong}")
        out.add(f"D:{s.detector.split('@', 1)[0]}:{strong}")
        out.add("R:" + ".".join(s.rule.split(".")[:2]))
        if s.evidence and all(e.scope for e in s.evidence):
            out.add(f"SC:{s.label}")
    return sorted(out)


def token_keys(tokens: Iterable[str], bits: int) -> np.ndarray:
    """Distinct hashed buckets (CRC-32, masked to `bits`) of the signal tokens, sorted."""
    mask = (1 << bits) - 1
    return np.array(sorted({zlib.crc32(t.encode("utf-8")) & mask for t in tokens}), dtype=np.uint32)


@dataclass(frozen=True)
class StanceModel:
    """P(the post does what its flagged words name) from its frame text."""

    meta: dict[str, Any]
    weights: np.ndarray  # float32 [2**bits]
    intercept: float
    bits: int

    @property
    def name(self) -> str:
        return str(self.meta.get("name", "stance"))

    @property
    def version(self) -> str:
        digest = str(self.meta.get("digest", ""))
        return str(self.meta.get("version", "1")) + (f"-{digest[7:15]}" if digest.startswith("sha256:") else "")

    @property
    def token_weight(self) -> float:
        """The value of each signal token (0: a model that reads the frame text only, as session 11's)."""
        return float(self.meta.get("params", {}).get("token_weight", 0.0))

    def raw(self, text: str, tokens: Sequence[str] = ()) -> float:
        b = frame_keys(text, self.bits)
        z = self.intercept + (float(self.weights[b].sum()) / math.sqrt(len(b)) if len(b) else 0.0)
        tw = self.token_weight
        if tw and tokens:
            z += tw * float(self.weights[token_keys(tokens, self.bits)].sum())
        return z

    def p_does(self, text: str, tokens: Sequence[str] = ()) -> float:
        """P(does) from the frame text and, for a model trained with them, the signal tokens."""
        z = self.raw(text, tokens)
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0

    def arrays(self) -> dict[str, np.ndarray]:
        idx = np.flatnonzero(self.weights).astype(np.uint32)
        return {"bits": np.array([self.bits]), "idx": idx, "w": self.weights[idx].astype(np.float32),
                "intercept": np.array([self.intercept])}

    @classmethod
    def from_arrays(cls, meta: dict[str, Any], arrays: Mapping[str, np.ndarray]) -> StanceModel:
        try:
            bits = int(arrays["bits"][0])
            w = hashed_table(bits, arrays["idx"], arrays["w"])
            return cls(meta, w, float(arrays["intercept"][0]), bits)
        except (KeyError, ValueError, TypeError, IndexError) as exc:
            raise ConfigError(f"stance model {meta.get('name')!r}: malformed arrays: {exc}") from None

    @classmethod
    def load(cls, path: Path) -> StanceModel:
        """`<path>.npz` + `<path>.json`; ConfigError naming the file when either is missing or malformed."""
        return cls.from_arrays(*read_pair(path, "stance model"))

    def save(self, path: Path) -> None:
        write_pair(path, self.meta, self.arrays())


@cache
def shipped(name: str = "stance") -> StanceModel:
    """A stance model shipped in `qinglang/models/data/` (loaded once per process)."""
    return StanceModel.load(shipped_pair(name, "stance model"))


__all__ = ["MASK", "STRONG", "StanceModel", "frame_keys", "frame_text", "shipped", "signal_tokens", "token_keys"]
