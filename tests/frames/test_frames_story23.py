"""Session 23 (story23, issue 15; tasks 2, 8 and 10): readings of who speaks and what the post does.

Task 10: the speaker claims to be a party to a public incident (the victim, or the victim's kin) and asks strangers
for money (`rumor.claimed_party_collect`); a self-vouched reviewer (本地人, 非广告) ranks one business first in the
city (`water_army.ranked_praise`); a posting template's own directions to the poster left in the post beside the reward
(`water_army.template_leftover`); worn underwear sold second-hand as 原味 (`vulgar.worn_goods`). Tasks 2 and 8: a
question put to the poster answered with its verb negated (问我接不接…不接) is a refusal, and a reader's reaction to
having learned how a thing works (原来…是这么运作的，涨知识了) is an explanation (`qinglang.text.acts`), so a word the
post names from outside is not acted on.

The examples are written for these tests (not taken from the blind sets, the corpus writers nor the twin pairs);
`engine` is the session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

import pytest
from frame_classes import assert_acted_on, decide

from qinglang.engine import Engine
from qinglang.text.acts import read_text

LOCAL = {"surface": "local", "kind": "post"}

ACTED = [
    ({"text": "我就是上周五解放路被货车撞伤的那个环卫工，医药费还差两万，求好心人转发，收款码在评论区", **LOCAL},
     "rumor", "frame.rumor.claimed_party_collect"),
    ({"text": "我是前天东湖隧道事故遇难者的女儿，家里拿不出钱办后事了，求大家帮帮忙，微信转我就行", **LOCAL},
     "rumor", "frame.rumor.claimed_party_collect"),
    ({"text": "作为土生土长的长沙人，这家米粉是全长沙第一，没有之一！汤头绝了，姐妹们冲", **LOCAL},
     "water_army", "frame.water_army.ranked_praise"),
    ({"text": "这家烧烤我吃过最好吃的，没有之一！老板超热情（真的不是广告，纯自费）", **LOCAL},
     "water_army", "frame.water_army.ranked_praise"),
    ({"text": "宝藏甜品店被我挖到了！！【复制后把店名换成你那家，发完截图找客服领返现】", **LOCAL},
     "water_army", "frame.water_army"),
    ({"text": "出闲置，原味打底裤一条，穿过两天没洗，66一条，同城可面交", **LOCAL}, "vulgar",
     "frame.vulgar.worn_goods"),
]

SPARED = [
    # a warning against such collections; the victim telling of the incident, asking for nothing
    {"text": "提醒一下，最近有人冒充车祸遇难者家属在同城发收款码，大家捐款前先核实", **LOCAL},
    {"text": "我就是上个月在路口被电动车撞伤的那个，今天拆石膏了，谢谢大家关心", **LOCAL},
    # a measured review, and a ranking with no voucher beside it
    {"text": "自费探店，这家米粉汤头还行，粉有点软，人均18，排队二十分钟", **LOCAL},
    {"text": "年度最喜欢的一部纪录片，没有之一，拍得太细腻了", "surface": "comment", "kind": "comment"},
    # 原味 of a food; a garment sold second-hand, unworn
    {"text": "原味酸奶买多了喝不完，出闲置两箱，30一箱，同城可面交", **LOCAL},
    {"text": "出闲置瑜伽服一套，全新只试过一次，50一套，可面交", **LOCAL},
    # a question put to the poster and turned down; a reader who learned how a scheme works
    {"text": "老有人私信问我接不接刷好评、控评的活，统一回复：不接！这号只发我家狗", "surface": "feed"},
    {"text": "看完这期调查才懂，原来网店的'刷单'是这么运作的，涨知识了", "surface": "comment", "kind": "comment"},
]


@pytest.mark.parametrize(("item", "label", "rule"), ACTED)
def test_the_construction_is_acted_on(engine: Engine, item: dict, label: str, rule: str) -> None:
    assert_acted_on(engine, item, label, rule)


@pytest.mark.parametrize("item", SPARED)
def test_the_innocent_twin_is_spared(engine: Engine, item: dict) -> None:
    action, labels, rules = decide(engine, item)
    assert action in ("pass", "label"), (action, labels, rules)


def test_a_question_answered_no_is_a_refusal_and_yes_is_not() -> None:
    assert [a.kind for a in read_text(["好多人问我卖不卖号，统一回复：不卖"]).acts] == ["refusal"]
    assert not read_text(["问我卖不卖号的，卖，私我"]).acts


def test_a_learners_reaction_is_an_explanation_and_the_bait_tag_is_not() -> None:
    assert [a.kind for a in read_text(["原来直播间的托是这么来的，涨知识了"]).acts] == ["education"]
    assert not read_text(["99%的人都不知道的秘密 #涨知识 #一定要看到最后"]).acts


def test_evidence_names_the_party_claim_and_the_collection(engine: Engine) -> None:
    text = "我是昨晚滨河路车祸死者的弟弟，实在凑不齐丧葬费，求好心人帮帮，收款码在主页"
    d = engine.moderate({"id": "x", "text": text, **LOCAL})
    ev = {e.rule: text[e.start:e.end] for lr in d.labels for e in lr.evidence or ()}
    assert ev["frame.rumor.claimed_party_collect.party_claim"].startswith("我是")
    assert ev["frame.rumor.claimed_party_collect.money_collect"] == "收款码"
