"""Room readings of session 19 (issue 20): a number the host reads out in groups in an ASR transcript (spelled.py
`spoken_number`, reassemble.py), the host's own cart ending a debunk (room.py, cues.yaml `cart`), a gift that makes a
named guest give the tipper her contact (cues.yaml `gift_access`). Real RoomManager over real messages (sentences
written for the tests, not taken from a room set)."""

from __future__ import annotations

import pytest

from qinglang.live.room import Room, RoomManager
from qinglang.live.spelled import spoken_number

from .support import HOST, feed, viewer

GUEST = {"id": "g-1", "role": "guest"}


@pytest.fixture
def manager(engine) -> RoomManager:
    return RoomManager(engine)


def _cues(room: Room) -> list[str]:
    return [ev.cue for ev in room.timeline]


@pytest.mark.parametrize(("said", "read"), [
    ("微信是，呃，二八四，五零九，拐拐六", "微信是，二八四五零九拐拐六"),
    ("电话，一五九，嗯，零二一三，四四八六", "电话，一五九零二一三四四八六"),
])
def test_a_number_read_out_in_groups_is_read_as_said(said, read):
    assert spoken_number(said) == read


@pytest.mark.parametrize("said", [
    "今天到手价九十九，两瓶一百八十五",     # a price read out: 十 / 百 are no digits dictated one by one
    "二零二四年，七月，一号开播",           # a date: no run of five number characters
    "嗯，大家晚上好，我们开始吧",           # hesitations, no number
    "一二三四五六，跟着节拍走",             # a run the normaliser already reads whole (no pause inside)
])
def test_no_paused_number_no_spoken_reading(said):
    assert spoken_number(said) is None


DICTATING_HOST = [(HOST, "transcript", "家人们晚上好，今天给大家看看新到的茶叶"),
                  (viewer(1), "bullet", "多少钱"),
                  (HOST, "transcript", "这个平台上不好说，你们加一下我的扣扣，扣扣是，呃，五七二，幺零九，三三八")]


def test_a_qq_number_the_host_reads_out_in_groups_is_a_contact(manager):
    room = feed(manager, "dictating", DICTATING_HOST)
    assert any(c.startswith("reassembled:author:contact.") for c in _cues(room))
    assert room.action == "review"  # 引流: held for review (verdict.py floor)


def test_the_same_groups_in_a_viewer_message_are_left_to_the_crowd_window(manager):
    # the spoken reading is the host's ASR transcript's: a viewer types its own commas
    room = feed(manager, "typed", [(viewer(2), "bullet", "我的成绩，五七二，一零九，三三八")])
    assert not any(c.startswith("reassembled:") for c in _cues(room))


# an exposé stream that turns to sell the host's own goods with cure claims
EXPOSE_THEN_SELL = [(HOST, "transcript", "今天带大家曝光一家黑心店，他们卖的阿胶全是假的，大家千万别上当"),
                    (viewer(1), "bullet", "太黑了"),
                    (HOST, "transcript", "这种都是骗局，大家一定要警惕"),
                    (viewer(2), "bullet", "那去哪买"),
                    (HOST, "transcript", "我们自己家的阿胶，三号链接，吃了补气血，治失眠，三高都能降下来")]


def test_the_hosts_own_cart_after_an_expose_ends_the_debunk(manager):
    room = feed(manager, "expose", EXPOSE_THEN_SELL)
    assert room.debunk_until < room.seq  # the cart line ended the debunk, itself included
    last = [ev for ev in room.timeline if ev.seq == room.seq]
    assert sum(ev.weight for ev in last) >= 1.0  # its cure claims weigh in full


def test_a_warning_after_the_cart_opens_a_debunk_again(manager):
    room = feed(manager, "expose2", [*EXPOSE_THEN_SELL, (HOST, "transcript", "记住，说能停药的都是骗子，千万别信")])
    assert room.debunk_until >= room.seq


def test_a_scam_the_host_quotes_does_not_end_the_debunk(manager):
    # an anti-fraud talk quoting a scam's "一单给你几块钱" (the `sales` family reads it): no cart of the host's own
    quoting = [(HOST, "transcript", "今天讲讲刷单诈骗，大家一定要警惕"),
               (HOST, "transcript", "骗子开头让你点赞，一单给你几块钱，后面就让你垫付")]
    room = feed(manager, "antifraud", quoting)
    assert room.debunk_until >= room.seq


def test_the_platforms_listing_notice_does_not_end_the_debunk(manager):
    # a seller warning about its own product: the platform's listing notice is no pitch of the host's
    warned = [(HOST, "transcript", "先说清楚，保健食品不是药物，有病请遵医嘱"),
              (HOST, "event", "商品「维生素C片」已上架小黄车")]
    room = feed(manager, "notice", warned)
    assert room.debunk_until >= room.seq


DATING = [(HOST, "transcript", "欢迎来到相亲直播间，今天的女嘉宾是小雅，单身，想找个踏实的"),
          (GUEST, "transcript", "大家好，我是小雅"),
          (viewer(1), "bullet", "小雅好"),
          (HOST, "transcript", "哥哥们喜欢小雅的，刷个火箭让小雅加你好友")]


def test_a_gift_that_makes_a_named_guest_give_her_contact_is_access_priced_in_gifts(manager):
    room = feed(manager, "dating", DATING, {"category": "交友"})
    assert "gift_access" in _cues(room)
    assert "combo:dating_access" in _cues(room)


def test_a_gift_thanked_with_a_cheer_is_no_access(manager):
    room = feed(manager, "cheer", [(HOST, "transcript", "谢谢大哥送的火箭，让大家一起加油")], {"category": "才艺"})
    assert "gift_access" not in _cues(room)


SYS = {"id": "sys", "role": "host"}  # the platform's notices come as the host's events
# viewers pressing a singer with body requests; she asks the room's moderators to act, and they ban one after another
BANNED = [(HOST, "transcript", "今天给大家唱几首老歌"), (viewer(1), "bullet", "站起来转一圈给看看腿"),
          (viewer(2), "bullet", "穿黑丝吧"), (HOST, "transcript", "房管帮忙处理一下，我们继续唱歌"),
          (SYS, "event", "路人甲 已被房管禁言"), (viewer(3), "bullet", "唱什么歌 弯个腰给看看"),
          (SYS, "event", "夜猫子 已被房管禁言"), (SYS, "event", "大刀哥 已被房管禁言")]


def test_a_ban_with_no_doubt_before_it_rebukes_the_viewers(manager):
    room = feed(manager, "ban", BANNED[:5])
    assert room.rebukes == 2  # the host's call to the moderators, then the ban notice


def test_bans_once_the_viewers_were_rebuked_count_as_viewers_who_went_on(manager):
    room = feed(manager, "bans", BANNED)
    assert "unheeded:viewers" in _cues(room)
    assert room.action != "none"
    assert room.target == "viewers"  # 弹幕 management, not the host


def test_a_ban_in_a_room_whose_viewers_sent_nothing_read_adds_nothing(manager):
    calm = [(HOST, "transcript", "今天给大家唱几首老歌"), (viewer(1), "bullet", "好听"),
            (HOST, "transcript", "房管帮忙看一下弹幕"), (SYS, "event", "路人甲 已被房管禁言"),
            (SYS, "event", "夜猫子 已被房管禁言"), (SYS, "event", "大刀哥 已被房管禁言")]
    room = feed(manager, "calm", calm)
    assert "unheeded:viewers" not in _cues(room)
    assert room.action == "none"


def test_a_doubter_banned_is_still_silenced_not_a_rebuke(manager):
    # a viewer doubting the scene, then banned right after: the room silencing a doubter (silence_doubt)
    room = feed(manager, "silenced", [(HOST, "transcript", "这款面霜用一次皱纹就没了"),
                                      (viewer(1), "bullet", "这是摆拍吧 托太明显了"),
                                      (SYS, "event", "较真的人 已被房管禁言")])
    assert room.rebukes == 0


# a teacher declining a schoolchild's gift, then explaining why over the next lines
DECLINED = [(HOST, "transcript", "今天练书法，先写一个永字"), (viewer(1), "bullet", "老师我想给你刷个火箭"),
            (HOST, "transcript", "别刷礼物，你还是学生，一分钱都不要刷"), (viewer(1), "bullet", "我有压岁钱"),
            (HOST, "transcript", "压岁钱也留着，那是你自己的钱，老师不收未成年人的礼物"),
            (viewer(1), "bullet", "是我妈妈的手机"),
            (HOST, "transcript", "你用的是爸爸妈妈的手机，绑定的是他们的卡，那就更不能用了")]


def test_the_gift_talk_after_a_host_declined_gifts_explains_the_refusal(manager):
    room = feed(manager, "declined", DECLINED, {"category": "才艺", "viewer_minor_share": 0.3})
    assert room.gifts_declined_until >= room.seq
    assert room.labels.get("minors_harm", 0.0) < 0.5
    assert room.action == "none"


def test_turning_to_the_adults_for_gifts_ends_the_refusal(manager):
    turned = [*DECLINED, (HOST, "transcript", "小朋友别刷，大哥们冲起来，火箭走一波")]
    room = feed(manager, "turned", turned, {"category": "才艺", "viewer_minor_share": 0.3})
    assert room.gifts_declined_until == 0
    assert room.labels.get("minors_harm", 0.0) > 0.0


def test_a_verified_shops_cart_after_a_scam_warning_keeps_the_warning(manager):
    # a shop's official (platform-verified) account warning about impersonators, then selling: its warnings stand
    verified = [(HOST, "transcript", "有人冒充我们客服让你加微信退款，那个是骗子，大家千万别上当"),
                (HOST, "transcript", "今天的洋槐蜜，小黄车一号，六十八一斤")]
    room = feed(manager, "verified", verified, {"category": "带货", "host": {"id": "h-1", "verified": True}})
    assert room.debunk_until >= room.seq
    unverified = feed(RoomManager(manager.engine), "unverified", verified, {"category": "带货"})
    assert unverified.debunk_until < unverified.seq
