"""What the post offers, where, and whether the poster refuses it (issue 16, session 21, drain21):

- an e-mail address named for business with the poster (商务合作请邮件; 简介里的邮箱是商务合作用的) is how a brand
  reaches a creator, not a 引流 channel: `business_mail` vetoes `channel_offer` and `pointer_offer` (the offer's own
  label still acts: 代写…包过 is false_ad). Reading the offer family with a negation scope was tried and dropped: the
  reverse dare (千万别搜“某某影院”) and a question (不寂寞吗) are offers written in negation;
- an address told in the open as a place (地址在人民路社区医院旁) is the shop's premises, where a customer walks in:
  the `premises` family vetoes `channel_offer` as a door number always did; an address kept for a private chat
  (地址私聊) is not one;
- the platform's own shop surfaces (橱窗, 小黄车) beside a price are a sale the platform carries: `storefront` vetoes
  `pointer_price` (a pointer to the profile with a price still fires);
- a search for a name given in place of a handle, dared or promised (千万别搜“某某”，搜了别怪我; 搜'某某'就有), is a
  pointer off the post beside a lure acted on (`pointers.SEARCHED_RE`, `ContactDetector._lured`); without a lure, or
  under a warning or report, it is nothing;
- 约跑 beside a run's words (跑团, 配速) is a run's meet-up, not the homophone of 约炮 (the entry's `forbid`).

Sentences written here, not taken from any blind, unseen, twin or corpus set.
"""

from __future__ import annotations

from qinglang.detectors.contact.pointers import searched
from qinglang.engine import Engine


def _labels(engine: Engine, text: str, surface: str = "comment") -> tuple[str, dict]:
    d = engine.moderate({"id": "t", "text": text, "surface": surface})
    return str(d.action), {lr.label: lr for lr in d.labels}


def test_a_creators_business_mail_with_a_refused_offer_is_not_acted_on(engine: Engine) -> None:
    text = "家居测评号｜所有产品自费购买｜合作请发邮件 home_test@126.com（只接品牌合作，不接代写软文）"
    action, labels = _labels(engine, text)
    assert action == "pass" and ("drainage" not in labels or labels["drainage"].score < 0.35), labels


def test_an_offer_written_in_negation_still_counts(engine: Engine) -> None:
    # the reverse dare and a question are offers written with 别 / 不: the offer family is not read with negation
    action, labels = _labels(engine, "一个人在家不寂寞吗 想聊的看我主页")
    assert action != "pass" and labels["drainage"].score >= 0.35, labels


def test_a_creators_business_mail_is_no_diversion(engine: Engine) -> None:
    for text in ("穿搭博主｜商务合作请邮件 look_daily@163.com",
                 "博主简介里那个邮箱是商务合作的吗？我们是做香薰的小品牌，想约个合作，邮件已发"):
        action, labels = _labels(engine, text)
        assert action == "pass" and ("drainage" not in labels or labels["drainage"].score < 0.35), (text, labels)


def test_an_offer_beside_a_business_mail_is_left_to_its_own_label(engine: Engine) -> None:
    # the mail is not a 引流 channel whatever it sells; the offer's own label (包过: false_ad) still acts
    action, labels = _labels(engine, "代写论文包过，合作请发邮件 home_test@126.com")
    assert action != "pass" and "false_ad" in labels, labels


def test_an_address_told_in_the_open_is_premises(engine: Engine) -> None:
    text = "社区中医推拿，师傅持证上岗，肩颈理疗，地址在解放路菜市场对面"
    _, labels = _labels(engine, text)
    assert "drainage" not in labels or labels["drainage"].score < 0.35, labels


def test_an_address_kept_for_a_private_chat_is_not_premises(engine: Engine) -> None:
    action, labels = _labels(engine, "男士按摩 全套服务 地址私聊")
    assert action != "pass" and labels["drainage"].score >= 0.35, labels


def test_the_platforms_own_shop_window_beside_a_price_is_no_diversion(engine: Engine) -> None:
    _, labels = _labels(engine, "自己烤的曲奇，一盒45，链接挂在主页橱窗里，两盒包邮")
    assert "drainage" not in labels or labels["drainage"].score < 0.35, labels
    # a shop with its door address, its page named for the booking line: a shop, not a diversion
    _, labels = _labels(engine, "本店早10点到晚8点营业 洗剪吹25 预约电话见店铺主页 地址:建设路56号(银行旁边)")
    assert "drainage" not in labels or labels["drainage"].score < 0.35, labels
    # the profile itself beside a price is still a pointer with a price (the frame is not silenced)
    action, labels = _labels(engine, "自己烤的曲奇，一盒45，想要的看主页，两盒包邮")
    assert action != "pass" and labels["drainage"].score >= 0.35, labels


def test_a_dared_search_for_a_name_is_a_pointer_beside_a_lure(engine: Engine) -> None:
    text = "千万别搜“蜜桃小屋520”，搜了别怪我没提醒，无码的"
    assert searched(text)
    action, labels = _labels(engine, text)
    assert action != "pass" and "drainage" in labels, labels
    ev = [e for e in labels["drainage"].evidence if e.rule == "contact.pointer.lured"]
    assert ev and text[ev[0].start:ev[0].end].startswith("搜“蜜桃小屋520”"), ev
    assert ev[0].context_word and ev[0].context_word.startswith(("lexicon.", "model.", "frame.")), ev


def test_a_dared_search_without_a_lure_or_under_a_warning_is_nothing(engine: Engine) -> None:
    for text in ("千万别搜“酸辣粉测评”，搜了别怪我没提醒，半夜饿醒",
                 "千万别搜“蜜桃小屋520”，全是色情诈骗网站，已经举报了"):
        _, labels = _labels(engine, text)
        assert "drainage" not in labels or labels["drainage"].score < 0.35, (text, labels)


def test_a_runs_meet_up_is_not_the_homophone(engine: Engine) -> None:
    action, labels = _labels(engine, "周日早上6点，江边跑团约跑半马，配速5分半，新跑友欢迎")
    assert action == "pass" and ("porn" not in labels or not labels["porn"].policy_rule), labels
    action, labels = _labels(engine, "寂寞吗 今晚约跑 妹子多 私我")
    assert action != "pass" and "porn" in labels, labels
