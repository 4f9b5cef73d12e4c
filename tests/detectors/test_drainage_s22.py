"""A contact given for the exchange itself, enforcement told by a bystander, a spanless vote that shields nothing
(issue 16, session 22, drain22):

- the clause beside a contact says what it is for (`qinglang.text.exchange`): a lesson tried or booked (约试听), a room
  let (转租…看房), a class or club that admits its members by name (班级群…备注姓名), two people going to an
  exhibition (一起去看展): read in `ContactDetector.adjust` only where no lure with a span, no disguise and no bait cue
  (an offer of the 引流 frames, a 暗号 or wink of the 引流 lexicon) stands beside the contact;
- a rent's terms (押一付三) are no stake: the offer family's 押 is a stake or a deposit asked for;
- a gambling word of the 引流 lexicon in a sentence telling of enforcement (赌球的被抓了, 上下分的群就该一锅端) is a
  report, as a case report is (`scope.ENFORCED`, read for `about="diversion"` only); a reassured ad (不会被抓, 不怕被查)
  is not one;
- a lure label with no span in the post (the writer bank's gambling vote) does not keep the purpose model from reading.

Sentences written here, not taken from any blind, unseen, twin or corpus set.
"""

from __future__ import annotations

import pytest

from qinglang.detectors.base import Views
from qinglang.detectors.contact.detector import ContactDetector
from qinglang.engine import Engine
from qinglang.model import Content, Evidence, Signal
from qinglang.text.exchange import bait, exchange_near, exchange_purpose
from qinglang.text.scope import scope_at

from .support import FixedPurpose


def _labels(engine: Engine, text: str, surface: str = "comment") -> tuple[str, dict]:
    d = engine.moderate({"id": "t", "text": text, "surface": surface})
    return str(d.action), {lr.label: lr for lr in d.labels}


@pytest.mark.parametrize("text", [
    "隔壁阿姨在教小提琴，一节课120，需要的加她微信 violin_zhou77 约试听",
    "主卧转租，押一付三，月租2100，近地铁站，有意者电话 13912345678 看房",
    "四年级三班的家长注意，班级QQ群号 519283746，进群请备注孩子姓名",
    "周六一起去看那个版画展吗？加个微信吧，我的是 muyu_0312",
    "吉他社招新啦，想加入的同学加社长微信 guitar_club23，每周三晚上排练",
])
def test_a_contact_given_for_the_exchange_itself_is_not_acted_on(engine: Engine, text: str) -> None:
    action, labels = _labels(engine, text)
    assert action == "pass" and ("drainage" not in labels or labels["drainage"].score < 0.35), (text, labels)
    if "drainage" in labels:  # the reason it is spared is on the evidence (an exchange clause, or a phone in the open)
        assert any(e.scope and ("exchange:" in e.scope or "spared:" in e.scope)
                   for e in labels["drainage"].evidence), labels["drainage"]


@pytest.mark.parametrize("text", [
    "兼职日结 一天三百 想做的加微信 jz_8899 预约面试",          # an offer (兼职, 日结) beside the booking
    "游戏成年号出租 不用刷脸 一小时两块 加q 3849201 约时间",      # an account let is the lure itself
    "福利资源群 进群备注姓名 QQ群 73829105",                    # an offer beside the roll
    "次卧转租 看房加微信 zf_1234 另有特殊服务 懂的来",           # a wink (懂的来) beside the let
    "稳赚不赔 带你回血 老师微信 hx_3366 约时间一对一指导",       # a gambling lure beside the booking
])
def test_an_exchange_clause_beside_bait_is_still_read_as_a_lure(engine: Engine, text: str) -> None:
    action, labels = _labels(engine, text)
    assert action != "pass" and labels["drainage"].score >= 0.35, (text, labels)


def test_the_exchange_clause_is_read_beside_the_contact_only() -> None:
    text = "我在学钢琴，上周去试听了一节课，感觉老师很好。" + "。" * 30 + "加微信 abc123"
    at = text.index("abc123")
    assert exchange_near(text, [(at, at + 6)]) is None
    assert exchange_near(text, [(text.index("试听"), text.index("试听") + 2)]) == "booking: 试听"
    spans = {"text": [(0, 4)]}
    assert exchange_purpose({"text": "加她微信约试听"}, spans, {"contact.wechat"}) == "exchange: booking: 试听"
    assert exchange_purpose({"text": "加她微信约试听"}, {"text": [(0, 4)]},
                            {"frame.drainage.channel_offer.offer"}) is None
    assert bait("lexicon.drainage.pointer") and not bait("frame.drainage.spelt_handle.pointer")


def test_a_rents_terms_are_no_stake(engine: Engine) -> None:
    _, labels = _labels(engine, "次卧转租，押一付三，随时入住，有意者电话 13812345678")
    assert "drainage" not in labels or labels["drainage"].score < 0.35, labels
    action, labels = _labels(engine, "押大小 一把翻倍 加微信 bet_7788")
    assert action != "pass", labels


@pytest.mark.parametrize("text", [
    "支持！上下分的群就该一锅端，赌博害人",
    "听说小区里那几个赌球的被抓了，活该",
])
def test_gambling_words_in_a_bystanders_account_of_enforcement_are_a_report(engine: Engine, text: str) -> None:
    _, labels = _labels(engine, text)
    assert "gambling" not in labels or labels["gambling"].score < 0.35, (text, labels)
    nt = engine.normalizer.normalize(text)
    i = nt.text.find("上下分") if "上下分" in nt.text else nt.text.find("赌球")
    assert any(c.kind == "case_report" for c in scope_at(nt, i, i + 3, about="diversion"))
    assert not any(c.kind == "case_report" for c in scope_at(nt, i, i + 3))  # other families: unchanged


@pytest.mark.parametrize("text", [
    "正规平台不会被抓，上下分秒到账，加v sx_7788",
    "现在上下分不怕被查，滴滴 kk9988",
])
def test_a_reassured_gambling_ad_is_no_report(engine: Engine, text: str) -> None:
    action, labels = _labels(engine, text)
    assert action != "pass" and labels["gambling"].score >= 0.35, (text, labels)


def test_a_spanless_gambling_vote_does_not_keep_the_purpose_model_from_reading(engine: Engine) -> None:
    """The writer bank's gambling vote names no span in the post: the purpose model reads the contact beside it, and
    a discount it gives applies to the drainage evidence (the gambling vote is left to its own policy)."""
    det = next(d for d in engine.detectors if isinstance(d, ContactDetector))
    text = "您的保单已续期，如有疑问请联系客服微信 service_01"
    content = Content(id="t", text=text, surface="private_chat", kind="message")
    views = Views.build(content, engine.normalizer)
    i = text.index("微信")
    contact = Signal(label="drainage", score=0.8, rule="contact.wechat", detector="contact@1",
                     evidence=(Evidence("text", i, len(text), text[i:], text[i:], rule="contact.wechat"),))
    bank = Signal(label="gambling", score=0.62, rule="semantic.gambling", detector="semantic@x",
                  evidence=(Evidence("semantic", 0, 0, "", "一个邻居写的句子", rule="semantic.gambling.writers"),))
    saved = det.purpose
    try:
        det.purpose = reader = FixedPurpose(0.05)
        out = det.adjust(content, views, [contact, bank])
    finally:
        det.purpose = saved
    assert reader.read, "the purpose model was not read"
    drained = next(s for s in out if s.label == "drainage")
    assert drained.score < 0.35 and bank in out
