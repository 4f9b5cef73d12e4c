"""Room readings of session 18 (issue 20): a handle dictated a character a message by one viewer (reassemble.py,
`Room.AUTHOR_WINDOW`). Real RoomManager over real messages (sentences written for the tests, not taken from a room
set)."""

from __future__ import annotations

import pytest

from qinglang.live.room import Room, RoomManager

from .support import HOST, feed, viewer


@pytest.fixture
def manager(engine) -> RoomManager:
    return RoomManager(engine)


def _cues(room: Room) -> list[str]:
    return [ev.cue for ev in room.timeline]


# one viewer dictating a WeChat ID one character per 弹幕, others chatting in between
DICTATED = [(viewer(9), "bullet", "想交朋友的看过来"), (viewer(9), "bullet", "v")]
for i, ch in enumerate("qm2046kt"):
    DICTATED.append((viewer(9), "bullet", ch))
    DICTATED.append((viewer(i), "bullet", "主播晚上好") if i % 2 else (HOST, "transcript", "今天聊聊天，随便唠唠"))


def test_a_handle_dictated_a_character_a_message_is_read_over_more_than_six_pieces(manager):
    room = feed(manager, "dictated", DICTATED)
    assert any(c.startswith("reassembled:author:") for c in _cues(room))
    assert room.action != "none"


def test_the_viewer_window_is_bounded_by_characters(manager):
    # long 弹幕 of one viewer do not make a longer window: at most the newest six of them
    long_chat = [(viewer(3), "bullet", f"今天的风景第{n}段真好看啊") for n in range(10)]
    room = feed(manager, "chat", long_chat)
    assert len(room.fragments["u-3"]) <= Room.FRAGMENTS
    assert Room.VIEWER_PIECES * Room.SHORT > Room.AUTHOR_WINDOW  # the character bound adds pieces only when short
    assert room.action == "none"


def test_the_window_change_needs_the_dictation_to_outgrow_six_pieces(manager):
    # the same dictation with the old fixed six pieces: the handle's first letters have left the window
    old = RoomManager(manager.engine)
    old_room = old.room("old", {"category": "聊天"})
    old_room.AUTHOR_WINDOW = 0  # type: ignore[misc]  # only the six newest pieces, as before session 18
    for author, kind, text in DICTATED:
        old.observe("old", {"id": f"m{old_room.seq}", "kind": kind, "text": text, "author": author,
                            "ts": "2024-07-14T20:20:00+08:00"})
    # (session 20) the dictation itself is read in any window (reassemble.py `dictated`): not the spelled handle
    assert not any(c.startswith("reassembled:") and ":dictated:" not in c for c in _cues(old_room))


# viewers pressing a host with body requests; the host rebukes them again and again and they go on
HARASSED = [(HOST, "transcript", "今天带大家逛逛早市"), (viewer(1), "bullet", "主播转个身看看"),
            (viewer(2), "bullet", "给看看腿"), (HOST, "transcript", "再说就拉黑了啊，低俗的弹幕一律不理"),
            (viewer(3), "bullet", "穿黑丝吧"), (viewer(4), "bullet", "弯个腰"),
            (HOST, "transcript", "房管帮我把这些人禁言，请自重"), (viewer(5), "bullet", "露一下"),
            (viewer(6), "bullet", "脱了吧"), (viewer(7), "bullet", "转个身给看看腿")]


def test_viewers_who_go_on_after_repeated_rebukes_get_a_room_action_aimed_at_them(manager):
    room = feed(manager, "harassed", HARASSED)
    assert room.rebukes == 2
    assert "unheeded:viewers" in _cues(room)
    assert room.action != "none"
    assert room.target == "viewers"  # 弹幕 management and the listed accounts, not the host


def test_the_viewers_going_on_are_bounded(manager):
    from qinglang.live.witness import persist

    room = Room("r")
    room.rebukes = 5
    for i in range(50):
        persist(room, f"u-{i}", "vulgar")
    assert len(room.persisting) <= 8


def test_one_rebuke_or_one_persisting_viewer_adds_nothing(manager):
    once = [m for m in HARASSED if not (m[0] is HOST and "房管" in m[2])]  # the host rebukes once only
    room = feed(manager, "once", once)
    assert room.rebukes == 1
    assert "unheeded:viewers" not in _cues(room)
    alone = HARASSED[:7] + [(viewer(3), "bullet", t) for t in ("露一下", "脱了吧", "转个身给看看腿")]
    room = feed(manager, "alone", alone)  # after the second rebuke only the viewer already counted goes on
    assert [c for c in _cues(room) if c == "unheeded:viewers"] == []


def test_the_engine_read_of_a_viewer_counts_only_for_the_labels_it_names():
    from qinglang.live.witness import viewer_label

    assert viewer_label([], [("vulgar", "model.campaign.vulgar", 0.62, ())], "") == "vulgar"
    assert viewer_label([], [("abuse", "model.campaign.abuse", 0.9, ())], "") == ""  # banter and insults: no
    assert viewer_label([], [("drainage", "semantic.drainage", 0.62, ())], "") == ""  # the writer bank: no
    assert viewer_label([], [("vulgar", "frame.vulgar.live_body_request", 0.5, ())], "") == ""  # under the floor
    assert viewer_label([("sexual_request", "vulgar", 0.45)], [], "") == "vulgar"
    assert viewer_label([], [], "porn") == "porn"  # a request made after a rebuke


def test_minors_named_are_no_adult_only_euphemism():
    from qinglang.live.cues import load_cues

    evasion = next(f for f in load_cues().families if f.name == "evasion")
    assert evasion.pattern is not None
    assert evasion.pattern.search("都是成年人的游戏，懂的都懂")  # the adults-only wink stays
    assert not evasion.pattern.search("姐姐不收未成年人的礼物")  # 未成年人的 names the minors the host protects


# a host selling "内部特供" liquor, viewers asking questions no cue reads as doubt, the host dismissing them
SPECIAL = [(HOST, "transcript", "家人们，今天这场是内部场，外面根本买不到的，内部渠道，你们懂的，我不能说太细"),
           (viewer(1), "bullet", "什么酒啊"), (viewer(2), "bullet", "三千的酒卖三百九十九？"),
           (HOST, "transcript", "外面这个级别的要三千多，直播间三百九十九，两瓶包邮"),
           (viewer(3), "bullet", "网址怎么不是官网"),
           (HOST, "transcript", "不懂的可以不买，别在这带节奏，信不信由你")]


def test_a_host_dismissing_doubt_instead_of_answering_it_corroborates_the_host(manager):
    room = feed(manager, "special", SPECIAL)
    assert [c for c in _cues(room) if c.startswith("crowd:")] == ["crowd:dismiss_doubt"]  # one per message


def test_a_dismissal_counts_only_after_the_host_gave_evidence(manager):
    # the same words in a match commentary, with nothing from the host before them
    room = feed(manager, "match", [(HOST, "transcript", "今晚总决赛，大家好好看比赛"),
                                   (viewer(1), "bullet", "裁判黑哨"),
                                   (HOST, "transcript", "别带节奏啊，裁判的判罚大家看回放")])
    assert not any(c.startswith("crowd:") for c in _cues(room))
    assert room.action == "none"


def test_a_host_message_gives_one_corroboration_however_many_families_read_it(manager):
    # a viewer's doubt opens `silence_doubt`; the host's 带节奏 then matches it and `dismiss_doubt`: one hit
    msgs = [*SPECIAL[:3], (viewer(4), "bullet", "演的吧"), SPECIAL[-1]]
    room = feed(manager, "both", msgs)
    last = room.seq
    assert len([e for e in room.timeline if e.seq == last and e.cue.startswith("crowd:")]) == 1


def test_the_learned_heads_read_a_viewers_request_no_frame_names():
    from qinglang.live.engine_read import Reading, engine_hits

    room = Room("r")
    room.seq = 5  # past any rebuke (a request right after one is not counted)
    viewer_reading = Reading("viewer", False, "bullet", False, 0.25, False, False, frozenset(), frozenset(), [],
                             frozenset(), 3.8)
    hits, _ = engine_hits(room, [("vulgar", "model.campaign.vulgar", 0.62, ((0, 5),))], viewer_reading, "")
    assert hits == [("engine:model.campaign.vulgar", "vulgar", 0.45)]  # a viewer's share, as a frame's read
    hits, _ = engine_hits(room, [("abuse", "model.cold.offensive", 0.9, ((0, 5),))], viewer_reading, "")
    assert hits == []  # insults and banter: not from the viewers
    hits, _ = engine_hits(room, [("drainage", "semantic.drainage", 0.62, ((0, 5),))], viewer_reading, "")
    assert hits == []  # the writer bank fires on greetings in live 弹幕: not read here


def test_learned_reads_of_several_viewers_make_a_flood_one_viewer_does_not(manager):
    asks = ["主播站到风扇前面 让裙子飘起来", "主播今天的裙子好短 再短点", "主播坐低一点 腿放桌上"]
    crowd = feed(manager, "crowd", [(HOST, "transcript", "今天逛夜市")] + [(viewer(i), "bullet", t)
                                                                      for i, t in enumerate(asks)])
    assert "flood:viewers" in _cues(crowd)
    one = feed(manager, "one", [(HOST, "transcript", "今天逛夜市")] + [(viewer(1), "bullet", t) for t in asks])
    assert "flood:viewers" not in _cues(one)
    assert one.action == "none"
