"""引流 pointers with no handle and gambling by its structure (issue 16, session 16, drain16): a pointer or an
invitation that names no channel is 引流 beside a lure to the public another detector acted on; the chat id "the
same as" the account name; an id held by a field that only holds names; a link written apart is not excused by
客服; gambling by a win withdrawn plus an invitation, a turnover met before a withdrawal, a run of draws hit, an
invitation code's gift; and innocent neighbours — a victim asking about a link a bank's name came with, a visitor
met, advice to a parent to stop playing, late-night food, a sport's meet-up.

Sentences written here, not taken from any blind, unseen, twin or corpus set.
"""

from __future__ import annotations

import pytest

from qinglang.detectors.contact.pointers import lured, pointers
from qinglang.engine import Engine

from .support import acted_rules as _decide


@pytest.mark.parametrize("text, span", [
    ("时时彩稳稳回血 连挂包赔 看我昵称", "看我昵称"),
    ("学生妹上门 全套 有意者私", "有意者私"),
    ("百家乐真人上分 今晚的单已经发群里了", "发群里了"),
    ("出成人片资源 要的话给你发网盘", "给你发网盘"),
])
def test_a_channel_less_pointer_beside_a_lure_is_drainage(engine: Engine, text: str, span: str) -> None:
    d = engine.moderate({"id": "t", "text": text, "surface": "comment"})
    ev = [e for lr in d.labels if lr.label == "drainage" and lr.policy_rule for e in lr.evidence
          if e.rule == "contact.pointer.lured"]
    assert ev, d.to_json()
    assert ev[0].text == span and ev[0].normalized and ev[0].context_word  # the lure's rule is named


@pytest.mark.parametrize("text", [
    "换了个新头像，看我头像可爱吗",  # a look at the avatar, no lure
    "演出回放都在我主页，大家去看",  # the creator's own page
    "想要的私我，我把笔记发你",  # a study note among people, no lure
    "提醒：看到“要的私”“发群里了”这种评论直接举报，都是赌博引流",  # a warning quoting the words
])
def test_the_same_words_without_a_lure_add_nothing(engine: Engine, text: str) -> None:
    action, labels = _decide(engine, text)
    assert "contact.pointer.lured" not in labels.get("drainage", []), (action, labels)


def test_lured_spans_keep_their_limits() -> None:
    assert lured("想要的私人定制款找客服") == []  # 私人, not "message me"
    assert lured("我家猫的头像换好了") == []  # a field talked about, not looked at


@pytest.mark.parametrize("text, span", [
    ("vx同名，加的时候备注来意", "vx同名"),
    ("微信同抖音号，直接搜", "微信同抖音号"),
    ("号在签名里，自己找", "号在签名"),
    ("接单中，主页留了方式", "主页留了方式"),
    ("点赞员每单5元 主页有联系", "主页有联系"),
])
def test_a_handle_kept_in_the_account_name(text: str, span: str) -> None:
    got = [text.replace(" ", "")[a:b] for a, b in pointers(text.replace(" ", ""))]
    assert span in got, got


def test_a_link_written_apart_is_not_a_service_by_its_neighbours(engine: Engine) -> None:
    action, labels = _decide(engine, "新站 kk77 点 top 充值找客服")
    assert action != "pass" and "contact.url.obfuscated" in labels.get("drainage", []), (action, labels)
    # a bank named beside it still makes it a public matter (a victim asking), as before: the link is not scored
    _, labels = _decide(engine, "短信让我登录bank-xx点top改密码，我填了银行卡号，现在要先冻结吗")
    assert "contact.url.obfuscated" not in labels.get("drainage", []), labels
    action, labels = _decide(engine, "客服热线见官网 www.example.com")
    assert "drainage" not in labels or action == "pass" or "contact.url.obfuscated" not in labels["drainage"]


@pytest.mark.parametrize("text, rule", [
    ("哥 那个平台提款很快 我昨天提了八千 你要玩的话我拉你", "frame.gambling.won_invite"),
    ("会员您好，本月流水完成即可提现，速登", "frame.gambling.turnover"),
    ("六合彩内部资料 连中五期 回复领取", "frame.gambling.lottery_tip"),
    ("这个app注册填邀请码8080送88，能提现", "frame.gambling.bonus_cashout"),
])
def test_gambling_by_its_structure(engine: Engine, text: str, rule: str) -> None:
    action, labels = _decide(engine, text, "private_chat")
    assert action != "pass" and any(r.startswith(rule) for r in labels.get("gambling", [])), (action, labels)


@pytest.mark.parametrize("text", [
    "我手机号就是微信 13800001111，你到了出站口打给我，我开车过来接你",  # a visitor met
    "妈，那种充钱能换钱的捕鱼游戏都别玩，我帮你删了",  # advice to a parent
    "我这个月卖出了三千多单，你要不要试试做电商",  # a sale, not a win withdrawn
])
def test_innocent_neighbours(engine: Engine, text: str) -> None:
    action, labels = _decide(engine, text)
    assert "gambling" not in labels and "drainage" not in labels, (action, labels)


def test_late_night_food_and_a_sports_meetup_are_not_sex_codes(engine: Engine) -> None:
    _, labels = _decide(engine, "小店烧烤包夜宵外送，营业到凌晨三点")
    assert "porn" not in labels, labels
    _, labels = _decide(engine, "同城约球，周日上午，场地费AA")
    assert "porn" not in labels, labels


def test_a_look_alike_of_wei_and_an_invite_host_written_apart(engine: Engine) -> None:
    action, labels = _decide(engine, "加溦 abc_8899 自取")  # 溦 folded to 微 (lookalike.tsv, evasion override)
    assert action != "pass" and "drainage" in labels, (action, labels)
    action, labels = _decide(engine, "每天更新 t点me/abc_8899")  # an invite host with its path, its dot written 点
    assert "contact.telegram.invite" in labels.get("drainage", []), (action, labels)


@pytest.mark.parametrize("text, label", [
    ("出实名号 带粉老号 要的私", "drainage"),  # accounts sold by their kind, a private reply promised
    ("斗地主一分五块 老朋友都在 群里扫码进", "gambling"),  # a stake per point, either order
    ("双色球看我简介 跟单的全中了 包月199", "gambling"),  # a following said to have all won
])
def test_offers_read_by_their_structure(engine: Engine, text: str, label: str) -> None:
    action, labels = _decide(engine, text)
    assert action != "pass" and label in labels, (action, labels)


def test_a_creators_replay_on_their_own_page_is_not_a_pointer(engine: Engine) -> None:
    action, labels = _decide(engine, "想看完整版的去我主页第一条，是昨晚音乐会的全程回放")
    assert "drainage" not in labels, (action, labels)
