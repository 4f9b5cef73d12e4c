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
