"""Who a contact reaches (issue 16, session 17, drain17): a one-to-one message that hands over the poster's own
replaced contact (我换了新号…你加一下) reaches the one person who held the old one, so the contact detector's purpose
reading spares it — with the reason in the evidence (`scope`: "personal: one reader: <cue>"). The same notice on a
public surface, to a crowd, beside a lure, or read as diverting with confidence by the purpose model is acted on as
before.

Sentences written here, not taken from any blind, unseen, twin or corpus set.
"""

from __future__ import annotations

import pytest

from qinglang.detectors.contact.detector import ContactDetector
from qinglang.engine import Engine
from qinglang.text.personal import changed_contact, public_address

from .support import FixedPurpose
from .support import acted_rules as _decide

NOTICE = "我换了新号，微信 wang_xiao_77，你加一下，下周吃饭拉你进群"


def test_a_changed_contact_handed_to_one_reader_is_spared_with_its_reason(engine: Engine) -> None:
    d = engine.moderate({"id": "t", "text": NOTICE, "surface": "private_chat", "kind": "message"})
    assert d.action == "pass", d.to_json()
    ev = [e for lr in d.labels if lr.label == "drainage" for e in lr.evidence]
    assert ev, d.to_json()  # the contact is still reported, below any policy's threshold
    assert all(e.scope and "personal: one reader: 换了新号" in e.scope for e in ev), ev
    assert all((e.detail or {}).get("personal") == "one reader: 换了新号" for e in ev), ev
    assert ev[0].text == "微信 wang_xiao_77" and ev[0].normalized == "微信wang_xiao_77"


@pytest.mark.parametrize("surface, text", [
    ("comment", NOTICE),  # a public surface: the reader is anyone
    ("private_chat", "大家好，我换了新号，微信 wang_xiao_77，都加一下，拉你们进群"),  # a crowd addressed
    ("private_chat", "各位老粉，我号被封了，新微信 chen_hao_2020 加一下，以后都在那边发"),  # followers moved
    ("private_chat", "哥，我换新号了，新微信 chen_hao_2020，上分下分还找我，老规矩"),  # a gambling lure
    # a stranger's flirt: the purpose model reads it as diverting above purpose_changed_below
    ("private_chat", "嗨，我是那天在酒吧加你的小美，之前的微信被封了，加我新微信 meimei_6688 哦，好想你😘"),
])
def test_the_notice_is_still_acted_on_where_it_moves_an_audience(engine: Engine, surface: str, text: str) -> None:
    # the changed-contact reading's bounds, the purpose model held at a diverting reading: session 23's model (drain23)
    # reads the first two at p ≈ .13 and spares them itself (docs/accuracy.md §28.4); this reading does not
    det = next(d for d in engine.detectors if isinstance(d, ContactDetector))
    saved, det.purpose = det.purpose, FixedPurpose(0.9)
    try:
        action, labels = _decide(engine, text, surface)
    finally:
        det.purpose = saved
    assert action != "pass" and "drainage" in labels, (action, labels)


@pytest.mark.parametrize("text, cue", [
    ("我换新号了微信abc", "换新号"),
    ("之前那个号被盗了", "之前那个号"),
    ("旧号不用了你存一下", "旧号"),
    ("新手机号是138", "新手机号是"),
    ("这款手机号称续航最强", None),  # 号称, not a number
    ("你qq号多少", None),  # the reader's number asked for, not the poster's replaced
])
def test_changed_contact_cue(text: str, cue: str | None) -> None:
    assert changed_contact(text) == cue


def test_public_address() -> None:
    assert public_address("家人们我换号了") == "家人们"
    assert public_address("老张我换号了你加一下") is None


def test_met_once() -> None:
    from qinglang.text.personal import met_once

    assert met_once("嗨我是那天在酒吧加你的小美") is not None
    assert met_once("我是小宇下周聚餐的事群里说") is None


def test_words_across_a_compound_are_not_gambling(engine: Engine) -> None:
    # 扫码 + 报名, not 码报 (a lottery tip sheet)
    action, labels = _decide(engine, "考研冲刺营开班，扫码报名立减300", "feed")
    assert "gambling" not in labels and "drainage" not in labels, (action, labels)


def test_the_tip_sheet_still_reads(engine: Engine) -> None:
    action, labels = _decide(engine, "码报资料免费领 跟我下注")
    assert action != "pass" and "gambling" in labels, (action, labels)


@pytest.mark.parametrize("text", [
    # the move reported as a third party's request of the poster: a warning, not 引流
    "这个号 17012345678 给我打了三次说我中奖了，让我加微信领奖，大家小心",
    # the poster as a victim going to the police about the site
    "我被 www.bet-xx.com 这个网站骗了八千，有没有一样的，一起去报案",
])
def test_a_report_of_someone_elses_move_is_not_drainage(engine: Engine, text: str) -> None:
    action, labels = _decide(engine, text)
    assert "drainage" not in labels and "gambling" not in labels, (action, labels)


def test_the_move_asked_of_the_reader_is_still_drainage(engine: Engine) -> None:
    action, labels = _decide(engine, "恭喜你中奖了，加我微信 lingjiang_888 领奖，名额有限")
    assert action != "pass" and "drainage" in labels, (action, labels)


@pytest.mark.parametrize("text, cue", [
    ("陌生号码打来说我中奖了让我加微信领奖", "让我加"),  # a third party's request, reported
    ("客服叫你先下载一个会议软件", "叫你先下载"),
    ("私教人很好戳我要她联系方式", None),  # 要她联系方式: a contact asked for, no request reported
])
def test_a_reported_move_is_talk_about_diversion(text: str, cue: str | None) -> None:
    from qinglang.text.diversion import about_diversion

    assert about_diversion(text, 0, 0) == cue


def test_a_teachers_new_number_in_a_private_chat_is_the_notice_too() -> None:
    assert changed_contact("同学我是你们班主任这是我的新手机号13912348877") == "我的新手机号"
