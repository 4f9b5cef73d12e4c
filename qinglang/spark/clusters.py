"""Near-duplicate clusters over a whole corpus in Spark: signatures per partition, LSH bands, components.

The signature itself is not computed here: a `Signer` turns a partition of (id, canonical text) pairs into
(id, MinHash signature) pairs, so the corpus job and the single-machine clustering share one definition of
"near duplicate" (the clusters package's MinHasher, wired in once it is merged; see docs/distributed.md).
This module does the distributed part:

1. signatures: `mapPartitions(signer)` (the signer builds its hash functions once per partition);
2. LSH: each signature is cut into `bands` bands of `rows` values; items that share a band land in one bucket
   (a ``groupByKey`` on (band, band values)); inside a bucket, candidate pairs are verified by estimated
   Jaccard similarity (share of equal minima) >= `threshold`. A bucket larger than `max_bucket` links its
   members to its first id only (a star), so one very common text cannot make the job quadratic;
3. connected components of the verified pairs by min-label propagation (rounds until no label changes,
   bounded by `max_rounds`), so A~B and B~C put A, B and C in one cluster.

The output has one row per clustered item: (id, cluster, size), the cluster named by its smallest id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

Signer = Callable[[Iterable[tuple[str, str]]], Iterable[tuple[str, Sequence[int]]]]


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two MinHash signatures: the share of equal minima."""
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / max(len(a), 1)


def band_keys(sig: Sequence[int], bands: int) -> list[tuple[int, tuple[int, ...]]]:
    if len(sig) % bands:
        raise ValueError(f"signature length {len(sig)} is not a multiple of {bands} bands")
    rows = len(sig) // bands
    return [(b, tuple(int(x) for x in sig[b * rows:(b + 1) * rows])) for b in range(bands)]


def bucket_pairs(members: Iterable[tuple[str, Sequence[int]]], threshold: float,
                 max_bucket: int) -> list[tuple[str, str]]:
    """Verified (smaller id, larger id) pairs inside one LSH bucket."""
    ms = sorted(members, key=lambda m: m[0])
    if len(ms) < 2:
        return []
    if len(ms) > max_bucket:  # a star from the first id: linear, and still one component
        head = ms[0]
        return [(head[0], m[0]) for m in ms[1:] if similarity(head[1], m[1]) >= threshold]
    return [(a[0], b[0]) for i, a in enumerate(ms) for b in ms[i + 1:]
            if a[0] != b[0] and similarity(a[1], b[1]) >= threshold]


def connected_components(edges: Any, max_rounds: int = 50) -> Any:
    """RDD of (id, component = smallest id) for an RDD of undirected (a, b) edges (min-label propagation)."""
    adj = edges.flatMap(lambda e: [(e[0], e[1]), (e[1], e[0])]).distinct().cache()
    labels = adj.keys().distinct().map(lambda v: (v, v)).cache()
    for _ in range(max_rounds):
        proposed = adj.join(labels).map(lambda kv: (kv[1][0], kv[1][1]))  # neighbour's label to each node
        new = proposed.union(labels).reduceByKey(min).cache()
        changed = new.join(labels).filter(lambda kv: kv[1][0] != kv[1][1]).count()
        labels.unpersist()
        labels = new
        if not changed:
            break
    adj.unpersist()
    return labels


def cluster_pairs(texts: Any, signer: Signer, *, bands: int, threshold: float, max_bucket: int = 1000) -> Any:
    """RDD of verified near-duplicate (id, id) pairs for an RDD of (id, canonical text)."""
    sigs = texts.mapPartitions(signer)
    buckets = sigs.flatMap(lambda s: [(k, (s[0], tuple(s[1]))) for k in band_keys(s[1], bands)]).groupByKey()
    return buckets.flatMap(lambda kv: bucket_pairs(kv[1], threshold, max_bucket)).distinct()


def cluster_frame(spark: Any, texts: Any, signer: Signer, *, bands: int, threshold: float,
                  max_bucket: int = 1000, min_size: int = 2) -> Any:
    """DataFrame (id, cluster, size) of every item in a cluster of at least `min_size` items.

    `texts` is a DataFrame with columns (id, text) or an RDD of (id, text) pairs; text is the canonical text."""
    rdd = texts.rdd.map(lambda r: (str(r[0]), r[1] or "")) if hasattr(texts, "rdd") else texts
    labels = connected_components(cluster_pairs(rdd, signer, bands=bands, threshold=threshold,
                                                max_bucket=max_bucket))
    sizes = labels.map(lambda kv: (kv[1], 1)).reduceByKey(lambda a, b: a + b)
    rows = (labels.map(lambda kv: (kv[1], kv[0])).join(sizes)
            .map(lambda kv: (kv[1][0], kv[0], kv[1][1])).filter(lambda r: r[2] >= min_size))
    return spark.createDataFrame(rows, schema="id STRING, cluster STRING, size BIGINT")
