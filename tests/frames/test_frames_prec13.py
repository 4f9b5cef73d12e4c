"""Session 13 (prec13): frame cues that over-matched another family's words. Our own sentences, written for these
tests (not from the blind sets nor the twin-pair sets); `engine` is the session's shared default engine."""

from __future__ import annotations

from frame_classes import decide

from qinglang.engine import Engine


def test_a_wrinkle_that_disappears_is_no_deletion_service(engine: Engine) -> None:
    # a beauty ad: 全网 (a "service" and "publicity" cue) + 皱纹…消失 read as deletion before session 13
    _, labels, rules = decide(engine, {"text": "全网都在抢的修护面霜，坚持用两周眼角细纹全部消失，团队研发三年"})
    assert "extortion" not in labels, rules
    assert not [r for r in rules if r.startswith("frame.extortion")], rules


def test_content_made_to_disappear_for_money_is_still_a_deletion_service(engine: Engine) -> None:
    _, labels, rules = decide(engine, {"text": "专业团队处理企业负面，帖子三天内全部消失，不成功不收费，详询微信"})
    assert "extortion" in labels, rules
