"""The model detector's batch path (`ModelDetector.prepare`, used by `Engine.moderate_many`): fields featurized,
looked up and floor-tested together give, bit for bit, what each field gives alone (the shipped models were
trained on these features, and the batch and single-item paths must decide alike)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from qinglang.detectors import Views
from qinglang.eval.perturb import KINDS, perturb
from qinglang.model import Content
from qinglang.models.detector import Heads, ModelDetector
from qinglang.models.features import keys, keys_many, views_of
from qinglang.models.linear import LinearModel, logits
from qinglang.text.normalize import default_normalizer

# Our own sentences (not from the data sets), written for these tests, and cloaked copies of them.
BASE = [
    "河南人都是骗子，偷井盖的玩意儿", "女人就是头发长见识短，只配在家生孩子", "今天天气很好，我们去公园散步吧",
    "这家店的牛肉面味道不错，下次还来", "加微信领取内部消息，稳赚不赔，名额有限", "nmsl，hnr dou shi pianzi",
    "你是sb吗", "傻bi一个", "", "a", "，", "震惊！某地发生大地震，专家称还会再来", "Hello world 2024",
]


def _texts() -> list[str]:
    rng = random.Random(7)
    out = list(BASE)
    for text in BASE[:6]:
        out.extend(perturb(text, kind, rng) for kind in KINDS)
    return out


@pytest.fixture(scope="module")
def detector() -> ModelDetector:
    heads = [LinearModel.shipped(n) for n in ("campaign-rumor", "campaign-vulgar")]
    return ModelDetector.shipped(min_score=0.05, heads=Heads(tuple(heads), min_score=0.05))


def test_keys_of_a_batch_are_the_keys_of_each_text() -> None:
    norm = default_normalizer()
    views = [views_of(norm.normalize(t)) for t in _texts()]
    for chunk in (views, views[:1], views[5:9]):
        for v, g in zip(chunk, keys_many(chunk), strict=True):
            alone = keys(v)
            assert g.t.dtype == alone.t.dtype == np.uint32
            assert np.array_equal(g.t, alone.t) and np.array_equal(g.r, alone.r)
            assert (g.latin, g.cjk) == (alone.latin, alone.cjk)
    assert keys_many([]) == []


def test_floor_tests_of_a_batch_are_each_fields_own(detector: ModelDetector) -> None:
    norm = default_normalizer()
    gs = keys_many([views_of(norm.normalize(t)) for t in _texts()])
    fused = detector._fused
    reached = 0
    for floor in (0.05, 0.3, 0.5, 0.9):
        z = logits([floor] * len(detector.models))
        looked, hits = fused.reaching_many(gs, z)
        for g, lk, hit in zip(gs, looked, hits, strict=True):
            alone = fused.lookup(g)
            assert list(hit) == list(fused.reaching(alone, z))
            assert [s.p for s in fused.score(lk)] == [s.p for s in fused.score(alone)]
            reached += int(hit.sum())
    assert reached > 0  # the low floors make models reach, so every route's arithmetic is compared


def test_prepared_batch_detects_what_each_item_detects_alone(detector: ModelDetector) -> None:
    norm = default_normalizer()
    texts = _texts()
    items = [Content(id=str(k), text=t, title=texts[-1 - k] if k % 3 == 0 else "") for k, t in enumerate(texts)]
    batch = [Views.build(c, norm) for c in items]
    detector.prepare(batch)
    found = 0
    for c, views in zip(items, batch, strict=True):
        together = detector.detect(c, views)
        alone = detector.detect(c, Views.build(c, norm))
        assert together == alone, c.text
        found += len(together)
    assert found > 0


def test_single_field_paths_give_the_batch_paths_keys_buckets_and_rows(detector: ModelDetector) -> None:
    """`keys` and `Fused.lookup` of one text (the live socket's path) have code of their own: every key, bucket and
    row is the one the batch path gives that text, on our sentences and on random strings (Latin runs, CJK, pinyin
    initials, lengths 0-40: every order's slice empty or not)."""
    norm = default_normalizer()
    rng = random.Random(11)
    alphabet = "abcdefnmslzhi0123 ，。微信加我傻逼河南人都是骗子ＡＢｃ"
    texts = _texts() + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(41))) for _ in range(300)]
    views = [views_of(norm.normalize(t)) for t in texts]
    fused = detector._fused
    z = logits([0.05] * len(detector.models))
    batch_keys = keys_many(views)
    looked, hits = fused.reaching_many(batch_keys, z)
    for v, g, lk, hit in zip(views, batch_keys, looked, hits, strict=True):
        alone = keys(v)
        assert alone.t.dtype == alone.r.dtype == np.uint32
        assert np.array_equal(alone.t, g.t) and np.array_equal(alone.r, g.r)
        assert (alone.latin, alone.cjk) == (g.latin, g.cjk)
        one = fused.lookup(alone)
        for block in ("t", "r"):
            assert one.buckets[block].dtype == lk.buckets[block].dtype
            assert np.array_equal(one.buckets[block], lk.buckets[block])
            assert np.array_equal(one.rows[block], lk.rows[block])
        assert list(fused.reaching(one, z)) == list(hit)
