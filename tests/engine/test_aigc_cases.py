"""AI content, three cases: labelled (a mark, action `label`, no label), unlabelled (`aigc_unlabeled`), presented
as real with rumour or impersonation cues (`aigc_deceptive`, review or block); a decision with marks never passes."""

from __future__ import annotations

import pytest

from qinglang.engine import Engine


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def test_labelled_ai_content_is_a_mark_not_a_label(engine: Engine) -> None:
    for item in ({"id": "1", "text": "一只穿宇航服的猫", "declared": {"ai_generated": True}},
                 {"id": "2", "text": "本图由AI生成：未来城市"}):
        d = engine.moderate(item)
        assert d.action == "label"
        assert "aigc_explicit" in d.marks
        assert not d.labels


def test_ai_presented_as_real_disaster_is_deceptive_and_held(engine: Engine) -> None:
    d = engine.moderate({"id": "3", "text": "现场实拍！某地大坝决堤，村庄被淹", "declared": {"ai_generated": True}})
    assert "aigc_deceptive" in {lr.label for lr in d.labels}
    assert d.action in ("review", "block") and "aigc_explicit" in d.marks


def test_ai_voice_of_a_celebrity_selling_is_deceptive(engine: Engine) -> None:
    d = engine.moderate({"id": "4", "text": "用AI做的雷军声音推荐这款理财，下单链接在评论区"})
    lr = next(lr for lr in d.labels if lr.label == "aigc_deceptive")
    assert {ev.rule.rsplit(".", 1)[1] for ev in lr.evidence} >= {"ai_made", "impersonation"}
    assert d.action in ("review", "block")


def test_marks_never_leave_a_decision_at_pass(engine: Engine) -> None:
    for item in ({"id": "5", "text": "周末的风景", "declared": {"ai_generated": True}},
                 {"id": "6", "text": "AI生成：一只猫在弹钢琴"}):
        d = engine.moderate(item)
        assert d.marks and d.action != "pass"
