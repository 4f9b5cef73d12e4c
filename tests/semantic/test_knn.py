"""The writer bank's exact nearest-neighbour search (session 18, speed18): the same indices and float32 cosines as
the full scan, bit for bit, on the shipped bank, on ties and on queries it cannot code."""

from __future__ import annotations

import numpy as np
import pytest

from qinglang.semantic import knn
from qinglang.semantic.writers import load_writer_bank


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    return load_writer_bank().vectors


def _queries(vectors: np.ndarray, n: int, seed: int) -> list[np.ndarray]:
    """Bank rows, rows pushed off by noise of several sizes, random directions, a scaled row and the zero vector."""
    rng = np.random.default_rng(seed)
    # bank rows with a direction: an exemplar the static table embeds as zero (a pinyin-only text, 18 in session 20's
    # bank) is the zero-vector case, kept last below
    out = [vectors[i].copy() for i in rng.integers(0, len(vectors), n) if np.any(vectors[i])]
    for noise in (0.05, 0.3, 1.0):
        for i in rng.integers(0, len(vectors), n):
            q = vectors[i] + noise * rng.standard_normal(vectors.shape[1]).astype(np.float32)
            out.append((q / np.linalg.norm(q)).astype(np.float32))
    out += [rng.standard_normal(vectors.shape[1]).astype(np.float32) for _ in range(n)]
    out += [3.0 * vectors[0], np.zeros(vectors.shape[1], dtype=np.float32)]
    return out


def _same(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> bool:
    return (np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1]) and a[0].dtype == b[0].dtype
            and a[1].dtype == b[1].dtype)


def test_nearest_is_the_full_scan_bit_for_bit_on_the_shipped_bank(vectors: np.ndarray) -> None:
    assert len(vectors) >= knn.SMALL  # the index, not the small-bank shortcut, answers
    for k in (1, 5, 20):
        for q in _queries(vectors, 60, seed=k):
            assert _same(knn.nearest(vectors, q, k), knn.full_scan(vectors, q, k))


def test_every_cheap_score_is_within_its_bound_of_the_full_scans_cosine(vectors: np.ndarray) -> None:
    index = knn.index_for(vectors)
    assert knn.index_for(vectors) is index  # built once per matrix
    for q in _queries(vectors, 30, seed=7)[:-1]:
        found = index.cheap(q)
        assert found is not None
        scores, eps = found
        full = np.einsum("ij,j->i", vectors, q.astype(np.float32))
        assert float(np.abs(scores - full).max()) <= eps and eps < 0.1 * max(1.0, float(np.linalg.norm(q)))
    assert index.cheap(np.zeros(vectors.shape[1], dtype=np.float32)) is None


def test_the_int16_pass_is_exact_integer_arithmetic(vectors: np.ndarray) -> None:
    """The cheap pass sums int16 products in int16: the bound on its codes keeps every partial sum in range."""
    index = knn.index_for(vectors)
    rng = np.random.default_rng(3)
    t = knn._LIMIT / index.max_codes - 0.5 * np.sqrt(index.dim)
    for _ in range(50):
        q = rng.standard_normal(index.dim)
        qi = np.rint(q * (t / np.linalg.norm(q)))
        wide = qi.astype(np.int64) @ index.codes_t.astype(np.int64)
        assert np.abs(wide).max() <= 32767
        assert np.array_equal(index.dots(qi.astype(np.int16)), wide)


def test_ties_are_broken_as_the_full_scan_breaks_them(vectors: np.ndarray) -> None:
    """Duplicate rows give equal cosines: which of them is kept, and in what order, is the full scan's choice."""
    rng = np.random.default_rng(5)
    dup = np.ascontiguousarray(np.concatenate([vectors[:3000], vectors[:40], vectors[100:140]]))
    for q in [dup[i] for i in range(0, 140, 7)] + [dup[i] + 0.01 * rng.standard_normal(dup.shape[1]).astype(
            np.float32) for i in range(10, 60)]:
        q = q.astype(np.float32)
        assert _same(knn.nearest(dup, q, 20), knn.full_scan(dup, q, 20))


def test_small_or_unusual_banks_use_the_full_scan() -> None:
    rng = np.random.default_rng(9)
    small = rng.standard_normal((50, 8)).astype(np.float32)
    q = rng.standard_normal(8).astype(np.float32)
    assert _same(knn.nearest(small, q, 5), knn.full_scan(small, q, 5))
    wide = rng.standard_normal((3000, 16))  # float64: not the index's input
    assert _same(knn.nearest(wide, q.repeat(2), 5), knn.full_scan(wide, q.repeat(2), 5))
    assert len(knn.nearest(small, q, 0)[0]) == 0 and len(knn.nearest(small, q, 80)[0]) == 50


def test_nearest_many_answers_each_query_as_nearest_does(vectors: np.ndarray) -> None:
    """The bulk path's search (session 20): one cheap pass for up to MANY queries, each answer `nearest`'s bit for
    bit — across chunk boundaries, on queries the index cannot code (zero) and on scaled ones."""
    for k in (1, 20):
        qs = _queries(vectors, 30, seed=20 + k)
        assert len(qs) > knn.MANY
        many = knn.nearest_many(vectors, np.stack(qs), k)
        assert len(many) == len(qs)
        for q, got in zip(qs, many, strict=True):
            assert _same(got, knn.nearest(vectors, q, k))
    assert knn.nearest_many(vectors, np.zeros((0, vectors.shape[1]), dtype=np.float32), 5) == []


def test_dots_of_many_queries_are_each_querys_dots(vectors: np.ndarray) -> None:
    index = knn.index_for(vectors)
    coded = [index._code(q) for q in _queries(vectors, 10, seed=4)[:-1]]
    qis = np.stack([c[0] for c in coded if c is not None])
    together = index.dots_many(qis)
    assert together.shape == (len(qis), index.n) and together.dtype == np.int16
    for qi, row in zip(qis, together, strict=True):
        assert np.array_equal(row, index.dots(qi))


def test_nearest_many_breaks_ties_and_reads_small_banks_as_the_full_scan() -> None:
    bank = load_writer_bank().vectors
    dup = np.ascontiguousarray(np.concatenate([bank[:3000], bank[:40], bank[100:140]]))
    qs = np.stack([dup[i] for i in range(0, 140, 7)])
    for q, got in zip(qs, knn.nearest_many(dup, qs, 20), strict=True):
        assert _same(got, knn.full_scan(dup, q, 20))
    rng = np.random.default_rng(9)
    small = rng.standard_normal((50, 8)).astype(np.float32)
    qs = rng.standard_normal((3, 8)).astype(np.float32)
    for q, got in zip(qs, knn.nearest_many(small, qs, 5), strict=True):
        assert _same(got, knn.full_scan(small, q, 5))
