"""Co-labels a post's own stronger label contains (qinglang.scoping, session 14): a disguise that only carries the
post's own porn / 引流 / gambling is that label's cloak, not a campaign-8 finding of its own (`strike_cloaks`); a bait
title leading to a contact is the 引流, an insult inside a company smear is the smear (`strike_subsumed`). Our own
sentences and signals, written for these tests."""

from __future__ import annotations

import pytest

from qinglang.engine import Engine
from qinglang.model import Evidence, Signal
from qinglang.scoping import CLOAK_FACTOR, SUBSUMED_FACTOR, strike_cloaks, strike_subsumed


def _sig(label: str, score: float, *rules: str) -> Signal:
    evs = tuple(Evidence(field="text", start=0, end=2, text="xx", normalized="xx", rule=r, detector="t@1")
                for r in rules or (f"test.{label}",))
    return Signal(label=label, score=score, rule=evs[0].rule, detector="t@1", evidence=evs)


def test_a_disguised_contact_in_a_drainage_post_is_the_drainage_cloak() -> None:
    lm = _sig("language_misuse", 0.78, "language.disguised.drainage")
    out = {s.label: s for s in strike_cloaks([_sig("drainage", 0.9), lm])}
    assert out["language_misuse"].score == pytest.approx(0.78 * CLOAK_FACTOR, abs=1e-4)
    assert all(e.scope == "cloak:drainage" for e in out["language_misuse"].evidence)
    assert out["drainage"].score == 0.9


def test_a_sexual_pun_is_cloaked_only_in_an_ad_with_a_contact() -> None:
    pun = _sig("language_misuse", 0.7, "frame.language_misuse.sexual_pun.pun_strong")
    ad = {s.label: s.score for s in strike_cloaks([_sig("porn", 0.9), _sig("drainage", 0.8), pun])}
    assert ad["language_misuse"] < 0.3
    alone = {s.label: s.score for s in strike_cloaks([_sig("porn", 0.9), pun])}  # 开车 in a comment: 黑话 stands
    assert alone["language_misuse"] == 0.7


@pytest.mark.parametrize("others", [
    ("language.disguised.drainage", "language.substitution.pinyin"),  # a way of writing as well: stands
    ("language.disguised.porn",),                                      # 衤果聊: the disguise of a porn word stands
])
def test_other_evidence_keeps_the_label(others: tuple[str, ...]) -> None:
    lm = _sig("language_misuse", 0.7, *others)
    out = {s.label: s.score for s in strike_cloaks([_sig("drainage", 0.9), _sig("porn", 0.9), lm])}
    assert out["language_misuse"] == 0.7


def test_a_weak_carrier_cloaks_nothing() -> None:
    lm = _sig("language_misuse", 0.78, "language.disguised.drainage")
    assert strike_cloaks([_sig("drainage", 0.4), lm])[1].score == 0.78


def test_engine_strikes_the_cloak_and_keeps_the_ad(engine: Engine) -> None:
    d = engine.moderate({"id": "c1", "text": "同城上门，全套服务，价格私聊，加v：ab12345"})
    got = {lr.label for lr in d.labels if lr.policy_rule}
    assert {"porn", "drainage"} <= got and "language_misuse" not in got
    assert d.action == "block"
    lm = [lr for lr in d.labels if lr.label == "language_misuse"]
    assert lm and all("cloak:" in (e.scope or "") for e in lm[0].evidence)  # the reading is in the evidence


def test_a_bait_title_leading_to_a_contact_is_the_drainage() -> None:
    out = {s.label: s for s in strike_subsumed([_sig("drainage", 0.8), _sig("clickbait", 0.7)])}
    assert out["clickbait"].score == pytest.approx(0.7 * SUBSUMED_FACTOR, abs=1e-4)
    assert all(e.scope == "within:drainage" for e in out["clickbait"].evidence)
    alone = [_sig("drainage", 0.3), _sig("clickbait", 0.7)]  # the 引流 does not stand: the bait is the finding
    assert strike_subsumed(alone) is alone


def test_an_insult_inside_a_company_smear_is_the_smear() -> None:
    out = {s.label: s.score for s in strike_subsumed([_sig("enterprise_smear", 0.6), _sig("abuse", 0.79),
                                                       _sig("antagonism", 0.6), _sig("rumor", 0.6)])}
    assert out["abuse"] < 0.3 and out["antagonism"] < 0.3
    assert out["rumor"] == 0.6 and out["enterprise_smear"] == 0.6  # other co-labels are the writers' taste: kept


def test_engine_strikes_after_the_stance_stage(engine: Engine) -> None:
    # a withheld-answer bait whose pointer the later stages clear of 引流 keeps its clickbait (read before the stance
    # stage, the pointer's first score would have struck it)
    d = engine.moderate({"id": "c2", "title": "一张图看懂最新房贷政策",
                         "text": "图片太大发不了，评论区留言“房贷”我私信发你。"})
    assert "clickbait" in {lr.label for lr in d.labels if lr.policy_rule} and d.action != "pass"
    d2 = engine.moderate({"id": "c3", "title": "震惊！这个方法让你月入过万",
                          "text": "想知道的加我微信 abc12345，备注“方法”，带你日入过千"})
    got = {lr.label for lr in d2.labels if lr.policy_rule}
    assert "drainage" in got and "clickbait" not in got
