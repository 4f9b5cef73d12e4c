"""Whose contact, in whose words, on which kind of site (issue 16, session 19, drain19):

- the poster's own contact replaced, told as the new account's attribute (我刚换的QQ号, 新换的微信号), is the same
  changed-contact notice as 我换新号了 (`personal.changed_contact`);
- people who lived together (室友, 舍友) are a relation of the `known` class beside 老同学 / 我同事: a contact handed
  on through them has the personal reading the class gives (`scoring.contextual_score`, no lure, not disguised);
- the move recounted as a third party's claim (有人…说加微信便宜, 陌生人私信说加微信能拿半价) is talk about 引流, as the
  move reported as someone else's request already was (`diversion.ABOUT_DIVERSION_RX`);
- a link whose host is plain words under .cn (a real-name registered name: an app's push, 【…】点击 xxx.cn/… 查看) is
  a registrant's own site: a call to click does not lift it (`scoring._REGISTERED`), and the link is reported below
  every threshold with that reason (`scoring.own_site`, `detector.OWN_SITE`); a lure still lifts it, and a public
  short-link host or a host with digits is read as before.

Sentences written here, not taken from any blind, unseen, twin or corpus set.
"""

from __future__ import annotations

import pytest

from qinglang.detectors.contact.detector import OWN_SITE, ContactDetector
from qinglang.engine import Engine
from qinglang.text.diversion import about_diversion
from qinglang.text.personal import changed_contact, personal_errand

from .support import FixedPurpose


def _drainage(engine: Engine, text: str, surface: str = "comment", kind: str = "comment",
              **extra: object) -> tuple[str, list]:
    d = engine.moderate({"id": "t", "text": text, "surface": surface, "kind": kind, **extra})
    return str(d.action), [(lr, e) for lr in d.labels if lr.label == "drainage" for e in lr.evidence]


@pytest.mark.parametrize(("text", "cue"), [
    ("爸，这是我刚换的qq号", "刚换的qq号"),
    ("我新换的微信号你存一下", "新换的微信号"),
    ("我新换了号", "新换了号"),
    ("我新换的手机壳好看吗", None),  # a new phone case is no new number
])
def test_the_new_account_told_as_its_attribute_is_a_changed_contact(text: str, cue: str | None) -> None:
    assert changed_contact(text) == cue


def test_a_one_to_one_notice_of_the_posters_new_number_told_as_its_attribute_is_personal(engine: Engine) -> None:
    text = "爸，这是我刚换的微信号 lin_hao1990，你有空加一下，家里的事在新号上说"
    action, ev = _drainage(engine, text, surface="private_chat", kind="message")
    assert action == "pass", ev
    # the reason travels with every piece of drainage evidence, beside the span and its normalized form
    assert ev and all(e.scope and "one reader: 刚换的微信号" in e.scope for _, e in ev), ev
    wx = [e for _, e in ev if e.rule == "contact.wechat"]
    assert wx and text[wx[0].start:wx[0].end] == wx[0].text and wx[0].normalized == "微信号lin_hao1990", ev


@pytest.mark.parametrize("text", [
    "家人们，这是我刚换的微信号 lin_hao1990，大家加一下，福利在新号上发",  # a crowd and an offer
    "爸，这是我刚换的QQ号 4 7 1 6 2 2 5 3 0 8，你有空加一下",  # spelled apart: hidden from the platform
])
def test_the_same_notice_to_a_crowd_or_in_disguise_is_still_read_as_before(engine: Engine, text: str) -> None:
    surface, kind = ("feed", "post") if "家人们" in text else ("private_chat", "message")
    action, ev = _drainage(engine, text, surface=surface, kind=kind)
    assert action != "pass" and any(lr.policy_rule for lr, _ in ev), ev


def test_people_who_lived_together_are_a_known_relation() -> None:
    assert personal_errand("这是我大学舍友的微信") == "舍友"
    assert personal_errand("这是我室友的微信") == "室友"


def test_a_contact_handed_on_through_a_roommate_is_personal_and_a_lure_still_acts(engine: Engine) -> None:
    kind = {"surface": "private_chat", "kind": "message"}
    plain = "姐，这是我室友的微信 wxid_lanlan521，她在杭州做美甲五六年了，你不是要做指甲吗，加她就说是我朋友"
    action, ev = _drainage(engine, plain, **kind)
    assert action == "pass" and not any(lr.policy_rule for lr, _ in ev), ev
    lured = "姐，这是我室友的微信 wxid_lanlan521，她那有内部福利资源，加她就说是我朋友"
    action, ev = _drainage(engine, lured, **kind)
    assert action != "pass" and any(e.rule == "contact.wechat" for _, e in ev), ev


@pytest.mark.parametrize(("text", "reported"), [
    ("外面有人倒卖盗版说加微信便宜，千万别去", True),
    ("最近陌生人私信说加微信能拿半价", True),
    ("对方自称加群就能领", True),
    ("盗版我这也有，加微信便宜", False),  # the poster's own voice: the move itself
    ("有人问怎么买，加微信便宜", False),  # a question asked, then the move in the poster's voice
])
def test_the_move_recounted_as_a_third_partys_claim_is_talk_about_it(text: str, reported: bool) -> None:
    at = text.index("加")
    assert (about_diversion(text, at, at + 3) is not None) is reported, about_diversion(text, at, at + 3)


def test_a_creator_warning_of_a_third_partys_move_is_not_acted_on_as_drainage(engine: Engine) -> None:
    text = "我这套教程只在主页橱窗卖，最近陌生人私信说加微信能拿半价，千万别去，都是盗版"
    _, ev = _drainage(engine, text)
    assert not any(lr.policy_rule for lr, _ in ev), ev


def test_a_plain_word_cn_site_in_an_apps_push_is_its_own_site(engine: Engine) -> None:
    sms = {"surface": "private_chat", "kind": "message"}
    text = "【云帆资讯】今晚联赛集锦已上线，点击 yunfan.cn/v/k2 查看完整进球。回T退订"
    action, ev = _drainage(engine, text, **sms)
    assert action == "pass" and all(lr.score < 0.35 and not lr.policy_rule for lr, _ in ev), ev
    # why the link is spared travels with its span, its normalized form and its rule
    (_, e), = ev
    assert e.scope == OWN_SITE and e.rule == "contact.url" and e.context_word == "点击", e
    assert text[e.start:e.end] == e.text == "yunfan.cn/v/k2" and e.normalized == "yunfan.cn/v/k2"


@pytest.mark.parametrize("text", [
    "【云帆资讯】今晚联赛首存送100，彩金秒到，点击 yunfan.cn/v/k2 立即领取。回T退订",  # a lure lifts it
    "【云帆资讯】今晚联赛集锦已上线，点击 yunfan88.cn/v/k2 查看完整进球。回T退订",  # digits: a mirror's mark
    "【云帆资讯】今晚联赛集锦已上线，点击 dwz.cn/k2Xa 查看完整进球。回T退订",  # a public short link
    "【云帆资讯】今晚联赛集锦已上线，点击 yunfan.cc/v/k2 查看完整进球。回T退订",  # no real-name registry
])
def test_a_lure_a_mirror_host_a_short_link_or_another_tld_are_read_as_before(engine: Engine, text: str) -> None:
    # the own-site rule's bounds, the purpose model held at a diverting reading: session 23's model (drain23) reads the
    # highlights push at p ≈ .17 and spares the last three itself (docs/accuracy.md §28.4); the rule does not
    det = next(d for d in engine.detectors if isinstance(d, ContactDetector))
    saved, det.purpose = det.purpose, FixedPurpose(0.9)
    try:
        action, ev = _drainage(engine, text, surface="private_chat", kind="message")
    finally:
        det.purpose = saved
    assert action != "pass" and any(lr.policy_rule for lr, _ in ev), ev
