"""The k nearest rows of a bank by dot product, exactly as the full scan finds them, at a fraction of its cost.

The full scan (`full_scan`) computes every row's cosine with one float32 `einsum`, then picks the k largest: for the
writer bank (17,842 × 128) that reads 9 MB per query, ~0.3 ms, and on the live path every message pays it (every
live message is gated). `Index.nearest` returns the same indices and the same float32 cosines, bit for bit:

1. a cheap pass scores every row with int16 codes (the row scaled to norm 127, the query to norm ≤ `t`, products
   summed in int16 with no overflow possible: |c·q| ≤ ‖c‖‖q‖ < 2¹⁵ for every partial sum) — half the memory read,
   vectorized along the rows in blocks of `BLOCK` rows (one `einsum` over the block array);
2. a rigorous bound `eps` on how far each cheap score can be from the full scan's float32 cosine (the rows' and the
   query's rounding errors, by Cauchy–Schwarz on their actual norms, plus the float32 summation error γ_d of the
   full scan itself): every row among the k nearest has a cheap score ≥ (k-th largest cheap score) − 2·eps, so
   those rows are the only candidates (20–30 of 17,842 on writer-bank queries: the k-th cosine sits far above
   the bulk);
3. the candidates' cosines by the full scan's own `einsum` on their rows (the same per-row kernel: equal floats,
   `tests/semantic/test_knn.py`), and the k largest among them.

Where the answer depends on how the full scan breaks a tie (two equal cosines among the k + 1 nearest, e.g.
duplicate exemplars or an empty query), or where the query's codes could overflow, it runs the full scan itself:
the result is the full scan's in every case.

`Index.nearest_many` (session 20, the bulk path's batch of gated posts) answers several queries with one cheap pass:
each block of codes is read once for up to `MANY` queries while it sits in the cache (one int16 `einsum` per block),
instead of once per query after the engine's other work has pushed it out. The int16 sums are exact integers (the
same bound), so each query's dots, candidates and answer are those of `nearest`, bit for bit.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

import numpy as np

SMALL = 2048  # banks with fewer rows: the full scan is already cheap
BLOCK = 1024  # rows per block of the int16 pass: its running sums (2 KB) stay in the first-level cache
MANY = 64  # queries per cheap pass in `nearest_many`: it holds their dots only (MANY × n int16: 2.8 MB on 22,272 rows)
_LIMIT = 32000  # |c·q| bound kept under int16's 32,767
_U32 = 2.0 ** -24  # float32 unit roundoff


def full_scan(vectors: np.ndarray, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(indices, cosines) of the k rows of `vectors` with the largest dot product with `q`, largest first."""
    # einsum, not `@`: OpenBLAS threads a product this size, and under load the threads' spinning costs ten
    # times the single-threaded loop in CPU (docs/performance.md, session 17)
    sims = np.einsum("ij,j->i", vectors, q.astype(np.float32, copy=False))
    k = min(k, len(sims))
    if k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    idx = np.argpartition(-sims, k - 1)[:k] if k < len(sims) else np.arange(len(sims))
    order = np.argsort(-sims[idx], kind="stable")
    idx = idx[order]
    return idx, sims[idx]


class Index:
    """The cheap pass's codes and error bounds for one float32 matrix (see the module docstring)."""

    def __init__(self, vectors: np.ndarray) -> None:
        self.n, self.dim = vectors.shape
        nb = -(-self.n // BLOCK)
        # (blocks, dim, BLOCK): the pass runs along the rows, a block of them at a time (one einsum for all blocks);
        # rows past n are zero and cut off
        self.blocks = np.zeros((nb, self.dim, BLOCK), dtype=np.int16)
        row_err = code_norm = max_codes = max_norm = 0.0
        unit, low = 0.0, np.inf
        for b in range(nb):  # a block at a time: the float64 work stays small (no peak of several bank copies)
            v = np.asarray(vectors[b * BLOCK:(b + 1) * BLOCK], dtype=np.float64)
            norms = np.linalg.norm(v, axis=1)
            scale = np.divide(127.0, norms, out=np.zeros_like(norms), where=norms > 0)
            codes = np.rint(v * scale[:, None])  # |entries| ≤ 127: |v_ij| ≤ ‖v_i‖
            inv = np.divide(1.0, scale, out=np.zeros_like(scale), where=scale > 0)
            approx = codes * inv[:, None]  # the row the codes stand for
            self.blocks[b, :, :len(v)] = codes.T
            # |v_i·q − (c_i/s_i)·q| ≤ ‖v_i − c_i/s_i‖·‖q‖; |(c_i/s_i)·r| ≤ ‖c_i/s_i‖·‖r‖ (r: the query's rounding)
            row_err = max(row_err, float(np.linalg.norm(v - approx, axis=1).max()))
            code_norm = max(code_norm, float(np.linalg.norm(approx, axis=1).max()))
            max_codes = max(max_codes, float(np.linalg.norm(codes, axis=1).max()))
            max_norm = max(max_norm, float(norms.max()))
            if (inv > 0).any():
                unit, low = max(unit, float(inv.max())), min(low, float(inv[inv > 0].min()))
        self.row_err = row_err * (1 + 1e-9) + 1e-12
        self.code_norm = code_norm * (1 + 1e-9)
        self.max_codes, self.max_norm = max_codes, max_norm
        # code units → cosine units: `unit` for every row (÷ the query's scale later), and the most any row's own
        # factor (‖v_i‖/127; 0 for a zero row, whose codes are all 0) differs from it, as a bound in `_code`
        self.unit = unit
        self.spread = unit - low if unit > 0 else 0.0
        # the full scan's float32 sum of `dim` products is within γ_dim·Σ|v_ij q_j| ≤ γ_dim·‖v_i‖‖q‖ of the real sum
        # (any summation order, with or without FMA); doubled as a margin
        self.gamma = 2.0 * self.dim * _U32 / (1.0 - self.dim * _U32)

    @property
    def codes_t(self) -> np.ndarray:
        """The codes as one (dim, n) matrix (a copy; the index keeps them in blocks)."""
        return self.blocks.transpose(1, 0, 2).reshape(self.dim, -1)[:, :self.n]

    def dots(self, qi: np.ndarray) -> np.ndarray:
        """int16 code of every row · the int16 query `qi` (exact when ‖qi‖·max‖c‖ < 2¹⁵)."""
        return np.einsum("j,kji->ki", qi, self.blocks).reshape(-1)[:self.n]

    def dots_many(self, qis: np.ndarray) -> np.ndarray:
        """(m, n) int16: `dots` of each row of the (m, dim) int16 queries `qis`, each block read once for all of them
        (the same exact integers: no partial sum can overflow, in any order)."""
        m = len(qis)
        out = np.empty((m, len(self.blocks) * BLOCK), dtype=np.int16)
        for b, block in enumerate(self.blocks):
            np.einsum("qj,ji->qi", qis, block, out=out[:, b * BLOCK:(b + 1) * BLOCK])
        return out[:, :self.n]

    def _code(self, q: np.ndarray) -> tuple[np.ndarray, float, float] | None:
        """(the query's int16 codes, the factor that makes code dots cosines, eps) with |dot_i·factor − full scan's
        cosine_i| ≤ eps for every row; None where the query cannot be coded (zero or not finite, or codes that
        could overflow int16)."""
        q64 = np.asarray(q, dtype=np.float32).astype(np.float64)
        qn = float(np.linalg.norm(q64))
        if not qn > 0 or not np.isfinite(qn) or self.max_codes == 0:
            return None
        t = _LIMIT / self.max_codes - 0.5 * np.sqrt(self.dim)  # ‖rint(q·t/‖q‖)‖ ≤ t + ½√dim
        if t < 16:
            return None
        scaled = q64 * (t / qn)
        qi = np.rint(scaled)
        if float(np.linalg.norm(qi)) * self.max_codes > _LIMIT:  # every partial sum stays under 2¹⁵ (Cauchy–Schwarz)
            return None
        r = float(np.linalg.norm(scaled - qi)) * qn / t  # the query's rounding, in cosine units
        factor = self.unit * qn / t
        # rows' rounding, the query's, the full scan's float32 sum, and one factor for every row: |dot_i| < 2¹⁵ and
        # each row's own factor is within `spread` of `unit` (1e-6·‖v‖‖q‖ more: the float64 products, a margin)
        eps = (self.row_err * qn + self.code_norm * r + (self.gamma + 1e-6) * max(1.0, self.max_norm) * qn
               + 32768.0 * self.spread * qn / t)
        return qi.astype(np.int16), factor, eps

    def cheap(self, q: np.ndarray) -> tuple[np.ndarray, float] | None:
        """(every row's cheap score, eps): |cheap_i − full scan's cosine_i| ≤ eps for every row; None where the query
        cannot be coded."""
        found = self._code(q)
        if found is None:
            return None
        qi, factor, eps = found
        return self.dots(qi).astype(np.float64) * factor, eps

    def nearest(self, vectors: np.ndarray, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """`full_scan(vectors, q, k)`, by the cheap pass and the candidates' full scan."""
        q32 = q.astype(np.float32, copy=False)
        found = self._coded(q32, k)
        if found is None:
            return full_scan(vectors, q32, k)
        return self._finish(vectors, q32, k, found[1], found[2], self.dots(found[0]))

    def nearest_many(self, vectors: np.ndarray, queries: np.ndarray, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """`[nearest(vectors, q, k) for q in queries]`, the cheap pass run for up to `MANY` queries at a time."""
        out: list[tuple[np.ndarray, np.ndarray]] = []
        for start in range(0, len(queries), MANY):
            q32s = [np.asarray(q).astype(np.float32, copy=False) for q in queries[start:start + MANY]]
            coded = [self._coded(q, k) for q in q32s]
            qis = [c[0] for c in coded if c is not None]
            dots = iter(self.dots_many(np.stack(qis)) if qis else ())  # one row per coded query, in order
            out.extend(full_scan(vectors, q32, k) if c is None
                       else self._finish(vectors, q32, k, c[1], c[2], next(dots))
                       for q32, c in zip(q32s, coded, strict=True))
        return out

    def _coded(self, q32: np.ndarray, k: int) -> tuple[np.ndarray, float, float] | None:
        """`_code(q32)` where the cheap pass can answer for k neighbours; None where the full scan must."""
        found = self._code(q32) if 0 < k < self.n else None
        return None if found is None or found[1] <= 0 else found

    def _finish(self, vectors: np.ndarray, q32: np.ndarray, k: int, factor: float, eps: float,
                dots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The k nearest from the query's cheap dots: the candidates the bound keeps, scored by the full scan's own
        `einsum`; the full scan itself on a tie."""
        n = self.n
        kth = int(np.partition(dots, n - k)[n - k])
        # every row among the k nearest: cheap ≥ cosine − eps ≥ (k-th cosine) − eps ≥ (k-th cheap score) − 2·eps,
        # in code units (the cheap score is dot·factor, factor > 0); rounded down, so never narrower
        floor = max(-32768, int(np.floor(kth - 2.0 * eps / factor)) - 1)
        cand = np.flatnonzero(dots >= floor)
        sims = np.einsum("ij,j->i", vectors[cand], q32)
        order = np.argsort(-sims, kind="stable")
        top = sims[order[:k + 1]]
        if len(cand) < k or bool((top[1:] == top[:-1]).any()):
            return full_scan(vectors, q32, k)  # a tie: the full scan's own choice among equal cosines
        return cand[order[:k]], sims[order[:k]]


_LOCK = threading.Lock()
_INDEXES: dict[int, tuple[Any, Index]] = {}


def index_for(vectors: np.ndarray) -> Index:
    """The index of this matrix (built once per array object, dropped with it)."""
    key = id(vectors)
    hit = _INDEXES.get(key)
    if hit is not None and hit[0]() is vectors:
        return hit[1]
    index = Index(vectors)
    with _LOCK:
        _INDEXES[key] = (weakref.ref(vectors, _forget(key)), index)
    return index


def _forget(key: int) -> Any:
    def drop(ref: Any) -> None:  # only this array's entry: a later array may have the same id
        with _LOCK:
            if _INDEXES.get(key, (None,))[0] is ref:
                del _INDEXES[key]
    return drop


def _indexed(vectors: np.ndarray) -> bool:
    return len(vectors) >= SMALL and vectors.dtype == np.float32 and bool(vectors.flags.c_contiguous)


def nearest(vectors: np.ndarray, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(indices, cosines) of the k rows nearest to `q`, nearest first: the full scan's answer, bit for bit."""
    if not _indexed(vectors):
        return full_scan(vectors, q, k)
    return index_for(vectors).nearest(vectors, q, k)


def nearest_many(vectors: np.ndarray, queries: np.ndarray, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """`[nearest(vectors, q, k) for q in queries]` (each answer bit for bit), one cheap pass per `MANY` queries."""
    if not _indexed(vectors):
        return [full_scan(vectors, q, k) for q in queries]
    return index_for(vectors).nearest_many(vectors, queries, k)


__all__ = ["MANY", "Index", "full_scan", "index_for", "nearest", "nearest_many"]
