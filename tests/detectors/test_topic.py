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


def test_topic_marks_a_calm_report_read_as_a_rumour_as_the_claims_detector_does(engine) -> None:
    det = TopicDetector()
    calm = "教育部明年起将在全国推行中考取消英语科目，改为选修，各地将陆续出台细则。"
    assert [s.label for s in _run(engine, det, {"text": calm})] == ["source_missing"]
    alarm = "紧急扩散！内部消息，国务院明天宣布取消公积金，赶紧取出来，转给家人"
    assert _run(engine, det, {"text": alarm}) == []
