"""Room classes of session 14 (issue 20): the ceiling of a room action by behaviour (verdict.py `ceiling`), a
platform notice that is no refusal, rebuke or debunk (cues.yaml `notice_act` / `notice_topic`), and a handle
dictated after a message that is only a contact word (spelled.py). Real RoomManager over real messages."""

from __future__ import annotations

import pytest

from qinglang.live.messages import RANK, Thresholds
from qinglang.live.room import Room, RoomManager
from qinglang.live.spelled import spelled_handle
from qinglang.live.verdict import ceiling

from .support import HOST, engine_without_heads, feed, viewer

SYS = {"id": "sys", "role": "host"}


@pytest.fixture
def manager(engine) -> RoomManager:
    return RoomManager(engine)


QUACK = ["这款茶喝一个疗程，血糖就下来了", "糖尿病喝了三个月就好了，胰岛素都停了",
         "我是三甲医院退休的主任，这是祖传秘方", "高血压喝了就降下来，不用吃药",
         "无副作用，根治，不复发", "癌细胞都能消，化疗都不用做了"]


def test_a_quack_room_is_held_for_review_not_ended_however_loud(manager):
    room = feed(manager, "quack", [(HOST, "transcript", t) for t in QUACK], {"category": "健康"})
    assert room.score >= Thresholds().end  # the ladder alone would end it
    assert room.action == "review"
    assert ceiling(room, Thresholds()) == "review"


def test_a_gambling_room_still_ends(manager):
    lines = ["充一百送八十八，首存还有返水", "输了包赔，稳赚不赔，带单胜率九成", "上分下分找助理，一比一提现",
             "今天主胜让一球，跟单的兄弟吃到肉了", "下注的私信我拉你进群", "邀请码在简介，现金棋牌随时提"]
    room = feed(manager, "bet", [(HOST, "transcript", t) for t in lines], {"category": "体育"})
    assert room.labels.get("gambling", 0.0) >= Thresholds().warn
    assert room.action == "end"


def test_ceiling_reads_the_behaviour_not_the_amount(manager):
    room = Room("r")
    room.labels = {"false_ad": 9.0, "staged": 4.0}
    assert ceiling(room, Thresholds()) == "review"
    room.labels["porn"] = 2.5
    assert ceiling(room, Thresholds()) == "end"


REQUESTS = ["穿黑丝没", "转个身给看看", "露一下胸", "一晚多少钱", "脱了吧"]


def test_a_platform_reminder_does_not_silence_the_viewers_requests(manager):
    # "文明发言" from the platform's opening notice is shown in every room: not the host rebuking the 弹幕
    msgs = [(SYS, "event", "直播间已开播，文明发言，理性互动")] + [
        (viewer(i), "bullet", t) for i, t in enumerate(REQUESTS)]
    room = feed(manager, "notice", msgs)
    assert room.rebuke_until == 0
    assert room.action != "none"


def test_a_ban_notice_still_rebukes(manager):
    room = feed(manager, "ban", [(SYS, "event", "已将用户5566禁言")])
    assert room.rebuke_until > room.seq


def test_a_platform_fraud_reminder_does_not_discount_the_host(manager):
    room = feed(manager, "remind", [(SYS, "event", "欢迎来到直播间，交友需谨慎，谨防诈骗")])
    assert room.debunk_until == 0
    topic = feed(manager, "topic", [(SYS, "event", "本直播由公安机关认证账号开播，主题：反诈宣传")])
    assert topic.debunk_until > topic.seq  # the stream's own topic frames it as debunking


def test_a_handle_dictated_after_a_bare_contact_word(manager):
    assert spelled_handle(("想看那种的", "薇", "x x 5 2", "0 7 9 9")) == "xx520799"
    assert spelled_handle(("薇", "好看", "12ab")) is None  # words after the contact word: no handle
    assert spelled_handle(("v", "666", "888")) is None  # no letters: spam, not a handle
    msgs = [(viewer(7), "bullet", t) for t in ("想看那种的", "懂得来", "薇", "x x 5 2")] + [
        (viewer(8), "bullet", "甲方都这样"), (viewer(7), "bullet", "0 7 9 9")]
    room = feed(manager, "spell", msgs)
    assert any(e.cue == "reassembled:author:contact.handle.spelled" for e in room.timeline)
    assert RANK[room.action] >= RANK["warn"]


def test_the_engines_learned_heads_on_the_host_count_at_a_lower_weight(manager):
    # "能喝…慢慢把胰岛素减掉" holds none of the room's cue words; the engine's learned false_science head reads it
    room = feed(manager, "heads", [(HOST, "transcript", "能喝 喝了以后慢慢把胰岛素减掉 一个疗程减一针")],
                {"category": "健康"})
    learned = [e for e in room.timeline if e.cue.startswith("engine:model.")]
    assert learned and all(e.weight == pytest.approx(0.4) for e in learned)
    # a viewer saying it is no evidence of the host's; banter on a game stream (abuse) is not read from the heads
    crowd = feed(manager, "heads-v", [(viewer(1), "bullet", "能喝 喝了以后慢慢把胰岛素减掉 一个疗程减一针")])
    assert not any(e.cue.startswith("engine:model.") for e in crowd.timeline)
    game = feed(manager, "heads-g", [(HOST, "transcript", "你全家都是要饭的 你那个粉丝榜一是个秃子吧")],
                {"category": "游戏"})
    assert not any(e.cue.startswith("engine:model.") and e.label == "abuse" for e in game.timeline)


def test_a_qq_group_spelled_over_three_bullets_after_kou_qun(manager):
    msgs = [(viewer(5), "bullet", "扣 群 8 6 7"), (viewer(6), "bullet", "好球"), (viewer(5), "bullet", "2 1 5"),
            (viewer(6), "bullet", "越位了吧"), (viewer(5), "bullet", "0 3 9 进群发红包")]
    room = feed(manager, "qqgroup", msgs, {"category": "体育"})
    assert any(e.cue.startswith("reassembled:author:contact.") for e in room.timeline)


def test_viewers_bullets_the_engine_reads_as_lures_make_a_flood(manager):
    # three viewers whose 弹幕 the engine's own frames and lists read as gambling or a lure within a few messages
    msgs = [(viewer(1), "bullet", "菠菜的兄弟来 大小球 稳的"), (viewer(2), "bullet", "好球"),
            (viewer(3), "bullet", "百家乐 龙虎 也有 日入五千不是梦"),
            (viewer(4), "bullet", "今晚这场有内部消息 想回血的看我主页")]
    room = feed(manager, "bets", msgs, {"category": "体育"})
    engine_hits = [e for e in room.timeline if e.cue.startswith("engine:") and e.weight == pytest.approx(0.45)]
    assert engine_hits, [e.cue for e in room.timeline]
    assert any(e.cue == "flood:viewers" for e in room.timeline)


def test_an_event_reporting_a_viewer_joining_the_fan_club_is_no_tipping_pressure(manager):
    room = feed(manager, "fans", [(SYS, "event", "冰糖雪梨 加入了粉丝团"), (SYS, "event", "大刘 点亮了粉丝团灯牌")])
    assert not any(e.cue == "tipping_pressure" for e in room.timeline)
    host = feed(manager, "fans-h", [(HOST, "transcript", "还差一个火箭 粉丝团的都冲起来")])
    assert any(e.cue == "tipping_pressure" for e in host.timeline)  # the host saying it still is


def test_asr_pauses_do_not_hide_a_pose_priced_in_gifts(manager):
    room = feed(manager, "asr", [(HOST, "transcript", "转身要，礼物的，啦一个火箭转一圈，哥哥们")], {"paid": True})
    assert any(e.cue == "gift_priced_pose" for e in room.timeline)
    bullet = feed(manager, "asr-b", [(viewer(1), "bullet", "转身要，礼物的")])
    assert not any(e.cue == "gift_priced_pose" for e in bullet.timeline)  # viewers' 弹幕 are typed, not transcribed


def test_stock_gone_then_more_of_it_is_a_false_scarcity(manager):
    lines = ["只有五十单手慢无", "秒空秒空了 一单都没了", "运营说最后再给二十单", "最后一单也没了 运营又给加了三十单"]
    room = feed(manager, "scarce", [(HOST, "transcript", t) for t in lines], {"category": "带货"})
    assert [e.cue for e in room.timeline].count("combo:fake_scarcity") == 2
    honest = ["后台上三百二十箱 卖完就没了", "还剩二百八十七箱", "还剩一百九十八 今天可能卖不完"]
    farm = feed(manager, "farm", [(HOST, "transcript", t) for t in honest], {"category": "带货"})
    assert not any(e.cue == "combo:fake_scarcity" for e in farm.timeline)


def test_a_comparative_boast_is_no_refusal(manager):
    room = feed(manager, "boast", [(HOST, "transcript", "三十万台全网销量第一啊你去任何平台搜没有比我卖得多的")])
    assert any(e.cue == "engine:live.absolute_term" for e in room.timeline)


def test_a_viewer_reading_a_figure_back_lower_is_a_doubt(manager):
    room = feed(manager, "doubt", [(viewer(1), "bullet", "右上角显示才两千多人在看")])
    assert [f for _, _, f in room.doubted] == ["crowd_staged"]


def test_a_room_acted_on_for_false_efficacy_is_held_for_review_at_once():
    # the floor by behaviour on hand-set cues, the recall heads off (session 19: the retrained false_ad head scores
    # the doctor's line 0.856 by itself, and the ladder alone then reaches review: the floor would go untested)
    engine = engine_without_heads()
    lines = [(HOST, "transcript", "今天给大家讲讲我们这款降糖茶"), (viewer(1), "bullet", "来了"),
             (HOST, "transcript", "我在医院干了三十年内分泌，这个方子是我自己研究的"),
             (HOST, "transcript", "我在医院干了三十年内分泌，这个方子是我自己研究的")]
    room = feed(RoomManager(engine), "floor", lines, {"category": "带货"})
    assert room.score < Thresholds().review  # the ladder alone would warn or limit
    assert room.action == "review"
    assert any(e.cue == "escalate:floor" for e in room.timeline)
    steps = feed(RoomManager(engine, thresholds=Thresholds(review_labels=frozenset())), "steps", lines,
                 {"category": "带货"})
    assert steps.action in ("warn", "limit")  # a platform may keep the steps


def test_a_vulgar_room_keeps_the_ladders_first_steps(manager):
    msgs = [(viewer(i), "bullet", t) for i, t in enumerate(REQUESTS)]
    room = feed(manager, "steps-v", msgs)
    assert room.action in ("warn", "limit")
    assert not any(e.cue == "escalate:floor" for e in room.timeline)


def test_a_good_deed_held_for_gifts_and_a_pretence_announced_on_air(manager):
    asr = "这样如果直，播间小心心到一千个我就还给失，主不然我就自己留着"  # ASR pauses inside words
    room = feed(manager, "wallet", [(HOST, "transcript", asr)])
    assert any(e.cue == "gift_condition" for e in room.timeline)
    plain = feed(manager, "wallet-ok", [(HOST, "transcript", "钱包我们马上送到服务中心，不用刷礼物")])
    assert not any(e.cue == "gift_condition" for e in plain.timeline)
    fake = feed(manager, "pretend", [(HOST, "transcript", "一会进去我就假装买东西你们注意看他的柜台")])
    assert any(e.cue == "staging" for e in fake.timeline)
    white = feed(manager, "white", [(HOST, "transcript", "每一盏都能溯源 吃一个月皮肤白两个度")])
    assert any(e.cue == "efficacy" for e in white.timeline)


def test_eval_live_scores_the_action_against_the_writers_at_above_and_below():
    from tools import eval_live

    stream = {"id": "s", "split": "dev", "violation": True, "violation_starts_at": "m1",
              "expect": {"room_action_at_least": "review"}, "messages": [{"id": "m1"}, {"id": "m2"}]}

    def frames(*acts: str) -> list[dict]:
        return [{"room": {"action": a, "reasons": []}} for a in acts]

    at = eval_live.score(stream, frames("warn", "review"))
    assert at["severity_ok"] and at["severity_exact"] and not at["severity_over"]
    above = eval_live.score(stream, frames("review", "end"))
    assert above["severity_ok"] and above["severity_over"] and not above["severity_exact"]
    below = eval_live.score(stream, frames("warn", "limit"))
    assert not below["severity_ok"] and not below["severity_exact"] and not below["severity_over"]


def test_viewers_reporting_the_flooders_of_a_room_acted_on_for_its_bullets_raise_it(manager):
    flood = [(viewer(i), "bullet", t) for i, t in enumerate(REQUESTS)]
    room = feed(manager, "flooded", flood)
    assert room.target == "viewers" and room.action in ("warn", "limit")
    before = room.action
    feed(manager, "flooded", [(viewer(20), "bullet", "这几个人好恶心")])
    assert any(e.cue == "crowd:crowd_report" for e in room.timeline)
    assert RANK[room.action] == RANK[before] + 1
    quiet = feed(manager, "quiet", [(viewer(21), "bullet", "这几个人好恶心")])
    assert quiet.action == "none" and not any(e.cue.startswith("crowd:") for e in quiet.timeline)


def test_sustained_evidence_of_a_review_behaviour_goes_to_review():
    manager = RoomManager(engine_without_heads())  # the recall heads off, as in the test above (session 19)
    doctor = (HOST, "transcript", "我在医院干了三十年内分泌，这个方子是我自己研究的")
    words = ["哈哈", "刚下班", "路过", "来了", "晚上好", "吃了吗", "看看"]
    chat = [(viewer(100 + i), "bullet", t) for i, t in enumerate(words)]
    room = feed(manager, "sus", [*[m for _ in range(3) for m in (doctor, *chat)], doctor], {"category": "带货"})
    assert room.score < Thresholds().warn
    assert room.action == "review"
    assert any(e.cue == "escalate:sustained" for e in room.timeline)
