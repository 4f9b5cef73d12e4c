"""Room readings of session 20 (issue 20): one viewer dictating a contact a character or two a message, decorations
and look-alikes included (reassemble.py `dictated`): the viewer's window, or its bits, decided whole by the engine,
whose own `drainage` label counts; one viewer sending again what the engine reads as a lure or a request (repeat.py).
Real RoomManager over real messages (sentences written for the tests, not taken from a room set)."""

from __future__ import annotations

import pytest

from qinglang.live import repeat
from qinglang.live.reassemble import dictated
from qinglang.live.room import Room, RoomManager

from .support import HOST, feed, viewer


@pytest.fixture
def manager(engine) -> RoomManager:
    return RoomManager(engine)


def _cues(room: Room) -> list[str]:
    return [ev.cue for ev in room.timeline]


GAME = {"category": "游戏"}
DICTATING_VIEWER = [(HOST, "transcript", "来兄弟们，这把打个排位"),
                    (viewer(3), "bullet", "晚上寂寞的哥哥看过来"),
                    (viewer(1), "bullet", "主播加油"),
                    (viewer(3), "bullet", "薇"), (viewer(3), "bullet", "💋"),
                    (viewer(2), "bullet", "这波可以"),
                    (viewer(3), "bullet", "k"), (viewer(3), "bullet", "7"), (viewer(3), "bullet", "丅"),
                    (viewer(3), "bullet", "m i"), (viewer(3), "bullet", "4 0 9"),
                    (HOST, "transcript", "好，推塔推塔")]


def test_a_contact_one_viewer_dictates_bit_by_bit_is_read_whole(manager):
    room = feed(manager, "dictating", DICTATING_VIEWER, GAME)
    assert any(c.startswith("reassembled:author:dictated:") for c in _cues(room))
    assert room.action == "review"  # 引流: held for review (verdict.py floor)
    assert room.target == "viewers"
    # once per viewer: a further bit adds nothing
    n = sum(c.startswith("reassembled:author:dictated:") for c in _cues(room))
    feed(manager, "dictating", [(viewer(3), "bullet", "8")], GAME)
    assert sum(c.startswith("reassembled:author:dictated:") for c in _cues(room)) == n


def test_the_same_bits_from_several_viewers_are_no_dictation(manager):
    # each viewer sends one bit: no one dictates (the crowd window keeps its own, stricter floor)
    msgs = [(viewer(10 + i), "bullet", bit) for i, bit in enumerate(["薇", "💋", "k", "7", "丅", "m i", "4 0 9"])]
    room = feed(manager, "scattered", [(HOST, "transcript", "来兄弟们，这把打个排位"), *msgs], GAME)
    assert not any(":dictated:" in c for c in _cues(room))


def test_short_cheers_and_sign_ins_are_no_dictation(manager):
    msgs = [(HOST, "transcript", "扣1的兄弟们我看到了，今天抽个号送皮肤")] + [
        (viewer(3), "bullet", t) for t in ["1", "1", "6", "666", "2", "我号是18级", "抽我", "88", "3 3", "1 1", "号"]]
    room = feed(manager, "cheers", msgs, GAME)
    assert room.action == "none"
    assert not any(":dictated:" in c for c in _cues(room))


@pytest.mark.parametrize(("pieces", "bits"), [
    (("晚上寂寞的哥哥看过来", "薇", "💋", "k", "7", "丅", "m i", "4 0 9"), "薇 💋 k 7 丅 m i 4 0 9"),
    (("威❤", "y x 0 6", "5 2 1", "看我主页 有惊喜", "9 9 ⑧"), "威❤ y x 0 6 5 2 1 9 9 ⑧"),
])
def test_the_bits_of_a_dictating_window(pieces, bits):
    assert dictated(pieces) == bits


@pytest.mark.parametrize("pieces", [
    ("薇", "k 7"),                                  # two bits: no dictation
    ("主播晚上好呀", "今天唱什么歌", "k 7"),         # words, one bit
    ("这个皮肤多少钱", "在哪里买的呀"),              # no bit at all
])
def test_no_dictation(pieces):
    assert dictated(pieces) == ""


# --- one viewer repeating (repeat.py) -----------------------------------------------------------------------------
F_POINTER = (("drainage", "frame.drainage.pointer_offer", 0.65, ()),)
F_HEAD = (("porn", "model.recall.porn", 0.62, ()), ("drainage", "lexicon.drainage.pointer", 0.8, ()))
F_BANK = (("drainage", "semantic.drainage", 0.62, ()),)


def test_a_label_the_same_viewer_sent_before_is_a_repeat():
    room = Room("r")
    room.seq = 1
    assert repeat.read(room, "u-1", F_POINTER) == []
    room.seq = 5
    assert repeat.read(room, "u-2", F_POINTER) == []  # another viewer: a flood's business, not a repeat
    room.seq = 9
    assert repeat.read(room, "u-1", F_HEAD) == [("repeat:viewer", "drainage", repeat.WEIGHT)]


def test_no_repeat_from_the_writer_bank_or_after_the_span():
    room = Room("r")
    room.seq = 1
    assert repeat.read(room, "u-1", F_BANK) == []
    room.seq = 2
    assert repeat.read(room, "u-1", F_BANK) == []  # the writer bank's votes on a short 弹幕 do not count
    assert repeat.read(room, "u-1", F_POINTER) == []
    room.seq = 2 + repeat.SPAN
    assert repeat.read(room, "u-1", F_POINTER) == []  # said again, but long after


def test_the_remembered_viewers_are_bounded():
    room = Room("r")
    for i in range(repeat.MAX_AUTHORS + 10):
        room.seq = i
        repeat.read(room, f"u-{i}", F_POINTER)
    assert len(room.labelled) == repeat.MAX_AUTHORS
    assert all(len(v) <= repeat.KEEP for v in room.labelled.values())


def test_a_viewer_posting_its_lure_again_moves_the_room(manager):
    lure = [(HOST, "transcript", "来兄弟们，这把打个排位"),
            (viewer(4), "bullet", "看我昵称 有福利"), (viewer(1), "bullet", "主播加油"),
            (HOST, "transcript", "好，对面打野来了"), (viewer(2), "bullet", "这波可以"),
            (viewer(4), "bullet", "主页有惊喜 懂的都懂"), (viewer(1), "bullet", "666"),
            (viewer(4), "bullet", "懂的来 看我主页有惊喜")]
    room = feed(manager, "lure", lure, GAME)
    assert "repeat:viewer" in _cues(room)
    assert room.target == "viewers"


def test_a_viewer_cheering_again_is_no_repeat(manager):
    cheers = ["主播唱得真好", "哈哈哈笑死", "主播唱得真好", "你好漂亮", "你好漂亮"]
    msgs = [(HOST, "transcript", "来兄弟们，这把打个排位")] + [(viewer(4), "bullet", t) for t in cheers]
    room = feed(manager, "cheer", msgs, GAME)
    assert "repeat:viewer" not in _cues(room)
    assert room.action == "none"


def test_one_viewer_pressing_a_body_request_again_is_no_repeat():
    room = Room("r")
    vulgar = (("vulgar", "model.campaign.vulgar", 0.62, ()),)
    room.seq = 1
    assert repeat.read(room, "u-1", vulgar) == []
    room.seq = 3
    assert repeat.read(room, "u-1", vulgar) == []  # one viewer's, not the room's (a flood needs several)
