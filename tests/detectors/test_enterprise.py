"""The enterprise detector (campaign 2): smear needs a target company; extortion patterns."""

from __future__ import annotations

from qinglang.detectors.enterprise import EnterpriseDetector
from tests.detectors.support import run_detector as _run


def test_enterprise_needs_a_target_for_smear(engine) -> None:
    det = EnterpriseDetector(["鸿星饮品"])
    assert _run(engine, det, {"text": "天气坑人"}) == []
    smear = _run(engine, det, {"text": "鸿星饮品有毒，黑心企业"})
    assert smear[0].label == "enterprise_smear" and smear[0].score >= 0.65
    ext = _run(engine, det, {"text": "删帖收费，价格私聊"})
    assert ext[0].label == "extortion" and ext[0].evidence[0].text == "删帖收费"
