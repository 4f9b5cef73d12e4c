"""A 科普 that sells is an advertisement (session 18, labels18; `qinglang.scoping.SALE_CLOAKS`, `PostActs.sale`):
《互联网广告管理办法》第八条 keeps the seller's purchase links off pages of health knowledge, so the education act
excuses no `false_ad` in a post that sells the product it teaches about; a warning, a report or a question about
someone else's sale still does. Our own sentences and signals, written for these tests."""

from __future__ import annotations

from qinglang.engine import Engine
from qinglang.model import Evidence, Signal
from qinglang.scoping import excusing, scope_signals
from qinglang.text.acts import Act, PostActs
from qinglang.text.sale import SALE_RX, sale_cue


def _sig(label: str, score: float) -> Signal:
    ev = Evidence(field="text", start=0, end=2, text="xx", normalized="xx", rule=f"test.{label}", detector="t@1")
    return Signal(label=label, score=score, rule=ev.rule, detector="t@1", evidence=(ev,))


TEACHING = PostActs((Act("education", "给大家科普"),), None)


def test_the_sale_words_have_one_home() -> None:
    from qinglang import scoping
    from qinglang.detectors import livestream

    assert scoping.SALE_RX is SALE_RX and livestream.SELLING.pattern in SALE_RX.pattern
    assert sale_cue(["今天讲讲睡眠", "我们这款枕头只要88元"]) == "我们这款"
    assert sale_cue(["今天讲讲睡眠，早点睡"]) is None


def test_education_that_sells_does_not_excuse_the_false_ad_but_still_excuses_other_labels() -> None:
    selling = TEACHING._replace(sale="我们这款")
    assert excusing(selling, "false_ad") is None
    assert excusing(TEACHING, "false_ad") == TEACHING.acts[0]
    assert excusing(selling, "vulgar") == TEACHING.acts[0]
    ad = _sig("false_ad", 0.7)
    assert scope_signals([ad], selling)[0].score == 0.7
    assert scope_signals([ad], TEACHING)[0].score < 0.7


def test_a_report_or_warning_about_a_sale_still_excuses_it() -> None:
    warned = PostActs((Act("warning", "提醒大家"),), None, sale="一个39块")
    assert excusing(warned, "false_ad") == warned.acts[0]


def test_through_the_engine_a_teaching_that_sells_keeps_its_false_ad() -> None:
    engine = Engine()
    sold = engine.moderate({"id": "a", "surface": "feed", "text": (
        "给大家科普一下，微波炉热过的饭菜有辐射，吃了会致癌，所以要用我们这款养生锅，今天只要199元。")})
    taught = engine.moderate({"id": "b", "surface": "feed", "text": (
        "给大家科普一下，微波炉热过的饭菜有辐射，吃了会致癌，饭菜还是用蒸锅热吧。")})
    assert "false_ad" in {lr.label for lr in sold.labels if lr.policy_rule}
    assert "false_ad" not in {lr.label for lr in taught.labels if lr.policy_rule}
    ev = next(lr for lr in sold.labels if lr.label == "false_ad").evidence
    assert ev and all(e.start < e.end and e.rule for e in ev)
