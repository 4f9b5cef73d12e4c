"""The livestream detector (campaign 5): absolute terms, efficacy claims, late-night paid streams."""

from __future__ import annotations

from qinglang.detectors.livestream import LivestreamDetector
from tests.detectors.support import run_detector as _run


def test_livestream_context_exemptions_and_night(engine) -> None:
    det = LivestreamDetector()
    assert _run(engine, det, {"text": "这是我吃过最好的面"}) == []
    assert _run(engine, det, {"text": "下单后第一时间发货"}) == []
    ad = _run(engine, det, {"text": "全网第一，点链接下单"})
    assert ad[0].label == "false_ad" and ad[0].rule == "live.absolute_term"
    night = _run(engine, det, {"text": "hi", "live": {"room_id": "r", "paid": True},
                               "created_at": "2024-08-05T17:30:00Z"})  # 01:30 Beijing
    assert [s.rule for s in night] == ["live.paid.late_night"]
    day = _run(engine, det, {"text": "hi", "live": {"room_id": "r", "paid": True},
                             "created_at": "2024-08-05T07:30:00Z"})
    assert day == []


def test_denied_or_word_crossing_claims_are_no_false_ad(engine) -> None:
    """A seller who denies an absolute term or an efficacy claim does not make it; a term read across words is
    none (红包好不好 ↛ 包好); the plain claim still is one."""
    det = LivestreamDetector()
    assert _run(engine, det, {"text": "这款保温杯不是全网第一哈，就是我们自己店卖得多，链接在下面"}) == []
    assert _run(engine, det, {"text": "这个茶不能根治高血压，想下单的别指望它治病"}) == []
    assert _run(engine, det, {"text": "给你发个红包好不好，直播间下单"}) == []
    assert [s.rule for s in _run(engine, det, {"text": "喝一个月根治高血压，直播间下单"})] == ["live.efficacy"]
