"""Room classes of session 13 (issue 20): viewers' doubts said before the host's evidence (witness.py), a sales
figure claimed against the one the room shows (counts.py), a concealment that is no rebuke, and the cue classes
added to cues.yaml. Real RoomManager over real messages."""

from __future__ import annotations

import pytest

from qinglang.live import counts, witness
from qinglang.live.room import Room, RoomManager

HOST = {"id": "h-1", "role": "host"}
IDLE = ["今天天气不错", "哈哈", "刚下班", "声音有点小", "卡了吗", "路过", "来了", "晚上好", "吃了吗", "看看"]
CURE = "这款茶喝一个疗程，血糖就下来了"  # the host's efficacy claim (false_ad, 1.2)


def viewer(i: int) -> dict[str, str]:
    return {"id": f"u-{i}", "role": "viewer"}


@pytest.fixture
def manager(engine) -> RoomManager:
    return RoomManager(engine)


def feed(m: RoomManager, room_id: str, msgs: list[tuple[dict[str, str], str] | tuple[dict[str, str], str, str]],
         meta: dict | None = None) -> Room:
    m.room(room_id, meta or {"category": "带货"})
    room = m.get(room_id)
    assert room is not None
    for author, text, *kind in msgs:
        default = "transcript" if author["role"] != "viewer" else "bullet"
        m.observe(room_id, {"id": f"m{room.seq}", "kind": kind[0] if kind else default, "text": text,
                            "author": author, "ts": "2024-07-14T20:20:00+08:00"})
    return room


def idle(n: int, start: int = 0) -> list[tuple[dict[str, str], str]]:
    return [(viewer(100 + start + i), IDLE[(start + i) % len(IDLE)]) for i in range(n)]


def cues(room: Room, prefix: str) -> list[str]:
    return [e.cue for e in room.timeline if e.cue.startswith(prefix)]


# --- witness.py: doubts kept until the host gives evidence --------------------------------------------------
def test_doubts_said_before_the_hosts_claim_count_when_the_claim_comes(manager):
    room = feed(manager, "k1", [(HOST, "家人们晚上好"), (viewer(1), "又是演的吧"), *idle(3),
                                (viewer(2), "这号上周不是卖蜂蜜的吗，也是这么说"), *idle(3)])
    assert room.score == 0 and len(room.doubted) == 2  # nothing the host said yet: the doubts are only kept
    feed(manager, "k1", [(HOST, CURE)])
    kept = [e for e in room.timeline if e.cue.endswith(":kept")]
    assert len(kept) == 2 and {e.label for e in kept} == {"false_ad"} and {e.weight for e in kept} == {witness.WEIGHT}
    assert "血糖" in kept[0].text  # the evidence shown is the host's line that took the doubts up
    assert not room.doubted


def test_doubts_never_act_on_a_room_whose_host_gives_no_evidence(manager):
    doubts = ["演的吧", "托儿吧", "剧本", "摆拍", "假的", "群演"]
    room = feed(manager, "k2", [(HOST, "今天卖点自家种的橘子"), *[(viewer(i), t) for i, t in enumerate(doubts)],
                                (HOST, "橘子十斤一箱，包邮")])
    assert room.action == "none" and cues(room, "crowd:") == []


def test_one_viewer_doubting_again_counts_once_and_old_doubts_not_at_all(manager):
    room = feed(manager, "k3", [(viewer(1), "演的吧"), (viewer(1), "肯定是演的"), (HOST, CURE)])
    assert len(cues(room, "crowd:")) == 1
    old = feed(manager, "k4", [(viewer(1), "演的吧"), *idle(witness.SPAN + 1), (HOST, CURE)])
    assert cues(old, "crowd:") == []


# --- counts.py: the host's figure against the room's ----------------------------------------------------------
def test_figures_read_as_numbers():
    assert counts.number("十二万") == 120_000
    assert counts.number("十几万") == 110_000  # 几 reads low
    assert counts.number("三百") == 300
    assert counts.number("1.5万") == 15_000
    assert counts.number("４２０") == 420
    assert counts.number("好多") is None


def test_a_claimed_figure_ten_times_the_shown_one_is_water_army_once(manager):
    room = feed(manager, "c1", [(HOST, "这款锅今天已经卖出去两万多单了"), *idle(4),
                                (HOST, "商品 不粘锅 已售 860 件", "event"), *idle(2),
                                (HOST, "商品 不粘锅 已售 870 件", "event")])
    hit = [e for e in room.timeline if e.cue == "count:inflated"]
    assert len(hit) == 1 and hit[0].label == "water_army" and hit[0].weight == counts.WEIGHT


def test_a_viewer_reading_the_display_back_completes_the_pair(manager):
    room = feed(manager, "c2", [(HOST, "后台已经三万单了"), (viewer(1), "链接上销量才显示两百多")])
    assert cues(room, "count:") == ["count:inflated"]


def test_figures_that_agree_or_stand_alone_say_nothing(manager):
    honest = feed(manager, "c3", [(HOST, "今天卖了九百多单，谢谢家人们"), (HOST, "商品 茶叶 已售 920 件", "event")])
    alone = feed(manager, "c4", [(HOST, "这个月我们卖了十万单"), *idle(5)])
    shown = feed(manager, "c5", [(HOST, "商品 茶叶 已售 12 件", "event"), (viewer(1), "销量才12件")])
    shop = feed(manager, "c6", [(HOST, "我们店这些年累计卖了十万单"), (HOST, "商品 茶叶 已售 860 件", "event")])
    assert cues(honest, "count:") == cues(alone, "count:") == cues(shown, "count:") == cues(shop, "count:") == []


# --- room.py: a concealment is no rebuke of the 弹幕 -------------------------------------------------------------
def test_a_host_hiding_the_show_from_recording_does_not_silence_the_requests(manager):
    hide = feed(manager, "r1", [(HOST, "别录屏啊，录屏的我直接拉黑"), (viewer(1), "转个身")], {"category": "聊天"})
    assert cues(hide, "sexual_request") == ["sexual_request"]
    rebuke = feed(manager, "r2", [(HOST, "低俗的弹幕我直接拉黑"), (viewer(1), "转个身")], {"category": "聊天"})
    assert cues(rebuke, "sexual_request") == []


# --- cues.yaml classes --------------------------------------------------------------------------------------------
def test_a_pose_named_first_and_priced_after_is_a_priced_pose(manager):
    room = feed(manager, "p1", [(HOST, "想看我下腰的话，要两个嘉年华哦")], {"category": "聊天"})
    assert cues(room, "gift_priced_pose") == ["gift_priced_pose"]
    song = feed(manager, "p2", [(HOST, "想听下一首的话，要两个嘉年华哦")], {"category": "才艺"})
    assert cues(song, "gift_priced_pose") == []


def test_an_order_framed_as_help_joins_a_hardship_story(manager):
    room = feed(manager, "h1", [(HOST, "孩子学费还没着落，地里的桃子烂了一半"),
                                (HOST, "大家拍一箱桃子就是帮孩子上学了")])
    assert cues(room, "combo:plea_sales") == ["combo:plea_sales"]


def test_viewers_doubting_the_figures_or_the_accounts_back_up_the_host(manager):
    room = feed(manager, "d1", [(HOST, CURE), (viewer(1), "刷好评的都是刚注册的小号吧")])
    assert cues(room, "crowd:") == ["crowd:crowd_staged"]


def test_viewers_vouching_with_results_back_up_a_claiming_host_only(manager):
    room = feed(manager, "t1", [(HOST, CURE), (viewer(1), "我妈喝了三盒，血糖真下来了")])
    assert cues(room, "crowd:") == ["crowd:crowd_shill"]
    quiet = feed(manager, "t2", [(HOST, "今天的橘子很甜"), (viewer(1), "回购好几次了")])
    assert quiet.score == 0 and cues(quiet, "crowd:") == []
