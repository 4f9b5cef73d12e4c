"""Frame cues corrected in session 14 (prec14). Our own sentences, written for these tests."""

from __future__ import annotations

from qinglang.engine import Engine
from tests.decide import acted_labels

HOME = {"surface": "home_first_screen", "audience": {"minor_mode": True}}  # a child's first screen


def test_more_than_anyone_is_no_dare(engine: Engine) -> None:
    # 比谁都 is a comparison ("more than anyone"), not a contest
    assert "minors_harm" not in acted_labels(engine, "第一次坐高铁，弟弟出发时紧张得不敢动，到站后比谁都开心", **HOME)


def test_a_dare_still_is(engine: Engine) -> None:
    assert "minors_harm" in acted_labels(engine, "小朋友们来比谁憋气时间长，憋到脸红才算赢！", **HOME)


def test_northern_shivering_is_no_sexual_pun(engine: Engine) -> None:
    # 嘚嘚瑟瑟 / 得瑟: shivering or showing off in northern speech, not 瑟瑟 (色色)
    assert "language_misuse" not in acted_labels(engine, "今儿个贼拉冷，俺们在外头冻得嘚嘚瑟瑟的", **HOME)
    assert "language_misuse" in acted_labels(engine, "晚上发点瑟瑟的给大家看", **HOME)
