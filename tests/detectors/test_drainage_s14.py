"""引流 forms without a chat handle and innocent neighbours of 引流 (issue 16, session 14, drain14): a QR code or an
add at a place on the profile, a Telegram search after 飞机, a chat id "the same as my number", a group's password;
a clock time is not the card game 21点, the platform's own chat named as the place to talk, the poster's own edit.

Sentences written here, not taken from any blind, unseen or twin set.
"""

from __future__ import annotations

import pytest

from qinglang.detectors.contact.handles import mentions
from qinglang.detectors.contact.pointers import pointers, same_number
from qinglang.engine import Engine

from .support import acted_rules as _decide


@pytest.mark.parametrize("text, span", [
    ("你说的那个网站我知道 去我主页第二个作品封面右上角 扫一下就行", "主页第二个作品封面右上角 扫一下"),
    ("想进的扫我头像 人满就关", "扫我头像"),
    ("周末组局打台球 想来的兄弟简介加", "简介加"),
    ("新品到了 先到先得 vx手机同号", "vx手机同号"),
    ("完整的只发会员群 入群口令：樱桃", "群 入群口令："),
])
def test_a_place_a_scan_an_add_a_same_number_id_and_a_group_password_are_pointers(
        engine: Engine, text: str, span: str) -> None:
    d = engine.moderate({"id": "t", "text": text, "surface": "comment"})
    ev = [e for lr in d.labels if lr.label == "drainage" for e in lr.evidence if e.rule == "contact.pointer"]
    assert d.action != "pass" and ev, d.to_json()
    assert ev[0].text == span and ev[0].normalized == span.replace(" ", "").lower()


def test_the_new_pointers_keep_their_limits() -> None:
    assert pointers("头像加了个滤镜，好看吗") == []  # an edit of the avatar, not an add at it
    assert pointers("主页的视频我剪了好久") == []  # a place, no scan, no add
    assert pointers("复制这段淘口令打开淘宝") == []  # a shopping code, not a group's password
    assert pointers("群里发了红包口令，快去抢") == []  # a gift code
    assert pointers("租房的看置顶图里的联系方式，扫码加我约看房时间") == []  # a named contact
    canon = "微信同号"
    assert same_number(canon, pointers(canon)[0])


def test_a_same_number_id_beside_the_number_is_the_phone(engine: Engine) -> None:
    d = engine.moderate({"id": "t", "text": "家电维修 电话微信同号13812345678 明码标价", "surface": "local"})
    rules = [e.rule for lr in d.labels for e in lr.evidence]
    assert "contact.pointer" not in rules


def test_a_search_after_a_bare_plane_is_a_telegram_id() -> None:
    text = "想看的都在飞机上 搜 @abc_cinema88"
    (h,) = mentions(text)
    assert h.kind == "telegram" and h.value == "telegram:abc_cinema88"
    (m,) = mentions("刚下飞机，@lily_2024 你到了吗")  # travel: no search
    assert m.kind == "mention"


def test_a_clock_time_is_not_the_card_game(engine: Engine) -> None:
    action, labels = _decide(engine, "社区理发店 老人半价 营业时间8-21点 节假日不休", surface="local")
    assert action == "pass" and "gambling" not in labels
    action, labels = _decide(engine, "线上21点 充值秒到 赢了直接提现 加群")
    assert action != "pass" and "gambling" in labels


def test_the_platforms_own_chat_named_as_the_place_to_talk(engine: Engine) -> None:
    assert _decide(engine, "衣服已经寄出了 物流有问题在淘宝上聊吧 平台不让加微信")[0] == "pass"
    action, labels = _decide(engine, "在闲鱼聊不方便 加我v：qwe_5566 价格好说")
    assert action != "pass" and "drainage" in labels


def test_the_posters_own_edit_shown_in_the_last_picture(engine: Engine) -> None:
    assert _decide(engine, "第一次学调色，调后和原图的对比放最后一张啦")[0] == "pass"


@pytest.mark.parametrize("text, label", [
    ("来品茶的老板 全国可安排 嘴严 加v：cha_8866", "porn"),
    ("超涩涩的写真 完整版加v：pic_2025", "porn"),
    ("周末美女荷官在线发牌 网址：k 8 8 点 c c", "gambling"),
    ("今晚英超胆拖方案免费领 群在主页", "gambling"),
    ("新号上粉 一千粉二十块 加v：fans_777", "water_army"),
])
def test_a_caught_contact_carries_the_label_of_its_goods(engine: Engine, text: str, label: str) -> None:
    action, labels = _decide(engine, text)
    assert action != "pass" and "drainage" in labels and label in labels, labels


def test_the_tea_trade_is_not_the_tea_euphemism(engine: Engine) -> None:
    _action, labels = _decide(engine, "今年的明前龙井到了 茶园直发 五十克一罐 加v：tea_shop01", surface="feed")
    assert "porn" not in labels


def test_the_idioms_the_new_lures_sit_in(engine: Engine) -> None:
    assert _decide(engine, "考试前一晚瑟瑟发抖，背地里福利都不敢想")[0] == "pass"
    _action, labels = _decide(engine, "楼上粉丝说得对 加v：abc_12345 一起讨论")
    assert "water_army" not in labels
    _action, labels = _decide(engine, "家电清洗 上门服务 时间可约 加v：clean_2025")  # a booking
    assert "porn" not in labels
