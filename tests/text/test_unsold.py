"""An advertisement sells (qinglang.scoping, `strike_unsold`, session 17 prec17): a doctor's persona beside a health
claim, in a post that offers nothing for sale, is the notice's 虚假科普 (false_science), not its 虚假宣传
(false_ad); the same persona selling a product stays an ad. Our own sentences and signals, written for these tests."""

from __future__ import annotations

import pytest

from qinglang.engine import Engine
from qinglang.model import Content, Evidence, Signal
from qinglang.scoping import UNSOLD_FACTOR, offers_for_sale, strike_colabels, strike_unsold


def _sig(label: str, score: float, *rules: str) -> Signal:
    evs = tuple(Evidence(field="text", start=0, end=2, text="xx", normalized="xx", rule=r, detector="t@1")
                for r in rules or (f"test.{label}",))
    return Signal(label=label, score=score, rule=evs[0].rule, detector="t@1", evidence=evs)


def _content(**kw: object) -> Content:
    return Content.from_json({"id": "c", "text": "x", **kw})


DOCTOR = "frame.false_ad.self_styled_doctor.doctor_claim"


@pytest.mark.parametrize("text", [
    "今天直播间只要99", "点左下角小黄车", "链接在评论区", "买二送一", "三盒一个疗程", "这款茶喝了就好", "需要的私我",
    "到手价129元", "也可以直接买茶包",
])
def test_words_that_name_a_sale(text: str) -> None:
    assert offers_for_sale([text], None)


@pytest.mark.parametrize("text", [
    "我是老中医，每天一杯醋，血管就通了", "我家三代都这么弄的", "转给家里老人看", "医院不会告诉你",
])
def test_words_that_name_no_sale(text: str) -> None:
    assert not offers_for_sale([text], None)


def test_a_live_room_or_a_transcript_is_a_shop() -> None:
    assert offers_for_sale(["我是老中医"], _content(surface="live"))
    assert offers_for_sale(["我是老中医"], _content(kind="transcript"))
    assert not offers_for_sale(["我是老中医"], _content(surface="feed"))


def test_a_doctors_false_ad_beside_false_science_in_a_post_that_sells_nothing_is_struck() -> None:
    ad, sci = _sig("false_ad", 0.9, DOCTOR), _sig("false_science", 0.7, "claims.false_science.efficacy")
    out = strike_unsold([ad, sci], ["我是三甲医院主任，每天一杯芹菜汁，血压就降下来"], _content())
    assert out[0].score == round(0.9 * UNSOLD_FACTOR, 4)
    assert all(e.scope == "unsold:false_science" for e in out[0].evidence)
    assert out[1] is sci


def test_it_stands_when_the_post_sells_when_science_is_absent_or_weak_or_another_reading_found_it() -> None:
    ad, sci = _sig("false_ad", 0.9, DOCTOR), _sig("false_science", 0.7, "claims.false_science.efficacy")
    sold = [ad, sci]
    assert strike_unsold(sold, ["我是主任医师，这款茶今天直播间99"], _content()) is sold
    alone = [ad]
    assert strike_unsold(alone, ["我是主任医师，喝这个就好"], _content()) is alone
    weak = [ad, _sig("false_science", 0.4, "claims.false_science.efficacy")]
    assert strike_unsold(weak, ["我是主任医师，喝这个就好"], _content()) is weak
    mixed = [_sig("false_ad", 0.9, DOCTOR, "live.absolute_term"), sci]  # an absolute term is the ad's own
    assert strike_unsold(mixed, ["我是主任医师，全网第一"], _content()) is mixed
    recall = [_sig("false_ad", 0.62, "model.recall.false_ad"), sci]
    assert strike_unsold(recall, ["一周瘦十斤不反弹"], _content()) is recall


def test_strike_colabels_runs_it() -> None:
    sig = [_sig("false_ad", 0.9, DOCTOR), _sig("false_science", 0.7, "claims.false_science.efficacy")]
    assert strike_colabels(sig, ["我是老中医，每天一杯醋，血管就通了"], _content())[0].score < 0.3


def _frame_ad(engine: Engine, text: str) -> dict:
    """The medical frame's false_ad signal (the frame detector keeps one per label: the doctor or the cure sold)."""
    d = engine.moderate({"id": "m", "text": text}, explain=True)
    return next(s for s in d.trace["signals"] if s["rule"].startswith("frame.false_ad."))


def test_the_engine_strikes_a_doctors_persona_that_sells_nothing_and_keeps_it_on_a_sale(engine: Engine) -> None:
    myth = "我是三甲医院退休的主任医师，跟大家说，高血压根本不用吃药，每天喝芹菜汁一个月就能停药。"
    ad = _frame_ad(engine, myth)
    assert ad["rule"] == "frame.false_ad.self_styled_doctor" and ad["score"] < 0.35
    assert all(e["scope"] == "unsold:false_science" for e in ad["evidence"])
    sale = _frame_ad(engine, myth + "这款芹菜籽粉今天直播间只要99，小黄车一号链接。")
    assert sale["score"] >= 0.65 and not any(e.get("scope") for e in sale["evidence"])
    d = engine.moderate({"id": "s", "text": myth + "这款芹菜籽粉今天直播间只要99，小黄车一号链接。"})
    assert {"false_ad", "false_science"} <= {lr.label for lr in d.labels if lr.policy_rule}
