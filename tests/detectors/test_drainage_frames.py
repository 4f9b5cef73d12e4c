"""The drainage and gambling frames (qinglang/frames/data/drainage.yaml, issue 16 + campaign task 3): each cue
family combination that makes 引流 or a gambling ad, each veto that keeps talk ABOUT them clean, and the blind-set
evaluator. Sentences are written here for the behaviour, not taken from the blind sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qinglang.engine import Engine
from tools import eval_drainage_blind


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def _rules(engine: Engine, text: str, surface: str = "feed") -> dict[str, set[str]]:
    d = engine.moderate({"id": "t", "text": text, "surface": surface})
    out: dict[str, set[str]] = {}
    for lab in d.labels:
        out.setdefault(lab.label, set()).update(e.rule for e in lab.evidence)
    return out


@pytest.mark.parametrize(("text", "frame"), [
    ("想学赚钱的 渠道都放在我主页置顶那条里了 副业一天三百", "frame.drainage.pointer_offer"),
    ("原版高清在我收藏夹里 懂的都懂", "frame.drainage.pointer_offer"),
    ("高仿大牌包包 价格美丽 需要的私我", "frame.drainage.channel_offer"),
    ("这里发不了 平台会删 想看完整的去我粉丝群", "frame.drainage.evasion_pointer"),
    ("想认识的兄弟 薇：k e 九 九 八", "frame.drainage.spelt_handle"),
    ("喜欢的来某🅿️站找我 同名", "frame.drainage.elsewhere"),
    ("想要的评论区扣1 我挨个私发", "frame.drainage.call_channel"),
])
def test_drainage_frames_fire(engine: Engine, text: str, frame: str) -> None:
    rules = _rules(engine, text).get("drainage", set())
    assert any(r.startswith(frame + ".") for r in rules), (text, rules)


@pytest.mark.parametrize("text", [
    "有人在评论区发“看我主页有福利”，大家别点，已经举报了",   # talk about 引流: the warning veto
    "官方抽奖只在本账号置顶的官方小程序参与，不会要求你加私人微信",  # official channel named
    "我的插画都是原创，主页有完整版作品集",                         # a creator's own work
    "周末骑行约起来 就在评论区报名 不私聊",                         # a refusal of private contact
    "本人是Telegram的老用户，它的加密做得不错",                      # an app named, not a move to it
    "宝 我换新手机了 照片发你微信了",                                 # an ordinary private message
    "今天的视频发在B站了 同名 欢迎来玩",                              # one's own channel name, no offer
])
def test_talk_about_drainage_is_not_drainage(engine: Engine, text: str) -> None:
    assert "drainage" not in _rules(engine, text), text


@pytest.mark.parametrize("text", [
    "龙虎斗 一局一分钟 充100送50 秒提现 下载就送",
    "今晚英超 亚盘让一球 跟单的老哥进群 不中包赔",
    "麻将现金局 一分五元 输赢当场结算 群主微信 mj_happy88",
    "VIP晋级礼金已到账 完成1倍流水即可提款",
])
def test_gambling_ads(engine: Engine, text: str) -> None:
    assert "gambling" in _rules(engine, text), text


@pytest.mark.parametrize("text", [
    "【中国体育彩票】第24100期大乐透开奖公告已发布，请理性购彩",
    "昨晚英超比分二比一，主队逆转",
    "周末和家人打麻将，输了二十块",
    "警方破获一起网络赌博案，涉案平台以“首充送彩金”引诱群众",
])
def test_lottery_sport_and_reports_are_not_gambling(engine: Engine, text: str) -> None:
    assert "gambling" not in _rules(engine, text), text


@pytest.mark.parametrize("text", ["举报违法信息请登录 www.12377.cn", "网络违法犯罪举报网站 cyberpolice.cn",
                                  "查学历请上学信网 chsi.com.cn"])
def test_official_sites_are_not_contact_info_acts(engine: Engine, text: str) -> None:
    d = engine.moderate({"id": "t", "text": text})
    assert d.action == "pass"
    assert "drainage" not in {lab.label for lab in d.labels}


def test_evaluator_counts_recall_fpr_and_lists_evidence(engine: Engine, tmp_path: Path) -> None:
    rows = [
        {"id": "p1", "split": "dev", "content": {"id": "p1", "text": "高仿大牌包包 价格美丽 需要的私我"},
         "expect": {"violation": True, "labels": ["drainage"], "action_at_least": "block"}},
        {"id": "p2", "split": "dev", "content": {"id": "p2", "text": "今天天气很好"},
         "expect": {"violation": True, "labels": ["drainage"], "action_at_least": "block"}, "note": "a miss"},
        {"id": "n1", "split": "dev", "content": {"id": "n1", "text": "周末去爬山了"},
         "expect": {"violation": False, "labels": [], "action_at_least": "pass"}, "hard_negative": True},
        {"id": "h1", "split": "holdout", "content": {"id": "h1", "text": "周末去看海"},
         "expect": {"violation": False, "labels": [], "action_at_least": "pass"}},
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    res = eval_drainage_blind.evaluate(engine, eval_drainage_blind.load(path, "dev"))
    assert res["n"] == 3
    assert res["rows"]["caught"] == 1 and res["rows"]["violations"] == 2
    assert res["recall"] == 0.5 and res["fpr"] == 0.0
    assert res["labels"]["drainage"]["tp"] == 1 and res["labels"]["drainage"]["fn"] == 1
    assert [w["id"] for w in res["wrong"]] == ["p2"]
    hit = eval_drainage_blind.evaluate(engine, eval_drainage_blind.load(path, "dev")[:1])["labels"]["drainage"]
    assert hit["precision"] == 1.0
    assert eval_drainage_blind.main([str(path), "--split", "holdout", "--misses"]) == 2  # misses: dev only


# Session 7 (issue 16): behaviour classes, sentences written here for the class (not taken from the blind sets).
@pytest.mark.parametrize(("text", "label"), [
    ("想要没打码原图的 主页置顶自取", "drainage"),                     # an uncensored version behind a pointer
    ("深夜陪聊 抠抠：5 2 8 8 6 6 1 3 3", "drainage"),                   # 扣扣 spelt by a homophone
    ("加拿大28 稳定计划 一把一结 进群私我", "gambling"),                # a fast lottery by its street name
    ("在家给店铺写好评 每单8元 日结 想做的加群", "water_army"),          # paid engagement recruited
    ("大乐透内部号码 中奖率90% 需要的回复1", "gambling"),               # "inside numbers" of a state lottery
])
def test_session7_classes_are_caught(engine: Engine, text: str, label: str) -> None:
    d = engine.moderate({"id": "t", "text": text})
    assert d.action != "pass" and label in {lab.label for lab in d.labels if lab.policy_rule}, (text, d.labels)


@pytest.mark.parametrize("text", [
    "【某游戏】签到送金币翻倍，金币仅限游戏内使用，不可兑换现金",      # game credit that never becomes money
    "原味酸奶买一送一 点击 https://m.lvyuan.com.cn/Coupon 领券",       # a company's own site; 原味 is a flavour
    "我快手号是wang_1988，加一下，把我闺女百天的照片发你",              # an account handed to family
    "科普一下：评论区的➕V就是加微信的意思，看到一律别加，直接举报",    # the slang explained to warn
    "商务合作请发邮件，私信砍价和代刷数据的一律不回",                  # a refusal of the requests
    "寻猫启事：橘猫走失，有线索请联系13812345678",                      # a bare phone number: contact_info only
])
def test_session7_hard_negatives_are_not_acted_on(engine: Engine, text: str) -> None:
    d = engine.moderate({"id": "t", "text": text})
    assert d.action == "pass", (text, d.labels)


def test_a_handle_quoted_in_a_warning_is_not_drainage(engine: Engine) -> None:
    warning = "防骗科普：这类网站常把网址拆成“k y 点 v i p”写，看到一律别输入，直接举报"
    d = engine.moderate({"id": "t", "text": warning})
    assert "drainage" not in {lab.label for lab in d.labels if lab.policy_rule}, d.labels
    # the same quoted address in an ad, without the talk-about cue, is still a disguised link
    d = engine.moderate({"id": "t", "text": "福利网址“k y 点 v i p”懂的来"})
    assert "drainage" in {lab.label for lab in d.labels if lab.policy_rule}, d.labels


@pytest.mark.parametrize("text", [
    "【某娱乐】新人体验金888元已到账 点 https://q7.ee/Xa2 领取",     # casino money + a bare short link
    "棋牌新服上线 充1送1 戳 u.nu/Ab9 秒到",
])
def test_casino_bonus_with_a_link_is_drainage(engine: Engine, text: str) -> None:
    d = engine.moderate({"id": "t", "text": text})
    assert "drainage" in {lab.label for lab in d.labels if lab.policy_rule}, (text, d.labels)
