"""The topic detector (campaign 4): 时事/公共政策 posts without a declared source → source_missing."""

from __future__ import annotations

from qinglang.detectors.topic import TopicDetector
from tests.detectors.support import run_detector as _run


def test_topic_source_missing_and_declared_source(engine) -> None:
    det = TopicDetector()
    sig = _run(engine, det, {"text": "醫保新規下月起實施，退休人員養老金調整"})  # traditional script folds
    assert [s.label for s in sig] == ["source_missing"]
    assert sig[0].rule == "topic.public_policy.source_missing"
    assert {e.text for e in sig[0].evidence} >= {"醫保", "養老金"}
    assert _run(engine, det, {"text": "醫保新規下月起實施，退休人員養老金調整", "declared": {"source": "新华社"}}) == []
    assert _run(engine, det, {"text": "今天做了红烧肉"}) == []
