"""Room classes of session 15 (issue 20): a first room action rests on a pattern, not one message (verdict.py
`largest`, `Thresholds.pattern`); a host calling a claim nonsense (瞎说) refuses it; telling children not to tip is a
gift refusal; a handle spelled after a contact word used as a label ("V：tian"). Real RoomManager over real messages."""

from __future__ import annotations

import pytest

from qinglang.live.messages import Thresholds
from qinglang.live.room import Room, RoomManager
from qinglang.live.spelled import spelled_handle
from qinglang.live.verdict import largest

from .support import HOST, feed, viewer


@pytest.fixture
def manager(engine) -> RoomManager:
    return RoomManager(engine)


def test_largest_is_the_heaviest_single_message_decayed():
    room = Room("r")
    room.seq = 10
    room.added.extend([(8, 2.0), (10, 1.0)])
    assert largest(room, 0.5) == pytest.approx(1.0)  # 2.0 two messages ago = 0.5; 1.0 now
    assert largest(room, 1.0) == pytest.approx(2.0)
    assert largest(Room("empty"), 0.97) == 0.0


def test_one_hot_message_does_not_act_on_a_room(manager):
    """Everything the room holds comes from one message: a pattern needs more than that message."""
    t = Thresholds()
    room = Room("one")
    # the state of a room right after one host line added 3.5 and an earlier one added 0.6
    room.seq, room.labels, room.added = 20, {"minors_harm": 4.1}, type(room.added)([(5, 0.6), (20, 3.5)], maxlen=8)
    room.evidence.extend([5, 20])
    from qinglang.live.verdict import decide

    why, _ = decide(room, [("solicit", "minors_harm", 3.5)], t, Room.FLOOD_WINDOW)
    assert room.action == "none" and why == ""
    # the same score spread over messages is a pattern
    spread = Room("spread")
    spread.seq, spread.labels = 20, {"minors_harm": 4.1}
    spread.added.extend([(12, 1.4), (16, 1.3), (20, 1.4)])
    spread.evidence.extend([12, 16, 20])
    decide(spread, [("solicit", "minors_harm", 1.4)], t, Room.FLOOD_WINDOW)
    assert spread.action != "none"


def test_a_room_built_over_messages_is_still_acted_on(manager):
    lines = ["这款茶喝一个疗程，血糖就下来了", "糖尿病喝了三个月就好了，胰岛素都停了",
             "我是三甲医院退休的主任，这是祖传秘方", "高血压喝了就降下来，不用吃药"]
    room = feed(manager, "quack", [(HOST, "transcript", t) for t in lines], {"category": "健康"})
    assert room.action == "review"


def test_a_host_calling_a_cure_nonsense_is_no_claim(manager):
    """"你说治病那是瞎说" refuses the cure in its clause: neither a hardship story for a sale nor an efficacy claim."""
    lines = ["今天的苹果六十九包邮，二号链接", "苹果就是苹果 水果 你说治病那是瞎说 好吃 解馋",
             "有小一点的 五十九包邮 二号链接", "坏了拍照 坏几个赔几个"]
    room = feed(manager, "apples", [(HOST, "transcript", t) for t in lines], {"category": "带货"})
    assert not any(ev.cue.startswith("combo:") for ev in room.timeline)
    assert room.labels.get("staged", 0.0) == 0.0
    assert room.action == "none"


def test_telling_children_not_to_tip_is_no_solicitation(manager):
    msgs = [(viewer(1), "bullet", "我五年级"), (viewer(1), "bullet", "我妈手机有钱"),
            (HOST, "transcript", "下播了 拜拜 记住啊 小朋友不刷礼物 不加陌生人")]
    room = feed(manager, "kids", msgs, {"category": "游戏"})
    assert room.labels.get("minors_harm", 0.0) < 0.5
    assert room.action == "none"


def test_a_handle_spelled_after_a_contact_word_as_a_label():
    assert spelled_handle(("想进的看我这几条", "V：tian", "xin520", "后面再加个 _88 哈")) == "tianxin520"
    assert spelled_handle(("vx号：ab", "cd", "1234")) == "abcd1234"
    assert spelled_handle(("V：主播好", "666")) is None  # a greeting after the word spells no handle
    assert spelled_handle(("薇：好看", "哈哈哈")) is None


def test_a_viewer_spelling_a_labelled_handle_acts_on_the_room(manager):
    msgs = [(viewer(7), "bullet", "有没有一起聊天的姐妹 我这边有个树洞群"), (viewer(7), "bullet", "想进的看我这几条"),
            (viewer(7), "bullet", "V：tian"), (viewer(2), "bullet", "主播好"), (viewer(7), "bullet", "xin520")]
    room = feed(manager, "tree-hole", msgs)
    assert room.action != "none"
    assert any(ev.cue.startswith("reassembled:") and ev.label == "drainage" for ev in room.timeline)


def test_eval_live_tables_the_expected_action_per_behaviour():
    from tools import eval_live

    def stream(sid: str, label: str, want: str) -> dict:
        return {"id": sid, "split": "dev", "violation": True, "violation_starts_at": "m1",
                "expect": {"room_labels": [label], "room_action_at_least": want},
                "messages": [{"id": "m1"}, {"id": "m2"}]}

    def frames(*acts: str) -> list[dict]:
        return [{"room": {"action": a, "reasons": []}} for a in acts]

    streams = [stream("a", "vulgar", "limit"), stream("b", "vulgar", "review"), stream("c", "gambling", "block")]
    acts = [("warn", "review"), ("warn", "review"), ("none", "none")]
    results = [eval_live.score(s, frames(*a)) for s, a in zip(streams, acts, strict=True)]
    table = eval_live.behaviour_table(streams, results)
    assert "| vulgar | 2 | limit 1, review 1 | 1 | 1 | 0 | 0 |" in table
    assert "| gambling | 1 | end 1 | 0 | 0 | 1 | 1 |" in table  # the writer's `block` is the room's `end`


@pytest.mark.parametrize("text", ["私下多少 开个价", "ypa吗 yp懂不懂", "腿挺白的 镜头往下", "🐻大不大 让我看看",
                                  "舔屏中", "站起来转一圈看看"])
def test_harassment_slang_reads_as_a_sexual_request(manager, text):
    room = feed(manager, f"slang-{text}", [(viewer(1), "bullet", text)])
    assert any(ev.cue == "sexual_request" for ev in room.timeline)


@pytest.mark.parametrize("text", ["镜头往下翻一下看评论", "这个yp3型号的吗", "YPR是啥"])
def test_ordinary_words_near_the_slang_do_not(manager, text):
    room = feed(manager, f"plain-{text}", [(viewer(1), "bullet", text)])
    assert not any(ev.cue == "sexual_request" for ev in room.timeline)


def test_a_flood_of_harassment_slang_acts_on_a_singing_room(manager):
    lines = ["主播今天穿的什么颜色的内衣", "站起来转一圈看看", "多少钱一晚", "腿挺白的 镜头往下", "私下多少 开个价",
             "🐻大不大 让我看看"]
    room = feed(manager, "sing", [(viewer(i), "bullet", t) for i, t in enumerate(lines)], {"category": "音乐"})
    assert room.action != "none" and room.target == "viewers"
