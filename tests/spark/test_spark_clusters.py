"""Corpus-scale near-duplicate clusters in Spark (local[2]) equal the all-pairs clusters of the same signatures."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable

import pytest

pytest.importorskip("pyspark", reason="PySpark not installed (pip install 'qinglang[spark]')")
pytest.importorskip("pyarrow", reason="pyarrow not installed (pip install 'qinglang[spark]')")
pytest.importorskip("pandas", reason="pandas not installed (pip install 'qinglang[spark]')")
if shutil.which("java") is None:
    pytest.skip("Java 17 not installed (tools/setup_system.sh)", allow_module_level=True)

from qinglang.spark.clusters import bucket_pairs, cluster_frame, similarity

pytestmark = pytest.mark.xdist_group("spark")  # one JVM (the session fixture) for every Spark test

NUM_PERM, BANDS, THRESHOLD = 32, 16, 0.5


def signer(part: Iterable[tuple[str, str]]) -> Iterable[tuple[str, list[int]]]:
    """A MinHash of character 3-grams (stand-in for the clusters package's MinHasher in this test)."""
    for cid, text in part:
        grams = {text[i:i + 3] for i in range(max(len(text) - 2, 1))}
        yield cid, [min(int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4, salt=bytes([k]) * 8).digest(),
                                        "big") for g in grams) for k in range(NUM_PERM)]


def reference(texts: dict[str, str]) -> dict[str, str]:
    """All pairs compared, union-find: id -> smallest id of its component (items in clusters only)."""
    sigs = dict(signer(texts.items()))
    parent = {k: k for k in texts}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    ids = sorted(texts)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            if similarity(sigs[a], sigs[b]) >= THRESHOLD:
                ra, rb = root(a), root(b)
                parent[max(ra, rb)] = min(ra, rb)
    out = {k: root(k) for k in ids}
    sizes: dict[str, int] = {}
    for r in out.values():
        sizes[r] = sizes.get(r, 0) + 1
    return {k: r for k, r in out.items() if sizes[r] >= 2}


def corpus() -> dict[str, str]:
    a = "兼职刷单日结三百加微信领取任务先到先得名额有限"
    b = "今天的直播间福利超多进群领红包每天晚上八点准时开抢"
    texts = {f"a{i}": a[:20] + str(i) + a[20:] for i in range(6)}  # one campaign, numbered copies
    texts |= {f"b{i}": b.replace("福利", "福利" * (i + 1)) for i in range(3)}
    # a chain: c0 ~ c1 ~ c2 while c0 and c2 are less alike: one cluster through c1
    base = "周末一起去爬山看日出记得带上外套和热水早上五点集合"
    texts |= {"c0": base, "c1": base[:14] + "晚上看星星" + base[19:], "c2": base[:14] + "晚上看星星" + "记得带吃的"}
    texts |= {f"s{i}": t for i, t in enumerate(["这家店的面条很好吃", "下雨了记得带伞", "明天考试加油"])}
    return texts


def test_spark_clusters_equal_all_pairs(spark) -> None:
    texts = corpus()
    want = reference(texts)
    assert {want[k] for k in ("a0", "a5")} == {"a0"} and "s0" not in want  # the data holds what it should
    import sys

    from pyspark import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the test's signer travels by value
    df = spark.createDataFrame(sorted(texts.items()), schema="id STRING, text STRING").repartition(3)
    rows = cluster_frame(spark, df, signer, bands=BANDS, threshold=THRESHOLD).collect()
    got = {r["id"]: r["cluster"] for r in rows}
    assert got == want
    sizes = {r["cluster"]: r["size"] for r in rows}
    assert all(sizes[c] == sum(1 for v in want.values() if v == c) for c in sizes)


def test_oversized_bucket_links_a_star() -> None:
    members = [(f"x{i}", [1, 2, 3, 4]) for i in range(5)]
    assert bucket_pairs(members, 0.5, max_bucket=3) == [("x0", f"x{i}") for i in range(1, 5)]
    assert len(bucket_pairs(members, 0.5, max_bucket=10)) == 10
