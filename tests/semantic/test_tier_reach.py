"""The merge of session 19: the writer tier's grooming vote, by whom the words can reach and how far the vote alone
may act (a COLD comment praising the 小姐姐 who liked it was blocked as grooming by the wider gate's vote)."""

from __future__ import annotations

from qinglang.detectors.base import Views
from qinglang.detectors.semantic import LABEL_MAX
from qinglang.engine import Engine
from qinglang.model import Content

PRAISE = "嘻嘻嘻吃可爱长大的戏精女孩 点赞的小姐姐你也可爱"


def _tier(eng: Engine) -> object:
    return next(d for d in eng.detectors if getattr(d, "writers", None) is not None)


def test_a_public_comment_with_no_child_in_its_audience_gets_no_grooming_from_the_tier() -> None:
    eng = Engine()
    det = _tier(eng)
    public = Content.from_json({"id": "c", "kind": "comment", "text": PRAISE})
    private = Content.from_json({"id": "m", "kind": "message", "surface": "private_chat", "text": PRAISE})
    child = Content.from_json({"id": "k", "kind": "comment", "text": PRAISE, "audience": {"minor_mode": True}})
    assert "grooming" in det.leaves_alone(Views.build(public, eng.normalizer), [])
    assert "grooming" not in det.leaves_alone(Views.build(private, eng.normalizer), [])
    assert "grooming" not in det.leaves_alone(Views.build(child, eng.normalizer), [])
    decision = eng.moderate(public)
    assert "grooming" not in {lr.label for lr in decision.labels} and decision.action != "block"


def test_the_tier_alone_holds_grooming_below_the_summer_policys_block_threshold() -> None:
    """07-summer-minors blocks grooming from 0.5; the tier's grooming vote is capped at 0.45 (review from 0.35)."""
    eng = Engine()
    assert LABEL_MAX["grooming"] < 0.5
    private = {"id": "m", "kind": "message", "surface": "private_chat", "text": PRAISE, "audience": {"age": 12}}
    decision = eng.moderate(private)
    tier = [lr for lr in decision.labels if lr.label == "grooming" and lr.rule.startswith("semantic.")]
    assert tier and all(lr.score <= LABEL_MAX["grooming"] for lr in tier)
    assert decision.action == "review"  # the vote (and a weak lexicon word) alone: review, never block
