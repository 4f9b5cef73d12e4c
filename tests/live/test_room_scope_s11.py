"""Room behaviour classes of session 11 (issue 20): where a refusal reaches in what the engine found, platform
events as notices, a host disclaiming a script, a room's limits said to be kept, and harassment filmed."""

from __future__ import annotations

import pytest

from qinglang.live.messages import Message
from qinglang.live.room import Room, RoomManager

HOST = {"id": "h-1", "role": "host"}
GUEST = {"id": "g-1", "role": "guest"}
CLAIM = ("false_science", "claims.false_science.efficacy", 0.62)


@pytest.fixture
def manager(engine) -> RoomManager:
    return RoomManager(engine)


def fold(m: RoomManager, room: Room, text: str, spans: tuple[tuple[int, int], ...], kind: str = "transcript") -> list:
    """Fold one host message whose engine decision found CLAIM with evidence at `spans`; the cues it added."""
    msg = Message.from_json({"id": f"m{room.seq}", "kind": kind, "text": text, "author": HOST})
    m._fold(room, msg, ((*CLAIM, spans),), "")
    return [e.cue for e in room.timeline if e.seq == room.seq]


def test_a_refusal_cancels_what_the_engine_found_in_its_clause_not_before_it(manager):
    text = "孩子咳嗽是在长身体，这几天都不要吃药"
    at = text.index("吃药")
    assert fold(manager, Room("a"), text, ((0, 4),)) == ["engine:claims.false_science.efficacy"]
    assert fold(manager, Room("b"), text, ((at, at + 2),)) == []  # the evidence is the refused words themselves
    assert fold(manager, Room("c"), text, ()) == []  # evidence not located: the whole message is refused


def test_a_refusal_also_covers_the_reason_given_right_after_it(manager):
    text = "谢谢，别刷大的，大家赚钱都不容易，早点休息"
    at = text.index("不容易")
    assert fold(manager, Room("a"), text, ((at, at + 3),)) == []
    assert fold(manager, Room("b"), text, ((0, 2),)) == ["engine:claims.false_science.efficacy"]


def test_a_platform_event_is_a_notice_not_the_hosts_words(manager):
    text = "直播间已开启付费模式，门票 8 元"
    assert fold(manager, Room("a"), text, ((0, 4),), kind="event") == []
    assert fold(manager, Room("b"), text, ((0, 4),), kind="transcript") == ["engine:claims.false_science.efficacy"]


def feed(m: RoomManager, room_id: str, msgs: list[tuple[dict[str, str], str]]) -> list[str]:
    for i, (author, text) in enumerate(msgs):
        m.observe(room_id, {"id": f"m{i}", "kind": "transcript", "text": text, "author": author,
                            "ts": "2024-08-03T20:10:00+08:00"})
    room = m.get(room_id)
    assert room is not None
    return [e.cue for e in room.timeline]


def test_a_host_disclaiming_a_hardship_script_does_not_make_a_plea(manager):
    said = feed(manager, "plea", [(HOST, "小黄车二号链接上架了"), (HOST, "家里的橙子卖不出去就烂在地里了")])
    assert "combo:plea_sales" in said
    disclaimed = feed(manager, "honest", [(HOST, "小黄车二号链接上架了"),
                                          (HOST, "我们也不说什么卖不出去就烂在地里了那种话")])
    assert "combo:plea_sales" not in disclaimed


def test_a_rooms_limits_said_to_be_kept_are_not_a_tease(manager):
    assert "gift_for_show" in feed(manager, "tease", [(HOST, "想看尺度的家人们刷起来")])
    assert "gift_for_show" not in feed(manager, "kept", [(HOST, "我们这个节目尺度跟电视台播的一样")])
    assert "gift_for_show" not in feed(manager, "care", [(HOST, "聊这个话题要注意尺度")])


def test_innuendo_put_to_a_stranger_who_objects_on_air_is_harassment(manager):
    cues = feed(manager, "street", [(HOST, "小哥哥问你个问题，哪方面你自己理解哈"), (GUEST, "你有病吧，别拍我")])
    assert "combo:harass_stranger" in cues
    # either move alone is ordinary: a price "you know", a co-host's 你有病
    assert not any(c.startswith("combo:") for c in feed(manager, "price", [(HOST, "这个价格你懂的")]))
    assert not any(c.startswith("combo:") for c in feed(manager, "pk", [(GUEST, "你有病吧，这都能输")]))


def test_the_camera_taken_down_a_strangers_body_and_her_objection_is_harassment_filmed(manager):
    cues = feed(manager, "film", [(HOST, "镜头往下带一带，老铁们看清楚了没"), (GUEST, "不许拍我，我要报警")])
    assert "camera_body" in cues and "combo:harass_filming" in cues


def test_a_pose_priced_in_gifts_counts_in_full_even_while_the_host_counts_beats(manager):
    cues = feed(manager, "priced", [(HOST, "今晚规则，一个火箭我就趴下跳一个八拍")])  # 八拍 opens a lesson
    room = manager.get("priced")
    assert room is not None and "gift_priced_pose" in cues
    assert any(e.cue == "gift_priced_pose" and e.weight == 1.0 for e in room.timeline)
    # dancing or singing for gifts is a talent room's trade
    assert "gift_priced_pose" not in feed(manager, "trade", [(HOST, "一个火箭我就再跳一支舞")])
