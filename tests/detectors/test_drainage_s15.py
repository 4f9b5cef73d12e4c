"""引流 and gambling as people write them (issue 16, session 15, drain15): what a pointer points at when it is not a
chat handle (a download link at a place, the goods in a private group, an official account's keyword, the line
written small at a place), a child asked for their own QQ; gambling by a game with money on it (a base stake, a
settlement on the spot or in the group, credit exchanged one to one), a betting account's dormant balance, a lottery
bought through an agent, 赌球 in pinyin, a quoted 「娱乐」 next to money; and two innocent classes — a reply to one
acquaintance by name, a shop's own phone.

Sentences written here, not taken from any blind, unseen, twin or corpus set.
"""

from __future__ import annotations

import pytest

from qinglang.detectors.contact.pointers import pointers, requests
from qinglang.engine import Engine

from .support import acted_rules as _decide


@pytest.mark.parametrize("text, span", [
    ("这部剧我追完了 高清下载地址放评论区了 手慢无", "下载地址放评论区"),
    ("这期视频删减的部分太多，完整版去粉丝群看", "完整版去粉丝群"),
    ("整理了三百套简历模板，关注公众号「小鹿学姐」后台回复“简历”自动领取", "公众号「小鹿学姐」后台回复“简历”自动领取"),
    ("想一起发财的兄弟 看我简介最后一行", "简介最后一行"),
    ("攒钱的办法都写了 看我收藏夹第三个 最后一行", "收藏夹第三个 最后一行"),
])
def test_what_a_pointer_points_at_when_it_is_not_a_chat_handle(engine: Engine, text: str, span: str) -> None:
    d = engine.moderate({"id": "t", "text": text, "surface": "comment"})
    ev = [e for lr in d.labels if lr.label == "drainage" for e in lr.evidence if e.rule == "contact.pointer"]
    assert d.action != "pass" and ev, d.to_json()
    assert ev[0].text == span and ev[0].normalized


def test_the_new_pointers_keep_their_limits() -> None:
    assert pointers("同款链接在评论区啦 自己拿") == []  # a creator's shop link: a bare 链接 is not a pointer
    assert pointers("完整版在我主页哦 记得看") == []  # the goods on the poster's own page
    assert pointers("这个群里的资源分享很有用") == []  # no move: the group is where the poster already is
    assert pointers("简介写得太长了，我改一下") == []  # a place, nothing hidden at it
    assert pointers("简介最后一行显示不全怎么办") == []  # a line talked about


def test_a_child_asked_for_their_own_qq_is_moved_off_the_platform(engine: Engine) -> None:
    text = "你唱歌真好听，姐姐想单独教你，把你的QQ号发给我吧"
    child = engine.moderate({"id": "t", "text": text, "surface": "private_chat",
                             "audience": {"minor_mode": True, "age": 12}})
    rules = [e.rule for lr in child.labels if lr.label == "drainage" for e in lr.evidence]
    assert child.action != "pass" and "contact.pointer" in rules, child.to_json()
    adult = engine.moderate({"id": "t", "text": text, "surface": "private_chat"})
    assert "drainage" not in {lr.label for lr in adult.labels if lr.policy_rule}
    assert requests("你的微信是多少") and not requests("我的微信你有吗")


@pytest.mark.parametrize("text, rule", [
    ("老街口茶馆二楼 斗地主 二十一底 现场结账 生人勿扰", "frame.gambling.stake_settle"),
    ("麻将三缺一 底注20 来的私", "frame.gambling.game_stake"),
    ("线上斗地主 群里结算 随时开", "frame.gambling.game_settle"),
    ("德扑俱乐部招人 金币和人民币1:1兑换 每晚开桌", "frame.gambling.game_payout"),
    ("刮刮乐线上版 一块钱一张 中了秒提现", "frame.gambling.game_payout"),
    ("尊敬的用户，您在某某体育的余额88元即将清零，请尽快登录领取", "frame.gambling.dormant_balance"),
    ("双色球大乐透彩票代购 中奖自动到账 支持手机下单", "frame.gambling.online_bet"),
    ("这周靠 du qiu 赚了个手机钱 有兴趣私", "frame.gambling.casino"),
    ("今晚八点开真钱局 大小盲一百两百 来的私", "frame.gambling.casino"),
    ("上周末“娱乐”了一把 输了两千 今天又赢了回来", "innuendo.wink.gambling_play"),
])
def test_gambling_by_a_game_with_money_on_it(engine: Engine, text: str, rule: str) -> None:
    action, labels = _decide(engine, text, surface="comment")
    assert action != "pass" and "gambling" in labels, (action, labels)
    assert any(r.startswith(rule) for r in labels["gambling"]), labels


@pytest.mark.parametrize("text", [
    "小区棋牌室装修好了，麻将桌换新了，会员卡现场结账打九折",  # a room's rent, no stake
    "周末家里打麻将，三缺一，谁来",  # a game, no money on it
    "会员您好，您的会员余额即将清零，请尽快登录APP使用",  # a shop's stored value
    "这个“娱乐”圈真乱，平台天天炒作",  # the entertainment trade, no money won or lost
    "体彩刮刮乐到店兑奖，理性购彩",  # the state lottery's shop
])
def test_gambling_neighbours_stay_innocent(engine: Engine, text: str) -> None:
    action, labels = _decide(engine, text, surface="comment")
    assert "gambling" not in labels, (action, labels)


def test_a_reply_to_one_acquaintance_is_not_addressed_to_the_public(engine: Engine) -> None:
    friend = engine.moderate({"id": "t", "surface": "comment",
                              "text": "@小周 老同学好久不见！我新微信 zhou_xm_2001，加一下，过年聚会拉你进群"})
    assert friend.action == "pass", friend.to_json()
    ev = [e for lr in friend.labels if lr.label == "drainage" for e in lr.evidence]
    assert ev and all("personal: @one" in (e.scope or "") for e in ev)
    # the same handle to anyone who reads, or to one person with no relation named, is still 引流
    for text in ("@所有人 老同学们 我新微信 zhou_xm_2001 加一下拉你进群", "@小周 我新微信 zhou_xm_2001 加一下拉你进群"):
        assert engine.moderate({"id": "t", "surface": "comment", "text": text}).action != "pass", text


def test_a_shops_own_phone_is_how_customers_call_it(engine: Engine) -> None:
    action, labels = _decide(engine, "我家粮油店新到东北大米，店里电话13912345678，满50元送货上门", surface="local")
    assert "drainage" not in labels, (action, labels)
    # …a chat handle is not a shop's line, and a lure still wins
    action, labels = _decide(engine, "本店新到一批 加微信 shop_rice88 详谈", surface="local")
    assert "drainage" in labels
    action, labels = _decide(engine, "本店新到福利视频 电话13912345678", surface="local")
    assert action != "pass"


def test_an_invitation_to_add_written_with_a_measure_word(engine: Engine) -> None:
    action, labels = _decide(engine, "兼职日结 手机就能做 想赚钱的加个v 细聊", surface="comment")
    assert "lexicon.drainage.invite" in labels.get("drainage", []), (action, labels)
    action, labels = _decide(engine, "加个微信公众号关注一下，每天有天气预报", surface="comment")
    assert "drainage" not in labels, (action, labels)
