"""How the contact detector and the other detectors' lures combine, and whose line a phone number is (issue 16,
session 18, drain18):

- a link or number the contact detector found but left below its threshold (a plain `.vip` / `.club` link, no lure
  in its own lexicon) becomes 引流 when another detector — a frame, a recall head, the writer bank — acts on a lure to
  the public in the same item: the handle is where the offer is taken, and the evidence names the handle's span and
  the lure's rule (`ContactDetector._lured`, `_lift`);
- a whole-post learned reading with no span in the post (the writer bank's `semantic.drainage` vote) is located at
  the post's own pointer or sub-threshold handle, at the vote's own score (`pointers.in_post`, `_lured`); the purpose
  model still reads it;
- a phone number written the ordinary way with no lure, no 暗号 and no private channel or move beside it is a phone
  line in the open (a landlord's, a driver's, a shop's), not 引流: reported below every threshold with the reason in
  `scope` (`scoring.open_phone`). Disguised, named as a chat id (微信同号), beside a move (私我, 加我) or beside a lure
  it is read as before.

Sentences written here, not taken from any blind, unseen, twin or corpus set.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from qinglang.detectors.base import Views
from qinglang.detectors.contact.base import Handle
from qinglang.detectors.contact.detector import OPEN_PHONE, ContactDetector
from qinglang.detectors.contact.scoring import open_phone, public_service
from qinglang.engine import Engine
from qinglang.model import Content, Evidence, Signal

from .support import FixedPurpose, acted_rules


def _drainage_evidence(engine: Engine, text: str, surface: str = "comment") -> tuple[str, list]:
    d = engine.moderate({"id": "t", "text": text, "surface": surface})
    return d.action, [(lr, e) for lr in d.labels if lr.label == "drainage" for e in lr.evidence]


def test_a_plain_link_beside_a_frame_lure_is_the_move_with_its_span() -> None:
    engine = Engine()
    text = "这个台子出款很快，我昨天提了两万，你要玩的话上 hy-play.com"
    action, ev = _drainage_evidence(engine, text)
    assert action != "pass"
    lifted = [(lr, e) for lr, e in ev if e.rule == "contact.url"]
    assert lifted, ev
    lr, e = lifted[0]
    assert lr.policy_rule and lr.score >= 0.65
    assert e.text == "hy-play.com" and e.normalized == "hy-play.com" and text[e.start:e.end] == e.text
    assert e.context_word == "frame.gambling.won_invite"  # the lure's rule, found by another detector


@pytest.mark.parametrize("text", [
    "你要玩的话上 hy-play.com 看看，我们公司新做的小游戏官网",  # no lure: a link alone stays below the threshold
    "台子出款很快的都是骗局，警方提醒千万别上 hy-play.com",  # a warning: the lure is talk about it
])
def test_no_lure_no_lift(engine: Engine, text: str) -> None:
    _, labels = acted_rules(engine, text)
    assert "contact.url" not in labels.get("drainage", []), labels


def test_a_public_service_word_keeps_a_contact_from_the_lift() -> None:
    text = "中奖请拨打热线 400-800-1234"
    h = Handle("phone", "phone:4008001234", 7, 19, "contact.phone", 0.35)
    assert public_service(h, text) is not None


@pytest.mark.parametrize("text", [
    "房东直租 一室一厅 近地铁 月租1800 可看房 电话 139 1234 5678 王姐",
    "师傅我到小区东门了，穿蓝外套，我电话 186 1234 5678",
    "二手电动车 九成新 800元 可小刀 电话 138 5712 3456",  # acted on (review) by the start tree, as the two above
])
def test_a_phone_line_in_the_open_is_spared_with_its_reason(engine: Engine, text: str) -> None:
    action, ev = _drainage_evidence(engine, text)
    assert action == "pass", ev
    assert ev and all(lr.score < 0.35 and not lr.policy_rule for lr, _ in ev), ev
    assert any(e.scope and OPEN_PHONE in e.scope and e.rule in ("contact.phone", "contact.landline")
               for _, e in ev), ev


@pytest.mark.parametrize("text", [
    "微信同号 139 1234 5678 有需要的联系",  # the number is a chat id
    "加我 139 1234 5678 私发你，懂的来",  # a move to a chat app, 懂的
    "电话 1 3 9 1 2 3 4 5 6 7 8 王姐",  # disguised, one digit at a time
    "日结兼职刷单 电话 139 1234 5678",  # a lure beside it
])
def test_a_phone_with_a_channel_a_move_a_disguise_or_a_lure_is_still_read(engine: Engine, text: str) -> None:
    action, labels = acted_rules(engine, text)
    assert action != "pass" and "drainage" in labels, (action, labels)


def test_open_phone_reading() -> None:
    text = "电话 139 1234 5678 王姐"
    h = Handle("phone", "phone:13912345678", 3, 16, "contact.phone", 0.35)
    assert open_phone(h, text, [], [])
    assert not open_phone(h, "微信同号 139 1234 5678", [], [])
    assert not open_phone(replace(h, rule="contact.phone.obfuscated"), text, [], [])
    assert not open_phone(h, text, [], [], disguised=True)
    assert not open_phone(Handle("wechat", "wechat:abc", 3, 16, "contact.wechat", 0.8), text, [], [])


def _dm_post(engine: Engine) -> tuple[ContactDetector, str, Content, Views, Signal]:
    """A photographer's 私信我 post and the 引流 frame's pointer signal on it: the contact detector's purpose step is
    handed these with the vote under test."""
    det = next(d for d in engine.detectors if isinstance(d, ContactDetector))
    text = "原片想要的话私信我，周末在公园拍的"
    content = Content(id="t", text=text)
    views = Views.build(content, engine.normalizer)
    i = text.index("私信")
    frame = Signal(label="drainage", score=0.6, rule="frame.drainage.pointer", detector="frame@x",
                   evidence=(Evidence("text", i, i + 2, "私信", "私信", rule="frame.drainage.pointer.dm"),))
    return det, text, content, views, frame


def test_the_purpose_model_still_reads_the_banks_spanless_vote(engine: Engine) -> None:
    """The writer bank's drainage vote names no span in the post; the purpose model stays its second reading (left
    alone, the vote put a wrong drainage label on real toxic comments it was not trained on: docs/accuracy.md §23.x),
    and a frame's span in the same item is discounted with it."""
    det, _text, content, views, frame = _dm_post(engine)
    bank = Signal(label="drainage", score=0.62, rule="semantic.drainage", detector="semantic@x",
                  evidence=(Evidence("semantic", 0, 0, "", "一个邻居写的引流句子", rule="semantic.drainage.writers"),))
    saved = det.purpose
    try:
        det.purpose = FixedPurpose(0.05)
        out = det.adjust(content, views, [frame, bank])
        assert out[0].score < 0.35 and out[1].score < 0.35
        assert out[1].evidence[0].scope and "fixed@0" in out[1].evidence[0].scope
    finally:
        det.purpose = saved


def test_a_spanless_lure_vote_does_not_keep_the_purpose_model_away(engine: Engine) -> None:
    """Session 22 (semantic22): a lure label keeps the purpose model from reading a post only where the lure has a
    span in the post (`detector._lure_in_post`). The writer bank's spanless gambling vote is a second reading of the
    post's words, not a lure it shows: the model reads the drainage beside it (and discounts it here), the vote itself
    is left to its own stage. A gambling hit with a span in the post still keeps the model away."""
    det, text, content, views, frame = _dm_post(engine)
    vote = Signal(label="gambling", score=0.62, rule="semantic.gambling", detector="semantic@x",
                  evidence=(Evidence("semantic", 0, 0, "", "一个邻居写的赌博短信", rule="semantic.gambling.writers"),))
    j = text.index("原片")
    shown = Signal(label="gambling", score=0.62, rule="gambling.term", detector="lexicon@x",
                   evidence=(Evidence("text", j, j + 2, "原片", "原片", rule="gambling.term"),))
    saved = det.purpose
    try:
        det.purpose = fixed = FixedPurpose(0.05)
        out = det.adjust(content, views, [frame, vote])
        assert fixed.read and out[0].score < 0.35 and out[1] is vote
        det.purpose = fixed = FixedPurpose(0.05)
        out = det.adjust(content, views, [frame, shown])
        assert not fixed.read and out == [frame, shown]
    finally:
        det.purpose = saved


def test_a_learned_vote_is_located_at_the_posts_own_link_at_its_own_score(engine: Engine) -> None:
    """Where the only drainage acted on is the writer bank's spanless vote, the link the contact detector left below
    its threshold is reported as where the vote's move is written: the vote's own score (not a second vote), the
    vote's rule as the context word, the span and normalized form of the link for the reviewer."""
    det = next(d for d in engine.detectors if isinstance(d, ContactDetector))
    text = "老会员回归，今天最后一天，详情看 abc-lotto.cc 退订回T"
    content = Content(id="t", text=text, surface="private_chat", kind="message")
    views = Views.build(content, engine.normalizer)
    bank = Signal(label="drainage", score=0.62, rule="semantic.drainage", detector="semantic@x",
                  evidence=(Evidence("semantic", 0, 0, "", "一个邻居写的引流句子", rule="semantic.drainage.writers"),))
    saved = det.purpose
    try:
        det.purpose = None
        out = det.adjust(content, views, [bank])
    finally:
        det.purpose = saved
    located = [s for s in out if s is not bank]
    assert bank in out and len(located) == 1, out
    s = located[0]
    assert s.label == "drainage" and s.rule == "contact.url" and s.score == 0.62
    e = s.evidence[0]
    assert e.text == "abc-lotto.cc" and text[e.start:e.end] == e.text and e.context_word == "semantic.drainage"
